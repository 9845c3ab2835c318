"""The API's collections, each a thin class over the client's shared transport (`Keys` is
the admin API's, used by `AdminClient`)."""

from zentrik_ui.client.resources.ideas import Ideas
from zentrik_ui.client.resources.insights import Insights
from zentrik_ui.client.resources.keys import Keys
from zentrik_ui.client.resources.opportunities import Opportunities
from zentrik_ui.client.resources.signals import Signals

__all__ = ["Ideas", "Insights", "Keys", "Opportunities", "Signals"]

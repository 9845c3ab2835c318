"""The API's collections, each a thin class over the client's shared transport."""

from zentrik_ui.client.resources.ideas import Ideas
from zentrik_ui.client.resources.insights import Insights
from zentrik_ui.client.resources.opportunities import Opportunities
from zentrik_ui.client.resources.signals import Signals

__all__ = ["Ideas", "Insights", "Opportunities", "Signals"]

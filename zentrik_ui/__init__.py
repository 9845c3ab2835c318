"""The Zentrik workbench's library: the typed API client, its models and Streamlit glue.

from zentrik_ui import ZentrikClient, NotFoundError
client = ZentrikClient(base_url, api_key)

The client's public names (`ZentrikClient` and its error tree) are listed once, in
`zentrik_ui.client`, and re-exported here as they are.
"""

from zentrik_ui.client import *  # noqa: F403
from zentrik_ui.client import __all__ as __all__

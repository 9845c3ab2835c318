"""`AdminClient`: the local server's key management and workspace models (`/admin/v1`), for
Settings and tests.

It authenticates with the server's admin token (`<data_dir>/admin_token`), not a workspace
key, and shares the workspace client's transport: same retries, errors and redaction.
"""

from __future__ import annotations

import httpx

from zentrik_ui.client._base import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, BaseClient
from zentrik_ui.client.resources._resource import adapter
from zentrik_ui.client.resources.keys import ADMIN_PATH, Keys
from zentrik_ui.client.resources.model import WorkspaceModel
from zentrik_ui.models import ServerInfo


class AdminClient(BaseClient):
    def __init__(
        self,
        base_url: str,
        admin_token: str,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(
            base_url,
            admin_token,
            timeout=timeout,
            max_retries=max_retries,
            transport=transport,
            token_name="admin token",
        )
        self.keys = Keys(self)
        self.model = WorkspaceModel(self)

    def info(self) -> ServerInfo:
        """Where the server keeps its data (database URL without password) and its version."""
        return self.request_model("GET", f"{ADMIN_PATH}/info", adapter(ServerInfo))

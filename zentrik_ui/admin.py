"""`AdminClient`: the local server's key management (`/admin/v1`), for Settings and tests.

It authenticates with the server's admin token (`<data_dir>/admin_token`), not a workspace
key, and shares the workspace client's transport: same retries, errors and redaction.
"""

from __future__ import annotations

import builtins
import uuid
from urllib.parse import quote

import httpx

from zentrik_ui.client._base import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, BaseClient, Retry
from zentrik_ui.client.resources._resource import adapter, query_params
from zentrik_ui.models import ApiKeyRecord, CreatedApiKey, ServerInfo

ADMIN_PATH = "/admin/v1"


class Keys:
    """`admin.keys`: a workspace's API keys; the plaintext of a key is shown once, at create."""

    path = f"{ADMIN_PATH}/keys"

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    def list(self, workspace: str | None = None) -> builtins.list[ApiKeyRecord]:
        params = query_params({"workspace": workspace})
        return self._client.request_model(
            "GET", self.path, adapter(builtins.list[ApiKeyRecord]), params=params
        )

    def create(
        self, workspace: str, scopes: builtins.list[str] | None = None, name: str | None = None
    ) -> CreatedApiKey:
        """A new key for `workspace` (created if new); all scopes unless `scopes` is given."""
        body = {"workspace": workspace, "scopes": scopes, "name": name}
        body = {k: v for k, v in body.items() if v is not None}
        return self._client.request_model(
            "POST",
            self.path,
            adapter(CreatedApiKey),
            json=body,
            headers={"Idempotency-Key": str(uuid.uuid4())},
            # The admin API may not replay Idempotency-Keys: never risk a second key.
            retry=Retry.UNSENT_ONLY,
        )

    def revoke(self, id: str) -> ApiKeyRecord:
        return self._client.request_model(
            "DELETE", f"{self.path}/{quote(id, safe='')}", adapter(ApiKeyRecord)
        )


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

    def info(self) -> ServerInfo:
        """Where the server keeps its data (database URL without password) and its version."""
        return self.request_model("GET", f"{ADMIN_PATH}/info", adapter(ServerInfo))

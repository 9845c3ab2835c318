"""`admin.keys`: a workspace's API keys, through the local server's admin API."""

from __future__ import annotations

import builtins
import uuid
from urllib.parse import quote

from zentrik_ui.client._base import BaseClient, Retry
from zentrik_ui.client.resources._resource import adapter, query_params
from zentrik_ui.models import ApiKeyRecord, CreatedApiKey

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

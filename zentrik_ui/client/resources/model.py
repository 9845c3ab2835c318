"""`admin.model`: a workspace's model of its triage decisions, through the local server's
admin API (`/admin/v1/model?workspace=NAME`: status, retrain, reset)."""

from __future__ import annotations

from zentrik_ui.client._base import BaseClient
from zentrik_ui.client.resources._resource import adapter
from zentrik_ui.client.resources.keys import ADMIN_PATH
from zentrik_ui.models import ModelStatus


class WorkspaceModel:
    """`admin.model`: what the workspace's model learned, and retrain or forget it. A server
    without these endpoints (a remote Zentrik, an older local one) answers 404."""

    path = f"{ADMIN_PATH}/model"

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    def status(self, workspace: str) -> ModelStatus:
        return self._call("GET", workspace)

    def retrain(self, workspace: str) -> ModelStatus:
        """Train on every decision so far (seconds for a thousand) and answer the new status."""
        return self._call("POST", workspace)

    def reset(self, workspace: str) -> ModelStatus:
        """Forget the model and the decisions it learned from: the engine alone again."""
        return self._call("DELETE", workspace)

    def _call(self, method: str, workspace: str) -> ModelStatus:
        params = {"workspace": workspace}
        return self._client.request_model(method, self.path, adapter(ModelStatus), params=params)

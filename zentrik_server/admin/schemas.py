"""Payloads of the admin API."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from zentrik_server.config import Scope
from zentrik_server.schemas import ApiModel, ApiOut


class KeyCreate(ApiModel):
    workspace: str = Field(
        min_length=1, max_length=200, description="Workspace name (created if missing)"
    )
    scopes: list[Scope] | None = Field(default=None, description="Default: every scope")
    name: str = Field(default="", max_length=200, description="A label for the key")


class KeyRecord(ApiOut):
    id: str
    name: str
    prefix: str
    workspace: str
    workspace_id: str
    scopes: list[str]
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


class CreatedKey(KeyRecord):
    key: str = Field(description="The key in clear: shown this once, stored only as a hash")


class ServerInfo(ApiOut):
    data_dir: str
    database: str
    version: str

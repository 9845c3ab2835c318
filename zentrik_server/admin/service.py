"""Creating, listing and revoking API keys (shared by the admin API and the CLI)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from zentrik_server.auth import repository
from zentrik_server.auth.keys import generate_key, hash_key, visible_prefix
from zentrik_server.config import SCOPES
from zentrik_server.db.models import ApiKey, Workspace
from zentrik_server.errors import NotFound


def key_record(api_key: ApiKey, workspace: Workspace) -> dict[str, Any]:
    return {
        "id": api_key.id,
        "name": api_key.name,
        "prefix": api_key.prefix,
        "workspace": workspace.name,
        "workspaceId": workspace.id,
        "scopes": list(api_key.scopes),
        "createdAt": api_key.created_at,
        "revokedAt": api_key.revoked_at,
        "lastUsedAt": api_key.last_used_at,
    }


def create_key(
    session: Session, workspace_name: str, scopes: Sequence[str] | None = None, name: str = ""
) -> dict[str, Any]:
    """A new key for the workspace (created if needed); the record carries the key in clear."""
    workspace = repository.get_or_create_workspace(session, workspace_name)
    key = generate_key()
    chosen = list(dict.fromkeys(scopes)) if scopes is not None else list(SCOPES)
    api_key = repository.add_key(
        session,
        workspace=workspace,
        name=name,
        scopes=chosen,
        prefix=visible_prefix(key),
        key_hash=hash_key(key),
    )
    session.commit()
    return {**key_record(api_key, workspace), "key": key}


def list_keys(session: Session, workspace_name: str | None = None) -> list[dict[str, Any]]:
    return [key_record(k, w) for k, w in repository.list_keys(session, workspace_name)]


def revoke_key(session: Session, key_id: str) -> dict[str, Any]:
    found = repository.get_key(session, key_id)
    if found is None:
        raise NotFound(f"No API key found with id {key_id}")
    api_key, workspace = found
    repository.revoke_key(session, api_key)
    session.commit()
    return key_record(api_key, workspace)

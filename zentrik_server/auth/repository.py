"""Every query on workspaces and API keys."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from zentrik_server.db.models import ApiKey, Workspace
from zentrik_server.db.types import utcnow


def workspace_named(session: Session, name: str) -> Workspace | None:
    return session.scalars(select(Workspace).where(Workspace.name == name)).first()


def get_or_create_workspace(session: Session, name: str) -> Workspace:
    """The workspace called `name`, created if missing (safe when two callers race)."""
    existing = workspace_named(session, name)
    if existing is not None:
        return existing
    try:
        with session.begin_nested():
            workspace = Workspace(name=name, signal_seq=0)
            session.add(workspace)
        return workspace
    except IntegrityError:
        return session.scalars(select(Workspace).where(Workspace.name == name)).one()


def add_key(
    session: Session,
    *,
    workspace: Workspace,
    name: str,
    scopes: Sequence[str],
    prefix: str,
    key_hash: str,
) -> ApiKey:
    api_key = ApiKey(
        workspace_id=workspace.id, name=name, scopes=list(scopes), prefix=prefix, key_hash=key_hash
    )
    session.add(api_key)
    session.flush()
    return api_key


def list_keys(session: Session, workspace_name: str | None) -> list[tuple[ApiKey, Workspace]]:
    query = select(ApiKey, Workspace).join(Workspace, Workspace.id == ApiKey.workspace_id)
    if workspace_name is not None:
        query = query.where(Workspace.name == workspace_name)
    rows = session.execute(query.order_by(ApiKey.created_at.desc(), ApiKey.id.desc()))
    return [(key, workspace) for key, workspace in rows]


def get_key(session: Session, key_id: str) -> tuple[ApiKey, Workspace] | None:
    row = session.execute(
        select(ApiKey, Workspace)
        .join(Workspace, Workspace.id == ApiKey.workspace_id)
        .where(ApiKey.id == key_id)
    ).first()
    return None if row is None else (row[0], row[1])


class KeyState(NamedTuple):
    """What resolving a key needs, read without loading the ORM object."""

    id: str
    workspace_id: str
    scopes: list[str]
    revoked_at: datetime | None
    last_used_at: datetime | None


def find_by_hash(session: Session, key_hash: str) -> KeyState | None:
    row = session.execute(
        select(
            ApiKey.id, ApiKey.workspace_id, ApiKey.scopes, ApiKey.revoked_at, ApiKey.last_used_at
        ).where(ApiKey.key_hash == key_hash)
    ).first()
    return None if row is None else KeyState(row[0], row[1], list(row[2]), row[3], row[4])


def touch_key(session: Session, key_id: str) -> None:
    session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=utcnow()))


def count_revoked(session: Session) -> int:
    """How many keys were ever revoked: it changes with every revocation and nothing else."""
    return int(session.scalar(select(func.count(ApiKey.revoked_at))) or 0)


def revoke_key(session: Session, api_key: ApiKey) -> None:
    if api_key.revoked_at is None:
        api_key.revoked_at = utcnow()
    session.flush()

"""Create and update for resources with link lists: the rules the four features share.

Link ids are checked against the caller's workspace first (422 naming the unknown ones), then
the row and its links are written; the caller commits (see `idempotency.commit_create`).
A PATCH or DELETE holds its row from its first statement, so an `If-Match` compared there
(see versions.py) still holds when the write lands.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from zentrik_server.auth.service import Caller
from zentrik_server.db.types import new_id, utcnow
from zentrik_server.idempotency import Answer, commit_create
from zentrik_server.resources import records, versions
from zentrik_server.resources.links import LinkField, check_exist, replace_links
from zentrik_server.resources.records import Json, Resource
from zentrik_server.schemas import ApiModel


def _split(
    changes: Mapping[str, Any], link_fields: Mapping[str, LinkField]
) -> tuple[dict[str, Any], dict[LinkField, list[str]]]:
    """Sent fields by Python name -> (column values, link lists)."""
    columns = {k: v for k, v in changes.items() if k not in link_fields}
    links = {link_fields[k]: v for k, v in changes.items() if k in link_fields}
    return columns, links


def create(
    session: Session,
    resource: Resource,
    workspace_id: str,
    columns: Mapping[str, Any],
    links: Mapping[LinkField, list[str]],
) -> Json:
    """Insert the row and its links; the answer is built from what was written (no re-read)."""
    checked = {f: check_exist(session, workspace_id, f, ids) for f, ids in links.items()}
    object_id, now = new_id(), utcnow()
    values = {
        **columns,
        "id": object_id,
        "workspace_id": workspace_id,
        "created_at": now,
        "updated_at": now,
    }
    records.add(session, resource, values)
    for field, ids in checked.items():
        replace_links(session, field, object_id, ids)
    # Links read back in id order (the link tables' index order), so answer them that way.
    return records.as_written(resource, values, {f.name: sorted(ids) for f, ids in checked.items()})


def hold(
    session: Session, resource: Resource, workspace_id: str, object_id: str, if_match: str | None
) -> None:
    """Lock the row for the write that follows; with `if_match`, 412 unless it is that version."""
    records.lock(session, resource, workspace_id, object_id)
    if if_match is not None:
        versions.require(session, resource, workspace_id, object_id, if_match)


def update(
    session: Session,
    resource: Resource,
    workspace_id: str,
    object_id: str,
    columns: Mapping[str, Any],
    links: Mapping[LinkField, list[str]],
    if_match: str | None = None,
) -> bytes:
    """The row and links changed; answers the GET body as it is now (its ETag's source)."""
    hold(session, resource, workspace_id, object_id, if_match)
    checked = {f: check_exist(session, workspace_id, f, ids) for f, ids in links.items()}
    records.change(session, resource, object_id, {**columns, "updated_at": utcnow()})
    for field, ids in checked.items():
        replace_links(session, field, object_id, ids)
    return records.get_body(session, resource, workspace_id, object_id)


def create_answer(
    session: Session,
    caller: Caller,
    resource: Resource,
    body: ApiModel,
    key: str | None,
    then: Callable[[Json], None] | None = None,
) -> Answer:
    """POST: create from the body, committed with its Idempotency-Key record (201); `then`
    (given the new object) adds what it implies to the same transaction."""

    def write() -> Answer:
        columns, links = _split(body.model_dump(), resource.link_fields)
        created = create(session, resource, caller.workspace_id, columns, links)
        if then is not None:
            then(created)
        return 201, created

    return commit_create(session, caller.workspace_id, key, f"POST {resource.noun}", body, write)


def update_from(
    session: Session,
    caller: Caller,
    resource: Resource,
    object_id: str,
    body: ApiModel,
    also: Mapping[str, Any] | None = None,
    if_match: str | None = None,
    then: Callable[[], None] | None = None,
) -> bytes:
    """PATCH: only the fields sent change (plus `also`), then `then` runs, all committed at
    once; answers the GET body."""
    columns, links = _split(body.changes(), resource.link_fields)
    changes = {**columns, **(also or {})}
    result = update(session, resource, caller.workspace_id, object_id, changes, links, if_match)
    if then is not None:
        then()
    session.commit()
    return result


def delete(
    session: Session, caller: Caller, resource: Resource, object_id: str, if_match: str | None
) -> None:
    hold(session, resource, caller.workspace_id, object_id, if_match)
    records.remove(session, resource, caller.workspace_id, object_id)
    session.commit()

"""Generic reads and writes shared by the four resources (core SQL, no ORM on hot paths).

A `Resource` says which table, which link fields and how a row becomes JSON; the feature
packages (`insights/`, `signals/`, ...) add their own rules on top.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    RowMapping,
    Select,
    String,
    Table,
    delete,
    func,
    insert,
    select,
    tuple_,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

from zentrik_server.errors import NotFound
from zentrik_server.links import LinkField, load_links
from zentrik_server.listing import ANCHOR_EVERY, ListCache, Page

Json = dict[str, Any]
Serializer = Callable[[RowMapping, Mapping[str, list[str]]], Json]
FilterBuilder = Callable[[Table, str, str], ColumnElement[bool]]


def equals(table: Table, name: str, value: str) -> ColumnElement[bool]:
    return table.c[name] == value


@dataclass(frozen=True)
class Resource:
    noun: str  # for messages: "No insight found with id ..."
    table: Table
    links: tuple[LinkField, ...]
    serialize: Serializer
    # query parameter -> (column or name, how to filter)
    filters: Mapping[str, tuple[str, FilterBuilder]] = field(default_factory=dict)

    def not_found(self, object_id: str) -> NotFound:
        return NotFound(f"No {self.noun} found with id {object_id}")


def _where(
    resource: Resource, workspace_id: str, filters: Mapping[str, str]
) -> list[ColumnElement[bool]]:
    table = resource.table
    clauses = [table.c.workspace_id == workspace_id]
    for name, value in filters.items():
        target, build = resource.filters[name]
        clauses.append(build(table, target, value))
    return clauses


def _sort_key(table: Table) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    # The raw stored text of created_at: anchors compare as stored, without type round trips.
    return type_coerce(table.c.created_at, String), table.c.id


def count(
    session: Session,
    cache: ListCache,
    resource: Resource,
    workspace_id: str,
    filters: Mapping[str, str],
) -> int:
    where = _where(resource, workspace_id, filters)
    query = select(func.count()).select_from(resource.table).where(*where)
    key = ("count", resource.noun, workspace_id, tuple(sorted(filters.items())))
    return cache.get(key, lambda: int(session.execute(query).scalar_one()))


def list_page(
    session: Session,
    cache: ListCache,
    resource: Resource,
    workspace_id: str,
    filters: Mapping[str, str],
    page: Page,
) -> list[Json]:
    """One page, newest first: ids from the (workspace, created_at, id) index, then rows."""
    table = resource.table
    where = _where(resource, workspace_id, filters)
    ids = select(table.c.id).where(*where)
    offset = page.offset
    if cache.enabled and offset >= ANCHOR_EVERY:
        anchors = _anchors(session, cache, resource, workspace_id, filters)
        index = min(offset // ANCHOR_EVERY, len(anchors) - 1) if anchors else -1
        if index >= 0:
            ids = ids.where(tuple_(*_sort_key(table)) <= tuple_(*anchors[index]))
            offset -= index * ANCHOR_EVERY
    ids = (
        ids.order_by(table.c.created_at.desc(), table.c.id.desc()).limit(page.limit).offset(offset)
    )
    rows = (
        session.execute(
            select(table)
            .where(table.c.id.in_(ids.scalar_subquery()))
            .order_by(table.c.created_at.desc(), table.c.id.desc())
        )
        .mappings()
        .all()
    )
    return _with_links(session, resource, rows)


def _anchors(
    session: Session,
    cache: ListCache,
    resource: Resource,
    workspace_id: str,
    filters: Mapping[str, str],
) -> list[tuple[str, str]]:
    """The sort key of rows 0, ANCHOR_EVERY, 2*ANCHOR_EVERY, ... of this list."""
    table = resource.table
    created, object_id = _sort_key(table)
    position = func.row_number().over(order_by=(table.c.created_at.desc(), table.c.id.desc()))
    numbered = (
        select(created.label("created"), object_id.label("id"), position.label("position"))
        .where(*_where(resource, workspace_id, filters))
        .subquery()
    )
    query: Select[Any] = (
        select(numbered.c.created, numbered.c.id)
        .where((numbered.c.position - 1) % ANCHOR_EVERY == 0)
        .order_by(numbered.c.position)
    )
    key = ("anchors", resource.noun, workspace_id, tuple(sorted(filters.items())))
    return cache.get(key, lambda: [(c, i) for c, i in session.execute(query)])


def _with_links(session: Session, resource: Resource, rows: Sequence[RowMapping]) -> list[Json]:
    links = load_links(session, resource.links, [row["id"] for row in rows])
    return [
        resource.serialize(row, {name: by_id.get(row["id"], []) for name, by_id in links.items()})
        for row in rows
    ]


def get(session: Session, resource: Resource, workspace_id: str, object_id: str) -> Json:
    row = find_row(session, resource, resource.table.c.id == object_id, workspace_id)
    if row is None:
        raise resource.not_found(object_id)
    return _with_links(session, resource, [row])[0]


def find_row(
    session: Session, resource: Resource, condition: ColumnElement[bool], workspace_id: str
) -> RowMapping | None:
    table = resource.table
    query = select(table).where(condition, table.c.workspace_id == workspace_id).limit(1)
    return session.execute(query).mappings().first()


def require_id(session: Session, resource: Resource, workspace_id: str, object_id: str) -> None:
    table = resource.table
    found = session.execute(
        select(table.c.id).where(table.c.id == object_id, table.c.workspace_id == workspace_id)
    ).first()
    if found is None:
        raise resource.not_found(object_id)


def add(session: Session, resource: Resource, values: Mapping[str, Any]) -> None:
    session.execute(insert(resource.table).values(**values))


def change(session: Session, resource: Resource, object_id: str, values: Mapping[str, Any]) -> None:
    if values:
        session.execute(
            update(resource.table).where(resource.table.c.id == object_id).values(**values)
        )


def remove(session: Session, resource: Resource, workspace_id: str, object_id: str) -> None:
    table = resource.table
    done = session.execute(
        delete(table).where(table.c.id == object_id, table.c.workspace_id == workspace_id)
    )
    if done.rowcount == 0:  # type: ignore[attr-defined]
        raise resource.not_found(object_id)

"""Generic reads and writes shared by the four resources.

A `Resource` says which table, which link fields and how a row becomes JSON; the feature
packages (`insights/`, `signals/`, ...) add their own rules on top.

Reads on the hot paths run one `Prepared` statement each (see prepared.py). A page walks the
(workspace_id, created_at, id) index with LIMIT/OFFSET (deep offsets start from a cached
anchor, see listing.py), takes the ids first and then their rows (on SQLite the rows are
selected directly, which it runs as cheaply), and each row carries its links as JSON arrays
from correlated subqueries on the link tables' indexes. On SQLite the JSON of each row is
built by the database itself (shapes.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic.alias_generators import to_snake
from sqlalchemy import (
    JSON,
    BindParameter,
    ColumnElement,
    RowMapping,
    Select,
    Table,
    Text,
    bindparam,
    cast,
    delete,
    func,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from zentrik_server.errors import NotFound
from zentrik_server.resources.links import LinkField, ids_column
from zentrik_server.resources.listing import ANCHOR_EVERY, ListCache, Page
from zentrik_server.resources.prepared import Db, Prepared, connection_of
from zentrik_server.resources.shapes import Shape, links_of, to_python, to_sqlite
from zentrik_server.serialization import dumps

Json = dict[str, Any]
FilterBuilder = Callable[[Table, str, BindParameter[Any]], ColumnElement[bool]]


def equals(table: Table, column: str, value: BindParameter[Any]) -> ColumnElement[bool]:
    return table.c[column] == value


@dataclass(frozen=True, eq=False)  # hashed by identity: prepared statements are cached per resource
class Resource:
    noun: str  # for messages: "No insight found with id ..."
    table: Table
    shape: Shape  # its link fields are the `Field.ids` in it
    # query parameter -> (column, how to filter on it)
    filters: Mapping[str, tuple[str, FilterBuilder]] = field(default_factory=dict)
    # Which rows lists show (None: all); a GET by id answers any row of the workspace.
    listed: Callable[[Table], ColumnElement[bool]] | None = None

    @functools.cached_property
    def links(self) -> tuple[LinkField, ...]:
        return links_of(self.shape)

    @functools.cached_property
    def link_fields(self) -> dict[str, LinkField]:
        """The link lists of request bodies, by Python field name (`opportunity_ids`)."""
        return {to_snake(f.name): f for f in self.links}

    def not_found(self, object_id: str) -> NotFound:
        return NotFound(f"No {self.noun} found with id {object_id}")

    def serialize(self, row: Mapping[str, Any]) -> Json:
        """A row of raw driver values (link fields as id arrays) as its JSON object."""
        return to_python(self.shape, row)

    def json_column(self) -> ColumnElement[str]:
        """The row as its JSON object, built by SQLite (see shapes.to_sqlite)."""
        return to_sqlite(self.shape, self.table)


def _where(resource: Resource, filter_names: tuple[str, ...]) -> list[ColumnElement[bool]]:
    table = resource.table
    clauses = [table.c.workspace_id == bindparam("ws")]
    if resource.listed is not None:
        clauses.append(resource.listed(table))
    for name in filter_names:
        column, build = resource.filters[name]
        clauses.append(build(table, column, bindparam(f"f_{name}")))
    return clauses


def _select_rows(resource: Resource, as_json: bool) -> Select[Any]:
    """Each row as one JSON text (SQLite), or every column plus one id array per link field.

    JSON columns are read as their text on every database, so `serialize` can embed them
    as they are (and a JSON string value is never mistaken for JSON text).
    """
    if as_json:
        return select(resource.json_column())
    table = resource.table
    columns = [cast(c, Text).label(c.name) if is_json(c) else c for c in table.c]
    return select(*columns, *[ids_column(f, table) for f in resource.links])


def is_json(column: ColumnElement[Any]) -> bool:
    return isinstance(column.type, JSON)


def stored_row(resource: Resource, values: Mapping[str, Any]) -> dict[str, Any]:
    """Values just written, as `_select_rows` would read them back (JSON columns as text)."""
    row = {c.name: None for c in resource.table.c} | dict(values)
    for column in resource.table.c:
        if is_json(column) and column.name in values:
            row[column.name] = dumps(values[column.name]).decode()
    return row


def as_written(
    resource: Resource, values: Mapping[str, Any], links: Mapping[str, list[str]]
) -> Json:
    """The JSON of an object from the values it is (or would be) written with, no re-read;
    `links` by JSON name (`opportunityIds`), missing ones empty."""
    link_ids = {f.name: list(links.get(f.name, [])) for f in resource.links}
    return resource.serialize(stored_row(resource, values) | link_ids)


def _newest_first(table: Table) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    return table.c.created_at.desc(), table.c.id.desc()


@functools.cache
def _count_statement(resource: Resource, filter_names: tuple[str, ...]) -> Prepared:
    where = _where(resource, filter_names)
    return Prepared(select(func.count()).select_from(resource.table).where(*where))


@functools.cache
def _page_statement(
    resource: Resource, filter_names: tuple[str, ...], anchored: bool, as_json: bool
) -> Prepared:
    table = resource.table
    where = _where(resource, filter_names)
    if anchored:  # rows at or after the anchor's position: a keyset seek in the index
        anchor = tuple_(bindparam("anchor_created"), bindparam("anchor_id"))
        where.append(tuple_(table.c.created_at, table.c.id) <= anchor)
    newest = _newest_first(table)
    limit, offset = bindparam("limit"), bindparam("offset")
    if as_json:
        # SQLite steps over offset rows in the index before computing any result column,
        # so there the page is selected directly (measured faster than ids first).
        page = select(resource.json_column()).where(*where).order_by(*newest)
        return Prepared(page.limit(limit).offset(offset))
    ids = select(table.c.id).where(*where).order_by(*newest).limit(limit).offset(offset)
    page = _select_rows(resource, as_json=False).where(table.c.id.in_(ids.scalar_subquery()))
    return Prepared(page.order_by(*newest))


@functools.cache
def _anchor_statement(resource: Resource, filter_names: tuple[str, ...]) -> Prepared:
    """The sort key of rows 0, ANCHOR_EVERY, 2*ANCHOR_EVERY, ... of a list."""
    table = resource.table
    position = func.row_number().over(order_by=_newest_first(table))
    numbered = (
        select(table.c.created_at, table.c.id, position.label("position"))
        .where(*_where(resource, filter_names))
        .subquery()
    )
    every = (numbered.c.position - 1) % ANCHOR_EVERY == 0
    query = select(numbered.c.created_at, numbered.c.id).where(every)
    return Prepared(query.order_by(numbered.c.position))


@functools.cache
def _get_statement(resource: Resource, as_json: bool) -> Prepared:
    table = resource.table
    condition = (table.c.id == bindparam("id")) & (table.c.workspace_id == bindparam("ws"))
    return Prepared(_select_rows(resource, as_json).where(condition))


def _params(
    workspace_id: str, filters: Mapping[str, str]
) -> tuple[tuple[str, ...], dict[str, Any]]:
    names = tuple(sorted(filters))
    return names, {"ws": workspace_id, **{f"f_{name}": filters[name] for name in names}}


def count(
    db: Db, cache: ListCache, resource: Resource, workspace_id: str, filters: Mapping[str, str]
) -> int:
    names, params = _params(workspace_id, filters)
    statement = _count_statement(resource, names)
    key = ("count", resource.noun, workspace_id, tuple(filters.items()))
    return cache.get(key, lambda: int(statement.scalar(db, **params)))


def list_page(
    db: Db,
    cache: ListCache,
    resource: Resource,
    workspace_id: str,
    filters: Mapping[str, str],
    page: Page,
) -> list[Json]:
    """One page, newest first, each row with its links."""
    statement, params = _page(db, cache, resource, workspace_id, filters, page, as_json=False)
    return [resource.serialize(row) for row in statement.dicts(db, **params)]


def page_body(
    db: Db,
    cache: ListCache,
    resource: Resource,
    workspace_id: str,
    filters: Mapping[str, str],
    page: Page,
) -> bytes:
    """`list_page` as response bytes; on SQLite, JSON made by the database."""
    if not _sqlite(db):
        return dumps(list_page(db, cache, resource, workspace_id, filters, page))
    statement, params = _page(db, cache, resource, workspace_id, filters, page, as_json=True)
    return b"[" + ",".join(row[0] for row in statement.rows(db, **params)).encode() + b"]"


def _page(
    db: Db,
    cache: ListCache,
    resource: Resource,
    workspace_id: str,
    filters: Mapping[str, str],
    page: Page,
    as_json: bool,
) -> tuple[Prepared, dict[str, Any]]:
    names, params = _params(workspace_id, filters)
    offset, anchor = page.offset, None
    if cache.enabled and offset >= ANCHOR_EVERY:
        statement = _anchor_statement(resource, names)
        key = ("anchors", resource.noun, workspace_id, tuple(filters.items()))
        anchors = cache.get(key, lambda: statement.rows(db, **params))
        index = min(offset // ANCHOR_EVERY, len(anchors) - 1)
        if index > 0:
            anchor = anchors[index]
            offset -= index * ANCHOR_EVERY
    if anchor is not None:
        params.update(anchor_created=anchor[0], anchor_id=anchor[1])
    params.update(limit=page.limit, offset=offset)
    return _page_statement(resource, names, anchor is not None, as_json), params


def _sqlite(db: Db) -> bool:
    return connection_of(db).dialect.name == "sqlite"


def get(db: Db, resource: Resource, workspace_id: str, object_id: str) -> Json:
    rows = _get_statement(resource, as_json=False).dicts(db, id=object_id, ws=workspace_id)
    if not rows:
        raise resource.not_found(object_id)
    return resource.serialize(rows[0])


def get_body(db: Db, resource: Resource, workspace_id: str, object_id: str) -> bytes:
    """`get` as response bytes; on SQLite, JSON made by the database."""
    if not _sqlite(db):
        return dumps(get(db, resource, workspace_id, object_id))
    rows = _get_statement(resource, as_json=True).rows(db, id=object_id, ws=workspace_id)
    if not rows:
        raise resource.not_found(object_id)
    return str(rows[0][0]).encode()


def find_row(
    session: Session, resource: Resource, condition: ColumnElement[bool], workspace_id: str
) -> RowMapping | None:
    """A row with typed values (datetimes, parsed JSON), for rules that look inside it."""
    table = resource.table
    query = select(table).where(condition, table.c.workspace_id == workspace_id).limit(1)
    return session.execute(query).mappings().first()


def lock(session: Session, resource: Resource, workspace_id: str, object_id: str) -> None:
    """Hold the row against other writers until the transaction ends (404 if it is not there).

    PostgreSQL locks the row (FOR UPDATE). SQLite has no row locks: a write that changes
    nothing takes the database's write lock now rather than at the first real write, so no
    other process can commit between what the caller reads next and what it writes.
    """
    table = resource.table
    mine = (table.c.id == object_id) & (table.c.workspace_id == workspace_id)
    if _sqlite(session):
        touch = update(table).where(mine).values(updated_at=table.c.updated_at)
        found = session.execute(touch).rowcount > 0  # type: ignore[attr-defined]
    else:
        found = (
            session.execute(select(table.c.id).where(mine).with_for_update()).first() is not None
        )
    if not found:
        raise resource.not_found(object_id)


def add(session: Session, resource: Resource, values: Mapping[str, Any]) -> None:
    # Parameters passed beside the statement (not baked in with .values()) keep the
    # compiled INSERT cached across calls.
    session.execute(insert(resource.table), [dict(values)])


def change(session: Session, resource: Resource, object_id: str, values: Mapping[str, Any]) -> None:
    if values:
        table = resource.table
        session.execute(update(table).where(table.c.id == object_id).values(**values))


def remove(session: Session, resource: Resource, workspace_id: str, object_id: str) -> None:
    table = resource.table
    done = session.execute(
        delete(table).where(table.c.id == object_id, table.c.workspace_id == workspace_id)
    )
    if done.rowcount == 0:  # type: ignore[attr-defined]
        raise resource.not_found(object_id)

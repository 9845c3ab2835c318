"""Signal rows, their JSON shape, and the queries only signals need."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    FunctionElement,
    Table,
    exists,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session

from zentrik_server.db.models import SignalText, Workspace
from zentrik_server.resources.links import SIGNAL_INSIGHTS, T_SIGNALS
from zentrik_server.resources.records import Resource, equals
from zentrik_server.resources.shapes import Field, Nested, Shape

_PUBLIC_ID = re.compile(r"^SIGNAL-(\d{1,9})$")


SIGNAL_SHAPE: Shape = (
    Field("id", "id"),
    Field("name", "name"),
    Field("publicId", "public_number", "public_id"),
    Field("workspaceId", "workspace_id"),
    Field("status", "status"),
    Field("context", "context"),
    Field("signalType", "signal_type"),
    Field("source", "source", "json"),
    Field("data", "data", "json"),
    Field.ids(SIGNAL_INSIGHTS),
    Field("externalId", "external_id"),
    Field("contentHash", "content_hash"),
    Field("createdAt", "created_at", "time"),
    Field("updatedAt", "updated_at", "time"),
    Nested(
        "processing",
        (
            Field("lastJobId", "last_job_id"),
            Field("startedAt", "started_at", "time"),
            Field("processedAt", "processed_at", "time"),
            Field("failedAt", "failed_at", "time"),
            Field("lastError", "last_error"),
        ),
    ),
)


def name_or_text_like(
    table: Table, column: str, pattern: BindParameter[Any]
) -> ColumnElement[bool]:
    """The signal's name or its typed text matches the LIKE `pattern`, in any case.

    ILIKE on PostgreSQL; on SQLite `lower(..) LIKE lower(..)`, which folds ASCII letters only.
    """
    in_text = (
        select(SignalText.signal_id)
        .where(SignalText.signal_id == table.c.id, SignalText.text.ilike(pattern, escape="\\"))
        .correlate(table)
    )
    return or_(table.c[column].ilike(pattern, escape="\\"), exists(in_text))


class json_array_values(FunctionElement[str]):
    """`(the strings of a JSON array parameter)` as an IN list: one bound value for a list of
    any length, so the statement compiles once (resources/prepared.py) and probes the index."""

    name = "json_array_values"
    inherit_cache = True


@compiles(json_array_values, "sqlite")
def _json_array_values_sqlite(element: json_array_values, compiler: Any, **kw: Any) -> str:
    return f"(SELECT value FROM json_each({compiler.process(element.clauses, **kw)}))"


@compiles(json_array_values, "postgresql")
def _json_array_values_postgresql(element: json_array_values, compiler: Any, **kw: Any) -> str:
    values = compiler.process(element.clauses, **kw)
    return f"(SELECT json_array_elements_text(CAST({values} AS json)))"


def one_of(table: Table, column: str, values: BindParameter[Any]) -> ColumnElement[bool]:
    """The column holds one of `values`, a JSON array of strings (see SignalListQuery)."""
    return table.c[column].op("IN", is_comparison=True)(json_array_values(values))


SIGNALS = Resource(
    noun="signal",
    table=T_SIGNALS,
    shape=SIGNAL_SHAPE,
    filters={
        "status": ("status", equals),
        "signalType": ("signal_type", equals),
        "q": ("name", name_or_text_like),
        "contentHash": ("content_hash", one_of),
    },
)


def next_public_number(session: Session, workspace_id: str) -> int:
    """Bump the workspace's counter inside the caller's transaction: never reused, race-free."""
    workspaces = Workspace.__table__
    bumped = session.execute(
        update(workspaces)
        .where(workspaces.c.id == workspace_id)
        .values(signal_seq=workspaces.c.signal_seq + 1)
        .returning(workspaces.c.signal_seq)
    )
    return int(bumped.scalar_one())


def any_identifier(identifier: str) -> ColumnElement[bool]:
    """Matches the signal's id, its publicId (SIGNAL-43) or its externalId."""
    table = T_SIGNALS
    options = [table.c.id == identifier, table.c.external_id == identifier]
    public = _PUBLIC_ID.match(identifier)
    if public:
        options.append(table.c.public_number == int(public.group(1)))
    return or_(*options)


def text_key(workspace_id: str, signal_id: str) -> str:
    """The server-made `data.s3Key` of a typed signal: a stable name, never a path used."""
    return f"signals/manual-text/{workspace_id}/{signal_id}.txt"


def store_text(session: Session, signal_id: str, text: str) -> None:
    session.execute(insert(SignalText).values(signal_id=signal_id, text=text))


def text_of(session: Session, signal_id: str) -> str | None:
    """A typed signal's text (None if it has none); lists never read this table."""
    found = select(SignalText.text).where(SignalText.signal_id == signal_id)
    return session.scalar(found)

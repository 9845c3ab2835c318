"""Statements compiled once per dialect and run as driver SQL.

The hot read paths (lists, get by id, links) run the same few statements thousands of times
a second. SQLAlchemy's per-execution work (cache keys, result objects, type processing)
costs more than SQLite itself there, so those statements are written once as Core, compiled
once per dialect, and executed on the driver's cursor of the caller's connection (inside its
transaction, if any). Rows come back as the driver's raw values; `serialization`
turns SQLite's text timestamps and JSON into output without parsing them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Dialect, Executable
from sqlalchemy.orm import Session

Db = Session | Connection


def connection_of(db: Db) -> Connection:
    return db.connection() if isinstance(db, Session) else db


@dataclass(frozen=True)
class _Compiled:
    sql: str
    positions: tuple[str, ...] | None  # parameter order for positional drivers (SQLite)
    defaults: dict[str, Any]


class Prepared:
    def __init__(self, statement: Executable) -> None:
        self._statement = statement
        self._by_dialect: dict[str, _Compiled] = {}

    def _compiled(self, dialect: Dialect) -> _Compiled:
        compiled = self._by_dialect.get(dialect.name)
        if compiled is None:
            done = self._statement.compile(dialect=dialect)  # type: ignore[attr-defined]
            positions = tuple(done.positiontup) if done.positional else None
            # Constants in the statement (e.g. `% 1000`) are bound parameters with values.
            defaults = {k: v for k, v in done.params.items() if v is not None}
            compiled = self._by_dialect[dialect.name] = _Compiled(done.string, positions, defaults)
        return compiled

    def _fetch(self, db: Db, params: Mapping[str, Any]) -> tuple[list[str], list[Any]]:
        """(column names, rows) from the driver's own cursor on the caller's connection."""
        connection = connection_of(db)
        compiled = self._compiled(connection.dialect)
        values = {**compiled.defaults, **params} if compiled.defaults else params
        positions = compiled.positions
        args = tuple(values[name] for name in positions) if positions is not None else dict(values)
        cursor = connection.connection.cursor()
        try:
            cursor.execute(compiled.sql, args)
            return [c[0] for c in cursor.description], cursor.fetchall()
        finally:
            cursor.close()

    def rows(self, db: Db, **params: Any) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self._fetch(db, params)[1]]

    def dicts(self, db: Db, **params: Any) -> list[dict[str, Any]]:
        keys, rows = self._fetch(db, params)
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def scalar(self, db: Db, **params: Any) -> Any:
        rows = self._fetch(db, params)[1]
        return rows[0][0] if rows else None

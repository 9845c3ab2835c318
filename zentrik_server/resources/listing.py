"""Counts and deep-offset anchors for list endpoints, cached until the database changes.

`X-Total-Count` and `OFFSET 90000` both walk the index row by row (several ms on 100k rows),
which would dominate every list request. On SQLite both are cached and keyed by
`PRAGMA data_version`, read on a private connection: it changes whenever any connection
(any process, the worker included) commits, so a cached answer is never stale. A deep offset
then becomes a keyset seek from the nearest anchor (the sort key of every `ANCHOR_EVERY`-th
row) plus a short offset, which keeps the offset contract exactly.

PostgreSQL has no such cheap change marker, so there the queries simply run each time.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Engine

ANCHOR_EVERY = 1000
_MAX_ENTRIES = 512
T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


class _DataVersion:
    def __init__(self, database: str) -> None:
        self._connection = sqlite3.connect(database, check_same_thread=False)
        self._lock = threading.Lock()

    def read(self) -> int:
        with self._lock:
            return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._connection.close()


class ListCache:
    def __init__(self, engine: Engine) -> None:
        database = engine.url.database
        usable = engine.dialect.name == "sqlite" and database and database != ":memory:"
        self._version = _DataVersion(database) if usable else None  # type: ignore[arg-type]
        self._entries: dict[Hashable, tuple[int, object]] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        if self._version is not None:
            self._version.close()

    @property
    def enabled(self) -> bool:
        return self._version is not None

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`'s answer, reused while no commit happened since it was computed."""
        if self._version is None:
            return compute()
        # Read the version before computing: a commit racing the computation then bumps the
        # version and the entry is simply never used.
        version = self._version.read()
        entry = self._entries.get(key)
        if entry is not None and entry[0] == version:
            return entry[1]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            if len(self._entries) >= _MAX_ENTRIES:
                self._entries.clear()
            self._entries[key] = (version, value)
        return value

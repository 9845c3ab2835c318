"""Where read-only requests run their queries.

On SQLite a read is a few hundred microseconds of work that never waits for a lock (WAL),
so it runs right on the event loop on one long-lived connection: no thread hop, no pool
checkout. Elsewhere (PostgreSQL, across a network) it runs in the thread pool on a pooled
connection, so a slow query never stalls other requests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from starlette.concurrency import run_in_threadpool

from zentrik_server.resources.listing import ListCache

T = TypeVar("T")


class Reads:
    """Runs read work and holds the list cache (counts, offset anchors) it may use."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.cache = ListCache(engine)
        # pysqlite runs SELECTs outside any transaction, so this connection holds no
        # snapshot between requests and always sees the latest commit.
        self._inline: Connection | None = None
        if engine.dialect.name == "sqlite":
            self._inline = engine.connect()

    async def run(self, work: Callable[..., T], *args: Any) -> T:
        """`work(connection, *args)`, inline on SQLite, in the thread pool otherwise."""
        if self._inline is not None:
            return work(self._inline, *args)
        return await run_in_threadpool(self._pooled, work, *args)

    def _pooled(self, work: Callable[..., T], *args: Any) -> T:
        with self._engine.connect() as connection:
            return work(connection, *args)

    def close(self) -> None:
        self.cache.close()
        if self._inline is not None:
            self._inline.close()

"""Sessions for the API's writes; on SQLite, one writing transaction at a time per process.

SQLite allows one writer. Concurrent writers that collide wait in SQLite's busy handler,
which sleeps in growing steps (1 ms, 2 ms, 5 ms, ...), so under load creates stall and
throughput collapses. Instead each API transaction takes an in-process lock from its first
statement to its end: writers queue on the lock and hand over at once. Other processes (the
job worker) still meet at SQLite's own lock as before.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from zentrik_server.db.engine import make_sessionmaker

_HELD = "zentrik_write_lock"


def api_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    factory = make_sessionmaker(engine)
    if engine.dialect.name != "sqlite":
        return factory
    lock = threading.Lock()

    @event.listens_for(factory, "after_begin")
    def _take(session: Session, _transaction: SessionTransaction, _connection: Any) -> None:
        if not session.info.get(_HELD):
            lock.acquire()
            session.info[_HELD] = True

    @event.listens_for(factory, "after_transaction_end")
    def _give(session: Session, transaction: SessionTransaction) -> None:
        if transaction.parent is None and session.info.pop(_HELD, False):
            lock.release()

    return factory

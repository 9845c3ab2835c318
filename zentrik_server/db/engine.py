"""Engines and sessions for SQLite (embedded default) and PostgreSQL (scale)."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from zentrik_server.config import Settings


def make_engine(settings: Settings) -> Engine:
    if settings.is_sqlite:
        engine = create_engine(
            settings.database_url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=20,
            max_overflow=20,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(settings.database_url, pool_size=10, max_overflow=10, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers run beside the one writer; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


_HELD = "zentrik_write_lock"


def api_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions for the API's writes; on SQLite, one writing transaction at a time per process.

    SQLite allows one writer. Concurrent writers that collide wait in SQLite's busy handler,
    which sleeps in growing steps (1 ms, 2 ms, 5 ms, ...), so under load creates stall and
    throughput collapses. Instead each API transaction takes an in-process lock from its
    first statement to its end: writers queue on the lock and hand over at once. Other
    processes (the job worker) still meet at SQLite's own lock as before.
    """
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

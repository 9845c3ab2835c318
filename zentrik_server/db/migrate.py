"""Bring a database's schema up to date with the Alembic migrations shipped in the package.

Called once at start by every API and worker process. Several processes may start at the
same moment, so the upgrade runs under a lock: a PostgreSQL advisory lock held for the
migration's transaction, or a file lock beside the SQLite database.

After changing models.py, write the next revision by autogenerating it against an up-to-date
database and reviewing the result:
`alembic.command.revision(alembic_config(connection), "what changed", autogenerate=True)`.
`tests/server/test_queue_migrations.py` fails while the models and migrations disagree.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any constant shared by all processes of this app; "ZENT" in ASCII.
_PG_LOCK_KEY = 0x5A454E54


def alembic_config(connection: Connection) -> Config:
    """Alembic configured in code (no alembic.ini) to run on `connection`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> None:
    """Apply every migration not yet applied; a no-op on an up-to-date database."""
    with _sqlite_file_lock(engine), engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # Released at commit; a second process waits here, then finds nothing to do.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        command.upgrade(alembic_config(connection), "head")
        connection.commit()


@contextlib.contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:  # Windows: one embedded process per data dir, nothing to serialize.
        yield
        return
    with open(f"{database}.migrate-lock", "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)

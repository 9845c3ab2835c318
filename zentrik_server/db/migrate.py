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
from sqlalchemy import Connection, Engine, select, text

from zentrik_server.db.models import Signal, SignalText

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any constant shared by all processes of this app; "ZENT" in ASCII.
_PG_LOCK_KEY = 0x5A454E54


def alembic_config(connection: Connection, data_dir: Path | None = None) -> Config:
    """Alembic configured in code (no alembic.ini) to run on `connection`.

    `data_dir` is where migrations that import files kept by older versions look for them.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    config.attributes["data_dir"] = data_dir
    return config


def upgrade(engine: Engine, data_dir: Path | None = None) -> None:
    """Apply every migration not yet applied; a no-op on an up-to-date database."""
    with _sqlite_file_lock(engine), engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # Released at commit; a second process waits here, then finds nothing to do.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        command.upgrade(alembic_config(connection, data_dir), "head")
        connection.commit()
        if data_dir is not None:
            _remove_imported_text_files(connection, data_dir)


def _remove_imported_text_files(connection: Connection, data_dir: Path) -> None:
    """Delete the text files of older versions once their text is safely in the database.

    A file stays only while its signal exists without a stored text (the database was
    migrated by a process that could not see this folder); orphans of deleted signals go.
    """
    folder = data_dir / "signals" / "manual-text"
    if not folder.is_dir():
        return
    without_text = (
        select(Signal.id)
        .outerjoin(SignalText, SignalText.signal_id == Signal.id)
        .where(Signal.signal_type.is_not(None), SignalText.signal_id.is_(None))
    )
    waiting = set(connection.execute(without_text).scalars())
    connection.rollback()
    for path in folder.glob("*/*.txt"):
        if path.stem not in waiting:
            path.unlink(missing_ok=True)
    for empty in [*folder.glob("*/"), folder, folder.parent]:
        with contextlib.suppress(OSError):  # not empty: something is still waiting there
            empty.rmdir()


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

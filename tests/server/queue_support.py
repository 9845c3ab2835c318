"""Databases and small factories shared by the queue and processing tests.

Importing it registers the server's tasks (`zentrik_server.tasks`), as a worker's process does.

Their fixtures (`database`, `sqlite_db`, `pg_schema_url`) are in tests/server/conftest.py.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

import zentrik_server.tasks  # noqa: F401
from zentrik_server.config import Settings, load_settings, normalize_database_url
from zentrik_server.db.engine import make_engine, make_sessionmaker
from zentrik_server.db.migrate import alembic_config, upgrade
from zentrik_server.db.models import Base, Insight, Job, Signal, SignalInsight, Workspace
from zentrik_server.signals.repository import store_text, text_key
from zentrik_server.signals.service import queue_processing

REVIEW = (
    "Exports are hard to find and painfully slow for large datasets; it takes minutes. "
    "Please add a scheduled export to CSV. The new dashboard is lovely though."
)


@dataclass(frozen=True)
class Database:
    settings: Settings
    engine: Engine
    factory: sessionmaker[Session]


def postgres_url() -> str:
    url = os.environ.get("ZENTRIK_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("ZENTRIK_TEST_POSTGRES_URL is not set; PostgreSQL queue tests skipped")
    return normalize_database_url(url)


def open_database(data_dir: Path, database_url: str | None = None) -> Database:
    settings = load_settings(data_dir=data_dir, database_url=database_url)
    engine = make_engine(settings)
    upgrade(engine)
    return Database(settings, engine, make_sessionmaker(engine))


def make_workspace(db: Database, name: str | None = None) -> str:
    with db.factory.begin() as session:
        workspace = Workspace(name=name or f"ws-{uuid.uuid4().hex[:8]}", signal_seq=0)
        session.add(workspace)
        session.flush()
        return workspace.id


def make_signal(
    db: Database,
    workspace_id: str,
    text_: str = REVIEW,
    *,
    signal_type: str | None = "review",
    data: dict[str, object] | None = None,
) -> tuple[str, str]:
    """A typed signal (with its stored text) or, with `data`, a raw one; and its job."""
    signal_id = str(uuid.uuid4())
    with db.factory.begin() as session:
        number = session.scalar(select(func.count()).select_from(Signal)) + 1
        typed = data is None
        if typed:
            data = {"s3Key": text_key(workspace_id, signal_id)}
        session.add(
            Signal(
                id=signal_id,
                workspace_id=workspace_id,
                public_number=number,
                name=f"Signal {number}",
                status="processing",
                signal_type=signal_type,
                source={"type": "manual-text" if signal_type else "api"},
                data=data,
            )
        )
        session.flush()
        if typed:
            store_text(session, signal_id, text_)
        job_id = queue_processing(session, signal_id)
    return signal_id, job_id


def get_signal(db: Database, signal_id: str) -> Signal:
    with db.factory() as session:
        signal = session.get(Signal, signal_id)
        assert signal is not None
        return signal


def get_job(db: Database, job_id: str) -> Job:
    with db.factory() as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job


def signal_insights(db: Database, signal_id: str) -> list[Insight]:
    """The insights linked to a signal, oldest first."""
    with db.factory() as session:
        return list(
            session.scalars(
                select(Insight)
                .join(SignalInsight, SignalInsight.insight_id == Insight.id)
                .where(SignalInsight.signal_id == signal_id)
                .order_by(Insight.created_at, Insight.name)
            )
        )


def at_revision(db: Database, revision: str) -> None:
    """The database as an earlier release left it: migrated up to `revision`, nothing newer."""
    with db.engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.exec_driver_sql("DROP TABLE alembic_version")
    with db.engine.connect() as connection:
        command.upgrade(alembic_config(connection), revision)
        connection.commit()

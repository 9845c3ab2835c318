"""Databases and small factories shared by the queue and processing tests (no tests here).

Import a fixture by its `*_fixture` name; tests ask for it by its short name.

`database` runs a test on SQLite and, when ZENTRIK_TEST_POSTGRES_URL is set, on PostgreSQL
in a fresh schema of its own, so parallel runs never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from zentrik_server.config import Settings, load_settings, normalize_database_url
from zentrik_server.db.engine import make_engine, make_sessionmaker
from zentrik_server.db.migrate import upgrade
from zentrik_server.db.models import Insight, Job, Signal, SignalInsight, Workspace
from zentrik_server.jobs.queue import enqueue

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


@pytest.fixture(name="pg_schema_url")
def pg_schema_url_fixture() -> Iterator[str]:
    """A database URL whose connections live in a fresh schema, dropped afterwards."""
    base = postgres_url()
    schema = f"zq_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:
        pytest.skip(f"PostgreSQL at ZENTRIK_TEST_POSTGRES_URL is unreachable: {exc}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def open_database(data_dir: Path, database_url: str | None = None) -> Database:
    settings = load_settings(data_dir=data_dir, database_url=database_url)
    engine = make_engine(settings)
    upgrade(engine)
    return Database(settings, engine, make_sessionmaker(engine))


@pytest.fixture(
    name="database",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def database_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    url = request.getfixturevalue("pg_schema_url") if request.param == "postgresql" else None
    db = open_database(tmp_path, url)
    yield db
    db.engine.dispose()


@pytest.fixture(name="sqlite_db")
def sqlite_db_fixture(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path)
    yield db
    db.engine.dispose()


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
    """A typed signal (text stored under its s3Key) or, with `data`, a raw one; and its job."""
    signal_id = str(uuid.uuid4())
    with db.factory.begin() as session:
        number = session.scalar(select(func.count()).select_from(Signal)) + 1
        if data is None:
            s3_key = f"signals/manual-text/{workspace_id}/{signal_id}.txt"
            path = db.settings.text_path(s3_key)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text_, encoding="utf-8")
            data = {"s3Key": s3_key}
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
        job = enqueue(session, workspace_id=workspace_id, signal_id=signal_id)
    return signal_id, job.id


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

"""HTTP helpers for the server tests: a client bound to a key, and small factories.

The queue and processing tests get a migrated database: `database` runs a test on SQLite
and, when ZENTRIK_TEST_POSTGRES_URL is set, on PostgreSQL in a fresh schema of its own
(`pg_schema_url`), so parallel runs never see each other's rows; `sqlite_db` is SQLite only.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.conftest import ServerHandle, start_server, stop_server
from tests.server.queue_support import Database, open_database, postgres_url

ClientFor = Callable[[str | None], httpx.Client]


@pytest.fixture
def client_for(live_server: ServerHandle) -> Iterator[ClientFor]:
    """`client_for(key)`: an httpx client on the live server sending that key (None: no key)."""
    opened: list[httpx.Client] = []

    def make(key: str | None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        client = httpx.Client(base_url=live_server.base_url, headers=headers, timeout=30.0)
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.close()


@pytest.fixture
def client(client_for: ClientFor, api_key: str) -> httpx.Client:
    """A client for a fresh workspace with every scope."""
    return client_for(api_key)


def create(client: httpx.Client, resource: str, **body: Any) -> dict[str, Any]:
    """POST a create to /external/v1/<resource> and return the created object."""
    defaults: dict[str, Any] = (
        {"text": "Exports are slow.", "signalType": "review"}
        if resource == "signals"
        else {"name": f"a {resource[:-1]}"}
    )
    response = client.post(f"/external/v1/{resource}", json={**defaults, **body})
    assert response.status_code == 201, response.text
    return dict(response.json())


def error_of(response: httpx.Response) -> dict[str, Any]:
    """The error object of an error answer (asserting the one shape every error has)."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert {"code", "message"} <= set(body["error"]), body
    return dict(body["error"])


@dataclass(frozen=True)
class Workspace:
    """A fresh workspace on a live server: its name (the admin API's) and a client with a key."""

    server: ServerHandle
    name: str
    client: httpx.Client


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def workspace_on_each_database(request: pytest.FixtureRequest) -> Iterator[Workspace]:
    """A fresh workspace on the live SQLite server, then on a PostgreSQL one (`pg_server`)."""
    server: ServerHandle = request.getfixturevalue(
        "live_server" if request.param == "sqlite" else "pg_server"
    )
    name = f"ws-{uuid.uuid4().hex[:12]}"
    response = httpx.post(
        f"{server.base_url}/admin/v1/keys",
        json={"workspace": name},
        headers={"Authorization": f"Bearer {server.admin_token}"},
        timeout=10.0,
    )
    response.raise_for_status()
    headers = {"Authorization": f"Bearer {response.json()['key']}"}
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=60.0) as client:
        yield Workspace(server, name, client)


def stored_text(server: ServerHandle, signal_id: str) -> str | None:
    """A signal's text as the live server's SQLite database holds it (None: no text row)."""
    with sqlite3.connect(server.data_dir / "zentrik.db") as db:
        row = db.execute(
            "SELECT text FROM signal_texts WHERE signal_id = ?", (signal_id,)
        ).fetchone()
    return None if row is None else str(row[0])


def settled(
    client: httpx.Client, signal: dict[str, Any], timeout_s: float = 30.0
) -> dict[str, Any]:
    """The signal once the worker has processed it (or failed it)."""
    deadline = time.monotonic() + timeout_s
    while True:
        current = dict(client.get(f"/external/v1/signals/{signal['id']}").json())
        if current["status"] in ("processed", "failed") or time.monotonic() > deadline:
            return current
        time.sleep(0.1)


# --- databases for the queue and processing tests -------------------------------------------


@contextmanager
def fresh_pg_schema() -> Iterator[str]:
    """A database URL whose connections live in a fresh schema, dropped afterwards: the test
    database is shared with other checkouts, at other migrations."""
    base = postgres_url()
    schema = f"zq_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:
        pytest.skip(f"PostgreSQL at ZENTRIK_TEST_POSTGRES_URL is unreachable: {exc}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    with fresh_pg_schema() as url:
        yield url


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    """`live_server`'s twin on PostgreSQL (in a fresh schema), for the HTTP tests that run on
    both databases; tests keep apart by making their own workspaces, as on SQLite."""
    data_dir = tmp_path_factory.mktemp("zentrik-pg")
    with fresh_pg_schema() as url:
        process, base_url = start_server(data_dir, env={"ZENTRIK_DATABASE_URL": url})
        try:
            token = (data_dir / "admin_token").read_text().strip()
            yield ServerHandle(base_url=base_url, data_dir=data_dir, admin_token=token)
        finally:
            stop_server(process)


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    url = request.getfixturevalue("pg_schema_url") if request.param == "postgresql" else None
    db = open_database(tmp_path, url)
    yield db
    db.engine.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path)
    yield db
    db.engine.dispose()

"""The API on PostgreSQL: the same answers through the pooled, thread-pool read path."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import psycopg
import pytest

from tests.conftest import ServerHandle
from tests.server.conftest import create, error_of, settled
from tests.server.test_auth import ROUTES
from tests.server.test_errors import assert_no_5xx

POSTGRES_URL = os.environ.get("ZENTRIK_TEST_POSTGRES_URL")


def _reachable(url: str | None) -> bool:
    if not url:
        return False
    try:
        psycopg.connect(url, connect_timeout=3).close()
        return True
    except psycopg.Error:
        return False


pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not _reachable(POSTGRES_URL),
        reason="ZENTRIK_TEST_POSTGRES_URL unset or unreachable: PostgreSQL API tests skipped",
    ),
]


@pytest.fixture
def pg_client(pg_server: ServerHandle) -> Iterator[httpx.Client]:
    """A client for a fresh workspace on the PostgreSQL server."""
    base_url, token = pg_server.base_url, pg_server.admin_token
    key = httpx.post(
        f"{base_url}/admin/v1/keys",
        json={"workspace": f"pg-{uuid.uuid4().hex[:12]}"},
        headers={"Authorization": f"Bearer {token}"},
    ).json()["key"]
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
        yield client


def test_signal_is_created_numbered_and_processed(pg_client: httpx.Client) -> None:
    first = create(pg_client, "signals", text="The export button crashes the app every time.")
    second = create(pg_client, "signals")
    assert (first["publicId"], second["publicId"]) == ("SIGNAL-1", "SIGNAL-2")
    done = settled(pg_client, first)
    assert done["status"] == "processed" and done["insightIds"]
    assert pg_client.post("/external/v1/signals/SIGNAL-2/process").status_code == 200


def test_signals_deleted_while_workers_process_them_go_cleanly(pg_client: httpx.Client) -> None:
    # The worker locks a job, then its signal; a delete must not take them the other way.
    created = [create(pg_client, "signals", text=f"Export {n} crashes.") for n in range(40)]
    for signal in created:
        response = pg_client.delete(f"/external/v1/signals/{signal['id']}")
        assert response.status_code == 200, response.text
    assert pg_client.get("/external/v1/signals").json() == []


def test_links_pages_and_counts(pg_client: httpx.Client) -> None:
    odd = create(pg_client, "insights", aiSuggestions="text", tagIds=["t"])
    assert pg_client.get(f"/external/v1/insights/{odd['id']}").json() == odd
    opportunity = create(pg_client, "opportunities", score=40)
    insights = [
        create(pg_client, "insights", name=f"n{i}", opportunityIds=[opportunity["id"]])
        for i in range(3)
    ]
    got = pg_client.get(f"/external/v1/opportunities/{opportunity['id']}").json()
    assert got["insightIds"] == sorted(i["id"] for i in insights) and got["score"] == 40
    page = pg_client.get("/external/v1/insights", params={"limit": 2, "offset": 1})
    assert [i["name"] for i in page.json()] == ["n1", "n0"]
    assert page.headers["X-Total-Count"] == "4"


def test_idempotency_and_errors(pg_client: httpx.Client) -> None:
    headers = {"Idempotency-Key": uuid.uuid4().hex}
    first = pg_client.post("/external/v1/ideas", json={"name": "a"}, headers=headers)
    again = pg_client.post("/external/v1/ideas", json={"name": "a"}, headers=headers)
    assert first.json() == again.json()
    assert (
        pg_client.post("/external/v1/ideas", json={"name": "b"}, headers=headers).status_code == 409
    )
    missing = pg_client.get("/external/v1/ideas/nope")
    assert missing.status_code == 404 and error_of(missing)["code"] == "not_found"
    bad = pg_client.post("/external/v1/insights", json={"name": "x", "ideaIds": ["ghost"]})
    assert bad.status_code == 422


@pytest.mark.parametrize(
    ("method", "path", "resource", "scope", "body"), ROUTES, ids=[f"{m} {p}" for m, p, *_ in ROUTES]
)
def test_no_bad_body_gets_a_5xx(
    pg_client: httpx.Client, method: str, path: str, resource: str, scope: str, body: object
) -> None:
    assert_no_5xx(pg_client, method, path, resource)

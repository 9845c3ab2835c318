"""`GET /insights/{id}/similar`: the insights most like one, with why, on SQLite and PostgreSQL.

Each test runs on the live SQLite server and on a PostgreSQL server of its own (a fresh
schema, test_dedup's), in fresh workspaces.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import ServerHandle
from tests.server.test_dedup import pg_server  # noqa: F401 (a fixture this module uses)

Workspace = Callable[..., httpx.Client]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def workspace(request: pytest.FixtureRequest) -> Iterator[Workspace]:
    """Makes a client for a fresh workspace (every scope unless `scopes` are given)."""
    server: ServerHandle = request.getfixturevalue(
        "live_server" if request.param == "sqlite" else "pg_server"
    )
    clients: list[httpx.Client] = []

    def make(scopes: list[str] | None = None) -> httpx.Client:
        body: dict[str, Any] = {"workspace": f"similar-{uuid.uuid4().hex[:12]}"}
        if scopes is not None:
            body["scopes"] = scopes
        admin = {"Authorization": f"Bearer {server.admin_token}"}
        made = httpx.post(f"{server.base_url}/admin/v1/keys", json=body, headers=admin)
        made.raise_for_status()
        headers = {"Authorization": f"Bearer {made.json()['key']}"}
        clients.append(httpx.Client(base_url=server.base_url, headers=headers, timeout=30.0))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


def _insight(api: httpx.Client, name: str, kind: str, quote: str, **more: Any) -> str:
    suggestions = {"kind": kind, "evidence": [{"text": quote}]}
    made = api.post("/external/v1/insights", json={"name": name, "aiSuggestions": suggestions})
    assert made.status_code == 201, made.text
    insight_id = str(made.json()["id"])
    if more:
        assert api.patch(f"/external/v1/insights/{insight_id}", json=more).status_code == 200
    return insight_id


def _similar(api: httpx.Client, insight_id: str, **params: Any) -> httpx.Response:
    return api.get(f"/external/v1/insights/{insight_id}/similar", params=params)


def test_similar_answers_the_closest_insights_of_its_kind_with_scores(
    workspace: Workspace,
) -> None:
    api = workspace()
    crash = _insight(
        api, "App crashes on photo attach", "bug", "The app crashes when I attach a photo."
    )
    close = _insight(api, "Crash attaching photos", "bug", "Attaching a photo crashes the app.")
    looser = _insight(api, "Photo upload slow", "bug", "Uploading a photo attachment takes ages.")
    other_kind = _insight(
        api, "Attach photos to comments", "feature_request", "Let me attach a photo to comments."
    )
    unrelated = _insight(api, "CSV export times out", "bug", "Export to CSV times out.")
    archived = _insight(
        api, "Photo attach crash", "bug", "Crash when I attach a photo.", status="archived"
    )
    merged_away = _insight(api, "Crashes on photo attach", "bug", "It crashes attaching a photo.")
    merged = api.post(f"/external/v1/insights/{close}/merge", json={"insightIds": [merged_away]})
    assert merged.status_code == 200, merged.text

    answer = _similar(api, crash)
    assert answer.status_code == 200, answer.text
    found = answer.json()
    ids = [item["insight"]["id"] for item in found]
    assert ids == [close, looser], "the closest first; nothing else shares its subject"
    assert not {crash, other_kind, unrelated, archived, merged_away} & set(ids)
    scores = [item["score"] for item in found]
    assert scores == sorted(scores, reverse=True) and 0 < scores[-1] <= scores[0] <= 1
    assert found[0]["insight"]["name"] == "Crash attaching photos"
    assert set(found[0]["sharedTerms"][:2]) == {"photo", "attach"}  # the subject words first

    assert len(_similar(api, crash, limit=1).json()) == 1
    assert _similar(api, unrelated).json() == []


def test_similar_is_scoped_to_the_workspace_and_reading_insights(workspace: Workspace) -> None:
    api, stranger = workspace(), workspace()
    crash = _insight(api, "App crashes on photo attach", "bug", "The app crashes on a photo.")
    _insight(stranger, "Crash attaching photos", "bug", "Attaching a photo crashes the app.")
    assert _similar(api, crash).json() == [], "another workspace's insights are never offered"
    assert _similar(stranger, crash).status_code == 404
    assert _similar(api, "no-such-insight").status_code == 404
    assert _similar(api, crash, limit=0).status_code == 422
    writer_only = workspace(scopes=["insights:write"])
    assert _similar(writer_only, crash).status_code == 403

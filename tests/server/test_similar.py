"""`GET /insights/{id}/similar`: the insights most like one, with why, on SQLite and PostgreSQL.

Each test runs on the live SQLite server and on a PostgreSQL server of its own (a fresh
schema), in fresh workspaces.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.server import test_signal_text_api as text_api

# Its fixture: `api(scopes=None)` makes a client for a fresh workspace of the live SQLite
# server or of its PostgreSQL twin (`pg_server`).
api = text_api.api


def _insight(client: httpx.Client, name: str, kind: str, quote: str, **more: Any) -> str:
    suggestions = {"kind": kind, "evidence": [{"text": quote}]}
    made = client.post("/external/v1/insights", json={"name": name, "aiSuggestions": suggestions})
    assert made.status_code == 201, made.text
    insight_id = str(made.json()["id"])
    if more:
        assert client.patch(f"/external/v1/insights/{insight_id}", json=more).status_code == 200
    return insight_id


def _similar(client: httpx.Client, insight_id: str, **params: Any) -> httpx.Response:
    return client.get(f"/external/v1/insights/{insight_id}/similar", params=params)


def test_similar_answers_the_closest_insights_of_its_kind_with_scores(api: text_api.Api) -> None:
    client = api()
    crash = _insight(
        client, "App crashes on photo attach", "bug", "The app crashes when I attach a photo."
    )
    close = _insight(client, "Crash attaching photos", "bug", "Attaching a photo crashes the app.")
    looser = _insight(
        client, "Photo upload slow", "bug", "Uploading a photo attachment takes ages."
    )
    other_kind = _insight(
        client, "Attach photos to comments", "feature_request", "Let me attach a photo to comments."
    )
    unrelated = _insight(client, "CSV export times out", "bug", "Export to CSV times out.")
    archived = _insight(
        client, "Photo attach crash", "bug", "Crash when I attach a photo.", status="archived"
    )
    merged_away = _insight(
        client, "Crashes on photo attach", "bug", "It crashes attaching a photo."
    )
    merged = client.post(f"/external/v1/insights/{close}/merge", json={"insightIds": [merged_away]})
    assert merged.status_code == 200, merged.text

    answer = _similar(client, crash)
    assert answer.status_code == 200, answer.text
    found = answer.json()
    ids = [item["insight"]["id"] for item in found]
    assert ids == [close, looser], "the closest first; nothing else shares its subject"
    assert not {crash, other_kind, unrelated, archived, merged_away} & set(ids)
    scores = [item["score"] for item in found]
    assert scores == sorted(scores, reverse=True) and 0 < scores[-1] <= scores[0] <= 1
    assert found[0]["insight"]["name"] == "Crash attaching photos"
    assert set(found[0]["sharedTerms"][:2]) == {"photo", "attach"}  # the subject words first

    assert len(_similar(client, crash, limit=1).json()) == 1
    assert _similar(client, unrelated).json() == []


def test_similar_is_scoped_to_the_workspace_and_reading_insights(api: text_api.Api) -> None:
    client, stranger = api(), api()
    crash = _insight(client, "App crashes on photo attach", "bug", "The app crashes on a photo.")
    _insight(stranger, "Crash attaching photos", "bug", "Attaching a photo crashes the app.")
    assert _similar(client, crash).json() == [], "another workspace's insights are never offered"
    assert _similar(stranger, crash).status_code == 404
    assert _similar(client, "no-such-insight").status_code == 404
    assert _similar(client, crash, limit=0).status_code == 422
    writer_only = api(scopes=["insights:write"])
    assert _similar(writer_only, crash).status_code == 403

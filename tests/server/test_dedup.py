"""De-duplication across signals, and merge/unmerge, through the API on SQLite and PostgreSQL.

Each test runs on the live SQLite server and on a server of its own on PostgreSQL (a fresh
schema), in a fresh workspace.
"""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest

from tests.server.conftest import Workspace, settled
from tests.server.queue_support import Database, make_signal, make_workspace, signal_insights
from tests.server.test_processing import run_next

CRASHES = [
    "The app crashes every time I attach a photo to a message.",
    "Attaching a photo makes the app crash instantly.",
    "App crashs when i atach a photo to my post",
    "Crashes whenever I try to attach a photo. So frustrating.",
    "Every time I attach a photo the whole app crashes.",
    "Photo attachments crash the app on my phone.",
    "It crashes when attaching photos, please fix.",
    "The app crashed again when I attached a photo to a chat.",
    "Crash on attaching a photo, happens every single time.",
    "Cannot attach photos, the app just crashes and closes.",
]
DARK_MODE = [
    "Please add a dark mode, my eyes hurt at night.",
    "Dark mode please!",
    "I wish there was a dark mode.",
    "Would love a dark mode for night use.",
    "Add dark mode, the white screen is blinding.",
    "A dark mode option would be great.",
    "When are you adding dark mode?? my eyes",
    "Need a dark mode desperately.",
    "Please give us dark mode.",
    "Dark mode would make this app perfect.",
]
UNRELATED = [
    "The calendar widget shows a blank screen on Android.",
    "Please add a bigger font size option.",
    "Export to CSV times out for large reports.",
    "Password reset email never arrives.",
    "Please integrate with Slack for alerts.",
    "The checkout page freezes when I apply a coupon code.",
    "Battery drains really fast in the background.",
    "Let me schedule reports to be emailed weekly.",
    "Invoices show the wrong tax rate for Germany.",
    "The map never loads in the delivery tracking screen.",
    "Search doesn't find customers by email address.",
    "Please add two-factor authentication.",
    "Video playback stutters on 4K videos.",
    "Can you add recurring tasks?",
    "Audio drops out during calls after a few minutes.",
    "The keyboard covers the message box on iPhone.",
    "Offline mode would help when I travel.",
    "Let me export my data to Excel.",
    "Stripe payouts are delayed by a week.",
    "Switching tabs resets the timer.",
]


def _variants(texts: list[str], count: int) -> list[str]:
    """`count` reviews: the texts, then again with a sentence of context after them."""
    tails = ["", " Version 4.2.", " Otherwise fine.", " On a Pixel 7."]
    return [texts[n % len(texts)] + tails[(n // len(texts)) % len(tails)] for n in range(count)]


@pytest.fixture
def api(workspace_on_each_database: Workspace) -> httpx.Client:
    return workspace_on_each_database.client


def _import(api: httpx.Client, texts: list[str]) -> list[dict[str, Any]]:
    made = []
    for text in texts:
        response = api.post("/external/v1/signals", json={"text": text, "signalType": "review"})
        assert response.status_code == 201, response.text
        made.append(response.json())
    done = [settled(api, signal, timeout_s=120) for signal in made]
    assert {s["status"] for s in done} == {"processed"}
    return done


def _insights(api: httpx.Client) -> list[dict[str, Any]]:
    response = api.get("/external/v1/insights", params={"limit": 1000})
    assert response.status_code == 200
    return list(response.json())


def _holding(insights: list[dict[str, Any]], signals: list[dict[str, Any]]) -> list[Any]:
    """The insights that hold evidence of these signals."""
    ids = {s["id"] for s in signals}
    return [i for i in insights if ids & set(i["signalIds"])]


def _evidence_signals(insight: dict[str, Any]) -> set[str]:
    return {e["signalId"] for e in insight["aiSuggestions"]["evidence"]}


def test_same_findings_across_signals_become_one_insight_each(api: httpx.Client) -> None:
    crashes = _import(api, _variants(CRASHES, 30))
    dark = _import(api, _variants(DARK_MODE, 20))
    other = _import(api, UNRELATED)
    insights = _insights(api)
    crash_insights = _holding(insights, crashes)
    dark_insights = _holding(insights, dark)
    print(
        f"70 reviews -> {len(insights)} insights; crash {len(crash_insights)}, "
        f"dark mode {len(dark_insights)}"
    )
    assert len(insights) <= 30, "30 + 20 reviews of two findings and 20 others, not 70 drafts"
    biggest_crash = max(crash_insights, key=lambda i: len(i["signalIds"]))
    biggest_dark = max(dark_insights, key=lambda i: len(i["signalIds"]))
    assert len(biggest_crash["signalIds"]) >= 27
    assert len(biggest_dark["signalIds"]) >= 18
    assert _evidence_signals(biggest_crash) == set(biggest_crash["signalIds"])
    assert biggest_crash["id"] != biggest_dark["id"]
    strangers = {s["id"] for s in other}
    assert not strangers & set(biggest_crash["signalIds"])
    assert not strangers & set(biggest_dark["signalIds"])
    joined = [e for e in biggest_crash["aiSuggestions"]["evidence"] if "match" in e]
    assert joined and all(e["match"]["score"] >= 0.3 and e["match"]["sharedTerms"] for e in joined)

    # The same file again: no new drafts, the new signals join as evidence.
    again = _import(api, _variants(CRASHES, 30) + _variants(DARK_MODE, 20))
    after = _insights(api)
    assert len(after) == len(insights)
    crash_now = next(i for i in after if i["id"] == biggest_crash["id"])
    assert len(crash_now["signalIds"]) == len(biggest_crash["signalIds"]) * 2
    assert {s["id"] for s in again} & set(crash_now["signalIds"])


def test_reprocessing_a_published_finding_keeps_it_and_makes_no_draft(api: httpx.Client) -> None:
    [signal] = _import(api, ["The app crashes every time I attach a photo."])
    [insight] = _insights(api)
    published = api.patch(f"/external/v1/insights/{insight['id']}", json={"status": "published"})
    assert published.status_code == 200
    processed = api.post(f"/external/v1/signals/{signal['id']}/process")
    assert processed.status_code in (200, 202), processed.text
    settled(api, {"id": signal["id"]})
    [after] = _insights(api)
    assert (after["id"], after["status"]) == (insight["id"], "published")
    assert len(after["aiSuggestions"]["evidence"]) == 1
    # A new mention of it joins the published insight, counted since publishing.
    _import(api, ["Attaching a photo crashes the app every time."])
    [joined] = _insights(api)
    assert joined["status"] == "published"
    assert joined["aiSuggestions"]["mentionsSincePublished"] == 1
    assert len(joined["signalIds"]) == 2


def _made(api: httpx.Client, resource: str, **body: Any) -> dict[str, Any]:
    response = api.post(f"/external/v1/{resource}", json={"name": f"a {resource}", **body})
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_merge_and_unmerge_round_trip_exactly(api: httpx.Client) -> None:
    signals = _import(api, ["The export to PDF is broken.", "Please add a Jira integration."])
    opportunity, idea = _made(api, "opportunities"), _made(api, "ideas")
    first, second = sorted(_insights(api), key=lambda i: i["name"])
    second = api.patch(
        f"/external/v1/insights/{second['id']}",
        json={"opportunityIds": [opportunity["id"]], "ideaIds": [idea["id"]]},
    ).json()
    merged = api.post(
        f"/external/v1/insights/{first['id']}/merge", json={"insightIds": [second["id"]]}
    )
    assert merged.status_code == 200, merged.text
    target = merged.json()
    assert set(target["signalIds"]) == {s["id"] for s in signals}
    assert target["opportunityIds"] == [opportunity["id"]] and target["ideaIds"] == [idea["id"]]
    assert len(target["aiSuggestions"]["evidence"]) == 2
    assert [i["id"] for i in _insights(api)] == [first["id"]]
    away = api.get(f"/external/v1/insights/{second['id']}").json()
    assert away["mergedIntoId"] == first["id"]
    opp = api.get(f"/external/v1/opportunities/{opportunity['id']}").json()
    assert opp["insightIds"] == [first["id"]]

    back = api.post(
        f"/external/v1/insights/{first['id']}/unmerge", json={"insightIds": [second["id"]]}
    )
    assert back.status_code == 200, back.text
    restored = api.get(f"/external/v1/insights/{second['id']}").json()
    skip = {"updatedAt"}
    assert {k: v for k, v in restored.items() if k not in skip} == {
        k: v for k, v in second.items() if k not in skip
    }
    now_first = api.get(f"/external/v1/insights/{first['id']}").json()
    assert now_first["signalIds"] == first["signalIds"]
    assert now_first["aiSuggestions"]["evidence"] == first["aiSuggestions"]["evidence"]
    assert now_first["opportunityIds"] == [] and now_first["mergedIntoId"] is None
    assert len(_insights(api)) == 2


def test_merge_rejects_what_it_cannot_do(api: httpx.Client) -> None:
    a, b = _made(api, "insights"), _made(api, "insights")
    itself = api.post(f"/external/v1/insights/{a['id']}/merge", json={"insightIds": [a["id"]]})
    assert itself.status_code == 422
    unknown = api.post(f"/external/v1/insights/{a['id']}/merge", json={"insightIds": ["nope"]})
    assert unknown.status_code == 422 and "nope" in unknown.text
    missing = api.post("/external/v1/insights/nope/merge", json={"insightIds": [a["id"]]})
    assert missing.status_code == 404
    stale = api.post(
        f"/external/v1/insights/{a['id']}/merge",
        json={"insightIds": [b["id"]]},
        headers={"If-Match": '"stale"'},
    )
    assert stale.status_code == 412
    assert (
        api.post(
            f"/external/v1/insights/{a['id']}/merge", json={"insightIds": [b["id"]]}
        ).status_code
        == 200
    )
    into_away = api.post(f"/external/v1/insights/{b['id']}/merge", json={"insightIds": [a["id"]]})
    assert into_away.status_code == 422


class TestRacingWorkers:
    def test_two_workers_on_similar_signals_make_one_insight(self, database: Database) -> None:
        workspace_id = make_workspace(database)
        signal_ids = [
            make_signal(database, workspace_id, text)[0]
            for text in (
                "The app crashes when I attach a photo.",
                "Attaching a photo crashes the app.",
            )
        ]
        runners = [threading.Thread(target=run_next, args=(database, f"w{n}")) for n in (1, 2)]
        for runner in runners:
            runner.start()
        for runner in runners:
            runner.join()
        [first], [second] = (signal_insights(database, s) for s in signal_ids)
        assert first.id == second.id


def test_a_wrong_join_is_undone_by_unmerge(api: httpx.Client) -> None:
    first, second = _import(
        api, ["The app crashes when I attach a photo.", "Attaching a photo crashes the app."]
    )
    [insight] = _insights(api)
    joined = [e for e in insight["aiSuggestions"]["evidence"] if e["signalId"] == second["id"]]
    [finding_id] = {e["mergedFrom"] for e in joined}
    assert api.get(f"/external/v1/insights/{finding_id}").json()["mergedIntoId"] == insight["id"]
    undone = api.post(
        f"/external/v1/insights/{insight['id']}/unmerge", json={"insightIds": [finding_id]}
    )
    assert undone.status_code == 200, undone.text
    assert undone.json()["signalIds"] == [first["id"]]
    own = api.get(f"/external/v1/insights/{finding_id}").json()
    assert (own["signalIds"], own["mergedIntoId"]) == ([second["id"]], None)
    assert {i["id"] for i in _insights(api)} == {insight["id"], finding_id}

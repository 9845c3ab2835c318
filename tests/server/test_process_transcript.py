"""process-transcript read as the workspace's signals are: the text's own shape picks the
profile, the workspace's learned model re-scores the drafts, and saved findings are
de-duplicated against its insights. Over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.server.conftest import Workspace
from tests.server.test_learning_api import ASKS, PLACES, WHEN, draft, patch, wait_for

ROUTE = "/external/v1/insights/process-transcript/insights"

TICKET = (
    "Subject: Receipt upload fails with error 413\n"
    "Priority: High\n\n"
    "Hello support,\n\n"
    "Every receipt photo over 5 MB is rejected with Error 413 since yesterday's update. Our "
    "field team scans receipts on their phones and cannot file expenses at all.\n"
    "Could you also let us attach several receipts to one expense line?\n\n"
    "Kind regards,\n"
    "Tomasz Wilk\n"
    "Operations, Brightline Logistics"
)
REVIEWS = (
    "Five stars, the budgeting charts are gorgeous.\n"
    "Bank sync drops my credit union every few days, so annoying.\n"
    "Please add a shared budget for couples.\n"
    "App freezes when I scroll back past last year."
)
INTERVIEW = (
    "Interviewer: What slows down your month-end close?\n"
    "Customer: The bank feed import times out whenever a month has more than a thousand rows.\n"
    "Interviewer: What would you change first?\n"
    "Customer: I wish I could match payments to invoices in bulk."
)


def post(client: httpx.Client, text: str, **body: Any) -> list[dict[str, Any]]:
    response = client.post(ROUTE, json={"transcript": text, **body})
    assert response.status_code == 200, response.text
    return list(response.json())


def kinds(found: list[dict[str, Any]]) -> list[str]:
    return [insight["aiSuggestions"]["kind"] for insight in found]


def stored(client: httpx.Client) -> list[dict[str, Any]]:
    return list(client.get("/external/v1/insights", params={"limit": 1000}).json())


@pytest.fixture
def api(workspace_on_each_database: Workspace) -> httpx.Client:
    return workspace_on_each_database.client


@pytest.mark.parametrize(
    ("text", "insight_type"),
    [
        pytest.param(TICKET, "support-ticket", id="ticket"),
        pytest.param(REVIEWS, "feedback", id="reviews"),
        pytest.param(INTERVIEW, "user-interview", id="interview"),
    ],
)
def test_the_text_is_read_as_what_its_shape_says(
    api: httpx.Client, text: str, insight_type: str
) -> None:
    found = post(api, text)
    assert found and {insight["type"] for insight in found} == {insight_type}


def test_a_ticket_is_not_read_as_an_interview(api: httpx.Client) -> None:
    found = post(api, TICKET)
    # Read as an interview, "Subject" and "Priority" were speakers and the header a finding.
    assert "bug" in kinds(found) and "feature_request" in kinds(found)
    assert not any(insight["name"].startswith(("Subject", "Priority")) for insight in found)


def test_the_workspaces_triage_shapes_the_drafts(
    workspace_on_each_database: Workspace,
) -> None:
    space = workspace_on_each_database
    said = "The sync dot went grey on my tablet since Friday."
    assert "bug" not in kinds(post(space.client, said))  # the engine alone: no bug in it
    bugs = [f"The sync dot went grey on the {p} {w}." for p in PLACES for w in WHEN]
    asks = [f"Please add {ask} to the {p}." for ask in ASKS for p in PLACES][:52]
    drafts = [draft(space.client, t, "bug") for t in bugs]
    drafts += [draft(space.client, t, "feature_request") for t in asks]
    for insight in drafts:
        patch(space.client, insight, status="published")
    wait_for(space.server, space.name, version=2)  # retrained after 50 and 100 decisions
    assert "bug" in kinds(post(space.client, said))


def test_posting_the_same_text_twice_does_not_double_the_drafts(api: httpx.Client) -> None:
    first = post(api, REVIEWS, createInsights=True)
    assert len(first) >= 3 and len(stored(api)) == len(first)
    again = post(api, REVIEWS, createInsights=True)
    assert again == first  # the same insights, unchanged: nothing new was said
    assert len(stored(api)) == len(first)


def test_a_finding_about_an_insight_joins_it_and_is_answered_as_it_now_is(
    api: httpx.Client,
) -> None:
    first = post(api, REVIEWS, createInsights=True)
    sync = next(i for i in first if "sync" in i["name"].lower())
    more = "My credit union keeps dropping out of bank sync, every couple of days."
    joined = post(api, more, createInsights=True)
    assert [insight["id"] for insight in joined] == [sync["id"]]
    quotes = [item["text"] for item in joined[0]["aiSuggestions"]["evidence"]]
    assert len(quotes) == len(sync["aiSuggestions"]["evidence"]) + 1 and more in quotes[-1]
    assert len(stored(api)) == len(first)
    # As a signal's finding, it is a draft merged into the insight: unmerge takes it out.
    merged = joined[0]["aiSuggestions"]["evidence"][-1]["mergedFrom"]
    response = api.post(
        f"/external/v1/insights/{sync['id']}/unmerge", json={"insightIds": [merged]}
    )
    assert response.status_code == 200, response.text
    assert response.json()["aiSuggestions"]["evidence"] == sync["aiSuggestions"]["evidence"]
    assert len(stored(api)) == len(first) + 1


def test_findings_never_join_another_workspaces_insights(
    workspace_on_each_database: Workspace,
) -> None:
    space = workspace_on_each_database
    made = httpx.post(
        f"{space.server.base_url}/admin/v1/keys",
        json={"workspace": f"other-{space.name}"},
        headers={"Authorization": f"Bearer {space.server.admin_token}"},
    )
    made.raise_for_status()
    key = {"Authorization": f"Bearer {made.json()['key']}"}
    with httpx.Client(base_url=space.server.base_url, headers=key, timeout=60.0) as stranger:
        theirs = post(stranger, REVIEWS, createInsights=True)
        mine = post(space.client, REVIEWS, createInsights=True)
        assert mine and not {i["id"] for i in mine} & {i["id"] for i in theirs}
        assert post(stranger, REVIEWS, createInsights=True) == theirs  # left as they were

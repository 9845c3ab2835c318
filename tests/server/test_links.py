"""Links are one fact stored once: visible from both sides, editable from both, checked."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.server.conftest import ClientFor, create, error_of, settled

# (resource, its field, the other resource, the other's field)
LINK_KINDS = [
    ("insights", "opportunityIds", "opportunities", "insightIds"),
    ("insights", "ideaIds", "ideas", "insightIds"),
    ("opportunities", "ideaIds", "ideas", "opportunityIds"),
    ("signals", "insightIds", "insights", "signalIds"),
]
BOTH_SIDES = LINK_KINDS + [(b, bf, a, af) for a, af, b, bf in LINK_KINDS]


def new(client: httpx.Client, resource: str) -> dict[str, object]:
    """A fresh object; signals are raw ones without text, so no processing adds insights."""
    if resource == "signals":
        return create(
            client, "signals", text=None, signalType=None, source={"type": "test"}, data={}
        )
    return create(client, resource)


@pytest.mark.parametrize(("resource", "field", "other", "other_field"), BOTH_SIDES)
def test_setting_one_side_shows_on_the_other(
    client: httpx.Client, resource: str, field: str, other: str, other_field: str
) -> None:
    target = new(client, other)
    source = new(client, resource)
    response = client.patch(f"/external/v1/{resource}/{source['id']}", json={field: [target["id"]]})
    assert response.status_code == 200 and response.json()[field] == [target["id"]]
    assert client.get(f"/external/v1/{other}/{target['id']}").json()[other_field] == [source["id"]]
    client.patch(f"/external/v1/{resource}/{source['id']}", json={field: []})
    assert client.get(f"/external/v1/{other}/{target['id']}").json()[other_field] == []


@pytest.mark.parametrize(("resource", "field", "other", "other_field"), BOTH_SIDES)
def test_deleting_removes_the_links(
    client: httpx.Client, resource: str, field: str, other: str, other_field: str
) -> None:
    target = new(client, other)
    source = new(client, resource)
    client.patch(f"/external/v1/{resource}/{source['id']}", json={field: [target["id"]]})
    client.delete(f"/external/v1/{resource}/{source['id']}")
    assert client.get(f"/external/v1/{other}/{target['id']}").json()[other_field] == []


def test_links_given_at_create_show_on_both_sides(client: httpx.Client) -> None:
    opportunity = create(client, "opportunities")
    idea = create(client, "ideas", opportunityIds=[opportunity["id"]])
    insight = create(client, "insights", opportunityIds=[opportunity["id"]], ideaIds=[idea["id"]])
    got = client.get(f"/external/v1/opportunities/{opportunity['id']}").json()
    assert got["insightIds"] == [insight["id"]] and got["ideaIds"] == [idea["id"]]


def test_unknown_ids_are_422_naming_them(client: httpx.Client) -> None:
    known = create(client, "opportunities")
    response = client.post(
        "/external/v1/insights",
        json={"name": "x", "opportunityIds": [known["id"], "ghost-1", "ghost-2"]},
    )
    assert response.status_code == 422
    error = error_of(response)
    assert error["fields"] == [
        {"field": "opportunityIds", "message": "Unknown ids: ghost-1, ghost-2"}
    ]
    assert client.get("/external/v1/insights").json() == []  # nothing half-written


def test_another_workspaces_ids_count_as_unknown(
    client: httpx.Client, client_for: ClientFor, make_key: Callable[..., str]
) -> None:
    theirs = create(client_for(make_key()), "ideas")
    mine = create(client, "insights")
    response = client.patch(f"/external/v1/insights/{mine['id']}", json={"ideaIds": [theirs["id"]]})
    assert response.status_code == 422
    assert theirs["id"] in error_of(response)["message"]


def test_duplicate_ids_are_stored_once(client: httpx.Client) -> None:
    idea = create(client, "ideas")
    insight = create(client, "insights", ideaIds=[idea["id"], idea["id"]])
    assert insight["ideaIds"] == [idea["id"]]


@pytest.mark.parametrize("resource", ["signals", "insights", "opportunities", "ideas"])
def test_read_and_write_answers_agree(client: httpx.Client, resource: str) -> None:
    """Reads are rendered by the database, writes in Python: the JSON must be the same."""
    insight = create(client, "insights", tagIds=["t"], aiSuggestions={"kind": "bug"})
    opportunity = create(client, "opportunities", score=12.5, insightIds=[insight["id"]])
    idea = create(client, "ideas", insightIds=[insight["id"]], opportunityIds=[opportunity["id"]])
    signal = settled(client, create(client, "signals", externalId="x-1"))
    client.patch(f"/external/v1/signals/{signal['id']}", json={"insightIds": [insight["id"]]})
    target = {"signals": signal, "insights": insight, "opportunities": opportunity, "ideas": idea}[
        resource
    ]
    written = client.patch(
        f"/external/v1/{resource}/{target['id']}", json={"name": "renamed"}
    ).json()
    read = client.get(f"/external/v1/{resource}/{target['id']}").json()
    listed = next(
        o for o in client.get(f"/external/v1/{resource}").json() if o["id"] == target["id"]
    )
    assert written == read == listed

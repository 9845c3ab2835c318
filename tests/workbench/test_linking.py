"""Linking never drops links it was not told about, even against a sparse server."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx

from zentrik_ui import ZentrikClient
from zentrik_ui.keys import SCOPES, keys_frame, own_key, revocable_labels, workspace_keys
from zentrik_ui.linking import link_insights
from zentrik_ui.models import ApiKeyRecord


def client_with(answers: dict[tuple[str, str], object], sent: list[tuple[str, str, object]]):
    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        sent.append((request.method, request.url.path, body))
        return httpx.Response(200, json=answers[(request.method, request.url.path)])

    return ZentrikClient("http://zentrik.test", "zk_test", transport=httpx.MockTransport(handler))


BASE = "/external/v1"


def test_existing_links_are_kept_when_the_server_tells_them() -> None:
    sent: list[tuple[str, str, object]] = []
    answers = {
        ("GET", f"{BASE}/opportunities/o1"): {"id": "o1", "name": "Exports", "insightIds": ["a"]},
        ("PATCH", f"{BASE}/opportunities/o1"): {"id": "o1", "name": "Exports"},
    }
    name = link_insights(client_with(answers, sent), "Existing opportunity", ["b", "a"], "o1")
    assert name == "Exports"
    assert sent[-1] == ("PATCH", f"{BASE}/opportunities/o1", {"insightIds": ["a", "b"]})


def test_a_sparse_opportunity_is_linked_from_each_insight() -> None:
    # The spec's own example GET answers only id and name: its insightIds are unknown.
    sent: list[tuple[str, str, object]] = []
    answers = {
        ("GET", f"{BASE}/opportunities/o1"): {"id": "o1", "name": "Exports"},
        ("GET", f"{BASE}/insights/b"): {"id": "b", "name": "B", "opportunityIds": ["o9"]},
        ("PATCH", f"{BASE}/insights/b"): {"id": "b", "name": "B"},
    }
    link_insights(client_with(answers, sent), "Existing opportunity", ["b"], "o1")
    assert ("PATCH", f"{BASE}/opportunities/o1") not in [(m, p) for m, p, _ in sent]
    assert sent[-1] == ("PATCH", f"{BASE}/insights/b", {"opportunityIds": ["o9", "o1"]})


def test_a_new_opportunity_gets_the_insights_even_if_create_ignores_them() -> None:
    sent: list[tuple[str, str, object]] = []
    answers = {
        ("POST", f"{BASE}/opportunities"): {"id": "o2", "name": "Billing"},
        ("GET", f"{BASE}/insights/a"): {"id": "a", "name": "A"},
        ("PATCH", f"{BASE}/insights/a"): {"id": "a", "name": "A"},
    }
    link_insights(client_with(answers, sent), "New opportunity", ["a"], new_name=" Billing ",
                  new_score=60)  # fmt: skip
    assert sent[0] == ("POST", f"{BASE}/opportunities",
                       {"name": "Billing", "score": 60, "insightIds": ["a"]})  # fmt: skip
    assert sent[-1] == ("PATCH", f"{BASE}/insights/a", {"opportunityIds": ["o2"]})


def test_the_workbench_finds_its_own_key_by_prefix() -> None:
    records = [
        ApiKeyRecord(id="k1", name="Workbench", prefix="zk_AAAA1111", scopes=list(SCOPES)),
        ApiKeyRecord(id="k2", name="Zapier", prefix="zk_BBBB2222", scopes=["signals:read"]),
    ]
    mine = own_key(records, "zk_BBBB2222rest-of-the-key")
    assert mine is not None and mine.id == "k2"
    table = keys_frame(records, mine.id)
    assert table["name"].tolist() == ["Workbench", "Zapier — this workbench"]
    assert table["scopes"].tolist() == ["all", "signals:read"]


def test_only_other_live_keys_of_the_workspace_can_be_revoked() -> None:
    records = [
        ApiKeyRecord(id="k1", name="Workbench", prefix="zk_AAAA1111", workspace="w1"),
        ApiKeyRecord(id="k2", prefix="zk_BBBB2222", workspace="w1"),
        ApiKeyRecord(
            id="k3",
            name="Old",
            prefix="zk_CCCC3333",
            workspace="w1",
            revoked_at=datetime(2025, 6, 1, tzinfo=UTC),
        ),
        ApiKeyRecord(id="k4", name="Theirs", prefix="zk_DDDD4444", workspace="w2"),
    ]
    shown = workspace_keys(records, "w1")
    assert [r.id for r in shown] == ["k1", "k2", "k3"]
    assert workspace_keys(records, None) == records
    assert revocable_labels(shown, records[0]) == {"k2": "(unnamed) (zk_BBBB2222…)"}

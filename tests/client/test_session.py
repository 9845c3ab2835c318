"""The cache layer: two key fingerprints never share a client or data, a write makes the
next read fresh, failures are raised (not cached, not rendered), and frames keep their columns."""

from __future__ import annotations

import gc
import inspect
from collections.abc import Iterator
from typing import Any

import httpx
import pandas as pd
import pytest

from zentrik_ui import AuthenticationError, ZentrikClient, session
from zentrik_ui.client import APIConnectionError, ZentrikError
from zentrik_ui.client.resources import Ideas, Insights, Opportunities, Signals
from zentrik_ui.config import Connection
from zentrik_ui.models import Insight, Opportunity, Signal

URL = "https://zentrik.test"
ALICE = Connection(URL, "key-of-alice")
BOB = Connection(URL, "key-of-bob")
CAROL = Connection(URL, "key-of-carol")  # an empty workspace


class Workspaces:
    """A fake API whose answers depend on the key, counting the requests it serves."""

    def __init__(self) -> None:
        self.insights: dict[str, list[dict[str, Any]]] = {
            "key-of-alice": [{"id": "a1", "name": "Alice's insight", "opportunityIds": ["o1"]}],
            "key-of-bob": [{"id": "b1", "name": "Bob's insight"}],
            "key-of-carol": [],
        }
        self.requests = 0
        self.fail_with: int | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.fail_with:
            return httpx.Response(self.fail_with, json={"message": "nope"})
        key = request.headers["authorization"].removeprefix("Bearer ")
        path = request.url.path.rsplit("/", 1)[-1]
        items = self.insights[key] if path == "insights" else []
        return httpx.Response(200, json=items if request.url.params["offset"] == "0" else [])


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspaces]:
    fake = Workspaces()

    def client(base_url: str, api_key: str) -> ZentrikClient:
        return ZentrikClient(base_url, api_key, transport=httpx.MockTransport(fake), max_retries=0)

    monkeypatch.setattr(session, "ZentrikClient", client)
    session._client.clear()
    session.invalidate("signals", "insights", "opportunities", "ideas")
    yield fake
    session._client.clear()
    session.invalidate("signals", "insights", "opportunities", "ideas")


class TestKeysNeverShare:
    def test_data(self, api: Workspaces) -> None:
        assert session.load_insights(ALICE)["id"].tolist() == ["a1"]
        assert session.load_insights(BOB)["id"].tolist() == ["b1"]
        assert api.requests == 2

    def test_clients(self, api: Workspaces) -> None:
        assert session.get_client(ALICE) is session.get_client(Connection(URL, "key-of-alice"))
        assert session.get_client(ALICE) is not session.get_client(BOB)
        assert session.get_client(ALICE).fingerprint == ALICE.fingerprint

    def test_the_key_is_not_a_cache_argument(self) -> None:
        for loader in (session._client, session._insights, session._signals):
            params = inspect.signature(loader.__wrapped__).parameters  # type: ignore[attr-defined]
            # Streamlit hashes every parameter but those named with a leading "_".
            assert [p for p in params if not p.startswith("_")] == ["base_url", "fingerprint"]


class TestFreshness:
    def test_reads_are_cached(self, api: Workspaces) -> None:
        session.load_insights(ALICE)
        session.load_insights(ALICE)
        assert api.requests == 1

    def test_a_write_makes_the_next_read_fresh(self, api: Workspaces) -> None:
        session.load_insights(ALICE)
        api.insights["key-of-alice"].append({"id": "a2", "name": "New"})
        assert len(session.load_insights(ALICE)) == 1  # still the cached read
        session.invalidate_after("insights.create")
        assert session.load_insights(ALICE)["id"].tolist() == ["a1", "a2"]

    def test_invalidating_one_connection_keeps_the_others(self, api: Workspaces) -> None:
        session.load_insights(ALICE)
        session.load_insights(BOB)
        session.invalidate("insights", conn=ALICE)
        session.load_insights(ALICE)
        session.load_insights(BOB)
        assert api.requests == 3

    def test_links_stale_both_sides(self) -> None:
        assert set(session.STALE_AFTER["insights.update"]) >= {"insights", "opportunities"}
        assert set(session.STALE_AFTER["opportunities.update"]) >= {"insights", "ideas"}
        assert set(session.STALE_AFTER["signals.process"]) == {"signals", "insights"}

    def test_every_client_write_has_an_entry(self) -> None:
        writes = {"create", "update", "delete", "process", "extract"}
        for resource in (Signals, Insights, Opportunities, Ideas):
            name = resource.path.rsplit("/", 1)[-1]
            for method in writes & set(vars(resource) | vars(resource.__mro__[1])):
                assert f"{name}.{method}" in session.STALE_AFTER

    def test_unknown_names_are_refused(self) -> None:
        with pytest.raises(ValueError):
            session.invalidate("insight")  # type: ignore[arg-type]
        with pytest.raises(ValueError):
            session.invalidate_after("insights.publish")


class TestFailures:
    def test_raised_not_cached(self, api: Workspaces) -> None:
        api.fail_with = 401
        with pytest.raises(AuthenticationError):
            session.load_insights(ALICE)
        assert gc.isenabled()  # the loader's GC pause ends even when it fails
        api.fail_with = None
        assert session.load_insights(ALICE)["id"].tolist() == ["a1"]

    @pytest.mark.parametrize(
        ("status", "hint"), [(401, "API key"), (403, "scope"), (404, "deleted"), (503, "again")]
    )
    def test_hints(self, api: Workspaces, status: int, hint: str) -> None:
        api.fail_with = status
        with pytest.raises(ZentrikError) as caught:
            session.load_insights(ALICE)
        assert hint in session.error_hint(caught.value)

    def test_connection_hint(self) -> None:
        assert "server running" in session.error_hint(APIConnectionError("down"))


class TestFrames:
    @pytest.mark.parametrize(
        ("load", "columns"),
        [
            (session.load_signals, session.SIGNAL_COLUMNS),
            (session.load_insights, session.INSIGHT_COLUMNS),
            (session.load_opportunities, session.OPPORTUNITY_COLUMNS),
            (session.load_ideas, session.IDEA_COLUMNS),
        ],
    )
    def test_columns_even_when_empty(self, api: Workspaces, load: Any, columns: Any) -> None:
        frame = load(CAROL)
        assert frame.empty
        assert tuple(frame.columns) == columns
        assert str(frame["created_at"].dtype) == "datetime64[us, UTC]"

    def test_derived_columns(self) -> None:
        insight = Insight.model_validate(
            {
                "id": "i1",
                "status": "published",
                "opportunityIds": ["o1", "o2"],
                "signalIds": ["s1"],
                "aiSuggestions": {"kind": "bug", "severity": "high", "sentiment": -0.6},
                "createdAt": "2025-03-11T14:30:00Z",
            }
        )
        row = session.insights_frame([insight]).iloc[0]
        assert (row.n_opportunities, row.n_signals, row.n_ideas) == (2, 1, 0)
        assert (row.kind, row.severity, row.sentiment) == ("bug", "high", -0.6)
        assert row.status == "published" and type(row.status) is str
        assert row.created_at == pd.Timestamp("2025-03-11T14:30:00Z")

        signal = Signal.model_validate(
            {
                "id": "s1",
                "source": {"type": "manual-text"},
                "insightIds": ["i1"],
                "processing": {"lastError": "boom"},
            }
        )
        row = session.signals_frame([signal]).iloc[0]
        assert (row.source_type, row.n_insights, row.last_error) == ("manual-text", 1, "boom")

        row = session.opportunities_frame([Opportunity(id="o", score=85)]).iloc[0]
        assert row.score == 85.0 and row.n_insights == 0


def test_key_list_is_cached_until_a_key_is_created(live_server: Any, make_key: Any) -> None:
    conn = Connection(live_server.base_url, make_key(), admin_token=live_server.admin_token)
    before = session.load_api_keys(conn)
    admin = session.get_admin(conn)
    assert admin is not None and session.get_admin(Connection(URL, "no-admin")) is None
    admin.keys.create("cache-check", name="fresh")
    assert session.load_api_keys(conn) == before  # no request on a rerun
    session.invalidate_after("keys.create", conn)
    after = session.load_api_keys(conn)
    assert len(after) == len(before) + 1 and "fresh" in {k.name for k in after}

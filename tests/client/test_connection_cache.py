"""The cached client and loaders hold a connection's key only as long as their entries: two
browser sessions with different keys never see each other's data, and a key whose entries are
cleared is no longer kept by the process."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from streamlit.testing.v1 import AppTest

from zentrik_ui import ZentrikClient, session
from zentrik_ui.config import SESSION_STATE_KEY, Connection

APP = str(Path(__file__).parent / "apps" / "show_insights.py")
URL = "https://zentrik.test"
INSIGHTS = {"key-of-alice": ["a1", "a2"], "key-of-bob": ["b1"]}


def answer(request: httpx.Request) -> httpx.Response:
    """A fake API whose insights depend on the key; every other list is empty."""
    key = request.headers["authorization"].removeprefix("Bearer ")
    first_page = request.url.params["offset"] == "0" and request.url.path.endswith("/insights")
    return httpx.Response(200, json=[{"id": i} for i in INSIGHTS[key]] if first_page else [])


def clear_caches() -> None:
    session._client.clear()
    session.invalidate("signals", "insights", "opportunities", "ideas")


@pytest.fixture(autouse=True)
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def client(base_url: str, api_key: str) -> ZentrikClient:
        return ZentrikClient(base_url, api_key, transport=httpx.MockTransport(answer))

    monkeypatch.setattr(session, "ZentrikClient", client)
    clear_caches()
    yield
    clear_caches()


def browser_session(api_key: str) -> AppTest:
    at = AppTest.from_file(APP)
    at.session_state[SESSION_STATE_KEY] = Connection(URL, api_key, source="session")
    return at


def shown(at: AppTest) -> str:
    at.run()
    assert not at.exception, at.exception
    return at.text[0].value


def test_two_sessions_with_different_keys_never_see_each_others_data() -> None:
    alice, bob = browser_session("key-of-alice"), browser_session("key-of-bob")
    assert shown(alice) == "a1 a2"
    assert shown(bob) == "b1"  # Alice's cached read is not Bob's
    assert shown(alice) == "a1 a2"  # and Bob's is not Alice's


def test_a_key_is_not_kept_once_its_cached_entries_are_cleared() -> None:
    conn = Connection(URL, "key-of-alice", source="session")
    assert session.load_insights(conn)["id"].tolist() == ["a1", "a2"]
    assert session.get_client(conn) is session.get_client(conn)
    gone = weakref.ref(conn)
    clear_caches()
    del conn
    gc.collect()
    assert gone() is None, "the process still holds the connection, and with it the API key"

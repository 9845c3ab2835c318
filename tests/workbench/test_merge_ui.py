"""Issue 12, item 2 in Triage: Similar insights beside the selected one, merging a selection,
unmerging from the evidence, "N new mentions since published", and none of it against a
server without these extensions."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ServerHandle
from tests.workbench.conftest import Workbench, button, problems, select_rows, table_with, texts
from zentrik_ui import ZentrikClient
from zentrik_ui.client import NotFoundError
from zentrik_ui.client.resources._resource import NOT_SUPPORTED

CRASH = "The app crashes when I attach a photo."
SAME_CRASH = "Attaching a photo crashes the app."
EXPORT = "Export to CSV times out for large reports."


def _insight(workbench: Workbench, name: str, quote: str, **more: object) -> str:
    suggestions = {"kind": "bug", "severity": "high", "evidence": [{"text": quote}], **more}
    return workbench.client.insights.create(name=name, ai_suggestions=suggestions).id


def _row(at: AppTest, name: str) -> int:
    names = table_with(at, "evidence")["name"].tolist()
    return names.index(name)


def _select(at: AppTest, *names: str) -> None:
    select_rows(at, "triage_table", [_row(at, name) for name in names])
    at.run()


def test_the_selected_insight_shows_its_similar_ones_and_merges_into_one(
    workbench: Workbench,
) -> None:
    crash = _insight(workbench, "App crashes on photo attach", CRASH)
    _insight(workbench, "Crash attaching photos", SAME_CRASH)
    _insight(workbench, "CSV export times out", EXPORT)
    at = workbench.open("triage")
    _select(at, "App crashes on photo attach")
    assert problems(at) == []
    assert "Similar insights" in [h.value for h in at.subheader]
    shown = texts(at)
    assert "**Crash attaching photos** · draft" in shown
    assert "% alike · shares " in shown and "photo" in shown
    assert "CSV export times out" not in shown.split("Similar insights")[-1]
    assert [b.label for b in at.button].count("Merge into this") == 1

    button(at, "Merge into this").click()
    at.run()
    assert problems(at) == []
    assert "Merged 1 insight into “Crash attaching photos”" in texts(at)
    assert "Selection cleared." in texts(at)
    grid = table_with(at, "evidence")
    assert sorted(grid["name"]) == ["CSV export times out", "Crash attaching photos"]
    kept = grid[grid["name"] == "Crash attaching photos"].iloc[0]
    assert CRASH in kept["evidence"] and SAME_CRASH in kept["evidence"]
    assert workbench.client.insights.get(crash).merged_into_id is not None


def test_merge_a_selection_then_unmerge_it_from_the_evidence(workbench: Workbench) -> None:
    first = _insight(workbench, "App crashes on photo attach", CRASH)
    _insight(workbench, "Crash attaching photos", SAME_CRASH)
    at = workbench.open("triage")
    _select(at, "App crashes on photo attach", "Crash attaching photos")
    keep = next(s for s in at.selectbox if s.label == "Keep")
    keep.set_value(first)
    at.run()
    button(at, "Merge…").click()
    at.run()
    assert "Into **App crashes on photo attach**:" in texts(at)  # asked first
    assert len(table_with(at, "evidence")) == 2
    button(at, "Merge").click()
    at.run()
    assert problems(at) == []
    shown = texts(at)
    assert "Merged 1 insight into “App crashes on photo attach”" in shown
    assert "Selection cleared." in shown and "selected" not in shown
    grid = table_with(at, "evidence")
    assert grid["name"].tolist() == ["App crashes on photo attach"]
    assert CRASH in grid.loc[0, "evidence"] and SAME_CRASH in grid.loc[0, "evidence"]

    _select(at, "App crashes on photo attach")
    assert "**Merged into this insight (1)**" in texts(at)
    assert "merged by hand" in texts(at)
    button(at, "Unmerge").click()
    at.run()
    assert problems(at) == []
    assert "Unmerged: it is its own insight again" in texts(at)
    grid = table_with(at, "evidence")
    assert sorted(grid["name"]) == ["App crashes on photo attach", "Crash attaching photos"]
    assert SAME_CRASH not in grid[grid["id"] == first].iloc[0]["evidence"]


def test_a_published_insight_shows_its_new_mentions(workbench: Workbench) -> None:
    published = workbench.client.insights.create(
        name="App crashes on photo attach",
        status="published",
        ai_suggestions={"kind": "bug", "evidence": [{"text": CRASH}], "mentionsSincePublished": 3},
    )
    at = workbench.open("triage")
    at.session_state["triage_status"] = "published"
    at.run()
    grid = table_with(at, "n_new_mentions")
    assert grid.loc[grid["id"] == published.id, "n_new_mentions"].tolist() == [3]
    _select(at, "App crashes on photo attach")
    assert "3 new mentions since published" in [i.value for i in at.info]


class _NoMergeProxy(BaseHTTPRequestHandler):
    """Forwards to the live server, except the routes a real Zentrik does not have."""

    upstream: str
    MISSING = ("/similar", "/merge", "/unmerge")

    def _forward(self) -> None:
        path = self.path.split("?")[0]
        if path.endswith(self.MISSING):
            body = b'{"error": {"code": "not_found", "message": "No such route"}}'
            status, headers = 404, {"content-type": "application/json"}
        else:
            length = int(self.headers.get("content-length") or 0)
            answer = httpx.request(
                self.command,
                self.upstream + self.path,
                content=self.rfile.read(length) if length else None,
                headers={k: v for k, v in self.headers.items() if k.lower() != "host"},
                timeout=30.0,
            )
            status, body = answer.status_code, answer.content
            keep = ("content-type", "etag", "x-total-count")
            headers = {k: v for k, v in answer.headers.items() if k.lower() in keep}
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PATCH = do_DELETE = _forward

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def without_merging(live_server: ServerHandle) -> Iterator[str]:
    """The base URL of the live server seen through a proxy without the merge routes."""
    handler = type("Proxy", (_NoMergeProxy,), {"upstream": live_server.base_url})
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{proxy.server_address[1]}"
    finally:
        proxy.shutdown()
        proxy.server_close()


def test_a_server_without_merging_shows_no_merge_controls(
    workbench: Workbench, without_merging: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _insight(workbench, "App crashes on photo attach", CRASH)
    _insight(workbench, "Crash attaching photos", SAME_CRASH)
    with ZentrikClient(without_merging, workbench.key) as client:
        assert client.insights.similar(first) is NOT_SUPPORTED
        assert client.insights.merge(first, ["x"]) is NOT_SUPPORTED
        with pytest.raises(NotFoundError):  # a missing insight is still an error
            client.insights.unmerge("no-such-insight", ["x"])
    monkeypatch.setenv("ZENTRIK_API_URL", without_merging)
    at = workbench.open("triage")
    _select(at, "App crashes on photo attach")
    assert problems(at) == []
    assert "Evidence" in [h.value for h in at.subheader]
    assert "Similar insights" not in [h.value for h in at.subheader]
    assert "Merge into this" not in [b.label for b in at.button]
    _select(at, "App crashes on photo attach", "Crash attaching photos")
    assert problems(at) == []
    assert "Merge selection into one insight" not in [e.label for e in at.expander]

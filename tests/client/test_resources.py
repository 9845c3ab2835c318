"""What each resource method sends (method, path, query, body) and how `iter()` pages."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import httpx
import pytest

from tests.client.conftest import MockServer, json_response
from zentrik_ui import InvalidRequestError, ZentrikError
from zentrik_ui.models import InsightStatus


def pages_of(total: int) -> MockServer:
    """A list endpoint over `total` items that honours limit/offset."""

    def handle(request: httpx.Request) -> httpx.Response:
        limit = int(request.url.params.get("limit", 20))
        offset = int(request.url.params.get("offset", 0))
        items = [{"id": f"i{n}"} for n in range(offset, min(offset + limit, total))]
        return json_response(200, json.dumps(items))

    return MockServer(handle)


def query(request: httpx.Request) -> dict[str, list[str]]:
    return parse_qs(request.url.query.decode())


class TestIter:
    def test_walks_every_page(self) -> None:
        server = pages_of(25)
        ids = [i.id for i in server.client().insights.iter(page_size=10)]
        assert ids == [f"i{n}" for n in range(25)]
        assert [query(r)["offset"] for r in server.requests] == [["0"], ["10"], ["20"]]

    def test_exact_multiple_ends_on_an_empty_page(self) -> None:
        server = pages_of(20)
        assert len(list(server.client().signals.iter(page_size=10))) == 20
        assert len(server.requests) == 3

    def test_empty(self) -> None:
        assert list(pages_of(0).client().ideas.iter()) == []

    def test_an_item_shifted_onto_the_next_page_is_yielded_once(self) -> None:
        pages = iter([[{"id": "a"}, {"id": "b"}], [{"id": "b"}, {"id": "c"}], []])
        server = MockServer(lambda _r: json_response(200, json.dumps(next(pages))))
        assert [i.id for i in server.client().opportunities.iter(page_size=2)] == ["a", "b", "c"]

    def test_filters_are_sent_on_every_page(self) -> None:
        server = pages_of(3)
        list(server.client().insights.iter(page_size=2, status="draft", signal_id="s1"))
        for request in server.requests:
            assert query(request)["status"] == ["draft"]
            assert query(request)["signalId"] == ["s1"]


class TestRequests:
    def setup_method(self) -> None:
        self.server = MockServer(lambda _r: json_response(200, '{"id": "x1"}'))
        self.client = self.server.client()

    def sent(self) -> tuple[str, str, dict[str, list[str]], object]:
        request = self.server.requests[-1]
        body = json.loads(request.content) if request.content else None
        return request.method, request.url.path, query(request), body

    def test_list_with_paging_and_camel_case_filters(self) -> None:
        self.server.handler = lambda _r: json_response(200, "[]")
        self.client.signals.list(limit=5, offset=10, signal_type="review", status=None)
        assert self.sent() == (
            "GET",
            "/external/v1/signals",
            {"limit": ["5"], "offset": ["10"], "signalType": ["review"]},
            None,
        )

    def test_get_escapes_the_id(self) -> None:
        self.client.signals.get("a/b")
        assert self.server.requests[-1].url.raw_path == b"/external/v1/signals/a%2Fb"

    def test_update_sends_only_the_given_fields(self) -> None:
        self.client.insights.update("x1", status="published", opportunity_ids=["o1"])
        assert self.sent() == (
            "PATCH",
            "/external/v1/insights/x1",
            {},
            {"status": "published", "opportunityIds": ["o1"]},
        )

    def test_update_with_an_empty_answer_reads_the_object_back(self) -> None:
        answers = iter([httpx.Response(204), json_response(200, '{"id": "x1", "name": "n"}')])
        self.server.handler = lambda _r: next(answers)
        assert self.client.ideas.update("x1", name="n").name == "n"
        assert [r.method for r in self.server.requests] == ["PATCH", "GET"]

    def test_delete(self) -> None:
        self.client.opportunities.delete("x1")
        assert self.sent()[:2] == ("DELETE", "/external/v1/opportunities/x1")

    def test_raw_signal_create_sends_no_signal_type(self) -> None:
        self.client.signals.create(source={"type": "zendesk"}, data={"subject": "Help"})
        assert self.sent()[3] == {"source": {"type": "zendesk"}, "data": {"subject": "Help"}}

    def test_create_sends_an_idempotency_key(self) -> None:
        self.client.opportunities.create(name="Checkout", score=70, insight_ids=["i1"])
        request = self.server.requests[-1]
        assert len(request.headers["Idempotency-Key"]) == 36
        assert self.sent()[3] == {"name": "Checkout", "score": 70, "insightIds": ["i1"]}

    def test_extract_dry_run(self) -> None:
        self.server.handler = lambda _r: json_response(200, "[]")
        assert self.client.insights.extract("We hate the export button") == []
        assert self.sent()[3] == {
            "transcript": "We hate the export button",
            "createInsights": False,
        }

    def test_every_request_is_authenticated(self) -> None:
        self.client.ideas.get("x1")
        assert self.server.requests[-1].headers["Authorization"].startswith("Bearer ")

    def test_context_manager_closes_the_pool(self) -> None:
        with self.server.client() as client:
            client.ideas.get("x1")
        assert client._http.is_closed


class TestRefusedBeforeSending:
    """Bad values are a ZentrikError (and a ValueError) naming the field, and nothing is sent."""

    def setup_method(self) -> None:
        self.server = MockServer(lambda _r: json_response(200, '{"id": "x1"}'))
        self.client = self.server.client()

    def test_out_of_range_score(self) -> None:
        with pytest.raises(InvalidRequestError, match="score: Input should be less than"):
            self.client.opportunities.update("o1", score=101)
        assert self.server.requests == []

    def test_unknown_status(self) -> None:
        with pytest.raises(InvalidRequestError) as caught:
            self.client.insights.create(name="x", status="done")
        assert caught.value.fields[0]["field"] == "status"
        assert isinstance(caught.value, ZentrikError)

    def test_misspelt_field(self) -> None:
        with pytest.raises(ValueError, match="stauts"):
            self.client.insights.update("i1", stauts="archived")


class TestFiltersOnAServerThatIgnoresThem:
    """A real Zentrik answers every item whatever the filter; the client narrows them."""

    ITEMS = tuple(
        {"id": f"i{n}", "status": "draft" if n % 2 else "published", "signalIds": [f"s{n % 3}"]}
        for n in range(7)
    )

    def server(self) -> MockServer:
        def handle(request: httpx.Request) -> httpx.Response:
            limit, offset = int(request.url.params["limit"]), int(request.url.params["offset"])
            return json_response(200, json.dumps(list(self.ITEMS[offset : offset + limit])))

        return MockServer(handle)

    def test_iter_walks_every_page_and_keeps_only_matches(self) -> None:
        drafts = self.server().client().insights.iter(page_size=2, status="draft")
        assert [i.id for i in drafts] == ["i1", "i3", "i5"]

    def test_list_narrows_one_page(self) -> None:
        client = self.server().client()
        assert [i.id for i in client.insights.list(limit=4, signal_id="s0")] == ["i0", "i3"]

    def test_enum_values_match_too(self) -> None:
        published = self.server().client().insights.iter(status=InsightStatus.PUBLISHED)
        assert [i.id for i in published] == ["i0", "i2", "i4", "i6"]

    def test_an_unknown_filter_is_refused_not_ignored(self) -> None:
        server = self.server()
        with pytest.raises(InvalidRequestError, match="stauts"):
            server.client().insights.list(stauts="draft")
        assert server.requests == []

"""The client against a live `zentrik_server` over HTTP: every resource method, paging,
PATCH touching only sent fields, links both ways, processing by publicId, errors, admin."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from tests.conftest import ServerHandle
from zentrik_ui import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    UnprocessableEntityError,
    ZentrikClient,
    session,
)
from zentrik_ui.client import AdminClient
from zentrik_ui.config import Connection
from zentrik_ui.models import InsightStatus, Signal, SignalStatus, SignalType

TRANSCRIPT = (
    "Interviewer: How do you share reports?\n"
    "Customer: Exporting to CSV is painfully slow and I can never find the export button.\n"
    "Customer: I love the new dashboard though."
)


@pytest.fixture
def client(live_server: ServerHandle, api_key: str) -> Iterator[ZentrikClient]:
    with ZentrikClient(live_server.base_url, api_key) as client:
        yield client


def settled(client: ZentrikClient, signal_id: str, timeout: float = 30.0) -> Signal:
    deadline = time.monotonic() + timeout
    while True:
        signal = client.signals.get(signal_id)
        if signal.status in (SignalStatus.PROCESSED, SignalStatus.FAILED):
            return signal
        assert time.monotonic() < deadline, f"signal still {signal.status} after {timeout} s"
        time.sleep(0.1)


class TestSignals:
    def test_create_process_and_read_back(self, client: ZentrikClient) -> None:
        created = client.signals.create(text=TRANSCRIPT, signal_type=SignalType.TRANSCRIPT)
        assert created.status is SignalStatus.PROCESSING and created.job_id
        assert created.public_id == "SIGNAL-1"
        assert created.name.startswith("Transcript - ")

        signal = settled(client, created.id)
        assert signal.status is SignalStatus.PROCESSED and signal.insight_ids
        insight = client.insights.get(signal.insight_ids[0])
        assert insight.signal_ids == [signal.id]  # the link, seen from the other side

        again = client.signals.process(signal.public_id or "")
        assert again.job_id and again.job_id != created.job_id
        assert settled(client, signal.id).status is SignalStatus.PROCESSED

    def test_list_get_update_delete(self, client: ZentrikClient) -> None:
        first = client.signals.create(text="Great app", signal_type="review")
        second = client.signals.create(
            text="Login fails", signal_type="support_ticket", name="Ticket 7"
        )
        assert [s.id for s in client.signals.list()] == [second.id, first.id]
        assert [s.id for s in client.signals.list(signal_type="review")] == [first.id]
        assert client.signals.get(second.id).name == "Ticket 7"

        updated = client.signals.update(second.id, external_id="ZD-7")
        assert updated.external_id == "ZD-7" and updated.name == "Ticket 7"
        assert client.signals.process("ZD-7").job_id  # by externalId too

        client.signals.delete(first.id)
        with pytest.raises(NotFoundError):
            client.signals.get(first.id)

    def test_raw_flow(self, client: ZentrikClient) -> None:
        signal = client.signals.create(
            source={"type": "support-ticket", "external_data": {"provider": "zendesk"}},
            data={"subject": "Users cannot reset password", "body": "The reset link expired."},
            external_id="ZD-99",
        )
        assert signal.signal_type is None and signal.job_id
        assert signal.source == {"type": "support-ticket", "external_data": {"provider": "zendesk"}}

    def test_a_create_retried_with_its_key_is_not_duplicated(self, client: ZentrikClient) -> None:
        first = client.signals.create(text="Export is slow", idempotency_key="row-7")
        again = client.signals.create(text="Export is slow", idempotency_key="row-7")
        assert again.id == first.id
        assert [s.id for s in client.signals.list()] == [first.id]


class TestInsights:
    def test_crud(self, client: ZentrikClient) -> None:
        insight = client.insights.create(
            name="Billing page is confusing",
            description="3 of 5 users could not find invoices",
            type="user-interview",
            product_id="billing",
            tag_ids=["tag-1"],
        )
        assert insight.status is InsightStatus.DRAFT
        assert client.insights.get(insight.id).tag_ids == ["tag-1"]
        assert [i.id for i in client.insights.list(status="draft")] == [insight.id]
        client.insights.delete(insight.id)
        assert client.insights.list() == []

    def test_patch_changes_only_what_was_sent(self, client: ZentrikClient) -> None:
        insight = client.insights.create(
            name="Exports are slow", description="Keep me", product_id="p1", tag_ids=["t"]
        )
        client.insights.update(insight.id, status="published")
        after = client.insights.get(insight.id)
        assert after.status is InsightStatus.PUBLISHED
        assert (after.name, after.description, after.product_id, after.tag_ids) == (
            "Exports are slow",
            "Keep me",
            "p1",
            ["t"],
        )

    def test_extract(self, client: ZentrikClient) -> None:
        found = client.insights.extract(TRANSCRIPT)
        assert found and all(i.status is InsightStatus.DRAFT and i.id is None for i in found)
        assert client.insights.list() == []  # a dry run saves nothing
        saved = client.insights.extract(TRANSCRIPT, create_insights=True)
        assert {i.id for i in client.insights.list()} == {i.id for i in saved}


class TestLinks:
    def test_both_ways(self, client: ZentrikClient) -> None:
        insight = client.insights.create(name="Exports are slow")
        opportunity = client.opportunities.create(
            name="Faster exports", score=80, insight_ids=[insight.id]
        )
        assert client.insights.get(insight.id).opportunity_ids == [opportunity.id]

        idea = client.ideas.create(name="Background exports", opportunity_ids=[opportunity.id])
        client.insights.update(insight.id, idea_ids=[idea.id])
        idea = client.ideas.get(idea.id)
        assert (idea.insight_ids, idea.opportunity_ids) == ([insight.id], [opportunity.id])
        assert client.opportunities.get(opportunity.id).idea_ids == [idea.id]

        client.opportunities.update(opportunity.id, insight_ids=[])
        assert client.insights.get(insight.id).opportunity_ids == []

    def test_unknown_ids_are_named(self, client: ZentrikClient) -> None:
        insight = client.insights.create(name="x")
        with pytest.raises(UnprocessableEntityError, match="no-such-opportunity"):
            client.insights.update(insight.id, opportunity_ids=["no-such-opportunity"])


class TestOpportunitiesAndIdeas:
    def test_opportunity_crud(self, client: ZentrikClient) -> None:
        created = client.opportunities.create(name="Churn", description="Uninstalls", score=92)
        client.opportunities.update(created.id, score=95, status="validated")
        opportunity = client.opportunities.get(created.id)
        assert (opportunity.score, opportunity.status, opportunity.description) == (
            95,
            "validated",
            "Uninstalls",
        )
        assert [o.id for o in client.opportunities.list(status="validated")] == [created.id]
        client.opportunities.delete(created.id)
        with pytest.raises(NotFoundError):
            client.opportunities.get(created.id)

    def test_idea_crud(self, client: ZentrikClient) -> None:
        created = client.ideas.create(name="AI search", description="Use LLMs")
        assert client.ideas.update(created.id, name="AI Search 2.0").description == "Use LLMs"
        assert client.ideas.get(created.id).name == "AI Search 2.0"
        client.ideas.delete(created.id)
        assert client.ideas.list() == []


def test_iter_walks_several_pages_newest_first(client: ZentrikClient) -> None:
    ids = [client.ideas.create(name=f"Idea {n}").id for n in range(7)]
    walked = [idea.id for idea in client.ideas.iter(page_size=3)]
    assert walked == ids[::-1]


def test_a_create_retried_after_a_lost_answer_is_made_once(
    live_server: ServerHandle, api_key: str
) -> None:
    """The first answer is lost after the server acted; the retry replays it, no duplicate."""

    class LoseFirstAnswer(httpx.HTTPTransport):
        lost = False

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = super().handle_request(request)
            if request.method == "POST" and not self.lost:
                self.lost = True
                response.close()
                raise httpx.ReadTimeout("answer lost", request=request)
            return response

    with ZentrikClient(live_server.base_url, api_key, transport=LoseFirstAnswer()) as client:
        created = client.insights.create(name="Only once")
        assert [i.id for i in client.insights.list()] == [created.id]


class TestAccess:
    def test_wrong_key(self, live_server: ServerHandle) -> None:
        client = ZentrikClient(live_server.base_url, "zk_wrong", max_retries=0)
        with client, pytest.raises(AuthenticationError) as caught:
            client.insights.list()
        assert caught.value.request_id

    def test_missing_scope(self, live_server: ServerHandle, make_key: Callable[..., str]) -> None:
        key = make_key(scopes=["insights:read"])
        with ZentrikClient(live_server.base_url, key) as client:
            assert client.insights.list() == []
            with pytest.raises(PermissionDeniedError):
                client.insights.create(name="x")

    def test_other_workspace_is_not_found(
        self, live_server: ServerHandle, client: ZentrikClient, make_key: Callable[..., str]
    ) -> None:
        mine = client.insights.create(name="Mine")
        other = ZentrikClient(live_server.base_url, make_key())
        with other, pytest.raises(NotFoundError):
            other.insights.get(mine.id)


class TestAdmin:
    def test_keys_lifecycle(self, live_server: ServerHandle) -> None:
        with AdminClient(live_server.base_url, live_server.admin_token) as admin:
            created = admin.keys.create("admin-test", scopes=["ideas:read"], name="CI")
            assert created.key and created.key not in repr(created)
            listed = admin.keys.list(workspace="admin-test")
            assert [(k.id, k.name, k.scopes) for k in listed] == [
                (created.id, "CI", ["ideas:read"])
            ]
            with ZentrikClient(live_server.base_url, created.key, max_retries=0) as client:
                assert client.ideas.list() == []
                assert admin.keys.revoke(created.id).revoked_at is not None
                with pytest.raises(AuthenticationError):
                    client.ideas.list()
            assert admin.info().version

    def test_wrong_admin_token(self, live_server: ServerHandle) -> None:
        admin = AdminClient(live_server.base_url, "nope")
        with admin, pytest.raises(AuthenticationError):
            admin.keys.list()


def test_cached_loaders_over_http(live_server: ServerHandle, make_key: Callable[..., str]) -> None:
    mine = Connection(live_server.base_url, make_key())
    theirs = Connection(live_server.base_url, make_key())
    assert session.load_insights(mine).empty
    session.get_client(mine).insights.create(name="Exports are slow", status="published")
    assert session.load_insights(mine).empty  # cached until a write says otherwise
    session.invalidate_after("insights.create", conn=mine)
    frame = session.load_insights(mine)
    assert frame[["name", "status"]].values.tolist() == [["Exports are slow", "published"]]
    assert session.load_insights(theirs).empty

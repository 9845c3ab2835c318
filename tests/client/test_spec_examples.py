"""Every example body of the spec, answered word for word, parses into our models; and the
spec's example requests are exactly what our snake_case calls send."""

from __future__ import annotations

import json

import httpx

from tests.client import spec_examples as spec
from tests.client.conftest import MockServer, json_response
from zentrik_ui.models import (
    InsightStatus,
    InsightType,
    ProcessResult,
    SignalStatus,
    SignalType,
)


def serve(body: str, status: int = 200) -> MockServer:
    return MockServer(lambda _request: json_response(status, body))


def sent_json(server: MockServer) -> object:
    return json.loads(server.requests[-1].content)


class TestSignalExamples:
    def test_list(self) -> None:
        [signal] = serve(spec.SIGNAL_LIST).client().signals.list(limit=10)
        assert signal.public_id == "SIGNAL-42"
        assert signal.status is SignalStatus.PROCESSED
        assert signal.signal_type is None
        assert signal.source == {
            "type": "support-ticket",
            "external_data": {"provider": "zendesk", "ticketId": "12345"},
        }
        assert signal.insight_ids == []
        assert signal.external_id == "external-123"

    def test_get(self) -> None:
        signal = serve(spec.SIGNAL_GET).client().signals.get("uuid")
        assert signal.insight_ids == ["insight-uuid"]
        assert signal.data == {"sessionId": "session-123"}
        assert signal.created_at is not None and signal.created_at.year == 2024

    def test_create_request_and_answer(self) -> None:
        server = serve(spec.SIGNAL_CREATE, 201)
        signal = server.client().signals.create(
            name="G2 Reviews - March Batch",
            text="Users love the product overall, but several reviewers mention that exports "
            "are hard to find and slow to complete for large datasets.",
            signal_type="review",
            additional_context="Public review batch collected from G2 and Capterra.",
            occurred_at="2025-03-11T14:30:00Z",
            product_ids=["product-uuid-1"],
            account_id="account-uuid-1",
        )
        assert sent_json(server) == json.loads(spec.SIGNAL_CREATE_REQUEST)
        assert signal.job_id == "job-123"
        assert signal.signal_type is SignalType.REVIEW
        assert signal.processing is not None
        assert signal.processing.last_job_id == "job-123"
        assert signal.processing.processed_at is None
        assert signal.data is not None and signal.data["s3Key"].endswith("uuid.txt")

    def test_delete(self) -> None:
        server = serve(spec.SIGNAL_DELETE)
        assert server.client().signals.delete("uuid") is None
        assert server.requests[-1].method == "DELETE"

    def test_process(self) -> None:
        server = serve(spec.SIGNAL_PROCESS)
        result = server.client().signals.process("SIGNAL-43")
        assert result == ProcessResult(job_id="job-456")
        assert server.requests[-1].url.path == "/external/v1/signals/SIGNAL-43/process"

    def test_update_request(self) -> None:
        server = serve(spec.SIGNAL_GET)
        server.client().signals.update("uuid", insight_ids=["insight-uuid"])
        assert sent_json(server) == {"insightIds": ["insight-uuid"]}


class TestInsightExamples:
    def test_list(self) -> None:
        [insight] = serve(spec.INSIGHT_LIST).client().insights.list(limit=10)
        assert insight.id == "550e8400-e29b-41d4-a716-446655440000"
        assert insight.status is InsightStatus.PUBLISHED
        assert insight.type is InsightType.FEEDBACK
        assert insight.opportunity_ids == ["uuid-1"]
        assert insight.idea_ids == ["uuid-2"]
        assert insight.tag_ids == ["tag-1"]
        assert insight.signal_ids == []  # our extension, absent from a real Zentrik's answer

    def test_get(self) -> None:
        insight = serve(spec.INSIGHT_GET).client().insights.get("550e8400")
        assert insight.product_id == "8a1b2c3d-..."

    def test_create_request_and_answer(self) -> None:
        server = serve(spec.INSIGHT_CREATE, 201)
        insight = server.client().insights.create(
            name="User finds the billing page confusing",
            description="During user interviews, 3/5 users couldn't find...",
            status="published",
            type="feedback",
            product_id="8a1b2c3d-...",
            tag_ids=["tag-1"],
        )
        assert sent_json(server) == json.loads(spec.INSIGHT_CREATE_REQUEST)
        assert insight.opportunity_ids == [] and insight.tag_ids == ["tag-1"]

    def test_update_answer_without_link_lists(self) -> None:
        server = serve(spec.INSIGHT_UPDATE)
        insight = server.client().insights.update("uuid", status="archived")
        assert sent_json(server) == {"status": "archived"}
        assert insight.status is InsightStatus.ARCHIVED
        assert insight.opportunity_ids == []

    def test_delete(self) -> None:
        assert serve(spec.INSIGHT_DELETE).client().insights.delete("uuid") is None

    def test_extract_request_and_answer(self) -> None:
        server = serve(spec.INSIGHT_EXTRACT)
        [insight] = server.client().insights.extract(
            "Full text of the meeting or feedback...", create_insights=True
        )
        assert sent_json(server) == json.loads(spec.INSIGHT_EXTRACT_REQUEST)
        assert insight.name == "Navigation issue"
        assert insight.status is InsightStatus.DRAFT
        assert insight.updated_at is None


class TestOpportunityExamples:
    def test_list_item_has_only_a_score(self) -> None:
        [opportunity] = serve(spec.OPPORTUNITY_LIST).client().opportunities.list()
        assert opportunity.score == 85
        assert opportunity.status is None
        assert opportunity.insight_ids == [] and opportunity.idea_ids == []

    def test_get_with_only_id_and_name(self) -> None:
        opportunity = serve(spec.OPPORTUNITY_GET).client().opportunities.get("uuid")
        assert opportunity.name == "Streamline checkout process"
        assert opportunity.description == ""
        assert opportunity.score is None

    def test_create_request_and_sparse_answer(self) -> None:
        server = serve(spec.OPPORTUNITY_CREATE, 201)
        opportunity = server.client().opportunities.create(
            name="Reduce churn in Mobile App",
            description="Users are uninstalling after 2 days...",
            score=92,
        )
        assert sent_json(server) == json.loads(spec.OPPORTUNITY_CREATE_REQUEST)
        assert (opportunity.id, opportunity.name) == ("uuid", "Reduce churn in Mobile App")

    def test_update_request(self) -> None:
        server = serve(spec.OPPORTUNITY_GET)
        server.client().opportunities.update("uuid", score=95)
        assert sent_json(server) == {"score": 95}


class TestIdeaExamples:
    def test_list_item_without_links(self) -> None:
        [idea] = serve(spec.IDEA_LIST).client().ideas.list()
        assert idea.status == "evaluating"
        assert idea.opportunity_ids == [] and idea.insight_ids == []

    def test_create_request_and_sparse_answer(self) -> None:
        server = serve(spec.IDEA_CREATE, 201)
        idea = server.client().ideas.create(
            name="AI-powered search", description="Use LLMs to improve search relevance..."
        )
        assert sent_json(server) == json.loads(spec.IDEA_CREATE_REQUEST)
        assert idea.name == "AI-powered search"

    def test_update_request(self) -> None:
        server = serve(spec.IDEA_CREATE)
        server.client().ideas.update("uuid", name="AI Search 2.0")
        assert sent_json(server) == {"name": "AI Search 2.0"}


def test_empty_delete_answer_is_fine() -> None:
    server = MockServer(lambda _request: httpx.Response(204))
    assert server.client().opportunities.delete("uuid") is None

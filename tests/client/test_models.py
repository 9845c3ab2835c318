"""Models: snake_case in Python, camelCase on the wire, tolerant answers, PATCH sends only
what was set, and one definition of each status list."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from zentrik_ui.models import (
    IdeaStatus,
    Insight,
    InsightStatus,
    InsightUpdate,
    OpportunityCreate,
    OpportunityStatus,
    OpportunityUpdate,
    Signal,
    SignalCreate,
    SignalStatus,
    SignalType,
)


def test_wire_names_are_camel_case_and_python_names_snake_case() -> None:
    body = SignalCreate(text="t", signal_type="transcript", additional_context="c").to_create_body()
    assert body == {"text": "t", "signalType": "transcript", "additionalContext": "c"}
    signal = Signal.model_validate({"id": "s", "publicId": "SIGNAL-1", "jobId": "j"})
    assert (signal.public_id, signal.job_id) == ("SIGNAL-1", "j")


def test_snake_case_input_is_accepted_too() -> None:
    assert Signal.model_validate({"id": "s", "public_id": "SIGNAL-2"}).public_id == "SIGNAL-2"


def test_unknown_fields_are_kept() -> None:
    insight = Insight.model_validate({"id": "i", "priority": "P1"})
    assert insight.model_extra == {"priority": "P1"}
    assert insight.to_wire()["priority"] == "P1"


def test_unknown_status_values_are_read_not_rejected() -> None:
    insight = Insight.model_validate({"id": "i", "status": "in-review", "type": "survey"})
    assert (insight.status, insight.type) == ("in-review", "survey")


def test_known_values_become_enum_members() -> None:
    assert Signal.model_validate({"id": "s", "status": "failed"}).status is SignalStatus.FAILED


class TestUpdate:
    def test_sends_only_what_was_set(self) -> None:
        assert InsightUpdate(status="archived").to_update_body() == {"status": "archived"}

    def test_explicit_none_clears_a_field(self) -> None:
        assert InsightUpdate(product_id=None).to_update_body() == {"productId": None}

    def test_links_are_sent_as_given(self) -> None:
        body = OpportunityUpdate(insight_ids=[], idea_ids=["d1"]).to_update_body()
        assert body == {"insightIds": [], "ideaIds": ["d1"]}

    def test_a_misspelt_field_is_caught_before_sending(self) -> None:
        with pytest.raises(ValidationError):
            InsightUpdate(stauts="archived")

    def test_a_bad_status_is_caught_before_sending(self) -> None:
        with pytest.raises(ValidationError):
            InsightUpdate(status="done")


def test_score_is_checked_to_be_0_to_100() -> None:
    with pytest.raises(ValidationError):
        OpportunityCreate(name="x", score=101)


def test_status_lists() -> None:
    assert [s.value for s in SignalType] == [
        "transcript", "support_ticket", "review", "discovery_report",
    ]  # fmt: skip
    assert [s.value for s in InsightStatus] == ["draft", "published", "archived"]
    assert "validated" in set(OpportunityStatus)
    assert "released" in set(IdeaStatus)
    assert InsightStatus.PUBLISHED == "published"

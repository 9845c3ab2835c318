"""What the screens derive from the loaders' frames: evidence, filters, scores, tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from zentrik_ui import session, views
from zentrik_ui.evidence import evidence_quotes
from zentrik_ui.formatting import clean, csv_bytes, escape_markdown, index_of, split_joined
from zentrik_ui.ingest import DraftProblems, pasted_draft
from zentrik_ui.memo import frame_token
from zentrik_ui.models import Idea, Insight, Opportunity, Signal, SignalProcessing

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def signals() -> pd.DataFrame:
    return session.signals_frame(
        [
            Signal(id="s1", name="Interview — Maria", public_id="SIGNAL-1", status="processed",
                   created_at=NOW, insight_ids=["i1", "i2"]),
            Signal(id="s2", name="Ticket", public_id="SIGNAL-2", status="failed", created_at=NOW,
                   processing=SignalProcessing(last_error="text could not be read")),
        ]
    )  # fmt: skip


def insights() -> pd.DataFrame:
    evidence = {"severity": "high", "kind": "pain_point",
                "evidence": [{"text": "Exports time out", "speaker": "Maria"}]}  # fmt: skip
    return session.insights_frame(
        [
            Insight(id="i1", name="Exports time out", status="published", type="user-interview",
                    signal_ids=["s1"], ai_suggestions=evidence, created_at=NOW,
                    opportunity_ids=["o1"]),
            Insight(id="i2", name="Billing confusing", description="invoices hidden",
                    status="draft", type="feedback", product_id="billing", signal_ids=["s1"],
                    created_at=NOW - timedelta(days=1)),
            Insight(id="i3", name="Old note", status="draft", signal_ids=["s2"], created_at=NOW),
        ]
    )  # fmt: skip


def test_evidence_quotes_name_the_speaker() -> None:
    suggestions = {"evidence": [{"text": "Too slow", "speaker": "Sam"}, "plain", {"text": " "}]}
    assert evidence_quotes(suggestions) == ["“Too slow” — Sam", "“plain”"]
    assert evidence_quotes(None) == []


def test_signal_table_shows_counts_and_the_last_error() -> None:
    table = views.signal_table(signals())
    assert table["n_insights"].tolist() == [2, 0]
    assert table.loc[1, "last_error"] == "text could not be read"
    assert not views.has_active(signals())


def test_signals_are_named_by_public_id_and_settle_when_processing_ends() -> None:
    frame = signals()
    assert views.signal_labels(frame) == {
        "s1": "SIGNAL-1 Interview — Maria",
        "s2": "SIGNAL-2 Ticket",
    }
    assert views.settled_ids(frame) == {"s1", "s2"}
    assert views.settled_ids(frame.assign(status=["processing", "failed"])) == {"s2"}
    table = views.signal_table(frame.assign(public_id=["SIGNAL-1", None]))
    assert views.signal_refs(table, [1, 0, 7]) == ["s2", "SIGNAL-1"]


def test_insight_table_carries_source_and_evidence_and_filters() -> None:
    table = views.insight_table(insights(), signals())
    assert table.loc[0, "source"] == "Interview — Maria"
    assert table.loc[0, "evidence"] == "“Exports time out” — Maria"
    assert table.loc[0, "source_ids"] == "SIGNAL-1"
    drafts = views.InsightFilter(status="draft")
    assert views.filter_insights(table, drafts)["id"].tolist() == ["i2", "i3"]
    by_product = views.InsightFilter(status="draft", products=["billing"])
    assert views.filter_insights(table, by_product)["id"].tolist() == ["i2"]
    by_signal = views.InsightFilter(status="draft", signal_ids=["s2"])
    assert views.filter_insights(table, by_signal)["id"].tolist() == ["i3"]
    by_text = views.InsightFilter(status="draft", search="INVOICES")
    assert views.filter_insights(table, by_text)["id"].tolist() == ["i2"]
    published = views.InsightFilter(status="published", search="maria")
    assert views.filter_insights(table, published)["id"].tolist() == ["i1"]


def test_opportunity_evidence_counts_only_published_insights() -> None:
    opportunities = session.opportunities_frame(
        [
            Opportunity(id="o1", name="Exports", score=40, insight_ids=["i1", "i2"]),
            Opportunity(id="o2", name="Unscored"),
        ]
    )
    table = views.opportunity_evidence(opportunities, insights(), NOW)
    first = table.iloc[0]
    assert (first["linked_insights"], first["published_insights"], first["signals"]) == (2, 1, 1)
    assert 0 < first["suggested"] < 100
    assert table.iloc[1]["suggested"] == 0
    assert views.top_opportunities(table)["name"].tolist() == ["Exports"]


def test_idea_table_names_the_opportunities_it_addresses() -> None:
    opportunities = session.opportunities_frame(
        [Opportunity(id="o1", name="Exports · CSV"), Opportunity(id="o2")]
    )
    ideas = session.ideas_frame(
        [
            Idea(id="d1", name="Async export", opportunity_ids=["o1", "o2", "gone"]),
            Idea(id="d2", name="Nothing yet"),
        ]
    )
    table = views.idea_table(ideas, opportunities)
    assert table["opportunities"].tolist() == ["Exports · CSV, (unnamed), gone", ""]
    assert views.published_ids(insights()) == ["i1"]


def test_union_keeps_order_and_drops_repeats() -> None:
    assert views.union(["a", "b"], ["b", "c"]) == ["a", "b", "c"]


def test_frame_token_changes_with_the_data_that_matters() -> None:
    frame = insights()
    same = insights()
    assert frame_token(frame) == frame_token(same)
    published = frame.assign(status=["published", "published", "draft"])
    assert frame_token(published) != frame_token(frame)
    relinked = frame.assign(n_opportunities=[2, 0, 0])
    assert frame_token(relinked) != frame_token(frame)


class TestShowingUserText:
    def test_markdown_and_html_are_escaped(self) -> None:
        assert escape_markdown("**bold** <img src=x>") == r"\*\*bold\*\* \<img src=x\>"

    def test_missing_values_are_empty_in_forms(self) -> None:
        assert clean(float("nan")) == ""
        assert clean(None) == ""
        assert clean("x") == "x"

    def test_csv_flattens_lists_and_carries_a_bom(self) -> None:
        data = csv_bytes(pd.DataFrame({"ids": [["a", "b"]], "name": ["Café"]}))
        assert data.decode("utf-8-sig").splitlines() == ["ids,name", "a; b,Café"]


class TestPasteForm:
    def test_valid_fields_become_a_draft(self) -> None:
        draft = pasted_draft(
            text=" Exports are slow ",
            signal_type="review",
            occurred_at=datetime(2025, 3, 11, 14, 30, tzinfo=UTC),
            product_ids="p1, p2",
            account_id=" acc ",
        )
        assert not isinstance(draft, list)
        assert (draft.text, draft.occurred_at, draft.product_ids, draft.account_id) == (
            "Exports are slow", "2025-03-11T14:30:00Z", ("p1", "p2"), "acc"
        )  # fmt: skip

    def test_problems_are_listed_before_sending(self) -> None:
        with pytest.raises(DraftProblems) as caught:
            pasted_draft(text="", signal_type="tweet")
        assert caught.value.problems == [
            "Text is empty.",
            "Signal type 'tweet' is not one of transcript, support_ticket, review, "
            "discovery_report.",
        ]


def test_edited_tags_split_back_and_unknown_options_preselect_nothing() -> None:
    assert split_joined(" mobile app, billing ,, ") == ["mobile app", "billing"]
    assert index_of(["draft", "published"], "published") == 1
    assert index_of(["draft", "published"], float("nan")) is None

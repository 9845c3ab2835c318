"""What a product manager sees on Opportunities, Overview, Settings and in errors (issue 13,
items 7–10), through AppTest against the live local server."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.workbench.conftest import Workbench, button, select_rows, table_with, texts
from zentrik_ui.sample_data import load_sample_workspace

TOO_LONG = "Customer said the export is slow. " * 36_000  # 1.22 million characters
TOO_LONG_SAYS = (
    "This text is 1.2 million characters; the server takes at most 1 million. Split it into parts."
)


def shown(at: AppTest) -> list[str]:
    """Error boxes as read on screen (markdown escapes removed)."""
    return [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]


def chart_titles(at: AppTest) -> list[str]:
    return [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]


class TestTooLargeInput:
    def test_a_too_long_paste_says_the_limit_in_words_and_sends_nothing(
        self, workbench: Workbench
    ) -> None:
        at = workbench.open()
        at.text_area[0].input(TOO_LONG)
        at.run()
        next(b for b in at.button if b.label == "Add signal").click()
        at.run()
        assert shown(at) == [TOO_LONG_SAYS]
        assert "HTTP 413" not in "\n".join(shown(at)) + texts(at)
        assert workbench.client.signals.list() == []

    def test_an_oversized_upload_row_is_reported_and_not_offered_a_retry(
        self, workbench: Workbench
    ) -> None:
        at = workbench.open()
        at.file_uploader[0].set_value(
            [("call.txt", TOO_LONG.encode(), "text/plain"), ("ok.txt", b"Search is slow", "")]
        )
        at.run()
        button(at, "Create 2 signal(s)").click()
        at.run()
        report = table_with(at, "reason")
        assert report["result"].tolist() == ["not created", "created"]
        assert report.loc[0, "reason"] == TOO_LONG_SAYS
        assert not [b.label for b in at.button if b.label.startswith("Retry")]


class TestApiErrorsInWords:
    def test_a_missing_scope_names_it_and_keeps_the_request_id_for_support(
        self, workbench: Workbench, make_key, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("ZENTRIK_API_KEY", make_key(scopes=["signals:read"]))
        at = workbench.open("overview")
        assert shown(at) == [
            "This API key lacks the insights:read scope, so nothing was done. Use a key with "
            "that scope: create one in Settings → API keys."
        ]
        (details,) = [e for e in at.expander if e.label == "Details for support"]
        support = details.get("code")[0].value
        assert "/external/v1/insights" in support
        assert re.search(r"^HTTP 403\nRequest id: \S+", support, re.MULTILINE)


@pytest.fixture
def sample(workbench: Workbench) -> Workbench:
    load_sample_workspace(workbench.client)
    return workbench


class TestSampleWorkspace:
    def test_every_sample_opportunity_has_evidence_and_a_suggested_score(
        self, sample: Workbench
    ) -> None:
        at = sample.open("opportunities")
        table = table_with(at, "suggested")
        assert len(table) == 3
        assert (table["published_insights"] > 0).all()
        assert (table["suggested"] > 0).all()
        assert sample.client.insights.list(status="draft", limit=1)  # some left to triage


class TestScoreExplanation:
    def test_the_selected_opportunity_shows_its_own_e_and_s_and_the_evidence(
        self, sample: Workbench
    ) -> None:
        at = sample.open("opportunities")
        table = table_with(at, "suggested")
        row = int(table.index[table["name"] == "Make large exports reliable"][0])
        select_rows(at, "opp_table", [row])
        at.run()
        worked = next(m.value for m in at.markdown if m.value.startswith("Here **E = "))
        signals = int(table.loc[row, "signals"])
        assert f"**S = {signals}**" in worked
        assert worked.endswith(f"→ **{int(table.loc[row, 'suggested'])}**.")
        behind = table_with(at, "insight")
        assert 0 < len(behind) <= 5
        assert behind["weight"].is_monotonic_decreasing
        assert any("xport" in name for name in behind["insight"])


class TestOverview:
    def test_insights_by_kind_and_week_and_what_changed(self, sample: Workbench) -> None:
        at = sample.open("overview")
        assert "What changed this week" in [s.value for s in at.subheader]
        kinds = [m.label for m in at.metric]
        assert {"Bug", "Pain point", "Feature request", "Praise"} <= set(kinds)
        titles = chart_titles(at)
        assert "Insights by kind (by status)" in titles
        assert "New insights per week (last 8 weeks, by kind)" in titles

    def test_top_opportunities_are_ranked_by_suggested_score(self, sample: Workbench) -> None:
        at = sample.open("overview")
        top = table_with(at, "suggested")
        assert top["suggested"].tolist() == sorted(top["suggested"], reverse=True)
        assert "Top opportunities by suggested score" in [s.value for s in at.subheader]


class TestSettings:
    def test_storage_paths_are_folded_away(self, workbench: Workbench) -> None:
        at = workbench.open("settings")
        (storage,) = [e for e in at.expander if e.label == "Storage details"]
        folded = [t.value for t in storage.text]
        assert any(v.startswith("Database: sqlite") for v in folded)
        paths = [v for v in (str(t.value) for t in at.text) if "sqlite" in v or "directory" in v]
        assert paths == folded  # nowhere else on the page

"""Issue 13, items 3, 4, 5 and parts of 9, as a product manager meets them in the Inbox and in
Triage: open a signal and read it, search signals, change an insight's kind and severity,
selections cleared the same way after every bulk action, names taken from the content,
filters that keep their choice (the creation note that follows processing is in
test_live_status, on a server whose worker the test starts)."""

from __future__ import annotations

import json

import httpx
from streamlit.testing.v1 import AppTest

from tests.workbench.conftest import (
    Workbench,
    button,
    paste,
    problems,
    select_rows,
    table_with,
    texts,
)
from zentrik_ui import ZentrikClient

HOSTILE = (
    "Interviewer: How do exports work for you?\n"
    "Maria (Finance lead): Exports are **painfully** slow <img src=x onerror=alert(1)> and "
    "time out for large files. I hate waiting.\n"
    "Interviewer: Anything else?\n"
    "Maria (Finance lead): The billing page is confusing, I can never find my invoices."
)
TICKET = (
    "Subject: Invoices page crashes on Safari\n\n"
    "Hi team,\nOpening invoices in Safari shows a blank page since Monday. It is broken.\n"
    "Thanks, Dana"
)


def markdown(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def open_first_signal(workbench: Workbench) -> AppTest:
    at = workbench.open()
    select_rows(at, "inbox_signals", [0])
    at.run()
    return at


class TestOpenASignal:
    def test_selecting_a_signal_shows_its_turns_facts_and_insights(
        self, workbench: Workbench
    ) -> None:
        workbench.client.signals.create(text=HOSTILE, signal_type="transcript", name="Maria")
        workbench.wait_processed()
        at = open_first_signal(workbench)
        assert problems(at) == []
        shown = markdown(at)
        # Each turn on its own line, the speaker in bold, the customer's markup shown as text.
        assert "**Interviewer:** How do exports work for you?" in shown
        assert "**Maria \\(Finance lead\\):** Exports are \\*\\*painfully\\*\\* slow" in shown
        assert "\\<img src=x onerror=alert\\(1\\)\\>" in shown
        assert "**Status:** processed" in shown and "**Type:** transcript" in shown
        found = table_with(at, "kind")
        assert len(found) >= 1 and found["kind"].str.contains("·").all()
        assert set(found["status"].map(tuple)) == {("draft",)}
        assert any(b.label == "Delete signal…" for b in at.button)

    def test_delete_asks_first_then_removes_the_signal(self, workbench: Workbench) -> None:
        workbench.client.signals.create(text=TICKET, signal_type="support_ticket")
        workbench.wait_processed()
        at = open_first_signal(workbench)
        button(at, "Delete signal…").click()
        at.run()
        assert "This permanently deletes the signal" in "\n".join(w.value for w in at.warning)
        assert list(workbench.client.signals.iter())  # nothing deleted before confirming
        button(at, "Delete").click()
        at.run()
        assert problems(at) == []
        assert list(workbench.client.signals.iter()) == []
        assert "Deleted the signal." in texts(at)

    def test_a_signal_without_text_says_so_and_keeps_its_facts(self, workbench: Workbench) -> None:
        workbench.client.signals.create(source={"type": "api"}, data={"score": 3})
        workbench.wait_processed()
        at = open_first_signal(workbench)
        assert problems(at) == []
        assert "The text is not available from this server" in texts(at)
        assert "**Source:** api" in markdown(at)


class TestSearchSignals:
    def test_words_of_the_text_find_the_signal(self, workbench: Workbench) -> None:
        workbench.client.signals.create(text=TICKET, signal_type="support_ticket", name="T-1")
        workbench.client.signals.create(text=HOSTILE, signal_type="transcript", name="Call")
        workbench.wait_processed()
        at = workbench.open()
        at.text_input(key="inbox_search").input("BLANK PAGE")
        at.run()
        assert table_with(at, "last_error")["name"].tolist() == ["T-1"]
        assert "1 of 2 signals match." in texts(at)
        at.text_input(key="inbox_search").input("cal")
        at.run()
        assert table_with(at, "last_error")["name"].tolist() == ["Call"]

    def test_a_server_that_ignores_q_is_searched_by_name_only(self) -> None:
        every = [{"id": "s1", "name": "Call with Maria"}, {"id": "s2", "name": "Ticket"}]

        def answer(request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/text"):
                return httpx.Response(405, json={"detail": "Method Not Allowed"})
            return httpx.Response(200, content=json.dumps(every))

        transport = httpx.MockTransport(answer)
        with ZentrikClient("http://127.0.0.1:9", "zk_test", transport=transport) as client:
            assert client.signals.search("maria") is None
            assert client.signals.text("s1") is None


class TestTriageKind:
    def test_kind_and_severity_are_edited_and_the_rest_is_kept(self, workbench: Workbench) -> None:
        workbench.client.signals.create(text=HOSTILE, signal_type="transcript")
        workbench.wait_processed()
        at = workbench.open("triage")
        grid = table_with(at, "kind_label")
        select_rows(at, "triage_table", [0])
        at.run()
        insight_id = next(
            i.id for i in workbench.client.insights.iter() if i.name == grid.loc[0, "name"]
        )
        before = workbench.client.insights.get(insight_id).ai_suggestions
        kind = next(s for s in at.selectbox if s.label == "Kind")
        severity = next(s for s in at.selectbox if s.label == "Severity")
        kind.set_value("praise")
        severity.set_value("low")
        next(b for b in at.button if b.label == "Save").click()
        at.run()
        assert problems(at) == []
        after = workbench.client.insights.get(insight_id).ai_suggestions
        assert after == {**before, "kind": "praise", "severity": "low"}
        grid = table_with(at, "kind_label")
        name = workbench.client.insights.get(insight_id).name
        assert grid.loc[grid["name"] == name, "kind_label"].tolist() == ["Praise · low"]

    def test_the_grid_shows_one_kind_column_and_the_insight_type(
        self, workbench: Workbench
    ) -> None:
        workbench.client.signals.create(text=HOSTILE, signal_type="transcript")
        workbench.wait_processed()
        at = workbench.open("triage")
        grid = table_with(at, "kind_label")
        kinds = "Bug|Pain point|Feature request|Praise|Question|Other"
        assert grid["kind_label"].str.fullmatch(rf"({kinds}) · (high|medium|low)").all()
        assert "Insight type" in [m.label for m in at.multiselect]


class TestSelectionAfterBulkActions:
    def test_link_clears_the_selection_and_says_what_happened(self, workbench: Workbench) -> None:
        opportunity = workbench.client.opportunities.create(name="Faster exports")
        workbench.client.signals.create(text=HOSTILE, signal_type="transcript")
        workbench.wait_processed()
        at = workbench.open("triage")
        select_rows(at, "triage_table", [0, 1])
        at.run()
        at.radio(key="link_kind").set_value("Existing opportunity")
        at.run()
        at.selectbox(key="link_target").set_value(opportunity.id)
        at.run()
        button(at, "Link").click()
        at.run()
        assert "Linked 2 insights to “Faster exports”. Selection cleared." in texts(at)
        assert not any("selected" in str(h.value) for h in at.subheader)

    def test_reprocess_clears_the_selection_and_says_so(self, workbench: Workbench) -> None:
        workbench.client.signals.create(text=TICKET, signal_type="support_ticket")
        workbench.wait_processed()
        at = open_first_signal(workbench)
        button(at, "Re-process 1 selected").click()
        at.run()
        assert "Queued SIGNAL-1 for processing. Selection cleared." in texts(at)
        assert button(at, "Re-process selected").disabled


class TestPastedSignals:
    def test_an_unnamed_ticket_is_named_by_its_subject(self, workbench: Workbench) -> None:
        at = workbench.open()
        paste(at, TICKET)
        assert problems(at) == []
        [signal] = workbench.wait_processed()
        assert signal.name == "Invoices page crashes on Safari"

    def test_the_form_says_insights_take_the_first_product(self, workbench: Workbench) -> None:
        at = workbench.open()
        products = at.text_input(key="paste_products")
        assert "first" in (products.help or "")


class TestTriageFilters:
    def test_the_source_filter_keeps_its_choice_once_its_drafts_are_triaged(
        self, workbench: Workbench
    ) -> None:
        signal = workbench.client.signals.create(text=TICKET, signal_type="support_ticket")
        workbench.client.signals.create(text=HOSTILE, signal_type="transcript")
        workbench.wait_processed()
        at = workbench.open("triage")
        at.multiselect(key="triage_sources").set_value([signal.id])
        at.run()
        rows = list(range(len(table_with(at, "kind_label"))))
        select_rows(at, "triage_table", rows)
        at.run()
        button(at, "Publish").click()
        at.run()
        assert problems(at) == []
        assert at.multiselect(key="triage_sources").value == [signal.id]

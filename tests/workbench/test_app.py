"""The workbench as a product manager uses it, driven through AppTest against a live server."""

from __future__ import annotations

import re

import pytest

from tests.workbench.conftest import (
    PAGES,
    Workbench,
    button,
    problems,
    select_rows,
    table_with,
    texts,
)
from zentrik_ui import AuthenticationError, ZentrikClient
from zentrik_ui.client import AdminClient
from zentrik_ui.keys import own_key
from zentrik_ui.sample_data import load_sample_workspace

TRANSCRIPT = (
    "Interviewer: How do exports work for you?\n"
    "Sam: Exports are painfully slow and time out for large files. I hate waiting.\n"
    "Interviewer: Anything else?\n"
    "Sam: The billing page is confusing, I can never find my invoices.\n"
    "Sam: I love the dashboards though, they are great."
)


class TestScreensRender:
    @pytest.mark.parametrize("page", PAGES)
    def test_empty_workspace(self, workbench: Workbench, page: str) -> None:
        at = workbench.open(page)
        assert problems(at) == []
        assert at.title[0].value == page.capitalize()

    def test_with_data(self, workbench: Workbench) -> None:
        load_sample_workspace(workbench.client)
        workbench.wait_processed()
        expectations = {
            "inbox": "Recent signals",
            "triage": "insights shown",
            "opportunities": "Select an opportunity",
            "ideas": "Select an idea",
            "overview": "Top opportunities",
            "settings": "Create a key",
        }
        for page, expected in expectations.items():
            at = workbench.open(page)
            assert problems(at) == [], page
            assert expected in texts(at) + "\n".join(s.value for s in at.subheader), page
            if page != "settings":
                assert any(len(frame.value) for frame in at.dataframe), page


class TestInbox:
    def test_paste_creates_a_signal(self, workbench: Workbench) -> None:
        at = workbench.open()
        at.text_area[0].input(TRANSCRIPT)
        at.selectbox[0].select("transcript")
        at.text_input[0].input("Interview with Sam")
        at.form_submit_button[0].click()
        at.run()
        assert problems(at) == []
        # The banner follows processing: a fast worker may finish before this rerun.
        assert re.search(r"Created SIGNAL-1|SIGNAL-1 is processed", texts(at))
        (signal,) = workbench.client.signals.list()
        assert (signal.name, signal.signal_type) == ("Interview with Sam", "transcript")

    def test_paste_is_checked_before_sending(self, workbench: Workbench) -> None:
        at = workbench.open()
        at.text_area[0].input("   ")
        at.form_submit_button[0].click()
        at.run()
        assert "Text is empty." in at.error[0].value
        assert workbench.client.signals.list() == []

    def test_csv_with_a_bad_row_creates_the_others_and_reports_it(
        self, workbench: Workbench
    ) -> None:
        csv = (
            b"title,text,date\n"
            b"Slow export,Exports time out on big files,2025-03-01\n"
            b"Empty,,2025-03-02\n"
            b"Love it,The dashboards are great,2025-03-03\n"
        )
        at = workbench.open()
        at.file_uploader[0].set_value(("reviews.csv", csv, "text/csv"))
        at.run()
        assert problems(at) == []
        preview = table_with(at, "will be created")
        assert preview["will be created"].tolist() == [True, True, False]
        button(at, "Create 2 signal(s)").click()
        at.run()
        report = table_with(at, "reason")
        assert report["result"].tolist() == ["not created", "created", "created"]
        assert report.loc[0, "reason"] == "text is empty"
        assert report.loc[0, "source"] == "reviews.csv row 3"
        assert "2 created, 1 not created." in texts(at)
        names = sorted(s.name for s in workbench.client.signals.list())
        assert names == ["Love it", "Slow export"]

    def test_subtitles_and_notes_become_one_signal_each(self, workbench: Workbench) -> None:
        vtt = (
            b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Dana>How are exports?</v>\n\n"
            b"00:01:02.000 --> 00:01:05.000\n<v Sam>They time out.</v>\n"
        )
        at = workbench.open()
        at.file_uploader[0].set_value(
            [("call.vtt", vtt, "text/vtt"), ("note.md", b"Search is slow", "text/markdown")]
        )
        at.run()
        button(at, "Create 2 signal(s)").click()
        at.run()
        assert "2 created, 0 not created." in texts(at)
        by_name = {s.name: s for s in workbench.client.signals.list()}
        assert by_name["call"].signal_type == "transcript"
        assert by_name["note"].signal_type == "review"

    def test_failed_row_can_be_retried(self, workbench: Workbench, live_server) -> None:
        at = workbench.open()
        at.file_uploader[0].set_value(("note.txt", b"The export button is hidden", "text/plain"))
        at.run()
        # The key is revoked between preview and create: the row fails with a clear reason.
        with AdminClient(live_server.base_url, live_server.admin_token) as admin:
            admin.keys.revoke(own_key(admin.keys.list(), workbench.key).id)
        button(at, "Create 1 signal(s)").click()
        at.run()
        report = table_with(at, "reason")
        assert report["result"].tolist() == ["not created"]
        assert "API key" in report.loc[0, "reason"]
        assert any(b.label.startswith("Retry 1 failed") for b in at.button)

    def test_live_status_shows_the_processed_signal(self, workbench: Workbench) -> None:
        workbench.client.signals.create(text=TRANSCRIPT, signal_type="transcript")
        workbench.wait_processed()
        at = workbench.open()
        table = table_with(at, "last_error")
        assert table.loc[0, "public_id"] == "SIGNAL-1"
        assert table.loc[0, "n_insights"] >= 1
        select_rows(at, "inbox_signals", [0])
        at.run()
        button(at, "Re-process 1 selected").click()
        at.run()
        assert "Queued SIGNAL-1 for processing." in texts(at)


class TestTriage:
    def _drafts(self, workbench: Workbench):
        workbench.client.signals.create(text=TRANSCRIPT, signal_type="transcript")
        workbench.wait_processed()
        drafts = list(workbench.client.insights.iter(status="draft"))
        assert len(drafts) >= 2
        return workbench.open("triage"), drafts

    def test_bulk_publish_and_archive(self, workbench: Workbench) -> None:
        at, drafts = self._drafts(workbench)
        assert at.metric[0].value == str(len(drafts))
        table = table_with(at, "evidence")
        assert table["source"].str.startswith("Transcript").all()
        assert table["evidence"].str.contains("“").any()
        select_rows(at, "triage_table", [0, 1])
        at.run()
        button(at, "Publish").click()
        at.run()
        assert problems(at) == []
        statuses = [i.status for i in workbench.client.insights.iter()]
        assert statuses.count("published") == 2
        assert at.metric[0].value == str(len(drafts) - 2)

        select_rows(at, "triage_table", [0])
        at.run()
        button(at, "Archive").click()
        at.run()
        statuses = [i.status for i in workbench.client.insights.iter()]
        assert statuses.count("archived") == 1

    def test_link_to_an_opportunity_shows_in_its_list(self, workbench: Workbench) -> None:
        opportunity = workbench.client.opportunities.create(name="Make exports fast", score=60)
        at, _ = self._drafts(workbench)
        first_name = table_with(at, "evidence").loc[0, "name"]
        select_rows(at, "triage_table", [0])
        at.run()
        at.radio(key="link_kind").set_value("Existing opportunity")
        at.run()
        at.selectbox(key="link_target").set_value(opportunity.id)
        at.run()
        button(at, "Link").click()
        at.run()
        assert problems(at) == []
        assert "Linked 1 insight to “Make exports fast”." in texts(at)

        at.switch_page("pages/opportunities.py")
        at.run()
        table = table_with(at, "suggested")
        assert table.loc[0, "linked_insights"] == 1
        select_rows(at, "opp_table", [0])
        at.run()
        linked = table_with(at, "severity")
        assert linked["name"].tolist() == [first_name]

    def test_link_to_a_new_opportunity(self, workbench: Workbench) -> None:
        at, _ = self._drafts(workbench)
        select_rows(at, "triage_table", [0, 1])
        at.run()
        at.radio(key="link_kind").set_value("New opportunity")
        at.run()
        at.text_input(key="link_new_name").input("Billing clarity")
        at.run()
        button(at, "Link").click()
        at.run()
        (opportunity,) = workbench.client.opportunities.list()
        assert opportunity.name == "Billing clarity"
        assert len(opportunity.insight_ids) == 2


class TestOpportunities:
    def test_score_suggestion_never_overwrites_silently(self, workbench: Workbench) -> None:
        created = workbench.client.opportunities.create(name="Exports", score=10)
        at = workbench.open("opportunities")
        select_rows(at, "opp_table", [0])
        at.run()
        assert "Suggested score" in [m.label for m in at.metric]
        assert "distinct published" in texts(at)
        assert workbench.client.opportunities.get(created.id).score == 10
        button(at, "Use suggested score").click()
        at.run()
        assert at.number_input(key=f"opp_score:{created.id}").value == 0
        assert workbench.client.opportunities.get(created.id).score == 10  # not saved yet

    def test_delete_asks_for_confirmation(self, workbench: Workbench) -> None:
        workbench.client.opportunities.create(name="Doomed")
        at = workbench.open("opportunities")
        select_rows(at, "opp_table", [0])
        at.run()
        button(at, "Delete opportunity…").click()
        at.run()
        assert len(workbench.client.opportunities.list()) == 1
        button(at, "Delete").click()
        at.run()
        assert workbench.client.opportunities.list() == []


class TestSettings:
    def test_create_and_revoke_a_key(self, workbench: Workbench, live_server) -> None:
        at = workbench.open("settings")
        name_input = next(t for t in at.text_input if t.label == "Name")
        name_input.input("Zapier import")
        scopes = next(m for m in at.multiselect if m.label == "Scopes")
        scopes.set_value(["signals:read"])
        next(b for b in at.form_submit_button if b.label == "Create key").click()
        at.run()
        assert problems(at) == []
        key = at.code[0].value
        assert key.startswith("zk_")
        with ZentrikClient(live_server.base_url, key) as fresh:
            assert fresh.signals.list() == []
        table = table_with(at, "prefix")
        assert "Zapier import" in table["name"].tolist()

        button(at, "I have copied it").click()
        at.run()
        assert len(at.code) == 0
        revoke = next(s for s in at.selectbox if s.label.startswith("Revoke a key"))
        key_id = next(k for k, label in zip(table["id"], table["name"], strict=True)
                      if label == "Zapier import")  # fmt: skip
        revoke.set_value(key_id)
        at.run()
        button(at, "Revoke").click()
        at.run()
        with ZentrikClient(live_server.base_url, key) as fresh, pytest.raises(AuthenticationError):
            fresh.signals.list()

    def test_a_workspace_entered_in_settings_stays_in_that_session(
        self, workbench: Workbench, live_server, make_key
    ) -> None:
        other_key = make_key()
        with ZentrikClient(live_server.base_url, other_key) as other:
            other.signals.create(text="Only in the other workspace", signal_type="review")
        at = workbench.open("settings")
        next(t for t in at.text_input if t.label == "API URL").input(live_server.base_url)
        next(t for t in at.text_input if t.label == "API key").input(other_key)
        next(b for b in at.form_submit_button if b.label == "Connect").click()
        at.run()
        assert "for this browser session only" in texts(at)
        at.switch_page("pages/inbox.py")
        at.run()
        assert table_with(at, "last_error")["public_id"].tolist() == ["SIGNAL-1"]

        fresh_session = workbench.open()  # another browser: the configured workspace, empty
        assert "No signals yet" in texts(fresh_session)

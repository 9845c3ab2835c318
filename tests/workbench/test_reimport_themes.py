"""Re-import detection (issue 12 item 2) and themes on Overview (issue 12 item 3)."""

from __future__ import annotations

import httpx
import pandas as pd
import pytest

from tests.workbench.conftest import Workbench, button, problems, table_with, texts
from zentrik_server.signals.content_hash import content_hash as server_hash
from zentrik_ui import ZentrikClient
from zentrik_ui.content_hash import content_hash
from zentrik_ui.ingest import SignalDraft
from zentrik_ui.reimport import recognise
from zentrik_ui.themes import find_themes, weekly_mentions

REVIEWS = (
    b"title,text\n"
    b"Crash,The app crashes when I attach a photo\n"
    b"Dark,Please add a dark mode\n"
    b"Export,Exports time out on big reports\n"
)
MORE = b"Sync,My notes vanish after a sync\n"


class TestContentHash:
    @pytest.mark.parametrize(
        "text",
        [
            "  Crash\ton  photo\r\nattach  ",
            "Cafe\u0301 au lait\u00a0is cold",  # decomposed é, no-break space
            "\u3000全角スペース\u2003em space\u2028line separator",
            "Ｆｕｌｌｗｉｄｔｈ stays its own text",  # NFC keeps compatibility forms
            "",
        ],
    )
    def test_the_workbench_and_the_server_agree(self, text: str) -> None:
        assert content_hash(text) == server_hash(text)

    def test_only_whitespace_and_composition_are_ignored(self) -> None:
        assert content_hash("Café is\n\n cold") == content_hash("Cafe\u0301 is cold")
        assert content_hash("Cafe is cold") != content_hash("Café is cold")
        assert content_hash("cafe is cold") != content_hash("Cafe is cold")


def _upload(at, data: bytes) -> None:
    at.file_uploader[0].set_value(("reviews.csv", data, "text/csv"))
    at.run()


class TestReimport:
    def test_the_same_csv_twice_skips_what_is_there_unless_asked(
        self, workbench: Workbench
    ) -> None:
        at = workbench.open()
        _upload(at, REVIEWS)
        button(at, "Create 3 signal(s)").click()
        at.run()
        assert "3 created, 0 not created." in texts(at)

        at = workbench.open()
        _upload(at, REVIEWS + MORE)
        assert problems(at) == []
        assert "3 of 4 rows are already in this workspace: they will be skipped." in [
            w.value for w in at.warning
        ]
        button(at, "Create 1 signal(s)").click()
        at.run()
        assert sorted(s.name for s in workbench.client.signals.list()) == [
            "Crash", "Dark", "Export", "Sync",
        ]  # fmt: skip

        at = workbench.open()
        _upload(at, REVIEWS)
        at.checkbox(key="upload_again").check().run()
        button(at, "Create 3 signal(s)").click()
        at.run()
        assert len(workbench.client.signals.list(limit=100)) == 7

    def test_a_pasted_text_already_there_is_not_added_again(self, workbench: Workbench) -> None:
        workbench.client.signals.create(text="Please add a dark mode")
        at = workbench.open()
        at.text_area(key="paste_text").input("Please  add a dark mode\n").run()
        assert "This text is already in this workspace: it will be skipped." in [
            w.value for w in at.warning
        ]
        button(at, "Add signal").click()
        at.run()
        assert len(workbench.client.signals.list()) == 1


def _drafts(*texts_: str) -> list[SignalDraft]:
    return [SignalDraft(f"r.csv row {n + 2}", t, "review") for n, t in enumerate(texts_)]


class TestServerWithoutHashes:
    def test_a_server_that_ignores_the_filter_is_never_trusted(self) -> None:
        every = [{"id": "s1", "name": "x"}, {"id": "s2", "name": "y"}]  # a real Zentrik's answer

        def answer(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json=every)

        with ZentrikClient(
            "http://zentrik.test", "zk_x", transport=httpx.MockTransport(answer)
        ) as c:
            assert c.signals.with_hashes([content_hash("a"), content_hash("b")]) is None

    def test_then_only_texts_of_this_session_are_skipped(self) -> None:
        drafts = _drafts("Please add a dark mode", "Exports are slow")
        found = recognise(drafts, None, {content_hash("Please  add a dark mode")})
        assert found.scope == "session"
        assert [d.text for d in found.to_create(again=False)] == ["Exports are slow"]
        assert (
            found.warning()
            == "1 of 2 rows are already imported in this session: they will be skipped."
        )
        assert len(recognise(drafts, None, set()).to_create(again=False)) == 2
        assert len(found.to_create(again=True)) == 2


CRASHES = (
    "App crashes when attaching a photo",
    "Crash on photo attachment",
    "The app crashes every time I attach a photo",
    "Attaching photos crashes the app",
    "Photo attachments crash the app on Android",
)
DARK = ("Add a dark mode", "Dark mode requested for night use", "Please support dark mode")
OTHERS = (
    "Home screen widget is blank",
    "CSV export times out on large reports",
    "Bigger font size for accessibility",
    "Login fails after password reset",
)


def _insights(names: list[str]) -> pd.DataFrame:
    now = pd.Timestamp.now(tz="UTC")
    return pd.DataFrame({
        "id": [f"i{n}" for n in range(len(names))], "name": names,
        "status": ["draft"] * len(names), "evidence": [f"“{n.lower()}”" for n in names],
        "signal_ids": [[f"s{n}"] for n in range(len(names))],
        "created_at": [now] * len(names), "updated_at": [now] * len(names),
    })  # fmt: skip


class TestThemeGrouping:
    def test_crashes_and_dark_mode_are_two_named_themes_and_the_rest_stay_apart(self) -> None:
        found = find_themes(_insights([*CRASHES, *OTHERS, *DARK]))
        by_name = {row.theme: set(row.insight_ids) for row in found.itertuples()}
        assert by_name == {
            "Crashes attaching photo": {f"i{n}" for n in range(5)},  # the leader's word order
            "Dark mode": {"i9", "i10", "i11"},
        }
        assert found.loc[0, ["insights", "mentions", "signals"]].tolist() == [5, 5, 5]

    def test_archived_insights_and_lone_findings_make_no_theme(self) -> None:
        frame = _insights([*DARK, *OTHERS])
        frame.loc[:1, "status"] = "archived"
        assert find_themes(frame).empty

    def test_mentions_are_counted_per_week_of_their_signal(self) -> None:
        frame = _insights(list(DARK))
        found = find_themes(frame)
        today = pd.Timestamp("2026-11-30").date()
        signals = pd.DataFrame({
            "id": ["s0", "s1", "s2"],
            "created_at": pd.to_datetime(["2026-11-30", "2026-11-24", "2026-11-10"], utc=True),
        })  # fmt: skip
        weekly = weekly_mentions(found, frame, signals, today)
        assert len(weekly) == 12 and weekly["mentions"].tolist()[-4:] == [1, 0, 1, 1]


def _seed_themes(client: ZentrikClient) -> None:
    for text in (*CRASHES, *DARK, *OTHERS):
        client.insights.create(
            name=text, ai_suggestions={"evidence": [{"text": text.lower(), "signalId": None}]}
        )


class TestThemesOnOverview:
    def test_themes_show_and_one_becomes_an_opportunity_with_its_insights(
        self, workbench: Workbench
    ) -> None:
        _seed_themes(workbench.client)
        at = workbench.open("overview")
        assert problems(at) == []
        shown = table_with(at, "theme")
        crash, dark = shown["theme"].tolist()[:2]
        assert set(crash.lower().split()) == {"photo", "attaching", "crashes"}
        assert dark == "Dark mode"
        assert shown["insights"].tolist()[:2] == [5, 3]
        assert any("Theme mentions per week" in str(c.proto.spec) for c in at.get("plotly_chart"))
        at.selectbox(key="ov_theme").select("Dark mode").run()
        button(at, "Make it an opportunity").click()
        at.run()
        [opportunity] = workbench.client.opportunities.list()
        assert opportunity.name == "Dark mode"
        linked = {
            i.name
            for i in workbench.client.insights.list(limit=100)
            if opportunity.id in i.opportunity_ids
        }
        assert linked == set(DARK)
        assert "Opportunity “Dark mode” created, 3 insights linked." in [
            s.value for s in at.success
        ]

"""Messages survive the rerun a write makes (or a settling status poll makes on its own)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page() -> None:
    import streamlit as st

    from zentrik_ui.widgets import flash, rerun_keeping_flash, show_flash

    show_flash()
    if st.button("Save"):
        flash("Saved SIGNAL-1")
        st.rerun()
    if st.session_state.get("settles_now"):
        # What the Inbox's live status does when processing ends in the same run.
        st.session_state["settles_now"] = False
        rerun_keeping_flash()


def test_message_stays_when_status_settles_right_after_the_write() -> None:
    at = AppTest.from_function(_page).run()
    at.session_state["settles_now"] = True
    at.button[0].click().run()
    assert [s.value for s in at.success] == ["Saved SIGNAL-1"]


def test_message_is_shown_once_then_gone() -> None:
    at = AppTest.from_function(_page).run()
    at.button[0].click().run()
    assert [s.value for s in at.success] == ["Saved SIGNAL-1"]
    at.run()
    assert list(at.success) == []


def _bulk_page() -> None:
    import streamlit as st

    from zentrik_ui.client import ZentrikError
    from zentrik_ui.config import Connection
    from zentrik_ui.widgets import bulk_and_rerun, show_flash

    def publish(item: str) -> None:
        if item in st.session_state.get("failing", ()):
            raise ZentrikError("Insight not found")

    show_flash()
    if st.button("Publish"):
        bulk_and_rerun(
            Connection("http://127.0.0.1:9", "zk_test"),
            "insights.update",
            ["a", "b", "c"],
            publish,
            "Publishing…",
            lambda done: f"Published {', '.join(done)}.",
        )


def test_a_partial_bulk_failure_is_still_shown_after_the_rerun() -> None:
    at = AppTest.from_function(_bulk_page).run()
    at.session_state["failing"] = {"b"}
    at.button[0].click().run()
    assert [s.value for s in at.success] == ["Published a, c."]
    assert [e.value for e in at.error] == ["b: Insight not found"]


def test_a_bulk_that_fails_entirely_shows_why_and_claims_nothing() -> None:
    at = AppTest.from_function(_bulk_page).run()
    at.session_state["failing"] = {"a", "b", "c"}
    at.button[0].click().run()
    assert list(at.success) == []
    assert [e.value for e in at.error] == [f"{i}: Insight not found" for i in "abc"]

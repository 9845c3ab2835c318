"""Success messages survive the rerun a settling status poll makes on its own."""

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

"""Settings' "Learning from triage": what the workspace's model learned from the PM's triage
decisions, with Retrain and Reset (through the local server's admin API, `admin.model`).

Read fresh on each run of Settings, not cached: the server retrains in the background as
decisions accumulate, and this is the one screen that shows it. A server without the
endpoints (a remote Zentrik has no admin token at all; an older local server answers 404)
shows no section.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from zentrik_ui.client import AdminClient, NotFoundError, ZentrikError
from zentrik_ui.formatting import plural, when
from zentrik_ui.models import ModelStatus
from zentrik_ui.session import show_error
from zentrik_ui.widgets import close_confirm, confirm_dialog, flash, open_confirm

RESET_FLAG = "confirm_model_reset"


def model_summary(status: ModelStatus) -> str:
    """What the model learned from ("Learned from 120 decisions, last trained …, estimated F1
    0.81"), or how many decisions wait for its first training."""
    if not status.trained:
        return (
            f"Not trained yet: {plural(status.decisions, 'triage decision')} recorded. "
            "Extraction uses the engine alone until the model is trained."
        )
    f1 = "not measured" if status.estimated_f1 is None else f"{status.estimated_f1:.2f}"
    base = "" if status.base_f1 is None else f" (the engine alone: {status.base_f1:.2f})"
    newer = status.decisions - status.learned_from
    since = f" {plural(newer, 'decision')} since." if newer > 0 else ""
    return (
        f"Learned from {plural(status.learned_from, 'decision')}, last trained "
        f"{when(status.trained_at)}, estimated F1 {f1}{base}.{since}"
    )


def show_workspace_model(admin: AdminClient, workspace: str) -> None:
    try:
        status = admin.model.status(workspace)
    except NotFoundError:
        return  # no such endpoints on this server (or the workspace is unknown to it)
    except ZentrikError as exc:
        show_error(exc)
        return
    st.subheader("Learning from triage")
    st.caption(
        "Your accept, reject and kind decisions in Triage teach this workspace's model what "
        "counts as an insight here; it retrains in the background as they accumulate."
    )
    st.text(model_summary(status))
    left, right = st.columns(2)
    if left.button("Retrain now", icon=":material/model_training:"):
        with st.spinner("Retraining on every decision so far…"):
            _change(lambda: admin.model.retrain(workspace), "Retrained. ")
    right.button(
        "Reset…",
        icon=":material/restart_alt:",
        disabled=not (status.trained or status.decisions),
        on_click=lambda: open_confirm(RESET_FLAG),
    )
    _confirm_reset(admin, workspace)


def _change(call: Callable[[], ModelStatus], done: str) -> None:
    try:
        status = call()
    except ZentrikError as exc:
        show_error(exc)
        return
    flash(done + model_summary(status))
    st.rerun()


def _confirm_reset(admin: AdminClient, workspace: str) -> None:
    def reset() -> None:
        close_confirm(RESET_FLAG)
        _change(lambda: admin.model.reset(workspace), "Reset: the engine alone again. ")

    confirm_dialog(
        RESET_FLAG,
        "Reset what this workspace learned?",
        lambda: st.warning(
            "This forgets the model and every triage decision it learned from; extraction "
            "uses the engine alone again. It cannot be undone."
        ),
        "Reset",
        reset,
    )

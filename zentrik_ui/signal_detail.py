"""The Inbox's view of one signal: what it is, its full text, the insights drawn from it, and
a delete that asks first. Customer text is always escaped (see signal_text)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from zentrik_ui import views
from zentrik_ui.client import ZentrikClient, ZentrikError
from zentrik_ui.config import Connection
from zentrik_ui.formatting import clean, escape_markdown, plural, when
from zentrik_ui.session import load_signal_text, show_error
from zentrik_ui.signal_text import SHOWN_CHARS, text_markdown
from zentrik_ui.tables import badge_column, text_column, with_badges
from zentrik_ui.widgets import confirm_delete

FACTS = (
    ("status", "Status"),
    ("signal_type", "Type"),
    ("created_at", "Created"),
    ("processed_at", "Processed"),
    ("failed_at", "Failed"),
    ("source_type", "Source"),
    ("external_id", "External id"),
    ("context", "Context"),
    ("last_error", "Last error"),
)


def signal_facts(signal: pd.Series) -> list[tuple[str, str]]:
    """(label, value) for each fact the signal has, as text."""
    facts = []
    for column, label in FACTS:
        value = signal[column]
        shown = when(value) if column.endswith("_at") else clean(value)
        if shown:
            facts.append((label, shown))
    return facts


def show_signal(
    conn: Connection, client: ZentrikClient, signal: pd.Series, insights: pd.DataFrame, table: str
) -> None:
    """One signal opened below the Inbox table (`table`: where it was selected)."""
    title = f"{clean(signal['public_id'])} {clean(signal['name'])}".strip()
    st.subheader(escape_markdown(title), anchor=False)
    st.markdown(
        "  \n".join(
            f"**{label}:** {escape_markdown(value)}" for label, value in signal_facts(signal)
        )
    )
    confirm_delete(conn, "signals", "signal", signal["id"], title, client.signals.delete, table)
    show_text(conn, signal)
    show_insights(views.signal_insights(insights, signal["id"]))


def show_text(conn: Connection, signal: pd.Series) -> None:
    try:
        text = load_signal_text(conn, signal["id"])
    except ZentrikError as exc:
        show_error(exc)
        return
    if text is None:
        st.info(
            "The text is not available from this server: it keeps no text for this signal, or "
            "it does not offer signal texts. The facts above are all it tells.",
            icon=":material/info:",
        )
        return
    body, cut = text_markdown(text)
    st.markdown(f"**Text** ({len(text):,} characters)")
    with st.container(height=420, border=True):
        st.markdown(body)
    if cut:
        st.caption(f"The first {SHOWN_CHARS:,} characters are shown; the download has them all.")
    st.download_button(
        "Download text",
        data=text,
        file_name=f"{clean(signal['public_id']) or signal['id']}.txt",
        mime="text/plain",
        icon=":material/download:",
        on_click="ignore",
        key=f"signal_text_download:{signal['id']}",
    )


def show_insights(found: pd.DataFrame) -> None:
    st.markdown(f"**Insights from this signal:** {plural(len(found), 'insight')}")
    if found.empty:
        return
    st.dataframe(
        with_badges(found, "status"),
        hide_index=True,
        column_config={
            "name": text_column("Insight", "large"),
            "kind": text_column("Kind", "small", help="What it is, and how severe"),
            "type": text_column("Insight type", "small"),
            "status": badge_column("Status", found["status"].dropna()),
        },
    )

"""Triage's merge controls: Similar insights, merging a selection, unmerging from evidence.

They need this project's server extensions; against a server without them (`similar`
answers NOT_SUPPORTED) they are not shown. What the server answered is kept per connection
for the session, so a multi-selection knows without asking again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from zentrik_ui.client import ZentrikClient, ZentrikError
from zentrik_ui.client.resources._resource import NOT_SUPPORTED, NotSupported
from zentrik_ui.config import Connection
from zentrik_ui.formatting import escape_markdown, joined
from zentrik_ui.merging import (
    alike,
    how_it_joined,
    mentions_note,
    mentions_since_published,
    merged_message,
    merged_sources,
)
from zentrik_ui.models import Insight, SimilarInsight
from zentrik_ui.session import similar_insights
from zentrik_ui.widgets import close_confirm, confirm_dialog, load, open_confirm, write_and_rerun

TABLE = "triage_table"  # where the insights are picked: its selection is cleared after a merge
_CONFIRM = "_confirm_merge"
NO_MERGE = "This server cannot merge insights; nothing changed."


def _support_slot(conn: Connection) -> str:
    return f"_merge_supported:{conn.base_url}:{conn.fingerprint}"


def similar_matches(
    conn: Connection, insight_id: str, insights_seen: str
) -> list[SimilarInsight] | None:
    """The insights most like this one (read once until insights change); None on a server
    without merging."""
    found = load(lambda c: similar_insights(c, insight_id, insights_seen), conn)
    supported = found is not NOT_SUPPORTED
    st.session_state[_support_slot(conn)] = supported
    return found if supported else None


def can_merge(conn: Connection, client: ZentrikClient, any_id: str) -> bool:
    """Whether the server merges insights (asked once per session, about any insight)."""
    slot = _support_slot(conn)
    if slot not in st.session_state:
        try:
            st.session_state[slot] = client.insights.similar(any_id, limit=1) is not NOT_SUPPORTED
        except ZentrikError:
            return False  # asked again on the next run
    return bool(st.session_state[slot])


def _merge_and_rerun(
    conn: Connection, call: Callable[[], Insight | NotSupported], message: str
) -> None:
    """A merge or unmerge, then a fresh run saying what happened, the selection cleared."""
    write_and_rerun(
        conn,
        "insights.merge",
        call,
        lambda answer: NO_MERGE if answer is NOT_SUPPORTED else message,
        table=TABLE,
    )


def similar_panel(
    conn: Connection, client: ZentrikClient, insight: Insight, matches: list[SimilarInsight]
) -> None:
    """The closest insights, with how alike and why, each offering to take this one in."""
    st.subheader("Similar insights")
    if not matches:
        st.caption("No other insight of its kind speaks of the same thing.")
        return
    for match in matches:
        other = match.insight
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(other.name)}** · {other.status}")
            st.caption(alike(match.score, match.shared_terms))
            if st.button(
                "Merge into this",
                key=f"merge_into:{other.id}",
                help="This insight joins that one: its evidence and signals move there",
            ):
                _merge_and_rerun(
                    conn,
                    lambda o=other: client.insights.merge(o.id, [insight.id]),
                    merged_message(1, other.name),
                )


def mentions(insight: Insight) -> None:
    """ "N new mentions since published" on a published insight evidence keeps joining."""
    note = mentions_note(mentions_since_published(insight.ai_suggestions))
    if note:
        st.info(note, icon=":material/campaign:")


def unmerge_panel(
    conn: Connection, client: ZentrikClient, insight: Insight, signal_names: Mapping[str, str]
) -> None:
    """The evidence that came from other insights, each with Unmerge to take it back out."""
    sources = merged_sources(insight.ai_suggestions)
    if not sources:
        return
    st.markdown(f"**Merged into this insight ({len(sources)})**")
    for source in sources:
        with st.container(border=True):
            quotes = "\n".join(f"“{quote}”" for quote in source.quotes) or "(no quote)"
            st.text(quotes)
            origin = joined(signal_names.get(i, i) for i in source.signal_ids)
            st.caption(f"{how_it_joined(source)}" + (f" · from {origin}" if origin else ""))
            if st.button("Unmerge", key=f"unmerge:{source.insight_id}"):
                _merge_and_rerun(
                    conn,
                    lambda s=source: client.insights.unmerge(
                        insight.id, [s.insight_id], if_match=insight.etag
                    ),
                    "Unmerged: it is its own insight again, with its evidence and signals.",
                )


def merge_selection(
    conn: Connection, client: ZentrikClient, chosen: list[str], names: Mapping[str, str]
) -> None:
    """Merge the selected insights into the one the user keeps, after a confirmation."""
    with st.expander("Merge selection into one insight", icon=":material/merge:"):
        target = st.selectbox("Keep", chosen, format_func=lambda i: names.get(i, i))
        st.button("Merge…", on_click=lambda: open_confirm(_CONFIRM))
    if target is not None:
        _confirm_merge(conn, client, target, [i for i in chosen if i != target], names)


def _confirm_merge(
    conn: Connection,
    client: ZentrikClient,
    target: str,
    others: list[str],
    names: Mapping[str, str],
) -> None:
    def body() -> None:
        st.markdown(f"Into **{escape_markdown(names.get(target, target))}**:")
        st.text("\n".join(names.get(i, i) for i in others))
        st.caption(
            "Their evidence, signals and links join it and they leave the lists. "
            "Each can be taken back out with Unmerge."
        )

    def merge() -> None:
        close_confirm(_CONFIRM)
        _merge_and_rerun(
            conn,
            lambda: client.insights.merge(target, others),
            merged_message(len(others), names.get(target, target)),
        )

    confirm_dialog(_CONFIRM, "Merge these insights?", body, "Merge", merge)

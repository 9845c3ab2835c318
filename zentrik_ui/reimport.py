"""Recognise texts the workspace already has, before an upload or a paste creates them again.

Each typed signal keeps its text's content hash (zentrik_ui/content_hash.py), and this
project's server lists signals by hash. Against a server that keeps none (a real Zentrik) the
texts imported in this browser session are all that can be recognised, and the page says so:
nothing is ever skipped on a guess.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from zentrik_ui.config import Connection
from zentrik_ui.content_hash import content_hash
from zentrik_ui.ingest import DEFAULT_SIGNAL_TYPE, SignalDraft
from zentrik_ui.session import known_hashes, load_signals
from zentrik_ui.views import rows_seen

_SESSION_KEY = "imported_hashes"  # hashes of the texts created in this session
Scope = Literal["workspace", "session"]


@dataclass(frozen=True)
class Recognised:
    drafts: Sequence[SignalDraft]
    known: Sequence[SignalDraft]  # already imported, by `scope`
    scope: Scope  # what they were checked against: the workspace, or this session only

    def to_create(self, again: bool) -> list[SignalDraft]:
        """Every draft when importing `again`, else those not imported before."""
        known = {draft.row_id for draft in self.known}
        return [d for d in self.drafts if again or d.row_id not in known]

    def warning(self) -> str:
        """'3 of 20 rows are already in this workspace: they will be skipped.'"""
        where = "in this workspace" if self.scope == "workspace" else "imported in this session"
        if len(self.drafts) == 1:
            return f"This text is already {where}: it will be skipped."
        noun = "files" if all(" row " not in d.label for d in self.drafts) else "rows"
        counted = f"{len(self.known)} of {len(self.drafts)} {noun}"
        return f"{counted} are already {where}: they will be skipped."


def recognise(
    drafts: Sequence[SignalDraft],
    workspace_hashes: Collection[str] | None,
    session_hashes: Collection[str],
) -> Recognised:
    """`drafts` split by whether their text is known: to the workspace (its hashes, None when
    the server keeps none), or failing that to this session."""
    scope: Scope = "session" if workspace_hashes is None else "workspace"
    seen = session_hashes if workspace_hashes is None else workspace_hashes
    return Recognised(drafts, [d for d in drafts if content_hash(d.text) in seen], scope)


def check_drafts(conn: Connection, drafts: Sequence[SignalDraft]) -> Recognised:
    """Ask the server which texts it has (cached until signals change)."""
    hashes = tuple(sorted({content_hash(d.text) for d in drafts}))
    seen = rows_seen(load_signals(conn))
    return recognise(
        drafts, known_hashes(conn, hashes, seen), st.session_state.get(_SESSION_KEY, ())
    )


def check_text(conn: Connection, text: str) -> Recognised:
    """`check_drafts` for one pasted text."""
    return check_drafts(conn, [SignalDraft("pasted text", text.strip(), DEFAULT_SIGNAL_TYPE)])


def choose_drafts(recognised: Recognised, key: str) -> list[SignalDraft]:
    """Say what is already there (with "Import them again anyway"); the drafts to create."""
    if recognised.scope == "session":
        st.caption(
            "This server does not say which texts it already has: only texts imported in this "
            "session are recognised."
        )
    if not recognised.known:
        return list(recognised.drafts)
    st.warning(recognised.warning(), icon=":material/content_copy:")
    again = st.checkbox("Import them again anyway", key=key)
    return recognised.to_create(again)


def remember(created: Iterable[SignalDraft | None]) -> None:
    """Keep the created texts' hashes: what a server without hashes is checked against."""
    hashes = {content_hash(draft.text) for draft in created if draft is not None}
    st.session_state[_SESSION_KEY] = set(st.session_state.get(_SESSION_KEY, ())) | hashes

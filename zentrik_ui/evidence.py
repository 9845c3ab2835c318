"""The quoted evidence of insights (from their aiSuggestions), for the Triage queue.

The session's insight loader keeps kind and severity but not the quotes, so this small
adapter keeps its own per-connection store of id → quotes. An insight's aiSuggestions are
written once, when processing drafts it (re-processing makes new insights with new ids), so a
stored entry never goes stale: the store only fetches when it meets ids it has not seen.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import streamlit as st

from zentrik_ui.config import Connection
from zentrik_ui.session import PAGE_SIZE, get_client
from zentrik_ui.views import evidence_quotes


class EvidenceStore:
    def __init__(self) -> None:
        self.quotes: dict[str, str] = {}
        self.lock = threading.Lock()


@st.cache_resource(show_spinner=False)
def _store(base_url: str, fingerprint: str) -> EvidenceStore:
    # Keyed like the session's loaders (URL + key fingerprint): never shared across keys.
    return EvidenceStore()


def load_evidence(conn: Connection, status: str, insight_ids: Iterable[str]) -> dict[str, str]:
    """Quotes for `insight_ids` (all of one status); fetches that status's insights only when
    some id is new. Raises the client's errors like any loader."""
    store = _store(conn.base_url, conn.fingerprint)
    wanted = list(insight_ids)
    with store.lock:
        missing = [i for i in wanted if i not in store.quotes]
        if missing:
            client = get_client(conn)
            for insight in client.insights.iter(page_size=PAGE_SIZE, status=status):
                store.quotes[insight.id] = "\n".join(evidence_quotes(insight.ai_suggestions))
            for insight_id in missing:
                store.quotes.setdefault(insight_id, "")
        return {i: store.quotes[i] for i in wanted}

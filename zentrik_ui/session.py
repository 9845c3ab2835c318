"""The workbench's data layer: one cached client per key, cached DataFrame loaders, invalidation.

Pages read through these and write through `get_client(conn)`, then call `invalidate_after`.

Client
    get_client(conn) -> ZentrikClient     st.cache_resource, keyed by (base_url, fingerprint)

Loaders (st.cache_data, ttl=TTL_SECONDS, keyed by base_url + key fingerprint, so two keys
never share data (the connection rides along unhashed, as `_conn`); each returns every item,
newest first, with the columns below even when empty; list columns hold Python lists of ids):
    load_signals(conn)        SIGNAL_COLUMNS
    load_insights(conn)       INSIGHT_COLUMNS   (kind/severity/sentiment, the quoted
                                                 evidence and the mentions since published,
                                                 from aiSuggestions)
    load_opportunities(conn)  OPPORTUNITY_COLUMNS
    load_ideas(conn)          IDEA_COLUMNS
One signal (the Inbox's detail view; same keying, TTL-cached):
    load_signal_text(conn, id)               str | None (None: the server gives no text)
    search_signals(conn, words, seen)        ids matching name or text | None (no text search)
    known_hashes(conn, hashes, seen)         the content hashes the workspace has | None (the
                                             server keeps none: a real Zentrik)
A loader that fails raises the client's error (ZentrikError and subclasses); it never renders
or swallows it. Pages show it with `show_error(exc)`.

Writes and the loaders they make stale (`invalidate_after("insights.update")` clears them;
`invalidate("insights", ...)` clears by name):
    signals.create / update / delete / process     signals, insights
    insights.create / update                       insights, opportunities, ideas
    insights.delete                                insights, opportunities, ideas, signals
    insights.merge (merge and unmerge)             insights, opportunities, ideas, signals
    insights.extract (create_insights=True)        insights
    opportunities.create / update / delete         opportunities, insights, ideas
    ideas.create / update / delete                 ideas, insights, opportunities
    keys.create / revoke                           api_keys (admin API: get_admin,
                                                   load_api_keys, load_server_info)
Links are stored once and shown on both sides, hence the wide sets. Invalidation clears the
loaders for every connection unless `conn` is given, since keys of one workspace share data.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import pandas as pd
import streamlit as st

from zentrik_ui.client import (
    AdminClient,
    ZentrikClient,
    ZentrikError,
    explain,
    support_details,
)
from zentrik_ui.client.resources._resource import NotSupported
from zentrik_ui.config import Connection
from zentrik_ui.evidence import evidence_quotes
from zentrik_ui.formatting import escape_markdown
from zentrik_ui.merging import mentions_since_published
from zentrik_ui.models import (
    ApiKeyRecord,
    Idea,
    Insight,
    Opportunity,
    ServerInfo,
    Signal,
    SimilarInsight,
)

TTL_SECONDS = 30
MAX_ENTRIES = 64  # per loader: one per connection in use, bounded for long-lived servers
PAGE_SIZE = 1000  # the server's maximum: 10 round trips for 10,000 insights

# Session keys of the versions edit forms opened (editing.py); every write forgets them.
OPENED_PREFIX = "_opened:"
ResourceName = Literal["signals", "insights", "opportunities", "ideas", "api_keys"]

SIGNAL_COLUMNS = (
    "id", "public_id", "name", "status", "signal_type", "context", "source_type",
    "external_id", "insight_ids", "n_insights", "last_job_id", "last_error",
    "started_at", "processed_at", "failed_at", "created_at", "updated_at",
)  # fmt: skip
INSIGHT_COLUMNS = (
    "id", "name", "description", "status", "type", "product_id", "signal_ids",
    "opportunity_ids", "idea_ids", "tag_ids", "n_signals", "n_opportunities", "n_ideas",
    "kind", "severity", "sentiment", "evidence", "n_new_mentions", "created_at", "updated_at",
)  # fmt: skip
OPPORTUNITY_COLUMNS = (
    "id", "name", "description", "score", "status", "product_id", "insight_ids", "idea_ids",
    "n_insights", "n_ideas", "created_at", "updated_at",
)  # fmt: skip
IDEA_COLUMNS = (
    "id", "name", "description", "status", "product_id", "opportunity_ids", "insight_ids",
    "n_opportunities", "n_insights", "created_at", "updated_at",
)  # fmt: skip

STALE_AFTER: dict[str, tuple[ResourceName, ...]] = {
    **dict.fromkeys(
        ("signals.create", "signals.update", "signals.delete", "signals.process"),
        ("signals", "insights"),
    ),
    **dict.fromkeys(("insights.create", "insights.update"), ("insights", "opportunities", "ideas")),
    **dict.fromkeys(
        ("insights.delete", "insights.merge"), ("insights", "opportunities", "ideas", "signals")
    ),
    "insights.extract": ("insights",),
    **dict.fromkeys(
        ("opportunities.create", "opportunities.update", "opportunities.delete"),
        ("opportunities", "insights", "ideas"),
    ),
    **dict.fromkeys(
        ("ideas.create", "ideas.update", "ideas.delete"), ("ideas", "insights", "opportunities")
    ),
    **dict.fromkeys(("keys.create", "keys.revoke"), ("api_keys",)),
}

# --- the client ------------------------------------------------------------------------------

# Every cached function takes (base_url, fingerprint, _conn). Streamlit hashes only the first
# two into the cache key: parameters named with a leading "_" are not hashed, so the key never
# reaches a cache key. A fingerprint is derived from its key, so one fingerprint always names
# the same key and two keys never share a client or cached data; `_conn` is the connection
# they were read from (the public wrappers below pass all three from one Connection).


def get_client(conn: Connection) -> ZentrikClient:
    """The shared client for this connection (one keep-alive pool per base URL and key)."""
    return _client(conn.base_url, conn.fingerprint, conn)


@st.cache_resource(show_spinner=False)
def _client(base_url: str, fingerprint: str, _conn: Connection) -> ZentrikClient:
    return ZentrikClient(_conn.base_url, _conn.api_key)


# --- loaders ---------------------------------------------------------------------------------


def load_signals(conn: Connection) -> pd.DataFrame:
    with gc_paused():
        return _signals(conn.base_url, conn.fingerprint, conn)


def load_insights(conn: Connection) -> pd.DataFrame:
    with gc_paused():
        return _insights(conn.base_url, conn.fingerprint, conn)


def load_opportunities(conn: Connection) -> pd.DataFrame:
    with gc_paused():
        return _opportunities(conn.base_url, conn.fingerprint, conn)


def load_ideas(conn: Connection) -> pd.DataFrame:
    with gc_paused():
        return _ideas(conn.base_url, conn.fingerprint, conn)


# Four module-level functions on purpose, not one factory: st.cache_data keys a cache by the
# function's qualname and source, so loaders built by one factory would share a single cache
# and answer each other's calls (streamlit#11157).


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner="Loading signals…")
def _signals(base_url: str, fingerprint: str, _conn: Connection) -> pd.DataFrame:
    return signals_frame(get_client(_conn).signals.iter(page_size=PAGE_SIZE))


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner="Loading insights…")
def _insights(base_url: str, fingerprint: str, _conn: Connection) -> pd.DataFrame:
    return insights_frame(get_client(_conn).insights.iter(page_size=PAGE_SIZE))


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner="Loading opportunities…")
def _opportunities(base_url: str, fingerprint: str, _conn: Connection) -> pd.DataFrame:
    return opportunities_frame(get_client(_conn).opportunities.iter(page_size=PAGE_SIZE))


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner="Loading ideas…")
def _ideas(base_url: str, fingerprint: str, _conn: Connection) -> pd.DataFrame:
    return ideas_frame(get_client(_conn).ideas.iter(page_size=PAGE_SIZE))


def load_signal_text(conn: Connection, signal_id: str) -> str | None:
    """One signal's text (None: this server gives none); a signal's text never changes."""
    return _signal_text(conn.base_url, conn.fingerprint, conn, signal_id)


def search_signals(conn: Connection, words: str, signals_seen: str) -> set[str] | None:
    """Ids of the signals whose name or text contains `words`; None when the server cannot
    search text. `signals_seen` names the signals loaded (count and newest change), so a
    search is asked again once signals come or go."""
    return _signal_search(conn.base_url, conn.fingerprint, conn, words, signals_seen)


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner="Loading the text…")
def _signal_text(base_url: str, fingerprint: str, _conn: Connection, signal_id: str) -> str | None:
    return get_client(_conn).signals.text(signal_id)


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner="Searching signals…")
def _signal_search(
    base_url: str, fingerprint: str, _conn: Connection, words: str, signals_seen: str
) -> set[str] | None:
    found = get_client(_conn).signals.search(words, limit=PAGE_SIZE)
    return None if found is None else {signal.id for signal in found}


def similar_insights(
    conn: Connection, insight_id: str, insights_seen: str
) -> list[SimilarInsight] | NotSupported:
    """The insights most like this one (NOT_SUPPORTED on a server without merging);
    `insights_seen` (views.rows_seen) asks again once insights change."""
    return _similar(conn.base_url, conn.fingerprint, conn, insight_id, insights_seen)


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)
def _similar(
    base_url: str, fingerprint: str, _conn: Connection, insight_id: str, insights_seen: str
) -> list[SimilarInsight] | NotSupported:
    return get_client(_conn).insights.similar(insight_id)


def known_hashes(
    conn: Connection, hashes: tuple[str, ...], signals_seen: str
) -> frozenset[str] | None:
    """Which of `hashes` (zentrik_ui/content_hash.py) the workspace's signals have; None when
    the server cannot tell. `signals_seen` as for `search_signals`."""
    return _known_hashes(conn.base_url, conn.fingerprint, conn, hashes, signals_seen)


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner="Checking what is new…")
def _known_hashes(
    base_url: str, fingerprint: str, _conn: Connection, hashes: tuple[str, ...], signals_seen: str
) -> frozenset[str] | None:
    found = get_client(_conn).signals.with_hashes(hashes)
    return None if found is None else frozenset(s.content_hash for s in found if s.content_hash)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cyclic GC while a loader builds (or unpickles) thousands of live objects.

    Each collection pass would rescan the growing heap for nothing: with 10,000 insights
    this halves the load time and steadies cached re-reads. Reference counting still frees
    garbage meanwhile; the collector catches up when it is enabled again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- the admin API (a server that gave this connection its admin token: the embedded one) --


def get_admin(conn: Connection) -> AdminClient | None:
    """The key-management client for this connection, or None when it has no admin token."""
    return _admin(conn.base_url, conn.fingerprint, conn) if conn.admin_token else None


@st.cache_resource(show_spinner=False)
def _admin(base_url: str, fingerprint: str, _conn: Connection) -> AdminClient:
    return AdminClient(_conn.base_url, _conn.admin_token or "")


def load_api_keys(conn: Connection) -> list[ApiKeyRecord]:
    """Every key the admin API lists (callers check `get_admin(conn)` first)."""
    return _api_keys(conn.base_url, conn.fingerprint, conn)


def load_server_info(conn: Connection) -> ServerInfo:
    return _server_info(conn.base_url, conn.fingerprint, conn)


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)
def _api_keys(base_url: str, fingerprint: str, _conn: Connection) -> list[ApiKeyRecord]:
    return _admin(base_url, fingerprint, _conn).keys.list()


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)
def _server_info(base_url: str, fingerprint: str, _conn: Connection) -> ServerInfo:
    return _admin(base_url, fingerprint, _conn).info()


_LOADERS: dict[ResourceName, Any] = {
    "signals": _signals,
    "insights": _insights,
    "opportunities": _opportunities,
    "ideas": _ideas,
    "api_keys": _api_keys,
}


def invalidate(*resources: ResourceName, conn: Connection | None = None) -> None:
    """Clear the named loaders (all connections, or only `conn`'s), so the next read is fresh."""
    unknown = set(resources) - set(_LOADERS)
    if unknown:
        raise ValueError(f"Unknown resource(s) {sorted(unknown)}; known: {sorted(_LOADERS)}")
    for name in resources:
        loader = _LOADERS[name]
        if conn is None:
            loader.clear()
        else:
            loader.clear(conn.base_url, conn.fingerprint)


def invalidate_after(write: str, conn: Connection | None = None) -> None:
    """Clear what `write` (e.g. "insights.update") makes stale; see STALE_AFTER."""
    if write not in STALE_AFTER:
        raise ValueError(f"Unknown write {write!r}; known: {sorted(STALE_AFTER)}")
    invalidate(*STALE_AFTER[write], conn=conn)
    # A version an edit form opened may be the one this write replaced (see editing.py).
    for key in [k for k in st.session_state if str(k).startswith(OPENED_PREFIX)]:
        del st.session_state[key]


# --- DataFrames ------------------------------------------------------------------------------
# Built column by column from attribute reads: for 10,000 rows this is several times faster
# than DataFrame(list_of_dicts) and keeps dtypes stable when there are no rows.


def _frame(
    items: Iterable[Any], columns: Sequence[str], getters: dict[str, Callable[[Any], Any]]
) -> pd.DataFrame:
    rows = list(items)
    data: dict[str, Any] = {}
    for name in columns:
        get = getters.get(name)
        values = [get(r) for r in rows] if get else [getattr(r, name) for r in rows]
        data[name] = _column(name, values)
    return pd.DataFrame(data, columns=list(columns))


def _column(name: str, values: list[Any]) -> pd.Series:
    if name.endswith("_at"):
        # Aware datetimes straight into the dtype: 5x faster than pd.to_datetime here.
        return pd.Series(values, dtype="datetime64[us, UTC]")
    if name.startswith("n_"):
        return pd.Series(values, dtype="int64")
    if name in ("score", "sentiment"):
        return pd.Series(values, dtype="float64")
    if name.endswith("_ids"):
        return pd.Series(values, dtype="object")
    return pd.Series([None if v is None else str(v) for v in values], dtype="str")


def _processing(attr: str) -> Callable[[Signal], Any]:
    return lambda s: getattr(s.processing, attr) if s.processing else None


def _suggestion(key: str) -> Callable[[Insight], Any]:
    def get(insight: Insight) -> Any:
        ai = insight.ai_suggestions
        value = ai.get(key) if isinstance(ai, dict) else None
        return value if key != "sentiment" or isinstance(value, int | float) else None

    return get


def signals_frame(items: Iterable[Signal]) -> pd.DataFrame:
    return _frame(
        items,
        SIGNAL_COLUMNS,
        {
            "source_type": lambda s: (s.source or {}).get("type"),
            "n_insights": lambda s: len(s.insight_ids),
            **{c: _processing(c) for c in ("last_job_id", "last_error", "started_at")},
            **{c: _processing(c) for c in ("processed_at", "failed_at")},
        },
    )


def insights_frame(items: Iterable[Insight]) -> pd.DataFrame:
    return _frame(
        items,
        INSIGHT_COLUMNS,
        {
            "n_signals": lambda i: len(i.signal_ids),
            "n_opportunities": lambda i: len(i.opportunity_ids),
            "n_ideas": lambda i: len(i.idea_ids),
            **{c: _suggestion(c) for c in ("kind", "severity", "sentiment")},
            "evidence": lambda i: "\n".join(evidence_quotes(i.ai_suggestions)),
            "n_new_mentions": lambda i: mentions_since_published(i.ai_suggestions),
        },
    )


def opportunities_frame(items: Iterable[Opportunity]) -> pd.DataFrame:
    return _frame(
        items,
        OPPORTUNITY_COLUMNS,
        {"n_insights": lambda o: len(o.insight_ids), "n_ideas": lambda o: len(o.idea_ids)},
    )


def ideas_frame(items: Iterable[Idea]) -> pd.DataFrame:
    return _frame(
        items,
        IDEA_COLUMNS,
        {
            "n_opportunities": lambda i: len(i.opportunity_ids),
            "n_insights": lambda i: len(i.insight_ids),
        },
    )


# --- showing errors --------------------------------------------------------------------------


def error_hint(exc: ZentrikError) -> str:
    """What the person at the screen can do about `exc`."""
    return explain(exc).todo


def show_error(exc: ZentrikError) -> None:
    """Render a client error as what happened and what to do, with the technical details
    (request, status, request id) folded away for support; in a page, never inside a cached
    loader."""
    # The message may echo user input: shown literally, never as markdown.
    st.error(escape_markdown(str(explain(exc))), icon=":material/error:")
    details = support_details(exc)
    if details:
        with st.expander("Details for support", icon=":material/support_agent:"):
            st.code(details, language=None)

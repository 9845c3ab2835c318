"""Saving a signal's findings: each joins the insight already about it, or becomes a draft.

Runs inside the transaction that finishes the signal's job (signals/tasks.py). In order:
1. the workspace's de-duplication lock (merging.lock_workspace; PostgreSQL: an advisory lock
   keyed by the workspace id, a server-made uuid; SQLite: its one writer already holds the
   database), so two workers never both decide that a finding is new;
2. the signal's untouched drafts go (repository.delete_untouched_drafts);
3. a finding whose quotes an insight linked to this signal already holds is skipped (a
   re-processed signal never re-creates what an edited or published insight holds);
4. any other finding is scored against the candidates the term index gives (matching.py):
   at or above the threshold it joins the best one as evidence (the signal joins its
   `signalIds`, the quotes its `aiSuggestions.evidence`, each with `signalId`, `addedAt`,
   `mergedFrom` and `match: {score, sharedTerms}`); a published insight stays published and
   counts `aiSuggestions.mentionsSincePublished`. The finding itself is kept as a draft merged
   into that insight, so `unmerge` turns a wrong join into its own draft. Below the
   threshold, the finding becomes a new draft.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from zentrik_server.db.types import utcnow
from zentrik_server.insights import term_index
from zentrik_server.insights.matching import (
    THRESHOLD,
    Match,
    insight_terms,
    match_class,
    quotes_of,
    score,
)
from zentrik_server.insights.merging import lock_workspace, record_merge
from zentrik_server.insights.repository import delete_untouched_drafts, insert_drafts
from zentrik_server.resources.links import INSIGHT_SIGNALS, T_INSIGHTS

Row = Mapping[str, Any]


def save_findings(session: Session, workspace_id: str, signal_id: str, rows: Sequence[Row]) -> None:
    """Join or create each finding of the signal (rows: new draft columns, ids included)."""
    lock_workspace(session, workspace_id)
    delete_untouched_drafts(session, signal_id)
    now = utcnow()
    held = _quotes_held(session, signal_id)
    documents = term_index.workspace_size(session, workspace_id)
    drafts = []
    for row in rows:
        suggestions = _stamped(row["ai_suggestions"], signal_id)
        quotes = quotes_of(suggestions)
        if quotes and set(quotes) <= held:
            continue
        found = _best_match(session, workspace_id, row["name"], suggestions, documents)
        if found is None:
            drafts.append({**row, "ai_suggestions": suggestions})
        else:
            _join(session, found, signal_id, {**row, "ai_suggestions": suggestions}, now)
    insert_drafts(session, signal_id, drafts)
    term_index.refresh(session, [d["id"] for d in drafts])


def _stamped(suggestions: Any, signal_id: str) -> Any:
    """The finding's suggestions with each quote naming the signal it came from."""
    if not isinstance(suggestions, dict):
        return suggestions
    evidence = [{**item, "signalId": signal_id} for item in suggestions.get("evidence", [])]
    return {**suggestions, "evidence": evidence}


def _quotes_held(session: Session, signal_id: str) -> set[str]:
    """The quotes of this signal that insights linked to it already hold."""
    table, link = T_INSIGHTS, INSIGHT_SIGNALS.link
    rows = session.execute(
        select(table.c.ai_suggestions, table.c.origin_signal_id).where(
            table.c.id.in_(select(link.c.insight_id).where(link.c.signal_id == signal_id))
        )
    ).all()
    held = set()
    for suggestions, origin in rows:
        evidence = suggestions.get("evidence") if isinstance(suggestions, dict) else None
        for item in evidence if isinstance(evidence, list) else []:
            if isinstance(item, dict) and item.get("signalId", origin) == signal_id:
                held.add(item.get("text"))
    return held


def _best_match(
    session: Session, workspace_id: str, name: str, suggestions: Any, documents: int
) -> tuple[str, Match] | None:
    """The candidate insight scoring highest, if at or above the threshold."""
    terms = insight_terms(name, quotes_of(suggestions))
    cls = match_class(suggestions)
    found = term_index.candidates(session, workspace_id, cls, terms, documents)
    scored = [(score(terms, theirs, found.idf), iid) for iid, theirs in found.terms.items()]
    best = max(scored, key=lambda pair: (pair[0].score, pair[1]), default=None)
    if best is None or best[0].score < THRESHOLD:
        return None
    return best[1], best[0]


def _join(
    session: Session, found: tuple[str, Match], signal_id: str, row: Row, now: datetime
) -> None:
    """The finding joins the insight: it is stored as a draft merged into it (so unmerge can
    take it back out), its quotes join the insight's evidence and its signal the insight."""
    insight_id, match = found
    table, link = T_INSIGHTS, INSIGHT_SIGNALS.link
    session.execute(insert(table), [{**row, "merged_into_id": insight_id}])
    linked = select(func.count()).where(
        link.c.insight_id == insight_id, link.c.signal_id == signal_id
    )
    added = [] if session.scalar(linked) else [signal_id]
    if added:
        session.execute(insert(link), [{"insight_id": insight_id, "signal_id": signal_id}])
    own = {"signalIds": [signal_id], "opportunityIds": [], "ideaIds": []}
    record_merge(session, row["id"], insight_id, own, {"signalIds": added}, now)
    why = match.why()
    evidence = [
        {**item, "addedAt": now.isoformat(), "mergedFrom": row["id"], "match": why}
        for item in row["ai_suggestions"].get("evidence", [])
    ]
    current = session.execute(
        select(table.c.ai_suggestions, table.c.status).where(table.c.id == insight_id)
    ).one()
    joined = _with_evidence(current.ai_suggestions, evidence, current.status == "published")
    session.execute(
        update(table).where(table.c.id == insight_id).values(ai_suggestions=joined, updated_at=now)
    )


def _with_evidence(suggestions: Any, added: list[dict[str, Any]], published: bool) -> Any:
    base = dict(suggestions) if isinstance(suggestions, dict) else {}
    evidence = base.get("evidence")
    base["evidence"] = [*(evidence if isinstance(evidence, list) else []), *added]
    if published:
        base["mentionsSincePublished"] = int(base.get("mentionsSincePublished") or 0) + len(added)
    return base

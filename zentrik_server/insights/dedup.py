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

Text posted without a signal (process-transcript with createInsights) is saved the same way
but for what only a signal has (its drafts to replace, its link): steps 1 and 4, and a
finding whose quotes its match already holds is that text posted again and adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from zentrik_server.db.types import utcnow
from zentrik_server.insights import term_index
from zentrik_server.insights.matching import (
    THRESHOLD,
    Match,
    quotes_of,
)
from zentrik_server.insights.merging import lock_workspace, record_merge
from zentrik_server.insights.repository import delete_untouched_drafts, insert_drafts
from zentrik_server.resources.links import INSIGHT_SIGNALS, T_INSIGHTS

Row = Mapping[str, Any]


def save_findings(session: Session, workspace_id: str, signal_id: str, rows: Sequence[Row]) -> None:
    """Join or create each finding of the signal (rows: new draft columns, ids included)."""
    lock_workspace(session, workspace_id)
    delete_untouched_drafts(session, signal_id)
    held = _quotes_held(session, signal_id)
    fresh = []
    for row in rows:
        suggestions = _stamped(row["ai_suggestions"], signal_id)
        quotes = quotes_of(suggestions)
        if not (quotes and set(quotes) <= held):
            fresh.append({**row, "ai_suggestions": suggestions})
    _place(session, workspace_id, signal_id, fresh, lambda _insight_id, _row: False)


def save_posted_findings(session: Session, workspace_id: str, rows: Sequence[Row]) -> list[str]:
    """Join or create each finding of text posted without a signal (process-transcript); the
    ids to answer: each new draft or the insight a finding joined, once each, in order.

    Posted text is known only by its words: a finding whose quotes the insight it matches
    already holds is the same text posted again, and changes nothing."""
    lock_workspace(session, workspace_id)
    answered = _place(session, workspace_id, None, rows, partial(_holds_quotes, session))
    return list(dict.fromkeys(answered))


def _place(
    session: Session,
    workspace_id: str,
    signal_id: str | None,
    rows: Sequence[Row],
    repeated: Callable[[str, Row], bool],
) -> list[str]:
    """Each finding joins its best match (unless `repeated` says the match already holds it)
    or becomes a draft; the id each finding ended in."""
    now = utcnow()
    documents = term_index.workspace_size(session, workspace_id)
    drafts, placed = [], []
    for row in rows:
        found = _best_match(session, workspace_id, row["name"], row["ai_suggestions"], documents)
        if found is None:
            drafts.append(row)
            placed.append(row["id"])
            continue
        placed.append(found[0])
        if not repeated(found[0], row):
            _join(session, found, signal_id, row, now)
    insert_drafts(session, signal_id, drafts)
    term_index.refresh(session, [d["id"] for d in drafts])
    return placed


def _holds_quotes(session: Session, insight_id: str, row: Row) -> bool:
    """Whether the insight already quotes every quote of the finding."""
    quotes = quotes_of(row["ai_suggestions"])
    table = T_INSIGHTS
    held = session.scalar(select(table.c.ai_suggestions).where(table.c.id == insight_id))
    return bool(quotes) and set(quotes) <= set(quotes_of(held))


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
    scored = term_index.scored(session, workspace_id, name, suggestions, documents)
    best = max(scored, key=lambda pair: (pair[0].score, pair[1]), default=None)
    if best is None or best[0].score < THRESHOLD:
        return None
    return best[1], best[0]


def _join(
    session: Session, found: tuple[str, Match], signal_id: str | None, row: Row, now: datetime
) -> None:
    """The finding joins the insight: it is stored as a draft merged into it (so unmerge can
    take it back out), its quotes join the insight's evidence and its signal (if it came
    from one) the insight."""
    insight_id, match = found
    table, link = T_INSIGHTS, INSIGHT_SIGNALS.link
    session.execute(insert(table), [{**row, "merged_into_id": insight_id}])
    signal_ids = [] if signal_id is None else [signal_id]
    added = [s for s in signal_ids if not _linked(session, insight_id, s)]
    if added:
        session.execute(insert(link), [{"insight_id": insight_id, "signal_id": s} for s in added])
    own = {"signalIds": signal_ids, "opportunityIds": [], "ideaIds": []}
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


def _linked(session: Session, insight_id: str, signal_id: str) -> bool:
    link = INSIGHT_SIGNALS.link
    linked = select(func.count()).where(
        link.c.insight_id == insight_id, link.c.signal_id == signal_id
    )
    return bool(session.scalar(linked))


def _with_evidence(suggestions: Any, added: list[dict[str, Any]], published: bool) -> Any:
    base = dict(suggestions) if isinstance(suggestions, dict) else {}
    evidence = base.get("evidence")
    base["evidence"] = [*(evidence if isinstance(evidence, list) else []), *added]
    if published:
        base["mentionsSincePublished"] = int(base.get("mentionsSincePublished") or 0) + len(added)
    return base

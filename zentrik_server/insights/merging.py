"""Merging insights into one, and undoing it exactly.

A merge moves each merged-away insight's signal, opportunity and idea links to the target
(those it did not have yet) and copies its evidence into the target's `aiSuggestions.evidence`
marked `mergedFrom`. The merged-away row keeps its own fields, gets `merged_into_id` (so it
leaves every list while a GET still answers it), and `insight_merges` keeps a snapshot of
its own links and of the links it added. Unmerge puts its links back, removes from the target
what it brought (unless another insight still merged there, or evidence that joined later,
holds the same link), and its evidence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.orm import Session

from zentrik_server.auth.service import Caller
from zentrik_server.db.types import utcnow
from zentrik_server.errors import Invalid
from zentrik_server.insights import term_index
from zentrik_server.insights.repository import INSIGHTS, T_MERGES
from zentrik_server.resources import crud, records
from zentrik_server.resources.links import (
    INSIGHT_IDEAS,
    INSIGHT_OPPORTUNITIES,
    INSIGHT_SIGNALS,
    SIGNAL_INSIGHTS,
    T_INSIGHTS,
    LinkField,
    check_exist,
)

LINKS: tuple[LinkField, ...] = (INSIGHT_SIGNALS, INSIGHT_OPPORTUNITIES, INSIGHT_IDEAS)
FIELD = "insightIds"
Ids = dict[str, list[str]]  # link field name -> ids
EvidenceChange = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]


def lock_workspace(session: Session, workspace_id: str) -> None:
    """Serialise de-duplication and merges within one workspace until the transaction ends."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite: the transaction already holds the database's only write lock
    digest = hashlib.sha256(f"insight-dedup:{workspace_id}".encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def record_merge(
    session: Session, insight_id: str, into_id: str, own: Ids, added: Ids, now: datetime
) -> None:
    """Remember what `insight_id` held (`own`) and brought to `into_id` (`added`)."""
    snapshot = {"own": own, "added": added}
    row = {"insight_id": insight_id, "into_id": into_id, "merged_at": now, "snapshot": snapshot}
    session.execute(insert(T_MERGES), [row])


def merge(
    session: Session, caller: Caller, into_id: str, ids: list[str], if_match: str | None
) -> bytes:
    """Merge `ids` into `into_id`; answers the target's GET body, committed."""
    workspace_id = caller.workspace_id
    lock_workspace(session, workspace_id)
    crud.hold(session, INSIGHTS, workspace_id, into_id, if_match)
    if _merged_into(session, [into_id]):
        raise Invalid.field("id", f"Insight {into_id} is merged into another insight")
    if into_id in ids:
        raise Invalid.field(FIELD, f"An insight can't be merged into itself: {into_id}")
    # The body's ids as any insight link's: deduplicated, 422 naming those not in this workspace.
    wanted = check_exist(session, workspace_id, SIGNAL_INSIGHTS, ids)
    already = _merged_into(session, wanted)
    if already:
        raise Invalid.field(FIELD, f"Already merged into another insight: {', '.join(already)}")
    now = utcnow()
    target_links = _links_of(session, into_id)
    added_evidence: list[dict[str, Any]] = []
    for insight_id in wanted:
        own = _links_of(session, insight_id)
        added = {name: [i for i in own[name] if i not in target_links[name]] for name in own}
        _remove_links(session, insight_id, own)
        _add_links(session, into_id, added)
        for name, linked in added.items():
            target_links[name].extend(linked)
        record_merge(session, insight_id, into_id, own, added, now)
        added_evidence += [{**e, "mergedFrom": insight_id} for e in _evidence(session, insight_id)]
    table = T_INSIGHTS
    session.execute(
        update(table).where(table.c.id.in_(wanted)).values(merged_into_id=into_id, updated_at=now)
    )
    if added_evidence:
        _change_evidence(session, into_id, lambda items: [*items, *added_evidence])
    term_index.refresh(session, [into_id, *wanted])
    return _answer(session, workspace_id, into_id)


def unmerge(
    session: Session, caller: Caller, from_id: str, ids: list[str], if_match: str | None
) -> bytes:
    """Take `ids` back out of `from_id`, as they were; answers the target's GET body."""
    workspace_id = caller.workspace_id
    wanted = list(dict.fromkeys(ids))
    lock_workspace(session, workspace_id)
    crud.hold(session, INSIGHTS, workspace_id, from_id, if_match)
    snapshots = dict(
        session.execute(
            select(T_MERGES.c.insight_id, T_MERGES.c.snapshot).where(T_MERGES.c.into_id == from_id)
        ).all()
    )
    strangers = [i for i in wanted if i not in snapshots]
    if strangers:
        raise Invalid.field(FIELD, f"Not merged into {from_id}: {', '.join(strangers)}")
    _change_evidence(
        session, from_id, lambda items: [e for e in items if e.get("mergedFrom") not in wanted]
    )
    _remove_links(session, from_id, _brought(session, from_id, snapshots, wanted))
    for insight_id in wanted:
        _add_links(session, insight_id, snapshots[insight_id]["own"])
    session.execute(delete(T_MERGES).where(T_MERGES.c.insight_id.in_(wanted)))
    table = T_INSIGHTS
    session.execute(
        update(table).where(table.c.id.in_(wanted)).values(merged_into_id=None, updated_at=utcnow())
    )
    term_index.refresh(session, [from_id, *wanted])
    return _answer(session, workspace_id, from_id)


def _brought(session: Session, from_id: str, snapshots: dict[str, Any], leaving: list[str]) -> Ids:
    """The links the leaving insights added that nothing staying in the target still holds."""
    staying = [s["own"] for i, s in snapshots.items() if i not in leaving]
    still_quoted = {e.get("signalId") for e in _evidence(session, from_id) if isinstance(e, dict)}
    brought: Ids = {}
    for field in LINKS:
        kept = {i for own in staying for i in own.get(field.name, [])}
        if field is INSIGHT_SIGNALS:
            kept |= still_quoted
        added = {i for i in leaving for i in snapshots[i]["added"].get(field.name, [])}
        brought[field.name] = sorted(added - kept)
    return brought


def _merged_into(session: Session, ids: list[str]) -> list[str]:
    """Those of `ids` that are merged into some insight."""
    table = T_INSIGHTS
    merged = set(
        session.scalars(
            select(table.c.id).where(table.c.id.in_(ids), table.c.merged_into_id.is_not(None))
        )
    )
    return [i for i in ids if i in merged]


def _links_of(session: Session, insight_id: str) -> Ids:
    return {
        field.name: list(
            session.scalars(
                select(field.link.c[field.other_col])
                .where(field.link.c[field.own_col] == insight_id)
                .order_by(field.link.c[field.other_col])
            )
        )
        for field in LINKS
    }


def _add_links(session: Session, insight_id: str, links: Ids) -> None:
    for field in LINKS:
        ids = links.get(field.name, [])
        if ids:
            rows = [{field.own_col: insight_id, field.other_col: other} for other in ids]
            session.execute(insert(field.link), rows)


def _remove_links(session: Session, insight_id: str, links: Ids) -> None:
    for field in LINKS:
        ids = links.get(field.name, [])
        if ids:
            link = field.link
            session.execute(
                delete(link).where(
                    link.c[field.own_col] == insight_id, link.c[field.other_col].in_(ids)
                )
            )


def _evidence(session: Session, insight_id: str) -> list[dict[str, Any]]:
    table = T_INSIGHTS
    suggestions = session.scalar(select(table.c.ai_suggestions).where(table.c.id == insight_id))
    evidence = suggestions.get("evidence") if isinstance(suggestions, dict) else None
    return [e for e in evidence if isinstance(e, dict)] if isinstance(evidence, list) else []


def _change_evidence(session: Session, insight_id: str, change: EvidenceChange) -> None:
    table = T_INSIGHTS
    suggestions = session.scalar(select(table.c.ai_suggestions).where(table.c.id == insight_id))
    base = dict(suggestions) if isinstance(suggestions, dict) else {}
    base["evidence"] = change(_evidence(session, insight_id))
    session.execute(
        update(table)
        .where(table.c.id == insight_id)
        .values(ai_suggestions=base, updated_at=utcnow())
    )


def _answer(session: Session, workspace_id: str, insight_id: str) -> bytes:
    body = records.get_body(session, INSIGHTS, workspace_id, insight_id)
    session.commit()
    return body

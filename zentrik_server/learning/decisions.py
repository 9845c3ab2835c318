"""Recording triage decisions: what a PM's change to an insight says about its evidence.

    draft -> published          "this is a <kind>"
    -> archived                 "this is not a <kind>"
    aiSuggestions.kind changed  the old kind rejected, the new one accepted
    created with signalIds      a draft the engine missed: "this is a <kind>"

Each decision is written in the transaction of the change it comes from. Every RETRAIN_EVERY
decisions of a workspace queue a retraining of its model (learning/tasks.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zentrik_server.db.models import Insight, TriageDecision
from zentrik_server.extraction.learning import KINDS
from zentrik_server.insights.schemas import InsightCreate
from zentrik_server.jobs import queue

RETRAIN_TASK = "retrain_workspace_model"
RETRAIN_EVERY = 50


@dataclass(frozen=True)
class Decision:
    action: str
    kind: str
    accepted: bool


def _kind(ai_suggestions: Any) -> str | None:
    kind = ai_suggestions.get("kind") if isinstance(ai_suggestions, Mapping) else None
    return kind if kind in KINDS else None


def evidence_text(name: str, ai_suggestions: Any) -> str:
    """The quotes the insight stands on (what the engine read), else its name."""
    quotes = ai_suggestions.get("evidence") if isinstance(ai_suggestions, Mapping) else None
    texts = [q.get("text") for q in quotes or [] if isinstance(q, Mapping)]
    return " ".join(t for t in texts if isinstance(t, str) and t.strip()) or name


def of_update(status: str, ai_suggestions: Any, changes: Mapping[str, Any]) -> list[Decision]:
    old = _kind(ai_suggestions)
    new = _kind(changes["ai_suggestions"]) if "ai_suggestions" in changes else old
    decisions = []
    if old and new and old != new:
        decisions += [Decision("rekind", old, False), Decision("rekind", new, True)]
    to = changes.get("status")
    if new and to == "published" and status == "draft" and old == new:
        decisions.append(Decision("publish", new, True))
    if old and to == "archived" and status != "archived" and old == new:
        decisions.append(Decision("archive", old, False))
    return decisions


def record_update(
    session: Session, workspace_id: str, insight_id: str, changes: Mapping[str, Any]
) -> None:
    """The decisions a PATCH makes, added to its transaction (none if the insight is not
    the caller's: the update itself answers 404)."""
    insight = session.get(Insight, insight_id)
    if insight is None or insight.workspace_id != workspace_id:
        return
    made = of_update(insight.status, insight.ai_suggestions, changes)
    suggestions = changes.get("ai_suggestions", insight.ai_suggestions)
    _add(session, workspace_id, insight_id, made, evidence_text(insight.name, suggestions))


def record_create(
    session: Session, workspace_id: str, insight_id: str, body: InsightCreate
) -> None:
    """An insight a PM created on a signal, with a kind: one the engine missed."""
    kind = _kind(body.ai_suggestions)
    if kind is None or not body.signal_ids:
        return
    text = evidence_text(body.name, body.ai_suggestions)
    _add(session, workspace_id, insight_id, [Decision("create", kind, True)], text)


def _add(
    session: Session, workspace_id: str, insight_id: str, made: list[Decision], text: str
) -> None:
    if not made:
        return
    before = count(session, workspace_id)
    for decision in made:
        session.add(
            TriageDecision(
                workspace_id=workspace_id,
                insight_id=insight_id,
                action=decision.action,
                kind=decision.kind,
                accepted=decision.accepted,
                text=text,
            )
        )
    if (before + len(made)) // RETRAIN_EVERY > before // RETRAIN_EVERY:
        queue.enqueue(
            session, RETRAIN_TASK, {"workspaceId": workspace_id}, subject=subject(workspace_id)
        )


def subject(workspace_id: str) -> str:
    return f"model:{workspace_id}"


def count(session: Session, workspace_id: str) -> int:
    query = select(func.count()).where(TriageDecision.workspace_id == workspace_id)
    return int(session.scalar(query) or 0)

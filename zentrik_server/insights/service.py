"""Insight rules: drafts by default, links checked, user edits marked, extraction on demand."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from zentrik_server.auth.service import Caller
from zentrik_server.db.types import new_id, utcnow
from zentrik_server.errors import Invalid
from zentrik_server.extraction import ExtractedInsight, ExtractionInputError, extract
from zentrik_server.idempotency import Answer, commit_create
from zentrik_server.insights import term_index
from zentrik_server.insights.dedup import save_posted_findings
from zentrik_server.insights.repository import INSIGHTS
from zentrik_server.insights.schemas import InsightCreate, InsightUpdate, TranscriptRequest
from zentrik_server.learning import decisions
from zentrik_server.learning import store as learned
from zentrik_server.resources import crud, records

if TYPE_CHECKING:
    from zentrik_server.config import LLMSettings


def create(session: Session, caller: Caller, body: InsightCreate, key: str | None) -> Answer:
    def after(created: records.Json) -> None:
        insight_id = str(created["id"])
        if body.status != "archived":
            term_index.add_new(
                session, caller.workspace_id, insight_id, body.name, body.ai_suggestions
            )
        decisions.record_create(session, caller.workspace_id, insight_id, body)

    return crud.create_answer(session, caller, INSIGHTS, body, key, then=after)


def update(
    session: Session, caller: Caller, insight_id: str, body: InsightUpdate, if_match: str | None
) -> bytes:
    # Any change by a user (links included) marks the insight edited, which protects a draft
    # from being replaced when its signal is processed again.
    edited = {"edited_at": utcnow()}
    decisions.record_update(session, caller.workspace_id, insight_id, body.changes())

    def index() -> None:  # its name, quotes, kind or status may have changed
        term_index.refresh(session, [insight_id])

    return crud.update_from(
        session, caller, INSIGHTS, insight_id, body, edited, if_match, then=index
    )


def draft_columns(found: ExtractedInsight, product_id: str | None) -> dict[str, Any]:
    """An extracted insight as the columns of a new draft (no tags or references yet)."""
    return {
        "name": found.name,
        "description": found.description,
        "type": found.type,
        "status": "draft",
        "product_id": product_id,
        "ai_suggestions": found.ai_suggestions(),
        "tag_ids": [],
        "external_references": [],
    }


def draft_row(
    found: ExtractedInsight,
    product_id: str | None,
    workspace_id: str,
    now: datetime,
    origin_signal_id: str | None = None,
) -> dict[str, Any]:
    """A new draft's whole row (draft_columns with its id, workspace, origin and times), as
    de-duplication (insights/dedup.py) places it."""
    return {
        **draft_columns(found, product_id),
        "id": new_id(),
        "workspace_id": workspace_id,
        "origin_signal_id": origin_signal_id,
        "edited_at": None,
        "created_at": now,
        "updated_at": now,
    }


def process_transcript(
    session: Session, caller: Caller, body: TranscriptRequest, key: str | None, llm: LLMSettings
) -> Answer:
    """Extract insights from the text now (with `llm` when enabled); save them only if asked.

    The text is read as the workspace's signals are: with the profile its shape says (the
    spec's "meeting or feedback": an interview when it has speaker turns or subtitle cues,
    else a ticket, a report or reviews, `extraction.guess_signal_type`, so a pasted ticket's
    header or a review batch is not read as an interview), judged with the workspace's model
    of its triage (learning/), as a signal would be.

    With createInsights, the findings are de-duplicated as a signal's are (insights/dedup.py):
    one about what an insight already says joins it as evidence, and the answer gives that
    insight as it now is; the same text posted twice adds nothing the second time and answers
    the same insights, so a PM re-posting feedback never doubles the drafts. The answer lists
    each insight once, in the order of the findings. A dry run writes nothing and compares
    with nothing: each finding as the new draft it would be, without an id.
    """
    model = learned.model_in(session, caller.workspace_id)
    # Extraction is slow: the read's transaction ends first (on SQLite, the process's write turn).
    session.rollback()
    try:
        extraction = extract(body.transcript, None, llm=llm, workspace_model=model)
    except ExtractionInputError as error:
        raise Invalid.field("transcript", str(error)) from None
    if not body.create_insights:
        # A dry run answers each draft as creating it would, only without an id.
        now = utcnow()
        unsaved = {"id": None, "created_at": now, "updated_at": now}
        drafts = (draft_columns(found, body.product_id) | unsaved for found in extraction.insights)
        return 200, [records.as_written(INSIGHTS, draft, {}) for draft in drafts]

    def write() -> Answer:
        now = utcnow()
        rows = [
            draft_row(found, body.product_id, caller.workspace_id, now)
            for found in extraction.insights
        ]
        answered = save_posted_findings(session, caller.workspace_id, rows)
        return 200, [records.get(session, INSIGHTS, caller.workspace_id, i) for i in answered]

    route = "POST /insights/process-transcript"
    return commit_create(session, caller.workspace_id, key, route, body, write)

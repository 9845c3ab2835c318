"""Insight rules: drafts by default, links checked, user edits marked, extraction on demand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from zentrik_server.auth.service import Caller
from zentrik_server.db.types import utcnow
from zentrik_server.errors import Invalid
from zentrik_server.idempotency import Answer, commit_create
from zentrik_server.insights import term_index
from zentrik_server.insights.repository import INSIGHTS
from zentrik_server.insights.schemas import InsightCreate, InsightUpdate, TranscriptRequest
from zentrik_server.learning import decisions
from zentrik_server.resources import crud, records

if TYPE_CHECKING:
    from zentrik_server.config import LLMSettings
    from zentrik_server.extraction import ExtractedInsight


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


def process_transcript(
    session: Session, caller: Caller, body: TranscriptRequest, key: str | None, llm: LLMSettings
) -> Answer:
    """Extract insights from the text now (with `llm` when enabled); persist them as drafts
    only if asked."""
    # Imported on first use: the engine loads its lexicons and models at import time.
    from zentrik_server.extraction import ExtractionInputError, extract

    try:
        extraction = extract(body.transcript, "transcript", llm=llm)
    except ExtractionInputError as error:
        raise Invalid.field("transcript", str(error)) from None
    if not body.create_insights:
        # A dry run answers each draft as creating it would, only without an id.
        now = utcnow()
        unsaved = {"id": None, "created_at": now, "updated_at": now}
        drafts = (draft_columns(found, body.product_id) | unsaved for found in extraction.insights)
        return 200, [records.as_written(INSIGHTS, draft, {}) for draft in drafts]

    def write() -> Answer:
        drafts = [draft_columns(found, body.product_id) for found in extraction.insights]
        made = [crud.create(session, INSIGHTS, caller.workspace_id, d, {}) for d in drafts]
        term_index.refresh(session, [insight["id"] for insight in made])
        return 200, made

    route = "POST /insights/process-transcript"
    return commit_create(session, caller.workspace_id, key, route, body, write)

"""/external/v1/insights"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from zentrik_server.deps import (
    IdempotencyKey,
    IfMatch,
    QueryDep,
    ScopedKey,
    SessionDep,
    SettingsDep,
    query_docs,
)
from zentrik_server.insights import merging, service, similar
from zentrik_server.insights.repository import INSIGHTS
from zentrik_server.insights.schemas import (
    ExtractedInsightOut,
    InsightCreate,
    InsightListQuery,
    InsightOut,
    InsightUpdate,
    MergeRequest,
    SimilarInsightOut,
    TranscriptRequest,
)
from zentrik_server.resources import crud
from zentrik_server.resources.routing import (
    answer_response,
    created_response,
    deleted_response,
    get_response,
    list_response,
    object_response,
)
from zentrik_server.schemas import Deleted

router = APIRouter(prefix="/external/v1/insights", tags=["insights"])
Reader = ScopedKey("insights:read")
Writer = ScopedKey("insights:write")


@router.get(
    "",
    response_model=list[InsightOut],
    summary="List Insights",
    openapi_extra=query_docs(InsightListQuery),
)
async def list_insights(
    caller: Reader, request: Request, query: QueryDep(InsightListQuery)
) -> Response:
    return await list_response(request, INSIGHTS, caller.workspace_id, query)


@router.get("/{insight_id}", response_model=InsightOut, summary="Get Insight")
async def get_insight(caller: Reader, request: Request, insight_id: str) -> Response:
    return await get_response(request, INSIGHTS, caller.workspace_id, insight_id)


@router.get(
    "/{insight_id}/similar",
    response_model=list[SimilarInsightOut],
    summary="Insights similar to this one",
)
def similar_insights(
    caller: Reader,
    session: SessionDep,
    insight_id: str,
    limit: Annotated[int, Query(ge=1, le=20, description="Maximum number of matches")] = 5,
) -> Response:
    """The workspace's insights most like this one (same kind, not archived or merged away),
    best first, each with its score and the terms both share: candidates to merge."""
    return answer_response((200, similar.similar(session, caller.workspace_id, insight_id, limit)))


@router.post("", status_code=201, response_model=InsightOut, summary="Create Insight")
def create_insight(
    caller: Writer, session: SessionDep, body: InsightCreate, key: IdempotencyKey = None
) -> Response:
    answer = service.create(session, caller, body, key)
    return created_response(session, INSIGHTS, caller.workspace_id, answer)


@router.patch("/{insight_id}", response_model=InsightOut, summary="Update Insight")
def update_insight(
    caller: Writer,
    session: SessionDep,
    insight_id: str,
    body: InsightUpdate,
    if_match: IfMatch = None,
) -> Response:
    return object_response(service.update(session, caller, insight_id, body, if_match))


@router.delete("/{insight_id}", response_model=Deleted, summary="Delete Insight")
def delete_insight(
    caller: Writer, session: SessionDep, insight_id: str, if_match: IfMatch = None
) -> Response:
    crud.delete(session, caller, INSIGHTS, insight_id, if_match)
    return deleted_response()


@router.post(
    "/process-transcript/insights",
    response_model=list[ExtractedInsightOut],
    summary="Extract insights from text (AI)",
)
def process_transcript(
    caller: Writer,
    session: SessionDep,
    settings: SettingsDep,
    body: TranscriptRequest,
    key: IdempotencyKey = None,
) -> Response:
    return answer_response(service.process_transcript(session, caller, body, key, settings.llm))


@router.post(
    "/{insight_id}/merge", response_model=InsightOut, summary="Merge insights into this one"
)
def merge_insights(
    caller: Writer,
    session: SessionDep,
    insight_id: str,
    body: MergeRequest,
    if_match: IfMatch = None,
) -> Response:
    """The insights named move into this one: their signals, evidence, opportunity and idea
    links join it; each then has `mergedIntoId` set and leaves every list (GET still answers
    it). Undo with `unmerge`."""
    return object_response(merging.merge(session, caller, insight_id, body.insight_ids, if_match))


@router.post(
    "/{insight_id}/unmerge", response_model=InsightOut, summary="Unmerge insights from this one"
)
def unmerge_insights(
    caller: Writer,
    session: SessionDep,
    insight_id: str,
    body: MergeRequest,
    if_match: IfMatch = None,
) -> Response:
    """The insights named, merged into this one earlier, come back exactly as they were (their
    own signals, evidence and links), and what they brought leaves this one."""
    return object_response(merging.unmerge(session, caller, insight_id, body.insight_ids, if_match))

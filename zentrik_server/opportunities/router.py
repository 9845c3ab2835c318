"""/external/v1/opportunities"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from zentrik_server.deps import (
    IdempotencyKey,
    IfMatch,
    QueryDep,
    ScopedKey,
    SessionDep,
    query_docs,
)
from zentrik_server.opportunities.repository import OPPORTUNITIES
from zentrik_server.opportunities.schemas import (
    OpportunityCreate,
    OpportunityListQuery,
    OpportunityOut,
    OpportunityUpdate,
)
from zentrik_server.resources import crud
from zentrik_server.resources.routing import (
    created_response,
    deleted_response,
    get_response,
    list_response,
    object_response,
)
from zentrik_server.schemas import Deleted

router = APIRouter(prefix="/external/v1/opportunities", tags=["opportunities"])
Reader = ScopedKey("opportunities:read")
Writer = ScopedKey("opportunities:write")


@router.get(
    "",
    response_model=list[OpportunityOut],
    summary="List all opportunities",
    openapi_extra=query_docs(OpportunityListQuery),
)
async def list_opportunities(
    caller: Reader, request: Request, query: QueryDep(OpportunityListQuery)
) -> Response:
    return await list_response(request, OPPORTUNITIES, caller.workspace_id, query)


@router.get("/{opportunity_id}", response_model=OpportunityOut, summary="Get one opportunity")
async def get_opportunity(caller: Reader, request: Request, opportunity_id: str) -> Response:
    return await get_response(request, OPPORTUNITIES, caller.workspace_id, opportunity_id)


@router.post("", status_code=201, response_model=OpportunityOut, summary="Create an opportunity")
def create_opportunity(
    caller: Writer, session: SessionDep, body: OpportunityCreate, key: IdempotencyKey = None
) -> Response:
    answer = crud.create_answer(session, caller, OPPORTUNITIES, body, key)
    return created_response(session, OPPORTUNITIES, caller.workspace_id, answer)


@router.patch("/{opportunity_id}", response_model=OpportunityOut, summary="Update an opportunity")
def update_opportunity(
    caller: Writer,
    session: SessionDep,
    opportunity_id: str,
    body: OpportunityUpdate,
    if_match: IfMatch = None,
) -> Response:
    return object_response(
        crud.update_from(session, caller, OPPORTUNITIES, opportunity_id, body, if_match=if_match)
    )


@router.delete("/{opportunity_id}", response_model=Deleted, summary="Delete an opportunity")
def delete_opportunity(
    caller: Writer, session: SessionDep, opportunity_id: str, if_match: IfMatch = None
) -> Response:
    crud.delete(session, caller, OPPORTUNITIES, opportunity_id, if_match)
    return deleted_response()

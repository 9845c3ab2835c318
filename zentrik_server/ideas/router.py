"""/external/v1/ideas"""

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
from zentrik_server.ideas.repository import IDEAS
from zentrik_server.ideas.schemas import IdeaCreate, IdeaListQuery, IdeaOut, IdeaUpdate
from zentrik_server.resources import crud
from zentrik_server.resources.routing import (
    created_response,
    deleted_response,
    get_response,
    list_response,
    object_response,
)
from zentrik_server.schemas import Deleted

router = APIRouter(prefix="/external/v1/ideas", tags=["ideas"])
Reader = ScopedKey("ideas:read")
Writer = ScopedKey("ideas:write")


@router.get(
    "",
    response_model=list[IdeaOut],
    summary="List all ideas",
    openapi_extra=query_docs(IdeaListQuery),
)
async def list_ideas(caller: Reader, request: Request, query: QueryDep(IdeaListQuery)) -> Response:
    return await list_response(request, IDEAS, caller.workspace_id, query)


@router.get("/{idea_id}", response_model=IdeaOut, summary="Get one idea")
async def get_idea(caller: Reader, request: Request, idea_id: str) -> Response:
    return await get_response(request, IDEAS, caller.workspace_id, idea_id)


@router.post("", status_code=201, response_model=IdeaOut, summary="Create an idea")
def create_idea(
    caller: Writer, session: SessionDep, body: IdeaCreate, key: IdempotencyKey = None
) -> Response:
    answer = crud.create_answer(session, caller, IDEAS, body, key)
    return created_response(session, IDEAS, caller.workspace_id, answer)


@router.patch("/{idea_id}", response_model=IdeaOut, summary="Update an idea")
def update_idea(
    caller: Writer,
    session: SessionDep,
    idea_id: str,
    body: IdeaUpdate,
    if_match: IfMatch = None,
) -> Response:
    return object_response(
        crud.update_from(session, caller, IDEAS, idea_id, body, if_match=if_match)
    )


@router.delete("/{idea_id}", response_model=Deleted, summary="Delete an idea")
def delete_idea(
    caller: Writer, session: SessionDep, idea_id: str, if_match: IfMatch = None
) -> Response:
    crud.delete(session, caller, IDEAS, idea_id, if_match)
    return deleted_response()

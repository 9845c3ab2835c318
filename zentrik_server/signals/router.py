"""/external/v1/signals"""

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
from zentrik_server.resources.routing import (
    created_response,
    deleted_response,
    get_response,
    list_response,
    object_response,
)
from zentrik_server.schemas import Deleted
from zentrik_server.serialization import json_response
from zentrik_server.signals import service
from zentrik_server.signals.repository import SIGNALS
from zentrik_server.signals.schemas import (
    QueuedJob,
    SignalCreate,
    SignalListQuery,
    SignalOut,
    SignalTextOut,
    SignalUpdate,
)
from zentrik_server.signals.text import readable_text

router = APIRouter(prefix="/external/v1/signals", tags=["signals"])
Reader = ScopedKey("signals:read")
Writer = ScopedKey("signals:write")


@router.get(
    "",
    response_model=list[SignalOut],
    summary="List all signals",
    openapi_extra=query_docs(SignalListQuery),
)
async def list_signals(
    caller: Reader, request: Request, query: QueryDep(SignalListQuery)
) -> Response:
    return await list_response(request, SIGNALS, caller.workspace_id, query)


@router.get("/{signal_id}", response_model=SignalOut, summary="Get one signal")
async def get_signal(caller: Reader, request: Request, signal_id: str) -> Response:
    return await get_response(request, SIGNALS, caller.workspace_id, signal_id)


@router.get(
    "/{signal_id}/text",
    response_model=SignalTextOut,
    summary="Get a signal's text",
    description="The text its processing reads: the typed `text`, or for a raw signal the text "
    "fields of `data`. 404 if the signal has none. A Zentrik-compatible extension.",
)
def get_signal_text(caller: Reader, session: SessionDep, signal_id: str) -> Response:
    return json_response({"text": readable_text(session, caller.workspace_id, signal_id)})


@router.post("", status_code=201, response_model=SignalOut, summary="Create a signal")
def create_signal(
    caller: Writer, session: SessionDep, body: SignalCreate, key: IdempotencyKey = None
) -> Response:
    answer = service.create(session, caller, body, key)
    return created_response(session, SIGNALS, caller.workspace_id, answer)


@router.patch("/{signal_id}", response_model=SignalOut, summary="Update a signal")
def update_signal(
    caller: Writer,
    session: SessionDep,
    signal_id: str,
    body: SignalUpdate,
    if_match: IfMatch = None,
) -> Response:
    return object_response(service.update(session, caller, signal_id, body, if_match))


@router.delete("/{signal_id}", response_model=Deleted, summary="Delete a signal")
def delete_signal(
    caller: Writer, session: SessionDep, signal_id: str, if_match: IfMatch = None
) -> Response:
    service.delete(session, caller, signal_id, if_match)
    return deleted_response()


@router.post("/{signal_id}/process", response_model=QueuedJob, summary="Process a signal")
def process_signal(caller: Writer, session: SessionDep, signal_id: str) -> Response:
    return json_response(service.process(session, caller, signal_id))

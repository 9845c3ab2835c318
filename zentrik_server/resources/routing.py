"""Response helpers the four resource routers share."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from zentrik_server.idempotency import Answer
from zentrik_server.resources import records, versions
from zentrik_server.resources.listing import ListCache, Page
from zentrik_server.resources.reads import Reads
from zentrik_server.resources.records import Resource
from zentrik_server.schemas import ListQuery
from zentrik_server.serialization import json_response, raw_json_response

_DELETED = b'{"message":"Deleted"}'


# Read routes take the `Request` and find the app's `Reads` on it rather than through a
# dependency: each dependency level costs FastAPI measurable time on every request.


async def list_response(
    request: Request, resource: Resource, workspace_id: str, query: ListQuery
) -> Response:
    """A bare JSON array, newest first, with the full count in `X-Total-Count`."""
    page = Page(query.limit, query.offset)
    reads: Reads = request.app.state.reads
    total, body = await reads.run(
        _total_and_page, reads.cache, resource, workspace_id, query.filters(), page
    )
    return raw_json_response(body, headers={"X-Total-Count": str(total)})


def _total_and_page(
    db: Connection,
    cache: ListCache,
    resource: Resource,
    workspace_id: str,
    filters: Mapping[str, str],
    page: Page,
) -> tuple[int, bytes]:
    total = records.count(db, cache, resource, workspace_id, filters)
    body = records.page_body(db, cache, resource, workspace_id, filters, page) if total else b"[]"
    return total, body


async def get_response(
    request: Request, resource: Resource, workspace_id: str, object_id: str
) -> Response:
    reads: Reads = request.app.state.reads
    return object_response(await reads.run(records.get_body, resource, workspace_id, object_id))


def object_response(body: bytes) -> Response:
    """One object's GET body (a GET or a PATCH answer), tagged with its version."""
    return raw_json_response(body, headers={"ETag": versions.etag(body)})


def answer_response(answer: Answer) -> Response:
    status, body = answer
    return json_response(body, status)


def created_response(
    session: Session, resource: Resource, workspace_id: str, answer: Answer
) -> Response:
    """A create's answer, with the ETag of the object it shows when that is still stored."""
    status, body = answer
    try:
        tag = versions.of_answer(session, resource, workspace_id, body)
    finally:
        session.rollback()  # ends the read's transaction (on SQLite, the process's write turn)
    return json_response(body, status, headers={"ETag": tag} if tag else None)


def deleted_response() -> Response:
    return Response(_DELETED, media_type="application/json")

"""Response helpers the four resource routers share."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session
from starlette.responses import Response

from zentrik_server import records
from zentrik_server.idempotency import Answer
from zentrik_server.listing import ListCache, Page
from zentrik_server.records import Resource
from zentrik_server.serialization import json_response

_DELETED = b'{"message":"Deleted"}'


def list_response(
    session: Session,
    cache: ListCache,
    resource: Resource,
    workspace_id: str,
    filters: Mapping[str, str | None],
    page: Page,
) -> Response:
    """A bare JSON array, newest first, with the full count in `X-Total-Count`."""
    given = {name: value for name, value in filters.items() if value is not None}
    total = records.count(session, cache, resource, workspace_id, given)
    items = records.list_page(session, cache, resource, workspace_id, given, page) if total else []
    return json_response(items, headers={"X-Total-Count": str(total)})


def answer_response(answer: Answer) -> Response:
    status, body = answer
    return json_response(body, status)


def deleted_response() -> Response:
    return Response(_DELETED, media_type="application/json")

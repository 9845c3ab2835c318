"""`Idempotency-Key` on creates: the first answer is kept 24 h and replayed for a retry.

The create and the record of its answer commit in one transaction, so a retry either finds
the answer or finds nothing was created. The same key with a different body (or on another
route) is a 409. Keys are scoped to the workspace.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import orjson
from pydantic import BaseModel
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from zentrik_server.db.models import IdempotencyRecord
from zentrik_server.db.types import utcnow
from zentrik_server.errors import Conflict
from zentrik_server.serialization import dumps

RETENTION = timedelta(hours=24)
_records = IdempotencyRecord.__table__

Answer = tuple[int, Any]  # (status code, JSON body)


def fingerprint(route: str, body: BaseModel) -> str:
    """What makes two requests "the same": the route and every field value of the body."""
    canonical = [route, body.model_dump(mode="json")]
    return hashlib.sha256(orjson.dumps(canonical, option=orjson.OPT_SORT_KEYS)).hexdigest()


def commit_create(
    session: Session,
    workspace_id: str,
    key: str | None,
    route: str,
    body: BaseModel,
    create: Callable[[], Answer],
) -> Answer:
    """Run `create` and commit it, or replay the answer already given for `key`.

    `route` and `body` are what makes a retry the same request (see `fingerprint`).
    """
    request_hash = fingerprint(route, body) if key is not None else ""
    if key is not None:
        earlier = _earlier_answer(session, workspace_id, key, request_hash)
        if earlier is not None:
            return earlier
    try:
        status, body = create()
        if key is not None:
            body = orjson.loads(dumps(body))  # as the client sees it: datetimes as strings
            session.execute(
                insert(_records).values(
                    workspace_id=workspace_id,
                    key=key,
                    request_hash=request_hash,
                    status_code=status,
                    response_body=body,
                    created_at=utcnow(),
                )
            )
        session.commit()
        return status, body
    except IntegrityError:
        session.rollback()
        # Most likely a concurrent request with the same key won the race: answer as it did.
        earlier = _earlier_answer(session, workspace_id, key, request_hash) if key else None
        if earlier is not None:
            return earlier
        raise Conflict("The request conflicts with a concurrent change; retry it") from None
    except BaseException:
        session.rollback()
        raise


def _earlier_answer(
    session: Session, workspace_id: str, key: str, request_hash: str
) -> Answer | None:
    row = (
        session.execute(
            select(_records).where(_records.c.workspace_id == workspace_id, _records.c.key == key)
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    if utcnow() - row["created_at"] > RETENTION:
        session.execute(
            delete(_records).where(_records.c.workspace_id == workspace_id, _records.c.key == key)
        )
        session.commit()
        return None
    if row["request_hash"] != request_hash:
        raise Conflict("This Idempotency-Key was already used with a different request")
    return row["status_code"], row["response_body"]

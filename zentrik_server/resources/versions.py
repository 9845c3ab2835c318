"""Object versions: an `ETag` on every single-object answer, `If-Match` on PATCH and DELETE.

An object's version is a hash of its GET body (`records.get_body`), so it changes whenever
anything the client can see changes, including links written from the other side (setting
an insight's `opportunityIds` changes the opportunity's `insightIds`, hence its ETag). One
rendering is the reference: SQLite's own JSON and orjson's differ in float digits, so a
version is never computed from another rendering of the same row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import orjson

from zentrik_server.errors import NotFound, PreconditionFailed
from zentrik_server.resources import records
from zentrik_server.resources.prepared import Db
from zentrik_server.resources.records import Resource
from zentrik_server.serialization import dumps


def etag(body: bytes) -> str:
    """A strong entity tag of a GET body (blake2b: a microsecond for a typical object)."""
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def matches(if_match: str, current: str) -> bool:
    """RFC 9110 If-Match: `*` or a comma-separated list of tags, compared strongly."""
    tags = [tag.strip() for tag in if_match.split(",")]
    return "*" in tags or current in tags


def require(db: Db, resource: Resource, workspace_id: str, object_id: str, if_match: str) -> None:
    """412 unless the object, as stored now, is the version `if_match` names (404 if gone).

    The caller holds the row (`records.lock`) so nothing changes between this and its write.
    """
    current = etag(records.get_body(db, resource, workspace_id, object_id))
    if not matches(if_match, current):
        raise PreconditionFailed(
            f"This {resource.noun} changed since you read it (If-Match {if_match}, current "
            f"version {current}); nothing was changed. Read it again and reapply your change."
        )


def of_answer(
    db: Db, resource: Resource, workspace_id: str, answer: Mapping[str, Any]
) -> str | None:
    """The ETag for a create's answer, read back after its commit; None when the object no
    longer shows what the answer shows (changed since, a replayed earlier answer, or a
    float the stored rendering spells differently), so a tag never names a state the client
    did not see. Answer-only keys (a signal's `jobId`) are not part of the object.
    """
    try:
        body = records.get_body(db, resource, workspace_id, str(answer.get("id")))
    except NotFound:
        return None
    stored, answered = orjson.loads(body), orjson.loads(dumps(answer))
    same = all(key in answered and answered[key] == value for key, value in stored.items())
    return etag(body) if same else None

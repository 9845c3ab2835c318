"""JSON responses built with orjson: bytes straight to the socket, no second validation pass.

Response bodies are plain dicts assembled by the services from database rows; orjson writes
datetimes as ISO 8601 in UTC with a `Z` suffix, as the spec's examples do.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response

_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NAIVE_UTC


def dumps(value: Any) -> bytes:
    return orjson.dumps(value, option=_OPTIONS)


def json_response(
    value: Any, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(dumps(value), status_code, headers, media_type="application/json")


def raw_json_response(
    body: bytes, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(body, status_code, headers, media_type="application/json")

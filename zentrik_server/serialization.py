"""JSON responses built with orjson: bytes straight to the socket, no second validation pass.

Response bodies are plain dicts assembled by the services from database rows; orjson writes
datetimes as ISO 8601 in UTC with a `Z` suffix, as the spec's examples do.
"""

from __future__ import annotations

from datetime import datetime
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


def number(value: float | None) -> int | float | None:
    """Scores are stored as floats; 85.0 is shown as 85, as in the spec's examples."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def stamp(value: datetime | str | None) -> datetime | str | None:
    """A timestamp column as read by the driver, ready for orjson.

    PostgreSQL hands back aware datetimes. SQLite hands back the stored UTC text
    (`2025-03-11 14:30:00.000000`), which is rewritten to ISO 8601 without parsing it.
    """
    if not isinstance(value, str):
        return value
    if value.endswith(".000000"):
        return value[:10] + "T" + value[11:19] + "Z"
    return value[:10] + "T" + value[11:] + "Z"


def json_value(value: Any) -> Any:
    """A JSON column read as text (see records._select_rows): embedded as is, unparsed."""
    return orjson.Fragment(value) if isinstance(value, str) else value

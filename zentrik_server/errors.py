"""Domain errors that carry their HTTP status, and the one handler that renders them.

Every error answer has the same body:
`{"error": {"code": "...", "message": "...", "fields": [{"field": ..., "message": ...}]}}`
(`fields` only for validation errors).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

_CODES_BY_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
}


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class DomainError(Exception):
    status = 500
    code = "internal_error"

    def __init__(self, message: str, fields: Sequence[FieldError] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.fields = list(fields)
        self.headers: dict[str, str] = {}


class Unauthorized(DomainError):
    status, code = 401, "unauthorized"


class Forbidden(DomainError):
    status, code = 403, "forbidden"


class NotFound(DomainError):
    status, code = 404, "not_found"


class Conflict(DomainError):
    status, code = 409, "conflict"


class PreconditionFailed(DomainError):
    status, code = 412, "precondition_failed"


class PayloadTooLarge(DomainError):
    status, code = 413, "payload_too_large"


class RateLimited(DomainError):
    status, code = 429, "rate_limited"

    def __init__(self, message: str, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.headers["Retry-After"] = str(retry_after_seconds)


class Invalid(DomainError):
    status, code = 422, "validation_error"

    @classmethod
    def field(cls, field: str, message: str) -> Invalid:
        return cls(f"{field}: {message}", [FieldError(field, message)])

    @classmethod
    def request(cls, fields: Sequence[FieldError]) -> Invalid:
        """Several fields at once, each named in the message."""
        summary = "; ".join(f"{f.field}: {f.message}" for f in fields)
        return cls(f"Invalid request: {summary}", fields)


class BodyTooLarge(StarletteHTTPException):
    """Raised while the body streams in; an HTTPException so FastAPI's body parser re-raises it."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"Request body is larger than {limit} bytes")


def error_response(
    status: int, code: str, message: str, fields: Iterable[FieldError] = ()
) -> Response:
    error: dict[str, Any] = {"code": code, "message": message}
    field_list = [{"field": f.field, "message": f.message} for f in fields]
    if field_list:
        error["fields"] = field_list
    return Response(
        orjson.dumps({"error": error}), status_code=status, media_type="application/json"
    )


def _field_name(loc: Sequence[Any]) -> str:
    # ("body", "externalReferences", 0, "url") -> "externalReferences[0].url"
    parts = list(loc[1:] if loc and loc[0] in ("body", "query", "path", "header") else loc)
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    # A client's key may hold a lone surrogate, which no JSON writer can emit: show it escaped.
    return (name or (str(loc[0]) if loc else "body")).encode("utf-8", "backslashreplace").decode()


def _message(error: Mapping[str, Any]) -> str:
    if error.get("type") == "extra_forbidden":
        return "is not a field of this request (check its spelling)"
    return str(error.get("msg", ""))


async def _validation_handler(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "invalid_json", "Request body is not valid JSON")
    fields = [FieldError(_field_name(e.get("loc", ())), _message(e)) for e in errors]
    return await _domain_handler(_request, Invalid.request(fields))


async def _domain_handler(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    response = error_response(exc.status, exc.code, exc.message, exc.fields)
    response.headers.update(exc.headers)
    return response


async def _http_handler(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    return http_error_response(exc)


def http_error_response(exc: StarletteHTTPException) -> Response:
    """An HTTP error (Starlette's, or `BodyTooLarge`) as the JSON error body."""
    code = _CODES_BY_STATUS.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    if exc.status_code == 404 and message == "Not Found":
        message = "No such route"
    response = error_response(exc.status_code, code, message)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(DomainError, _domain_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    # Anything else is a bug: the edge middleware (middleware.py) logs it and answers 500.

"""One error tree for everything the client can raise; pages catch these and nothing broader.

    ZentrikError
    ├── APIError
    │   ├── APIStatusError            (the server answered with an error status)
    │   │   ├── BadRequestError               400
    │   │   ├── AuthenticationError           401
    │   │   ├── PermissionDeniedError         403
    │   │   ├── NotFoundError                 404
    │   │   ├── ConflictError                 409
    │   │   ├── PreconditionFailedError       412 (changed since read: If-Match)
    │   │   ├── UnprocessableEntityError      422
    │   │   ├── RateLimitError                429
    │   │   └── InternalServerError           5xx
    │   ├── APIResponseValidationError (an answer that is not the Zentrik API's JSON)
    │   └── APIConnectionError         (no answer at all)
    │       └── APITimeoutError
    ├── InvalidRequestError            (values refused before sending; also a ValueError)
    │   └── TextTooLongError           (a text over the server's size limit)
    └── (configuration problems, e.g. no API key)

Messages are written for the product manager reading them in the workbench. No error ever
carries the API key: the transport redacts it from any text it did not write itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx


class ZentrikError(Exception):
    """Base of every error raised by the Zentrik client."""


class APIError(ZentrikError):
    """A request to the API went wrong; `message` says what and what to do about it."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request

    def reword(self, message: str) -> None:
        """Replace the text (to redact it, or to say more about where it happened)."""
        self.message = message
        self.args = (message,)


@dataclass(frozen=True)
class ErrorBody:
    """The parts of an error answer we understand, whatever shape the server used."""

    message: str | None = None
    code: str | None = None
    fields: list[dict[str, Any]] = field(default_factory=list)


class APIStatusError(APIError):
    """The server answered with a 4xx/5xx status."""

    status_code: int

    def __init__(self, message: str, *, response: httpx.Response, body: ErrorBody) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code
        self.code = body.code
        self.fields = body.fields
        # The server's own words (and the fields it named), without our status/URL tail.
        self.detail = _with_fields(body.message, body.fields) if body.message else None
        self.request_id = response.headers.get("x-request-id")


class BadRequestError(APIStatusError):
    status_code = 400


class AuthenticationError(APIStatusError):
    status_code = 401


class PermissionDeniedError(APIStatusError):
    status_code = 403


class NotFoundError(APIStatusError):
    status_code = 404


class ConflictError(APIStatusError):
    status_code = 409


class PreconditionFailedError(APIStatusError):
    """Someone changed the object since the version sent as `if_match`; nothing was written."""

    status_code = 412


class UnprocessableEntityError(APIStatusError):
    status_code = 422


class RateLimitError(APIStatusError):
    status_code = 429


class InternalServerError(APIStatusError):
    pass


class APIResponseValidationError(APIError):
    """The answer was not the Zentrik API's JSON: a login page, a proxy, another service."""

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code
        self.request_id = response.headers.get("x-request-id")


class InvalidRequestError(ZentrikError, ValueError):
    """Values the client refused before sending (a score of 101, an unknown status)."""

    def __init__(self, message: str, fields: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields


class TextTooLongError(InvalidRequestError):
    """A text longer than the server takes, refused before sending it (a 413 otherwise)."""

    def __init__(self, field: str, length: int, limit: int) -> None:
        said, most = _amounts(length, limit)
        super().__init__(
            f"This text is {said} characters; the server takes at most {most}.",
            [{"field": field, "message": f"longer than {limit} characters"}],
        )
        self.length = length
        self.limit = limit


def _amounts(length: int, limit: int) -> tuple[str, str]:
    """Both counts in words ("1.2 million", "1 million"); exact when rounding would make a
    text just over the limit read as equal to it."""
    said, most = _in_words(length), _in_words(limit)
    return (f"{length:,}", f"{limit:,}") if said == most else (said, most)


def _in_words(count: int) -> str:
    if count < 1_000_000:
        return f"{count:,}"
    return f"{count / 1_000_000:.1f}".removesuffix(".0") + " million"


class APIConnectionError(APIError):
    """No answer: the server could not be reached or the connection broke."""


class APITimeoutError(APIConnectionError):
    """The server did not answer in time."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    412: PreconditionFailedError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}

_HINTS: dict[int, str] = {
    401: "The API key was refused: check the key in Settings (it may be revoked or mistyped).",
    403: "The API key is valid but lacks the scope for this action: create a key with it.",
    404: "Not found: it may have been deleted, or belongs to another workspace.",
    429: "Too many requests: wait a moment and try again.",
}


def parse_error_body(response: httpx.Response) -> ErrorBody | None:
    """Read the error out of any JSON shape servers use; None when the body is not JSON.

    Ours: {"error": {"code", "message", "fields"}}. A real Zentrik may answer
    {"message": ...} or {"error": "..."}; FastAPI defaults answer {"detail": ...}.
    """
    try:
        data = json.loads(response.content) if response.content else {}
    except ValueError:
        return None
    if not isinstance(data, dict):
        return ErrorBody()
    error = data.get("error")
    if isinstance(error, dict):
        fields = error.get("fields") if isinstance(error.get("fields"), list) else []
        return ErrorBody(_text(error.get("message")), _text(error.get("code")), fields)
    message = data.get("message") or (error if isinstance(error, str) else None)
    detail = data.get("detail")
    if message is None and isinstance(detail, str):
        message = detail
    if message is None and isinstance(detail, list):
        message = "; ".join(_text(d.get("msg")) or "" for d in detail if isinstance(d, dict))
    return ErrorBody(_text(message), _text(data.get("code")))


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _with_fields(message: str, fields: list[dict[str, Any]]) -> str:
    named = [f"{f.get('field')}: {f.get('message')}" for f in fields if isinstance(f, dict)]
    # Servers often already name the field in the message; say each thing once.
    named = [n for n in named if n not in message]
    return f"{message} ({'; '.join(named)})" if named else message


def make_status_error(response: httpx.Response) -> APIError:
    """The one place an error answer becomes an exception."""
    status = response.status_code
    body = parse_error_body(response)
    where = str(response.request.url.copy_with(query=None))
    if body is None and status < 500 and status != 429:
        return not_json_error(response)
    body = body or ErrorBody()
    message = body.message or _HINTS.get(status) or f"The server answered HTTP {status}."
    message = f"{_with_fields(message, body.fields)} [HTTP {status} from {where}"
    request_id = response.headers.get("x-request-id")
    message += f", request id {request_id}]" if request_id else "]"
    if status >= 500:
        return InternalServerError(message, response=response, body=body)
    error_class = _BY_STATUS.get(status, APIStatusError)
    return error_class(message, response=response, body=body)


def not_json_error(response: httpx.Response) -> APIResponseValidationError:
    """An answer that is not JSON: usually a wrong API URL or a login page in front of it."""
    if response.is_redirect:
        target = response.headers.get("location", "another address")
        return APIResponseValidationError(
            f"The server at {response.request.url.host} redirected to {target} (HTTP "
            f"{response.status_code}) instead of answering: a sign-in page or http→https. "
            "Check the API URL in Settings.",
            response=response,
        )
    kind = response.headers.get("content-type", "").split(";")[0].strip() or "no content type"
    looks = "an HTML page" if "html" in kind else f"'{kind}'"
    message = (
        f"The server at {response.request.url.host} answered with {looks} "
        f"(HTTP {response.status_code}) instead of Zentrik API JSON. Check the API URL in "
        "Settings: it should be the Zentrik API address (e.g. https://api.zentrik.com), not "
        "the web app or a sign-in page."
    )
    return APIResponseValidationError(message, response=response)

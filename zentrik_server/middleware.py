"""The edge of every request, as one pure ASGI middleware (cheaper than BaseHTTPMiddleware):

- an `X-Request-Id` on every response (the client's if it sent a sane one), and the longest
  text the server takes (`X-Zentrik-Max-Text-Chars`), so clients can refuse a longer one
  with the limit in words before sending it,
- bodies over `MAX_BODY_BYTES` refused with 413 (by Content-Length, or while streaming),
- URLs carrying NUL characters refused with 400 (PostgreSQL cannot compare them),
- API bodies read as JSON whatever their Content-Type (the spec's own curl examples send
  `-d '{...}'` without one, which curl labels as a form),
- any unexpected exception logged with its request id and answered with the JSON 500 body.
"""

from __future__ import annotations

import logging
import re
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zentrik_server.config import MAX_TEXT_CHARS
from zentrik_server.errors import BodyTooLarge, error_response, http_error_response

log = logging.getLogger("zentrik_server")

# Room for MAX_TEXT_CHARS characters of text even when every one is escaped in the JSON.
MAX_BODY_BYTES = MAX_TEXT_CHARS * 6 + 64 * 1024
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_JSON_BODY_PREFIXES = ("/external/", "/admin/")
_TEXT_LIMIT_HEADER = (b"x-zentrik-max-text-chars", str(MAX_TEXT_CHARS).encode())


class EdgeMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        header = (b"x-request-id", request_id.encode())
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), header, _TEXT_LIMIT_HEADER]
            await send(message)

        if _has_nul(scope):
            response = error_response(400, "bad_request", "NUL characters are not allowed in URLs")
            await response(scope, receive, send_with_id)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            too_large = http_error_response(BodyTooLarge(self.max_body_bytes))
            await too_large(scope, receive, send_with_id)
            return
        scope = _as_json(scope)
        try:
            await self.app(scope, self._limited(receive), send_with_id)
        except Exception:
            log.exception(
                "unhandled error [request %s] %s %s", request_id, scope["method"], scope["path"]
            )
            if started:
                raise
            response = error_response(
                500, "internal_error", f"Internal server error (request {request_id})"
            )
            await response(scope, receive, send_with_id)

    def _limited(self, receive: Receive) -> Receive:
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLarge(self.max_body_bytes)
            return message

        return limited


def _request_id(scope: Scope) -> str:
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            if _SANE_REQUEST_ID.match(candidate):
                return candidate
    return uuid.uuid4().hex


def _has_nul(scope: Scope) -> bool:
    query = scope.get("query_string", b"").lower()
    return "\x00" in scope["path"] or b"%00" in query


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _as_json(scope: Scope) -> Scope:
    if scope["method"] not in ("POST", "PATCH", "PUT") or not scope["path"].startswith(
        _JSON_BODY_PREFIXES
    ):
        return scope
    headers = [(n, v) for n, v in scope["headers"] if n != b"content-type"]
    headers.append((b"content-type", b"application/json"))
    return {**scope, "headers": headers}

"""Every client error as what happened and what to do about it, in words a product manager
reads; the HTTP status, URL and request id go to `support_details`, shown folded away.

    explain(exc)          Advice(what, todo): "This API key lacks the signals:write scope."
                          + "Create a key with that scope in Settings → API keys."
    support_details(exc)  "POST /external/v1/signals → HTTP 403, request id 7f3a…"
    can_retry(exc)        False when sending the same thing again cannot succeed
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

from zentrik_ui.client._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    InvalidRequestError,
    TextTooLongError,
    ZentrikError,
)

# Statuses that refuse the request for its content: the same row sent again fails again.
_REFUSED_FOR_CONTENT = frozenset({400, 413, 422})


@dataclass(frozen=True)
class Advice:
    what: str  # what happened
    todo: str  # what the person at the screen can do about it

    def __str__(self) -> str:
        return f"{self.what} {self.todo}".strip()


def explain(exc: ZentrikError) -> Advice:
    """What happened and what to do, for any error the client raises."""
    if isinstance(exc, TextTooLongError):
        return Advice(exc.message, "Split it into parts.")
    if isinstance(exc, InvalidRequestError):
        return Advice(exc.message, "Correct them and try again.")
    if isinstance(exc, APIConnectionError):
        return Advice(
            exc.message,
            "Is the Zentrik server running? Try again in a moment; if it keeps failing, check "
            "the API URL in Settings.",
        )
    if isinstance(exc, APIResponseValidationError):
        return Advice(exc.message, "")
    if isinstance(exc, APIStatusError):
        return _status_advice(exc)
    return Advice(str(exc), "")


def _status_advice(exc: APIStatusError) -> Advice:
    status, said = exc.status_code, exc.detail
    if status == 401:
        return Advice(
            "The API key was refused: it may be mistyped or revoked.",
            "Check the API key in Settings.",
        )
    if status == 403:
        scope = _needed_scope(exc.request)
        return Advice(
            f"This API key lacks the {scope} scope, so nothing was done.",
            "Use a key with that scope: create one in Settings → API keys.",
        )
    if status == 404:
        if _is_collection(exc.request):  # a whole list missing: most likely a wrong API URL
            return Advice(exc.message, "If the URL is right, it may have been deleted: refresh.")
        return Advice(
            "It was not found: it may have been deleted, or it belongs to another workspace.",
            "If it was deleted, refresh the page to see what is there now.",
        )
    if status == 409:
        return Advice(
            f"The server refused it as a conflicting repeat ({said or 'conflict'}); nothing "
            "was written.",
            "Refresh the page and send it again as a new request.",
        )
    if status == 412:
        return Advice(
            "Someone else changed it since you opened it; nothing of yours was saved.",
            "Reopen it to see their version, then make your change again.",
        )
    if status == 413:
        return Advice(
            f"The server refused it as too large ({said or 'payload too large'}).",
            "Split the text into parts and add each part separately.",
        )
    if status == 422:
        return Advice(_refused_fields(exc), "Correct the fields named and try again.")
    if status == 429:
        wait = retry_after_seconds(exc.response)
        pause = f"{max(1, round(wait))} seconds" if wait and wait > 0 else "a few seconds"
        return Advice("The server is busy with too many requests.", f"Wait {pause}, then retry.")
    if status >= 500:
        return Advice(
            f"The Zentrik server is unavailable or hit an error (HTTP {status}).",
            "Try again in a minute; if it keeps happening, give support the request id.",
        )
    return Advice(f"The server refused the request: {said or f'HTTP {status}'}.", "")


def _refused_fields(exc: APIStatusError) -> str:
    named = [
        f"{f.get('field')}: {f.get('message')}"
        for f in exc.fields
        if isinstance(f, dict) and f.get("field")
    ]
    if named:
        return f"Some values were not accepted — {'; '.join(named)}."
    return f"Some values were not accepted: {exc.detail or 'no reason given'}."


def _api_parts(request: httpx.Request | None) -> list[str]:
    """The path after /external/v1, split: ["signals"], ["signals", "SIGNAL-3", "process"]."""
    if request is None:
        return []
    parts = [p for p in request.url.path.split("/") if p]
    return parts[2:] if parts[:2] == ["external", "v1"] else parts


def _needed_scope(request: httpx.Request | None) -> str:
    parts = _api_parts(request)
    if request is None or not parts:
        return "needed"
    access = "read" if request.method in ("GET", "HEAD") else "write"
    return f"{parts[0]}:{access}"


def _is_collection(request: httpx.Request | None) -> bool:
    return request is not None and request.method == "GET" and len(_api_parts(request)) == 1


def support_details(exc: ZentrikError) -> str | None:
    """The technical facts support asks for (request, status, request id, server's words)."""
    if not isinstance(exc, APIError) or exc.request is None:
        return None
    request = exc.request
    lines = [f"{request.method} {request.url.copy_with(query=None)}"]
    status = getattr(exc, "status_code", None)
    if status is not None:
        lines.append(f"HTTP {status}")
    request_id = getattr(exc, "request_id", None)
    if request_id:
        lines.append(f"Request id: {request_id}")
    lines.append(f"Message: {exc.message}")
    return "\n".join(lines)


def can_retry(exc: BaseException) -> bool:
    """Whether sending the same thing again can succeed: not after a refusal of its content
    (too large, invalid), which needs a changed input. A refused key or a busy or unreachable
    server can be fixed (in Settings) or can pass, so those can be retried."""
    if isinstance(exc, InvalidRequestError):
        return False
    return not (isinstance(exc, APIStatusError) and exc.status_code in _REFUSED_FOR_CONTENT)


def retry_after_seconds(response: httpx.Response | None) -> float | None:
    """Seconds the server asked to wait (Retry-After-Ms, Retry-After seconds or date)."""
    if response is None:
        return None
    value = response.headers.get("retry-after-ms")
    if value:
        try:
            return float(value) / 1000
        except ValueError:
            pass
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return when.timestamp() - time.time()

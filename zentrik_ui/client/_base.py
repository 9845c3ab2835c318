"""The transport every resource shares: one keep-alive httpx.Client, retries, error mapping.

Retries happen here and nowhere else: two by default, exponential backoff from 0.5 s to 8 s
with jitter, honouring `Retry-After`, only for connection errors, timeouts, 429 and 5xx, and
never for a non-idempotent request that may have reached the server (`Retry.UNSENT_ONLY`).
"""

from __future__ import annotations

import logging
import random
import time
from enum import Enum
from typing import Any, Self, TypeVar

import httpx
from pydantic import TypeAdapter, ValidationError

from zentrik_ui.client._advice import retry_after_seconds
from zentrik_ui.client._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    ZentrikError,
    make_status_error,
    not_json_error,
)

log = logging.getLogger("zentrik_ui.client")

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# A Retry-After longer than this is not waited for in a page request: we back off normally.
MAX_RETRY_AFTER = 60.0
USER_AGENT = "zentrik-ui/0.1 (+httpx)"
# The longest text a Zentrik server takes (the README's documented limit), until the server
# says otherwise in this header on any answer.
DEFAULT_MAX_TEXT_CHARS = 1_000_000
MAX_TEXT_HEADER = "x-zentrik-max-text-chars"
REDACTED = "[redacted]"
# How resolvers word "no such host" on Linux, macOS and Windows.
_DNS_FAILURES = ("name or service", "nodename", "getaddrinfo", "name resolution", "no address")

T = TypeVar("T")


class Retry(Enum):
    """How far a request may be repeated after a failure."""

    SAFE = "safe"  # idempotent (GET, PATCH, DELETE, creates with an Idempotency-Key)
    UNSENT_ONLY = "unsent_only"  # only when the server cannot have acted on it


def normalize_base_url(url: str) -> str:
    """The server root from whatever a user pastes: scheme added, `/external/v1` dropped."""
    url = (url or "").strip().rstrip("/")
    if not url:
        raise ZentrikError("No Zentrik API URL is set. Enter it in Settings.")
    if "://" not in url:
        local = url.startswith(("localhost", "127.", "[::1]"))
        url = ("http://" if local else "https://") + url
    for suffix in ("/external/v1", "/external"):
        url = url.removesuffix(suffix)
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise ZentrikError(f"The API URL '{url}' is not a valid web address.") from exc
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ZentrikError(f"The API URL '{url}' is not a valid http(s) address.")
    if parsed.userinfo:
        # The URL is shown in messages and reprs; a password in it would be shown too.
        raise ZentrikError(
            "The API URL must not contain a user name or password: put the API key in the "
            "key field instead."
        )
    return url


class BaseClient:
    """Sends authenticated JSON requests to one server; resources build on `request_model`."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        transport: httpx.BaseTransport | None = None,
        token_name: str = "API key",
    ) -> None:
        if not token or not token.strip():
            raise ZentrikError(f"No {token_name} is set. Enter it in Settings.")
        self.base_url = normalize_base_url(base_url)
        self.max_retries = max_retries
        self.max_text_chars = DEFAULT_MAX_TEXT_CHARS
        self._token = token.strip()
        self._http = httpx.Client(
            base_url=self.base_url,
            # httpx masks the Authorization header in its own reprs.
            headers={"Authorization": f"Bearer {self._token}", "User-Agent": USER_AGENT},
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
            transport=transport,
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # --- requests --------------------------------------------------------------------------

    def request_model(
        self,
        method: str,
        path: str,
        adapter: TypeAdapter[T],
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
        retry: Retry = Retry.SAFE,
    ) -> T:
        """Send a request and validate its JSON answer straight from bytes (fast path)."""
        response = self.request(
            method, path, params=params, json=json, headers=headers, retry=retry
        )
        return self.parse(response, adapter)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
        retry: Retry = Retry.SAFE,
    ) -> httpx.Response:
        """Send with retries; a success is returned, anything else raised as an APIError."""
        request = self._http.build_request(method, path, params=params, json=json, headers=headers)
        for attempt in range(self.max_retries + 1):
            response, error, reached = self._send_once(request)
            if error is None and response is not None:
                return response
            assert error is not None
            if not self._should_retry(attempt, error, reached, retry):
                raise error
            delay = retry_delay(attempt, response)
            log.info(
                "%s %s failed (%s); retry %d in %.2fs",
                method,
                path,
                _kind(error),
                attempt + 1,
                delay,
            )
            sleep(delay)
        raise AssertionError("unreachable: the loop always returns or raises")

    def _send_once(
        self, request: httpx.Request
    ) -> tuple[httpx.Response | None, APIError | None, bool]:
        """One attempt: (response, error, whether the server may have acted on it).

        httpx's exception is not chained to ours: every text a caller can see is one we
        wrote and redacted.
        """
        started = time.perf_counter()
        try:
            response = self._http.send(request)
        except httpx.TimeoutException as exc:
            reached = not isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            return None, self._timeout_error(request, exc), reached
        except httpx.TransportError as exc:
            reached = not isinstance(exc, httpx.ConnectError)
            return None, self._connection_error(request, exc), reached
        elapsed_ms = (time.perf_counter() - started) * 1000
        log.debug(
            "%s %s -> %d in %.0f ms",
            request.method,
            request.url.path,
            response.status_code,
            elapsed_ms,
        )
        self._learn_limits(response)
        if response.is_success:
            return response, None, True
        if response.is_redirect:
            return response, self._redact_error(not_json_error(response)), True
        # A 429 was turned away before any work was done.
        return (
            response,
            self._redact_error(make_status_error(response)),
            response.status_code != 429,
        )

    def _learn_limits(self, response: httpx.Response) -> None:
        """Remember the text limit the server states, so a too-long text is refused here with
        the limit in words instead of being sent only to be refused with a 413."""
        stated = response.headers.get(MAX_TEXT_HEADER, "")
        if stated.isdigit() and int(stated) > 0:
            self.max_text_chars = int(stated)

    def _should_retry(self, attempt: int, error: APIError, reached: bool, retry: Retry) -> bool:
        if attempt >= self.max_retries:
            return False
        if isinstance(error, APIConnectionError):
            retryable = True
        else:
            status = getattr(error, "status_code", 0)
            retryable = status in (408, 429) or status >= 500
        return retryable and (retry is Retry.SAFE or not reached)

    # --- answers ---------------------------------------------------------------------------

    def parse(self, response: httpx.Response, adapter: TypeAdapter[T]) -> T:
        """Validate a successful answer; anything but the expected JSON is a clear error."""
        content = response.content or b"null"
        try:
            return adapter.validate_json(content)
        except ValidationError as exc:
            if any(e["type"] == "json_invalid" for e in exc.errors()):
                raise self._redact_error(not_json_error(response)) from None
            message = (
                "The server's answer did not look like Zentrik API data "
                f"({exc.error_count()} problem(s), first: {exc.errors()[0]['msg']}). "
                "Check that the API URL points at a Zentrik API."
            )
            raise APIResponseValidationError(self._redact(message), response=response) from None

    # --- error texts -----------------------------------------------------------------------

    def _connection_error(self, request: httpx.Request, exc: Exception) -> APIConnectionError:
        host = request.url.netloc.decode()
        reason = str(exc) or type(exc).__name__
        lowered = reason.lower()
        if any(s in lowered for s in _DNS_FAILURES):
            advice = f"the host name '{request.url.host}' could not be found. Check the API URL."
        elif "refused" in lowered:
            advice = (
                f"nothing is listening at {host}. Is the server running, and is the port right?"
            )
        elif "ssl" in lowered or "certificate" in lowered:
            advice = f"the secure connection failed ({reason}). Check the URL's http/https."
        else:
            advice = f"the connection failed ({reason}). Check the API URL and your network."
        message = f"Could not reach the Zentrik server at {self.base_url}: {advice}"
        return APIConnectionError(self._redact(message), request=request)

    def _timeout_error(self, request: httpx.Request, exc: Exception) -> APITimeoutError:
        phase = "connect" if isinstance(exc, httpx.ConnectTimeout) else "answer"
        message = (
            f"The Zentrik server at {self.base_url} did not {phase} in time "
            f"({request.method} {request.url.path}). It may be busy or unreachable: try again."
        )
        return APITimeoutError(self._redact(message), request=request)

    def _redact(self, text: str) -> str:
        return text.replace(self._token, REDACTED)

    def _redact_error(self, error: APIError) -> APIError:
        """Servers may echo what they were sent; the key must not survive into our text."""
        if self._token in error.message:
            error.reword(self._redact(error.message))
        return error


def sleep(seconds: float) -> None:
    """Wait between retries (a module function so tests can skip the wait)."""
    time.sleep(seconds)


def retry_delay(attempt: int, response: httpx.Response | None) -> float:
    """Seconds to wait before retry number `attempt + 1`: Retry-After, else jittered backoff."""
    retry_after = retry_after_seconds(response)
    if retry_after is not None and 0 <= retry_after <= MAX_RETRY_AFTER:
        return retry_after
    backoff = min(INITIAL_RETRY_DELAY * 2**attempt, MAX_RETRY_DELAY)
    # Up to 25% less, so many clients retrying at once spread out.
    return backoff * (1 - 0.25 * random.random())


def _kind(error: APIError) -> str:
    status = getattr(error, "status_code", None)
    return f"HTTP {status}" if status else type(error).__name__

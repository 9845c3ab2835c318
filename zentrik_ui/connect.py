"""Connecting this browser session to another Zentrik workspace, checked before it is kept.

`connect_session(url, key)` is what Settings → "Use another Zentrik workspace" calls: the URL
must be a web address, and one authenticated request must be answered by a Zentrik API with
the key accepted, before the session switches. Otherwise it raises `ConnectProblem` saying
exactly what is wrong (and the session keeps the connection it had), so a mistyped URL or key
is reported on Settings instead of later, as an error on another page.
"""

from __future__ import annotations

import ipaddress
import re
import time
from dataclasses import dataclass

import httpx

from zentrik_ui.client import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    ZentrikClient,
    ZentrikError,
)
from zentrik_ui.client._base import normalize_base_url
from zentrik_ui.config import Connection, keep_session_connection

# One try, quickly: the person is waiting on Settings, and a retry would only delay the answer.
CHECK_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
CHECKED_PATH = "/external/v1/signals"
EXAMPLE_URL = "https://api.zentrik.com"
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)", re.IGNORECASE)


class ConnectProblem(ZentrikError):
    """Why the entered workspace was not connected; the message is for the person at Settings."""


@dataclass(frozen=True)
class Connected:
    connection: Connection
    elapsed_ms: float


def connect_session(url: str, api_key: str) -> Connected:
    """Check `url` + `api_key` against the server, then use them for this browser session."""
    base_url = parse_api_url(url)
    key = (api_key or "").strip()  # the one place an entered key is stripped
    if not key:
        raise ConnectProblem("Enter an API key to connect to a Zentrik workspace.")
    conn = Connection(base_url, key, "remote", source="session")
    elapsed_ms = check_connection(conn)
    return Connected(keep_session_connection(conn), elapsed_ms)


def parse_api_url(text: str) -> str:
    """The server root of an http(s) URL with a real host name, or a ConnectProblem."""
    entered = (text or "").strip()
    if not entered:
        raise ConnectProblem(f"Enter the API URL, e.g. {EXAMPLE_URL}.")
    if any(c.isspace() for c in entered):
        raise ConnectProblem(
            f"'{entered}' is not a web address: it contains spaces. Enter the API URL, "
            f"e.g. {EXAMPLE_URL}."
        )
    try:
        base_url = normalize_base_url(entered)
    except ZentrikError as exc:
        raise ConnectProblem(str(exc)) from None
    host = httpx.URL(base_url).host
    if not _is_host(host):
        raise ConnectProblem(
            f"'{entered}' has no valid host name ('{host}'). Enter the API URL, e.g. {EXAMPLE_URL}."
        )
    return base_url


def _is_host(host: str) -> bool:
    """A DNS name (letters, digits, hyphens between dots) or an IP address."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        labels = host.removesuffix(".").split(".")
        return all(_HOST_LABEL.fullmatch(label) for label in labels)


def check_connection(conn: Connection) -> float:
    """Milliseconds one authenticated read took, or a ConnectProblem naming what failed."""
    started = time.perf_counter()
    try:
        with ZentrikClient(
            conn.base_url, conn.api_key, timeout=CHECK_TIMEOUT, max_retries=0
        ) as client:
            client.signals.list(limit=1)
    except ZentrikError as exc:
        raise ConnectProblem(problem_text(conn.base_url, exc)) from None
    return (time.perf_counter() - started) * 1000


def problem_text(base_url: str, exc: ZentrikError) -> str:
    """What the failed check says about the URL or the key.

    An unreachable server (DNS, refused, TLS, timeout) and an answer that is not JSON are
    already worded by the client; the statuses get words about connecting."""
    if isinstance(exc, AuthenticationError):
        return (
            f"The server at {base_url} refused the API key (HTTP 401): it is mistyped, "
            "revoked, or from another Zentrik server."
        )
    if isinstance(exc, PermissionDeniedError):
        return (
            "The API key is valid but may not read signals (HTTP 403): use a key with the "
            "signals:read scope."
        )
    if isinstance(exc, NotFoundError):
        return (
            f"The server at {base_url} answered, but it is not a Zentrik API: it has no "
            f"{CHECKED_PATH} (HTTP 404). Enter the API's address, e.g. {EXAMPLE_URL}."
        )
    return str(exc)  # an answer that is not Zentrik JSON is worded by the client too

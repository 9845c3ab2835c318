"""The API key never appears in a repr, an exception's text, or the client's logs."""

from __future__ import annotations

import logging
import traceback

import httpx
import pytest

from tests.client.conftest import SECRET_KEY, MockServer, json_response
from zentrik_ui import ZentrikClient, ZentrikError
from zentrik_ui.client import AdminClient
from zentrik_ui.config import Connection


def echo_key(status: int) -> MockServer:
    """A careless server that repeats the Authorization header back in its error."""

    def handle(request: httpx.Request) -> httpx.Response:
        body = f'{{"message": "bad token {request.headers["authorization"]}"}}'
        return json_response(status, body, **{"x-request-id": SECRET_KEY})

    return MockServer(handle)


def raise_from(call: object) -> ZentrikError:
    with pytest.raises(ZentrikError) as caught:
        call()  # type: ignore[operator]
    return caught.value


def assert_no_key(error: ZentrikError) -> None:
    texts = [str(error), repr(error), *traceback.format_exception(error)]
    texts += [repr(getattr(error, "request", None)), repr(getattr(error, "response", None))]
    for text in texts:
        assert SECRET_KEY not in text


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 429, 500])
def test_status_errors_even_when_the_server_echoes_the_key(status: int) -> None:
    client = echo_key(status).client(max_retries=0)
    error = raise_from(lambda: client.insights.get("i1"))
    assert "[redacted]" in str(error)
    assert_no_key(error)


def test_request_headers_are_masked_in_reprs() -> None:
    client = echo_key(401).client(max_retries=0)
    error = raise_from(lambda: client.insights.list())
    assert SECRET_KEY not in repr(error.request.headers)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError(f"refused for {SECRET_KEY}"),
        httpx.ReadTimeout(f"slow {SECRET_KEY}"),
        httpx.RemoteProtocolError(f"broken {SECRET_KEY}"),
    ],
)
def test_connection_errors(failure: Exception) -> None:
    def handle(_request: httpx.Request) -> httpx.Response:
        raise failure

    client = MockServer(handle).client(max_retries=0)
    error = raise_from(lambda: client.signals.list())
    assert_no_key(error)


def test_non_json_answers() -> None:
    page = f"<html>Sign in again, {SECRET_KEY}</html>"
    server = MockServer(lambda _r: httpx.Response(200, text=page))
    error = raise_from(lambda: server.client().ideas.list())
    assert_no_key(error)


def test_wrong_shape_answers() -> None:
    server = MockServer(lambda _r: json_response(200, f'{{"id": 1, "k": "{SECRET_KEY}"}}'))
    error = raise_from(lambda: server.client().ideas.list())
    assert_no_key(error)


def test_reprs() -> None:
    client = ZentrikClient("https://api.zentrik.com", SECRET_KEY)
    admin = AdminClient("http://127.0.0.1:8787", SECRET_KEY)
    conn = Connection("https://api.zentrik.com", SECRET_KEY, admin_token=SECRET_KEY)
    for text in (repr(client), repr(admin), repr(conn), str(conn)):
        assert SECRET_KEY not in text
    assert conn.fingerprint == client.fingerprint and len(conn.fingerprint) == 16


def test_a_url_with_a_password_is_refused_without_echoing_it() -> None:
    error = raise_from(lambda: ZentrikClient(f"https://me:{SECRET_KEY}@zentrik.example", "k"))
    assert "must not contain a user name or password" in str(error)
    assert_no_key(error)


def test_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    server = MockServer(lambda _r: json_response(503, "{}"))
    raise_from(lambda: server.client().insights.list())
    logging.getLogger("httpx").debug("flush")
    assert caplog.records, "the client logs its requests and retries"
    assert SECRET_KEY not in caplog.text

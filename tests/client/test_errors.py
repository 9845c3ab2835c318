"""Error mapping: one exception per status, the server's message whatever its shape, the
request id; specific, actionable errors for a wrong URL, a dead server and non-JSON answers."""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.client.conftest import SECRET_KEY, MockServer
from zentrik_ui import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    ZentrikClient,
    ZentrikError,
)

OUR_BODY = '{"error": {"code": "not_found", "message": "No insight found with id i9"}}'


def failing(status: int, body: str, content_type: str = "application/json") -> MockServer:
    headers = {"content-type": content_type, "x-request-id": "req-123"}
    return MockServer(lambda _r: httpx.Response(status, content=body.encode(), headers=headers))


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (413, APIStatusError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (502, InternalServerError),
    ],
)
def test_each_status_has_its_exception(status: int, error_class: type[APIStatusError]) -> None:
    with pytest.raises(error_class) as caught:
        failing(status, '{"message": "nope"}').client(max_retries=0).insights.get("i9")
    assert type(caught.value) is error_class
    assert caught.value.status_code == status
    assert caught.value.request_id == "req-123"


@pytest.mark.parametrize(
    "body",
    [
        OUR_BODY,  # our server
        '{"message": "No insight found with id i9"}',  # a real Zentrik
        '{"error": "No insight found with id i9"}',  # a real Zentrik, other routes
        '{"detail": "No insight found with id i9"}',  # FastAPI's default
    ],
)
def test_the_servers_message_whatever_its_shape(body: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        failing(404, body).client().insights.get("i9")
    assert caught.value.message.startswith("No insight found with id i9")
    assert "req-123" in str(caught.value)


def test_validation_fields_are_named() -> None:
    body = (
        '{"error": {"code": "validation_error", "message": "Invalid input", '
        '"fields": [{"field": "score", "message": "must be between 0 and 100"}]}}'
    )
    with pytest.raises(UnprocessableEntityError) as caught:
        failing(422, body).client().opportunities.update("o1", name="x")
    assert caught.value.code == "validation_error"
    assert caught.value.fields == [{"field": "score", "message": "must be between 0 and 100"}]
    assert "score: must be between 0 and 100" in str(caught.value)


def test_empty_error_body_still_says_something_useful() -> None:
    with pytest.raises(AuthenticationError, match="check the key in Settings"):
        failing(401, "").client().insights.list()


class TestNotTheApi:
    LOGIN_PAGE = "<!doctype html><html><body><form>Sign in</form></body></html>"

    def test_html_login_page(self) -> None:
        server = failing(200, self.LOGIN_PAGE, "text/html; charset=utf-8")
        with pytest.raises(APIResponseValidationError) as caught:
            server.client().insights.list()
        assert "an HTML page" in str(caught.value)
        assert "Check the API URL in Settings" in str(caught.value)

    def test_html_404_from_another_site(self) -> None:
        server = failing(404, "<html>Not here</html>", "text/html")
        with pytest.raises(APIResponseValidationError, match="HTTP 404"):
            server.client().insights.get("i1")

    def test_redirect_to_a_sign_in_page(self) -> None:
        headers = {"location": "https://sso.example.com/login"}
        server = MockServer(lambda _r: httpx.Response(302, headers=headers))
        with pytest.raises(APIResponseValidationError, match="redirected to https://sso"):
            server.client().signals.list()

    def test_a_json_404_on_a_list_means_a_wrong_url(self) -> None:
        server = failing(404, '{"detail": "Not Found"}')
        with pytest.raises(NotFoundError, match="There is no Zentrik API at https://zentrik"):
            server.client().insights.list()

    def test_json_of_the_wrong_shape(self) -> None:
        with pytest.raises(APIResponseValidationError, match="did not look like Zentrik"):
            failing(200, '{"items": []}').client().signals.list()

    def test_html_502_from_a_proxy_is_a_server_error(self) -> None:
        server = failing(502, "<html>Bad gateway</html>", "text/html")
        with pytest.raises(InternalServerError, match="HTTP 502"):
            server.client(max_retries=0).signals.list()


class TestUnreachable:
    def test_nothing_listening(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]  # bound, never listening: connections are refused
            client = ZentrikClient(f"http://127.0.0.1:{port}", SECRET_KEY, max_retries=0)
            with pytest.raises(APIConnectionError, match="Is the server running"):
                client.insights.list()

    def test_unknown_host(self) -> None:
        client = ZentrikClient("https://no-such-host.invalid", SECRET_KEY, max_retries=0)
        with pytest.raises(APIConnectionError, match="could not be found"):
            client.insights.list()


class TestConfiguration:
    def test_missing_key(self) -> None:
        with pytest.raises(ZentrikError, match="No API key"):
            ZentrikClient("https://api.zentrik.com", "  ")

    def test_missing_url(self) -> None:
        with pytest.raises(ZentrikError, match="No Zentrik API URL"):
            ZentrikClient("", SECRET_KEY)

    @pytest.mark.parametrize(
        ("pasted", "root"),
        [
            ("https://api.zentrik.com/external/v1/", "https://api.zentrik.com"),
            ("api.zentrik.com", "https://api.zentrik.com"),
            ("localhost:8787", "http://localhost:8787"),
            (" http://127.0.0.1:8787 ", "http://127.0.0.1:8787"),
        ],
    )
    def test_pasted_urls_are_normalised(self, pasted: str, root: str) -> None:
        assert ZentrikClient(pasted, SECRET_KEY).base_url == root

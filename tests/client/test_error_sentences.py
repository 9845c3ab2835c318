"""Every API error reads as what happened and what to do (issue 13, item 8); the status, URL
and request id are kept apart for support; a too-long text is refused before it is sent,
with the limit in words; and only what can succeed when sent again is called retryable."""

from __future__ import annotations

import httpx
import pytest

from tests.client.conftest import BASE_URL, MockServer, json_response
from zentrik_ui import (
    ZentrikError,
    can_retry,
    explain,
    support_details,
)
from zentrik_ui.client import TextTooLongError


def error_from(status: int, body: str, call, **headers: str) -> ZentrikError:
    server = MockServer(
        lambda _r: json_response(status, body, **{"x-request-id": "req-9", **headers})
    )
    with pytest.raises(ZentrikError) as caught:
        call(server.client(max_retries=0))
    return caught.value


def get_insight(client) -> object:
    return client.insights.get("i9")


def create_signal(client) -> object:
    return client.signals.create(text="The export times out", signal_type="support_ticket")


@pytest.mark.parametrize(
    ("status", "body", "call", "sentence"),
    [
        (
            401,
            '{"error": {"code": "unauthorized", "message": "Invalid API key"}}',
            get_insight,
            "The API key was refused: it may be mistyped or revoked. Check the API key in "
            "Settings.",
        ),
        (
            403,
            '{"error": {"code": "forbidden", "message": "This API key lacks the scope"}}',
            create_signal,
            "This API key lacks the signals:write scope, so nothing was done. Use a key with "
            "that scope: create one in Settings → API keys.",
        ),
        (
            404,
            '{"error": {"code": "not_found", "message": "No insight i9"}}',
            get_insight,
            "It was not found: it may have been deleted, or it belongs to another workspace. "
            "If it was deleted, refresh the page to see what is there now.",
        ),
        (
            409,
            '{"error": {"code": "conflict", "message": '
            '"This Idempotency-Key was already used with a different request"}}',
            create_signal,
            "The server refused it as a conflicting repeat (This Idempotency-Key was already "
            "used with a different request); nothing was written. Refresh the page and send "
            "it again as a new request.",
        ),
        (
            412,
            '{"error": {"code": "precondition_failed", "message": "Changed since version 3"}}',
            get_insight,
            "Someone else changed it since you opened it; nothing of yours was saved. Reopen "
            "it to see their version, then make your change again.",
        ),
        (
            413,
            '{"error": {"code": "payload_too_large", "message": '
            '"text is longer than 1000000 characters"}}',
            create_signal,
            "The server refused it as too large (text is longer than 1000000 characters). "
            "Split the text into parts and add each part separately.",
        ),
        (
            422,
            '{"error": {"code": "validation_error", "message": "Invalid input", "fields": '
            '[{"field": "occurredAt", "message": "must be a date"}]}}',
            create_signal,
            "Some values were not accepted — occurredAt: must be a date. Correct the fields "
            "named and try again.",
        ),
        (
            503,
            '{"error": {"code": "unavailable", "message": "Down for maintenance"}}',
            get_insight,
            "The Zentrik server is unavailable or hit an error (HTTP 503). Try again in a "
            "minute; if it keeps happening, give support the request id.",
        ),
    ],
)
def test_each_status_says_what_to_do(status: int, body: str, call, sentence: str) -> None:
    error = error_from(status, body, call)
    assert str(explain(error)) == sentence
    assert "req-9" not in sentence and "HTTP 4" not in sentence


def test_rate_limit_says_how_long_to_wait() -> None:
    error = error_from(
        429, '{"error": {"message": "slow down"}}', get_insight, **{"retry-after": "7"}
    )
    assert str(explain(error)) == (
        "The server is busy with too many requests. Wait 7 seconds, then retry."
    )


def test_unreachable_server_says_try_again() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    with pytest.raises(ZentrikError) as caught:
        MockServer(refuse).client(max_retries=0).signals.list()
    advice = explain(caught.value)
    assert advice.what.startswith("Could not reach the Zentrik server")
    assert advice.todo.startswith("Is the Zentrik server running? Try again in a moment")


def test_request_id_is_kept_for_support() -> None:
    error = error_from(413, '{"error": {"message": "too large"}}', create_signal)
    assert support_details(error) == (
        f"POST {BASE_URL}/external/v1/signals\nHTTP 413\nRequest id: req-9\n"
        f"Message: {error.message}"
    )


class TestTextLimit:
    def test_a_too_long_text_is_refused_before_sending_with_the_limit_in_words(self) -> None:
        server = MockServer(lambda _r: json_response(201, "{}"))
        with pytest.raises(TextTooLongError) as caught:
            server.client().signals.create(text="x" * 1_200_000, signal_type="transcript")
        assert server.requests == []
        assert str(explain(caught.value)) == (
            "This text is 1.2 million characters; the server takes at most 1 million. "
            "Split it into parts."
        )

    def test_just_over_the_limit_reads_exactly(self) -> None:
        with pytest.raises(TextTooLongError) as caught:
            MockServer(lambda _r: json_response(201, "{}")).client().signals.create(
                text="x" * 1_000_001, signal_type="review"
            )
        assert caught.value.message == (
            "This text is 1,000,001 characters; the server takes at most 1,000,000."
        )

    def test_the_limit_the_server_states_is_used(self) -> None:
        limit = {"x-zentrik-max-text-chars": "50000"}
        server = MockServer(lambda _r: json_response(200, "[]", **limit))
        client = server.client()
        client.signals.list()
        with pytest.raises(
            TextTooLongError, match="is 60,000 characters; the server takes at most 50,000"
        ):
            client.signals.create(text="x" * 60_000, signal_type="review")
        assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("status", "retry"),
    [(400, False), (401, True), (413, False), (422, False), (429, True), (500, True)],
)
def test_only_what_can_succeed_again_is_retryable(status: int, retry: bool) -> None:
    error = error_from(status, '{"error": {"message": "no"}}', create_signal)
    assert can_retry(error) is retry


def test_a_too_long_text_is_not_retryable() -> None:
    assert can_retry(TextTooLongError("text", 2_000_000, 1_000_000)) is False


def test_the_local_server_states_its_text_limit(live_server) -> None:
    answer = httpx.get(f"{live_server.base_url}/healthz", timeout=10.0)
    assert answer.headers["x-zentrik-max-text-chars"] == "1000000"

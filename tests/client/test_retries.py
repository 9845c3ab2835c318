"""Retries: connection errors, 429 (honouring Retry-After) and 5xx; never a non-idempotent
POST that may have reached the server; creates are safe to repeat through Idempotency-Key."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from tests.client.conftest import MockServer, json_response
from zentrik_ui import (
    APIConnectionError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
)
from zentrik_ui.client._base import MAX_RETRY_DELAY, retry_delay


def ok_list() -> httpx.Response:
    return json_response(200, "[]")


def ok_signal() -> httpx.Response:
    return json_response(201, '{"id": "s1", "jobId": "j1"}')


def ok_job() -> httpx.Response:
    return json_response(200, '{"jobId": "j2"}')


def answers(*outcomes: httpx.Response | Exception) -> MockServer:
    """A server that answers (or fails) with `outcomes` in turn."""
    queue: Iterator[httpx.Response | Exception] = iter(outcomes)

    def handle(request: httpx.Request) -> httpx.Response:
        outcome = next(queue)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return MockServer(handle)


def refused() -> httpx.ConnectError:
    return httpx.ConnectError("[Errno 111] Connection refused")


def unavailable() -> httpx.Response:
    return json_response(503, '{"error": {"code": "unavailable", "message": "Try later"}}')


class TestRead:
    def test_429_waits_as_retry_after_says(self, sleeps: list[float]) -> None:
        server = answers(json_response(429, "{}", **{"Retry-After": "3"}), ok_list())
        assert server.client().insights.list() == []
        assert sleeps == [3.0]

    def test_retry_after_as_http_date(self, sleeps: list[float]) -> None:
        when = format_datetime(datetime.now(UTC) + timedelta(seconds=5), usegmt=True)
        server = answers(json_response(429, "{}", **{"Retry-After": when}), ok_list())
        server.client().insights.list()
        assert 3.5 < sleeps[0] <= 5.0

    def test_503_is_retried_with_growing_backoff(self, sleeps: list[float]) -> None:
        server = answers(unavailable(), unavailable(), ok_list())
        assert server.client().signals.list() == []
        assert len(server.requests) == 3
        assert 0.375 <= sleeps[0] <= 0.5 and 0.75 <= sleeps[1] <= 1.0

    def test_connection_refused_is_retried(self) -> None:
        server = answers(refused(), ok_list())
        assert server.client().ideas.list() == []
        assert len(server.requests) == 2

    def test_gives_up_after_max_retries(self) -> None:
        server = answers(unavailable(), unavailable(), unavailable())
        with pytest.raises(InternalServerError, match="Try later"):
            server.client().opportunities.list()
        assert len(server.requests) == 3

    def test_max_retries_zero_tries_once(self) -> None:
        server = answers(json_response(429, "{}"))
        with pytest.raises(RateLimitError):
            server.client(max_retries=0).insights.list()
        assert len(server.requests) == 1

    def test_timeout_is_its_own_error(self) -> None:
        timeout = httpx.ReadTimeout("timed out")
        server = answers(timeout, timeout, timeout)
        with pytest.raises(APITimeoutError, match="did not answer in time"):
            server.client().insights.get("i1")

    def test_client_errors_are_not_retried(self) -> None:
        server = answers(json_response(404, '{"message": "gone"}'))
        with pytest.raises(Exception, match="gone"):
            server.client().insights.get("i1")
        assert len(server.requests) == 1


class TestCreate:
    def test_retried_with_the_same_idempotency_key(self) -> None:
        server = answers(unavailable(), httpx.ReadTimeout("slow"), ok_signal())
        signal = server.client().signals.create(text="Exports are slow", signal_type="review")
        assert signal.job_id == "j1"
        keys = {r.headers["Idempotency-Key"] for r in server.requests}
        assert len(server.requests) == 3 and len(keys) == 1

    def test_each_create_has_its_own_key(self) -> None:
        server = answers(ok_signal(), ok_signal())
        client = server.client()
        client.signals.create(text="a")
        client.signals.create(text="b")
        keys = {r.headers["Idempotency-Key"] for r in server.requests}
        assert len(keys) == 2


class TestProcess:
    """`process` queues a job: repeating it after the server may have acted would queue two."""

    def test_not_retried_after_a_5xx(self) -> None:
        server = answers(unavailable(), ok_job())
        with pytest.raises(InternalServerError):
            server.client().signals.process("SIGNAL-1")
        assert len(server.requests) == 1

    def test_not_retried_after_a_read_timeout(self) -> None:
        server = answers(httpx.ReadTimeout("slow"), ok_job())
        with pytest.raises(APITimeoutError):
            server.client().signals.process("SIGNAL-1")
        assert len(server.requests) == 1

    def test_retried_when_the_connection_was_refused(self) -> None:
        server = answers(refused(), ok_job())
        assert server.client().signals.process("SIGNAL-1").job_id == "j2"

    def test_retried_after_429(self) -> None:
        server = answers(json_response(429, "{}", **{"Retry-After": "1"}), ok_job())
        assert server.client().signals.process("SIGNAL-1").job_id == "j2"

    def test_refused_every_time_is_a_connection_error(self) -> None:
        server = answers(refused(), refused(), refused())
        with pytest.raises(APIConnectionError, match="Is the server running"):
            server.client().signals.process("SIGNAL-1")


class TestBackoff:
    def test_capped_at_eight_seconds(self) -> None:
        assert MAX_RETRY_DELAY * 0.75 <= retry_delay(10, None) <= MAX_RETRY_DELAY

    def test_jittered(self) -> None:
        assert len({retry_delay(1, None) for _ in range(20)}) > 1

    def test_absurd_retry_after_falls_back_to_backoff(self) -> None:
        response = httpx.Response(429, headers={"Retry-After": "86400"})
        assert retry_delay(0, response) <= 0.5

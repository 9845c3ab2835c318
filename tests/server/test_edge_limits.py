"""The edge of the server: oversized request heads are refused early with 431, in every kind of
server process (single, `--workers`, embedded); OPTIONS and 405 name the methods a path has,
and CORS is off unless origins are configured."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import REPO_ROOT, ServerHandle, start_server, stop_server

MIB = 1024 * 1024
BIG_HEADER_BYTES = 10 * MIB  # what a client may send at most: the server must stop it first
DEFAULT_LIMIT = 64 * 1024
BROWSER_ORIGIN = "https://pm.example.com"


@dataclass(frozen=True)
class Server:
    base_url: str
    pid: int


@dataclass(frozen=True)
class Answer:
    status: int
    seconds: float
    bytes_sent: int


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A single-process server (its own, to read its memory), default header limit, allowing
    one browser origin."""
    process, base_url = start_server(
        tmp_path_factory.mktemp("edge"),
        "--no-worker",
        env={"ZENTRIK_CORS_ORIGINS": f"{BROWSER_ORIGIN}, https://other.example.com"},
    )
    try:
        yield Server(base_url, process.pid)
    finally:
        stop_server(process)


def send_header(base_url: str, value_bytes: int, timeout_s: float = 20.0) -> Answer:
    """GET /healthz with one `X-Big` header of `value_bytes`, over a raw socket.

    Sending stops when the server closes the connection; the answer's status is then read.
    """
    address = urlsplit(base_url)
    started = time.monotonic()
    sent = 0
    with socket.create_connection((address.hostname, address.port), timeout=timeout_s) as sock:
        try:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: ")
            chunk = b"a" * 65536
            while sent < value_bytes:
                piece = chunk[: value_bytes - sent]
                sock.sendall(piece)
                sent += len(piece)
            sock.sendall(b"\r\n\r\n")
        except OSError:
            pass  # refused mid-header: the answer is already waiting
        status_line = sock.recv(64).split(b"\r\n", 1)[0]
    return Answer(int(status_line.split()[1]), time.monotonic() - started, sent)


def rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def healthz_seconds(base_url: str) -> float:
    started = time.monotonic()
    assert httpx.get(f"{base_url}/healthz", timeout=10.0).status_code == 200
    return time.monotonic() - started


class TestHeaderLimit:
    def test_huge_headers_are_refused_early_and_do_not_stall_the_server(
        self, server: Server
    ) -> None:
        before = rss_mib(server.pid)
        answers: list[Answer] = []
        senders = [
            threading.Thread(
                target=lambda: answers.append(send_header(server.base_url, BIG_HEADER_BYTES))
            )
            for _ in range(4)
        ]
        for sender in senders:
            sender.start()
        time.sleep(0.05)
        other_request_s = healthz_seconds(server.base_url)
        for sender in senders:
            sender.join(30)

        assert [a.status for a in answers] == [431] * 4
        assert all(a.seconds < 5 for a in answers), answers
        assert all(a.bytes_sent < BIG_HEADER_BYTES for a in answers), "read to the end"
        assert other_request_s < 1.0
        assert rss_mib(server.pid) - before < 20

    def test_a_head_just_over_the_limit_is_431_and_just_under_is_served(
        self, server: Server
    ) -> None:
        # Sent in one write, so the whole head may arrive in a single read.
        assert send_header(server.base_url, DEFAULT_LIMIT + 1).status == 431
        assert send_header(server.base_url, DEFAULT_LIMIT - 1024).status == 200

    def test_431_has_the_json_error_body(self, server: Server) -> None:
        response = httpx.get(
            f"{server.base_url}/healthz", headers={"X-Big": "a" * (DEFAULT_LIMIT + 1)}
        )
        assert response.status_code == 431
        assert response.json()["error"]["code"] == "request_header_fields_too_large"
        assert response.headers["connection"] == "close"

    def test_the_limit_is_a_setting_honoured_by_every_worker_process(self, tmp_path: Path) -> None:
        process, base_url = start_server(
            tmp_path, "--workers", "2", "--no-worker", env={"ZENTRIK_MAX_HEADER_BYTES": "8192"}
        )
        try:
            statuses = {send_header(base_url, 9000).status for _ in range(6)}
            assert statuses == {431}
            assert send_header(base_url, 7000).status == 200
        finally:
            stop_server(process)


EMBEDDED = """
import sys, time
from pathlib import Path
from zentrik_server.embedded import start_embedded
print(start_embedded(Path(sys.argv[1])).base_url, flush=True)
time.sleep(120)
"""


def test_the_embedded_server_refuses_huge_headers_too(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", EMBEDDED, str(tmp_path / "data")],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().decode().strip()
        answer = send_header(base_url, BIG_HEADER_BYTES)
        assert (answer.status, answer.bytes_sent < BIG_HEADER_BYTES) == (431, True)
        assert healthz_seconds(base_url) < 1.0
    finally:
        process.kill()
        process.wait()


class TestOptions:
    def test_options_names_the_methods_each_path_has(self, live_server: ServerHandle) -> None:
        paths = httpx.get(f"{live_server.base_url}/openapi.json").json()["paths"]
        for template, operations in paths.items():
            path = re.sub(r"\{[^}]+\}", "some-id", template)
            response = httpx.options(f"{live_server.base_url}{path}")
            assert response.status_code == 204, template
            allowed = set(response.headers["allow"].split(", "))
            assert allowed == {m.upper() for m in operations} | {"OPTIONS"}, template
        assert httpx.options(f"{live_server.base_url}/external/v1/nothing").status_code == 404

    def test_a_405_names_every_method_of_the_path(self, live_server: ServerHandle) -> None:
        response = httpx.put(f"{live_server.base_url}/external/v1/signals")
        assert response.status_code == 405
        assert response.headers["allow"] == "GET, OPTIONS, POST"
        assert response.json()["error"]["code"] == "method_not_allowed"

    def test_a_browser_preflight_gets_no_cors_by_default(self, live_server: ServerHandle) -> None:
        response = httpx.options(
            f"{live_server.base_url}/external/v1/signals",
            headers={"Origin": BROWSER_ORIGIN, "Access-Control-Request-Method": "POST"},
        )
        assert (response.status_code, response.headers["allow"]) == (204, "GET, OPTIONS, POST")
        assert "access-control-allow-origin" not in response.headers

    def test_configured_origins_get_cors(self, server: Server) -> None:
        def preflight(origin: str) -> httpx.Response:
            return httpx.options(
                f"{server.base_url}/external/v1/signals",
                headers={
                    "Origin": origin,
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "authorization, content-type",
                },
            )

        allowed = preflight(BROWSER_ORIGIN)
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == BROWSER_ORIGIN
        assert "authorization" in allowed.headers["access-control-allow-headers"]
        assert "access-control-allow-origin" not in preflight("https://evil.example").headers

        read = httpx.get(f"{server.base_url}/healthz", headers={"Origin": BROWSER_ORIGIN})
        assert read.headers["access-control-allow-origin"] == BROWSER_ORIGIN
        assert "X-Total-Count" in read.headers["access-control-expose-headers"]

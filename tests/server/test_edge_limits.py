"""The edge of the server: oversized request heads are refused early with 431, in every kind of
server process (single, `--workers`, embedded)."""

from __future__ import annotations

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

from tests.conftest import REPO_ROOT, start_server, stop_server

MIB = 1024 * 1024
BIG_HEADER_BYTES = 10 * MIB  # what a client may send at most: the server must stop it first
DEFAULT_LIMIT = 64 * 1024


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
    """A single-process server with the default limit (its own, to read its memory)."""
    process, base_url = start_server(tmp_path_factory.mktemp("edge"), "--no-worker")
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

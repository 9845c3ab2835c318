"""Fixtures shared by every test suite: a live server over HTTP and API keys for it.

- `live_server` (session): `python -m zentrik_server serve` on a free port with a fresh
  data dir; yields a `ServerHandle(base_url, data_dir, admin_token)`.
- `make_key(workspace=None, scopes=None) -> str`: a new key through the admin API, in a fresh
  unique workspace unless one is named, with every scope unless some are given.
- `api_key`: `make_key()`, i.e. a fresh workspace per test.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 60.0


@pytest.fixture(autouse=True, scope="session")
def _own_user_data_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The workbench keeps its embedded server's data under the user's data folder
    (XDG_DATA_HOME): the tests, and the servers and browsers they start, use their own."""
    before = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("user-data"))
    yield
    if before is None:
        del os.environ["XDG_DATA_HOME"]
    else:
        os.environ["XDG_DATA_HOME"] = before


@dataclass(frozen=True)
class ServerHandle:
    base_url: str
    data_dir: Path
    admin_token: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    data_dir: Path, *extra_args: str, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """Start `python -m zentrik_server serve` and wait until /healthz answers."""
    port = free_port()
    # SQLite in the fresh data dir unless the caller names a database.
    full_env = {k: v for k, v in os.environ.items() if k != "ZENTRIK_DATABASE_URL"}
    python_path = [str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    full_env.update(ZENTRIK_DATA_DIR=str(data_dir), PYTHONPATH=os.pathsep.join(python_path))
    full_env.update(env or {})
    log = (data_dir / "server.log").open("ab")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "zentrik_server",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *extra_args,
        ],
        cwd=REPO_ROOT,
        env=full_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    wait_until_up(process, f"{base_url}/healthz", data_dir / "server.log")
    return process, base_url


def wait_until_up(process: subprocess.Popen[bytes], health_url: str, log: Path) -> None:
    """Wait until `health_url` answers 200; kill the process if it never does."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited early; see {log}")
        try:
            if httpx.get(health_url, timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{health_url} did not answer within {START_TIMEOUT_S} s; see {log}")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    data_dir = tmp_path_factory.mktemp("zentrik-data")
    process, base_url = start_server(data_dir)
    try:
        token = (data_dir / "admin_token").read_text().strip()
        yield ServerHandle(base_url=base_url, data_dir=data_dir, admin_token=token)
    finally:
        stop_server(process)


@pytest.fixture
def make_key(live_server: ServerHandle) -> Callable[..., str]:
    def make(workspace: str | None = None, scopes: list[str] | None = None) -> str:
        body: dict[str, object] = {"workspace": workspace or f"test-{uuid.uuid4().hex[:12]}"}
        if scopes is not None:
            body["scopes"] = scopes
        response = httpx.post(
            f"{live_server.base_url}/admin/v1/keys",
            json=body,
            headers={"Authorization": f"Bearer {live_server.admin_token}"},
            timeout=10.0,
        )
        response.raise_for_status()
        return str(response.json()["key"])

    return make


@pytest.fixture
def api_key(make_key: Callable[..., str]) -> str:
    return make_key()

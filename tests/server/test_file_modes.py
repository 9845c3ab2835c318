"""What the server keeps at rest is private to its user (dirs 0700, files 0600), whatever the
umask it was started with, and a data dir left open by an older version is tightened."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO_ROOT, start_server, stop_server

UMASKS = [pytest.param(0o022, id="umask-022"), pytest.param(0o000, id="umask-000")]


@contextlib.contextmanager
def umask(value: int) -> Iterator[None]:
    """The umask a server started inside this block inherits."""
    previous = os.umask(value)
    try:
        yield
    finally:
        os.umask(previous)


def modes(data_dir: Path) -> dict[str, str]:
    """Every path in `data_dir` (itself included) with its permission bits, in octal."""
    paths = [data_dir, *data_dir.rglob("*")]
    return {str(p.relative_to(data_dir)): oct(stat.S_IMODE(p.lstat().st_mode)) for p in paths}


def private(data_dir: Path) -> dict[str, str]:
    return {p: "0o700" if (data_dir / p).is_dir() else "0o600" for p in modes(data_dir)}


def use_the_server(base_url: str, data_dir: Path) -> None:
    """A key and a signal, processed: the database, its WAL, the signal's text file."""
    token = (data_dir / "admin_token").read_text().strip()
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        created = client.post(
            "/admin/v1/keys",
            json={"workspace": "modes"},
            headers={"Authorization": f"Bearer {token}"},
        )
        key = created.json()["key"]
        signal = client.post(
            "/external/v1/signals",
            json={"text": "Exports are slow.", "signalType": "review"},
            headers={"Authorization": f"Bearer {key}"},
        )
        assert signal.status_code == 201, signal.text


def start_in(root: Path, *args: str) -> tuple[subprocess.Popen[bytes], str, Path]:
    """A server on `root/data` (its log stays in `root`, made by the test, not the server)."""
    data_dir = root / "data"
    process, base_url = start_server(root, *args, env={"ZENTRIK_DATA_DIR": str(data_dir)})
    return process, base_url, data_dir


@pytest.mark.parametrize("mask", UMASKS)
def test_everything_the_server_creates_is_private(tmp_path: Path, mask: int) -> None:
    with umask(mask):
        process, base_url, data_dir = start_in(tmp_path)
    try:
        use_the_server(base_url, data_dir)
        assert {"zentrik.db", "zentrik.db-wal", "admin_token"} <= set(modes(data_dir))
        assert modes(data_dir) == private(data_dir)
    finally:
        stop_server(process)


@pytest.mark.parametrize("mask", UMASKS)
def test_each_worker_process_keeps_its_files_private(tmp_path: Path, mask: int) -> None:
    with umask(mask):
        process, base_url, data_dir = start_in(tmp_path, "--workers", "2")
    try:
        use_the_server(base_url, data_dir)
        assert modes(data_dir) == private(data_dir)
    finally:
        stop_server(process)


def test_an_open_data_dir_from_an_older_version_is_tightened(tmp_path: Path) -> None:
    with umask(0o022):
        process, base_url, data_dir = start_in(tmp_path)
        use_the_server(base_url, data_dir)
        stop_server(process)
        for path in [data_dir, *data_dir.rglob("*")]:  # as an older version left them
            path.chmod(0o755 if path.is_dir() else 0o644)
        process, base_url, data_dir = start_in(tmp_path)
    try:
        assert modes(data_dir) == private(data_dir)
    finally:
        stop_server(process)


EMBEDDED = """
import sys
from pathlib import Path
import httpx
from zentrik_server.embedded import start_embedded
server = start_embedded(Path(sys.argv[1]))
created = httpx.post(
    f"{server.base_url}/external/v1/signals",
    json={"text": "Exports are slow.", "signalType": "review"},
    headers={"Authorization": f"Bearer {server.api_key}"},
)
assert created.status_code == 201, created.text
server.stop()
"""


def test_the_embedded_server_keeps_its_files_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with umask(0o000):
        subprocess.run(
            [sys.executable, "-c", EMBEDDED, str(data_dir)], cwd=REPO_ROOT, check=True, timeout=60
        )
    assert {"zentrik.db", "workbench_key", "admin_token"} <= set(modes(data_dir))
    assert modes(data_dir) == private(data_dir)

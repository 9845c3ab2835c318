"""What the Inbox shows while a signal is processing, and after: the live status polls and then
stops, the creation note turns into the result. The server has no worker until the test starts
one, so the "processing" state is certain rather than a race with a fast worker."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, start_server, stop_server
from tests.workbench.conftest import Workbench, paste, texts
from zentrik_ui import ZentrikClient
from zentrik_ui.client import AdminClient

pytestmark = pytest.mark.slow


@dataclass
class IdleServer(Workbench):
    data_dir: Path
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def process_all(self) -> None:
        """Start a worker and wait until no signal is processing."""
        env = {**os.environ, "ZENTRIK_DATA_DIR": str(self.data_dir), "PYTHONPATH": str(REPO_ROOT)}
        self.workers.append(
            subprocess.Popen(
                [sys.executable, "-m", "zentrik_server", "worker"], cwd=REPO_ROOT, env=env
            )
        )
        self.wait_processed()


@pytest.fixture
def idle_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[IdleServer]:
    process, base_url = start_server(tmp_path, "--no-worker")
    server = None
    try:
        token = (tmp_path / "admin_token").read_text().strip()
        with AdminClient(base_url, token) as admin:
            key = admin.keys.create("Polling").key
        monkeypatch.setenv("ZENTRIK_API_URL", base_url)
        monkeypatch.setenv("ZENTRIK_API_KEY", key)
        with ZentrikClient(base_url, key) as client:
            server = IdleServer(client, key, tmp_path)
            yield server
    finally:
        for worker in server.workers if server else []:
            worker.terminate()
            worker.wait(timeout=15)
        stop_server(process)


def test_polls_only_while_something_is_processing(idle_server: IdleServer) -> None:
    idle_server.client.signals.create(text="Exports time out on big files.", signal_type="review")
    at = idle_server.open()
    assert "1 processing — refreshing every 2 s" in texts(at)

    idle_server.process_all()
    at.run()  # a polling tick: sees the signal settled
    at.run()
    assert "1 processed" in texts(at)
    assert "refreshing" not in texts(at)


def test_the_creation_note_follows_processing(idle_server: IdleServer) -> None:
    at = idle_server.open()
    paste(at, "Review: exports time out on big files and the error says nothing.")
    assert "Created SIGNAL-1: it is being processed into draft insights." in texts(at)

    idle_server.process_all()
    at.run()
    assert "being processed" not in texts(at)
    assert "SIGNAL-1 is processed:" in texts(at)

"""The Inbox's live status polls while a signal is processing and stops once it settles."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT, start_server, stop_server
from tests.workbench.conftest import APP, texts
from zentrik_ui import ZentrikClient
from zentrik_ui.client import AdminClient

pytestmark = pytest.mark.slow


def test_polls_only_while_something_is_processing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server without a worker: the signal stays `processing` until we start one.
    process, base_url = start_server(tmp_path, "--no-worker")
    worker = None
    try:
        token = (tmp_path / "admin_token").read_text().strip()
        with AdminClient(base_url, token) as admin:
            key = admin.keys.create("Polling").key
        monkeypatch.setenv("ZENTRIK_API_URL", base_url)
        monkeypatch.setenv("ZENTRIK_API_KEY", key)
        with ZentrikClient(base_url, key) as client:
            client.signals.create(text="Exports time out on big files.", signal_type="review")
            at = AppTest.from_file(str(APP), default_timeout=60)
            at.run()
            assert "1 processing — refreshing every 2 s" in texts(at)

            env = {**os.environ, "ZENTRIK_DATA_DIR": str(tmp_path), "PYTHONPATH": str(REPO_ROOT)}
            worker = subprocess.Popen(
                [sys.executable, "-m", "zentrik_server", "worker"], cwd=REPO_ROOT, env=env
            )
            deadline = time.monotonic() + 60
            while client.signals.list()[0].status == "processing":
                assert time.monotonic() < deadline, "the worker did not process the signal"
                time.sleep(0.2)
        at.run()  # a polling tick: sees the signal settled
        at.run()
        assert "1 processed" in texts(at)
        assert "refreshing" not in texts(at)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=15)
        stop_server(process)

"""Worker processes on one database: every signal processed exactly once, even through kills.

Runs `python -m zentrik_server worker` subprocesses against SQLite and (when
ZENTRIK_TEST_POSTGRES_URL is set) a fresh PostgreSQL schema. The 200 signals come through the
API (`serve --no-worker` on the same database); the kill test builds its few with factories.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from tests.conftest import start_server, stop_server
from tests.server.queue_support import (
    REVIEW,
    Database,
    make_signal,
    make_workspace,
)
from zentrik_server.db.models import Insight, Job, Signal, SignalInsight
from zentrik_server.extraction import extract
from zentrik_server.jobs.worker import WorkerThread

REPO_ROOT = Path(__file__).resolve().parents[2]
# Short, so a killed worker's jobs are taken back within seconds.
LEASE = "1.5"
# For tests of workers that all live: long enough that a heartbeat kept waiting on SQLite's
# write lock by three busy workers never costs a live worker its jobs.
LIVE_LEASE = "15"


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)


def count(db: Database, model: type, *where: object) -> int:
    with db.factory() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


@pytest.fixture
def spawn_worker(
    database: Database, tmp_path: Path
) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []

    def spawn(
        hold_jobs_seconds: float | None = None, lease: str = LEASE
    ) -> subprocess.Popen[bytes]:
        """A worker process; with `hold_jobs_seconds`, one that holds each job that long first."""
        env = {
            **os.environ,
            "ZENTRIK_DATA_DIR": str(database.settings.data_dir),
            "ZENTRIK_DATABASE_URL": database.settings.database_url,
            "ZENTRIK_JOB_LEASE_SECONDS": lease,
            "PYTHONPATH": str(REPO_ROOT),
        }
        command = ["zentrik_server", "worker"]
        if hold_jobs_seconds is not None:
            command = ["tests.server.slow_worker", str(hold_jobs_seconds)]
        log = (tmp_path / f"worker-{len(started)}.log").open("ab")
        process = subprocess.Popen(
            [sys.executable, "-m", *command],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        return process

    yield spawn
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in started:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def api_client(database: Database) -> Iterator[httpx.Client]:
    """An API process without a worker on the test's database, and a key for it."""
    env = {"ZENTRIK_DATABASE_URL": database.settings.database_url}
    process, base_url = start_server(database.settings.data_dir, "--no-worker", env=env)
    try:
        admin_token = database.settings.admin_token_path.read_text().strip()
        created = httpx.post(
            f"{base_url}/admin/v1/keys",
            json={"workspace": "queue test"},
            headers={"Authorization": f"Bearer {admin_token}"},
        )
        created.raise_for_status()
        headers = {"Authorization": f"Bearer {created.json()['key']}"}
        with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
            yield client
    finally:
        stop_server(process)


def insights_per_signal(db: Database) -> dict[str, int]:
    with db.factory() as session:
        rows = session.execute(
            select(Signal.id, func.count(SignalInsight.insight_id))
            .outerjoin(SignalInsight, SignalInsight.signal_id == Signal.id)
            .group_by(Signal.id)
        )
        return {signal_id: n for signal_id, n in rows}


@pytest.mark.slow
class TestWorkerProcesses:
    def test_four_workers_process_200_signals_exactly_once(
        self,
        database: Database,
        api_client: httpx.Client,
        spawn_worker: Callable[..., subprocess.Popen[bytes]],
    ) -> None:
        for _ in range(200):
            body = {"text": REVIEW, "signalType": "review"}
            api_client.post("/external/v1/signals", json=body).raise_for_status()
        workers = [spawn_worker(lease=LIVE_LEASE) for _ in range(4)]
        wait_for(
            lambda: count(database, Signal, Signal.status == "processed") == 200,
            timeout=180,
            what="200 processed signals",
        )
        expected = len(extract(REVIEW, "review").insights)
        assert expected > 0
        assert set(insights_per_signal(database).values()) == {expected}
        assert count(database, Insight) == 200 * expected
        # One attempt each: no job was processed twice.
        assert count(database, Job, Job.status == "succeeded", Job.attempts == 1) == 200
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        assert [worker.wait(timeout=20) for worker in workers] == [0, 0, 0, 0]

    def test_killed_worker_loses_nothing_and_duplicates_nothing(
        self, database: Database, spawn_worker: Callable[..., subprocess.Popen[bytes]]
    ) -> None:
        workspace_id = make_workspace(database)
        signal_ids = [make_signal(database, workspace_id)[0] for _ in range(3)]
        # Holds every job mid-processing long enough to be killed there.
        doomed = spawn_worker(hold_jobs_seconds=60)
        wait_for(
            lambda: count(database, Job, Job.status == "running") == 3,
            timeout=60,
            what="the slow worker to claim the jobs",
        )
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=10)
        spawn_worker()
        wait_for(
            lambda: count(database, Signal, Signal.status == "processed") == 3,
            timeout=90,
            what="another worker to take the jobs back and finish them",
        )
        expected = len(extract(REVIEW, "review").insights)
        per_signal = insights_per_signal(database)
        assert [per_signal[s] for s in signal_ids] == [expected] * 3
        assert count(database, Insight) == 3 * expected
        assert count(database, Job, Job.status == "succeeded", Job.attempts == 2) == 3


class TestWorkerThread:
    def test_embedded_worker_processes_and_stops(self, database: Database) -> None:
        workspace_id = make_workspace(database)
        for _ in range(10):
            make_signal(database, workspace_id)
        worker = WorkerThread(database.factory, database.settings, concurrency=2)
        worker.start()
        try:
            wait_for(
                lambda: count(database, Signal, Signal.status == "processed") == 10,
                timeout=60,
                what="10 processed signals",
            )
        finally:
            worker.stop()
        assert count(database, Job, Job.status == "succeeded") == 10

"""Workers: threads that claim jobs and run them, embedded or as their own process.

Each processing thread claims a small batch at a time (fewer round trips under load) and
polls with a short sleep that backs off while the queue is empty. One housekeeping thread per
WorkerThread refreshes the heartbeat of every job its threads hold and takes back jobs whose
worker died (their heartbeat is older than the lease).

A worker runs the tasks registered in its process (jobs/registry.py): whoever starts one
imports `zentrik_server.tasks` first, as app.py and the `worker` command (cli.py) do.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from zentrik_server.config import Settings
from zentrik_server.jobs import queue
from zentrik_server.jobs.runner import run_job

log = logging.getLogger(__name__)
T = TypeVar("T")

IDLE_MIN_SECONDS = 0.2
IDLE_MAX_SECONDS = 1.0
CLAIM_BATCH = 4


class WorkerThread:
    """`concurrency` processing threads plus housekeeping, started and stopped together."""

    def __init__(
        self, factory: sessionmaker[Session], settings: Settings, concurrency: int = 1
    ) -> None:
        self._factory = factory
        self._settings = settings
        self._stopping = threading.Event()
        prefix = f"{socket.gethostname()}:{os.getpid()}"
        self.worker_ids = [f"{prefix}:{uuid.uuid4().hex[:8]}" for _ in range(concurrency)]
        self._threads = [
            threading.Thread(
                target=self._work, args=(wid,), name=f"zentrik-worker-{n}", daemon=True
            )
            for n, wid in enumerate(self.worker_ids)
        ]
        self._threads.append(
            threading.Thread(target=self._housekeep, name="zentrik-worker-heartbeat", daemon=True)
        )

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Let each thread finish the job in hand; jobs not yet started go back to the queue."""
        self._stopping.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            if thread.is_alive():
                thread.join(max(0.0, deadline - time.monotonic()))

    def _work(self, worker_id: str) -> None:
        idle = IDLE_MIN_SECONDS
        while not self._stopping.is_set():
            claimed = _guarded([], queue.claim, self._factory, worker_id, CLAIM_BATCH)
            if not claimed:
                self._stopping.wait(idle)
                idle = min(idle * 2, IDLE_MAX_SECONDS)
                continue
            idle = IDLE_MIN_SECONDS
            for index, job in enumerate(claimed):
                if self._stopping.is_set():
                    unstarted = [j.id for j in claimed[index:]]
                    _guarded(None, queue.release, self._factory, worker_id, unstarted)
                    break
                _guarded(None, run_job, self._factory, job, worker_id, self._settings)

    def _housekeep(self) -> None:
        lease = self._settings.job.lease_seconds
        while not self._stopping.wait(lease / 3):
            _guarded(None, queue.heartbeat, self._factory, self.worker_ids)
            _guarded(0, queue.take_back_stale, self._factory, lease)


def _guarded(fallback: T, action: Callable[..., T], *args: Any) -> T:
    # A worker thread must outlive a database hiccup (restart, lock timeout): log and go on.
    try:
        return action(*args)
    except Exception:
        log.exception("worker: database operation failed; retrying shortly")
        return fallback


def run_worker(settings: Settings, concurrency: int) -> None:
    """The `python -m zentrik_server worker` process: runs until SIGTERM or SIGINT."""
    from zentrik_server.db.engine import make_engine, make_sessionmaker
    from zentrik_server.db.migrate import upgrade

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    engine = make_engine(settings)
    upgrade(engine, settings.data_dir)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    worker = WorkerThread(make_sessionmaker(engine), settings, concurrency)
    worker.start()
    log.info("worker started: %d thread(s)", concurrency)
    # Wake up regularly: signal handlers run on the main thread between waits.
    while not stop.wait(0.5):
        pass
    log.info("worker stopping: finishing jobs in hand")
    worker.stop()
    engine.dispose()

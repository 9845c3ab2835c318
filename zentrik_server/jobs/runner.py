"""Running one claimed job through its registered task, to its end.

The job ends `succeeded` when the task returns, goes back to the queue with a backoff when it
raises (while attempts remain), and ends `failed` on a `PermanentError`, on its last attempt,
or when its task is unknown; the task's failure hook then runs in that same transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from zentrik_server.config import Settings
from zentrik_server.db.types import utcnow
from zentrik_server.jobs import queue
from zentrik_server.jobs.queue import ClaimedJob
from zentrik_server.jobs.registry import TASKS, FailureHook
from zentrik_server.jobs.retry import retry_delay

log = logging.getLogger(__name__)


class PermanentError(Exception):
    """The job's input itself is unusable; retrying would fail the same way."""


@dataclass
class RunningJob:
    """What a task is given: its arguments, the database, the settings, and its job to end."""

    id: str
    args: Mapping[str, Any]
    factory: sessionmaker[Session]
    worker_id: str
    settings: Settings
    # None until `finish` ran; then whether this worker still held the job.
    finished: bool | None = field(default=None, init=False)

    def finish(self, session: Session) -> bool:
        """Mark the job succeeded in the task's transaction; False if the lease was lost.

        A task that writes its result calls this first in that transaction (the job row is
        locked before anything else, and a worker that lost its lease writes nothing); a task
        that does not call it has its job finished when it returns.
        """
        self.finished = queue.finish(session, self.id, self.worker_id)
        return self.finished


def run_job(
    factory: sessionmaker[Session], job: ClaimedJob, worker_id: str, settings: Settings
) -> None:
    """Run one claimed job to its end: succeeded, queued again for a retry, or failed."""
    registered = TASKS.get(job.task)
    if registered is None:
        _record_failure(factory, job, worker_id, f"Unknown task {job.task!r}", None, True)
        return
    if job.attempts > job.max_attempts:
        # Its workers kept dying mid-job (e.g. killed for memory): stop feeding it to more.
        error = job.last_error or "Processing kept stopping"
        _record_failure(factory, job, worker_id, error, registered.on_failure, True)
        return
    running = RunningJob(job.id, job.args, factory, worker_id, settings)
    try:
        registered.run(running)
        if running.finished is None:
            with factory.begin() as session:
                running.finish(session)
        if not running.finished:
            log.info("job %s: no longer held by this worker; its result was discarded", job.id)
    except PermanentError as exc:
        _record_failure(factory, job, worker_id, str(exc), registered.on_failure, True)
    except Exception as exc:
        log.exception("job %s failed (attempt %d)", job.id, job.attempts)
        error = f"Processing failed: {exc}"
        _record_failure(factory, job, worker_id, error, registered.on_failure, False)


def _record_failure(
    factory: sessionmaker[Session],
    job: ClaimedJob,
    worker_id: str,
    error: str,
    on_failure: FailureHook | None,
    permanent: bool,
) -> None:
    """Retry later while attempts remain; otherwise fail the job and let its task say why."""
    delay = retry_delay(job.attempts, job.max_attempts, permanent=permanent)
    with factory.begin() as session:
        if delay is not None:
            run_after = utcnow() + timedelta(seconds=delay)
            queue.retry_later(session, job.id, worker_id, run_after, error)
        elif queue.give_up(session, job.id, worker_id, error) and on_failure is not None:
            on_failure(session, job.args, error)

"""The job queue: rows in `jobs`, claimed by workers with a lease.

A job is `queued` until a worker claims it (`running`, `locked_by` the worker, `heartbeat_at`
refreshed while it works). It ends `succeeded` or `failed`, or goes back to `queued` for a
retry. A running job whose heartbeat is older than the lease belonged to a worker that died;
`take_back_stale` queues it again so another worker finishes it.

Every state change after the claim is guarded by `locked_by`, so a worker that lost its lease
(it stalled and another worker took the job back) cannot overwrite the newer attempt.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, bindparam, select, update
from sqlalchemy.orm import Session, sessionmaker

from zentrik_server.db.models import Job, Signal
from zentrik_server.db.types import new_id, utcnow
from zentrik_server.jobs.retry import MAX_ATTEMPTS

jobs = Job.__table__
signals = Signal.__table__

DEFAULT_LEASE_SECONDS = 30.0


def lease_seconds() -> float:
    """How long a silent worker keeps its jobs; ZENTRIK_JOB_LEASE_SECONDS overrides (tests)."""
    return float(os.environ.get("ZENTRIK_JOB_LEASE_SECONDS", DEFAULT_LEASE_SECONDS))


@dataclass(frozen=True)
class ClaimedJob:
    id: str
    workspace_id: str
    signal_id: str | None
    attempts: int
    max_attempts: int
    # Why the previous attempt ended, e.g. the lease expired because its worker died.
    last_error: str | None


def enqueue(
    session: Session, *, workspace_id: str, signal_id: str, job_id: str | None = None
) -> Job:
    """Add a job processing `signal_id` to the caller's transaction (the caller commits).

    A caller that writes the job id on the signal before the job exists passes it as `job_id`.
    """
    job = Job(
        id=job_id or new_id(),
        workspace_id=workspace_id,
        signal_id=signal_id,
        kind="process_signal",
        status="queued",
        attempts=0,
        max_attempts=MAX_ATTEMPTS,
        run_after=utcnow(),
        created_at=utcnow(),
    )
    session.add(job)
    return job


def lock_jobs_of_signal(session: Session, signal_id: str) -> None:
    """Lock a signal's jobs before the caller deletes the signal (its jobs go with it).

    Workers take a job's row before its signal's; deleting a signal mid-processing must take
    them in the same order, or PostgreSQL sees a deadlock. SQLite ignores FOR UPDATE.
    """
    session.execute(select(jobs.c.id).where(jobs.c.signal_id == signal_id).with_for_update())


def claim(factory: sessionmaker[Session], worker_id: str, limit: int) -> list[ClaimedJob]:
    """Take up to `limit` due jobs for `worker_id` and mark their signals `processing`."""
    now = utcnow()
    due = (
        select(jobs.c.id)
        .where(jobs.c.status == "queued", jobs.c.run_after <= now)
        .order_by(jobs.c.run_after)
        .limit(limit)
    )
    # A read first, in its own transaction: an idle poll must not take SQLite's write lock.
    with factory() as session:
        if session.scalar(due.limit(1)) is None:
            return []
    with factory.begin() as session:
        if session.get_bind().dialect.name == "postgresql":
            # Rows another worker is claiming right now are skipped, not waited for.
            ids = list(session.scalars(due.with_for_update(skip_locked=True)))
            if not ids:
                return []
            target = jobs.c.id.in_(ids)
        else:
            # SQLite: one UPDATE takes the database's write lock, so the claim is atomic.
            target = jobs.c.id.in_(due.scalar_subquery())
        rows = session.execute(
            update(jobs)
            .where(target)
            .values(status="running", locked_by=worker_id, heartbeat_at=now)
            .values(attempts=jobs.c.attempts + 1)
            .returning(
                jobs.c.id,
                jobs.c.workspace_id,
                jobs.c.signal_id,
                jobs.c.attempts,
                jobs.c.max_attempts,
                jobs.c.last_error,
            )
        ).all()
        claimed = [ClaimedJob(*row) for row in rows]
        _mark_signals_processing(session, claimed, now)
    return claimed


def _mark_signals_processing(session: Session, claimed: list[ClaimedJob], now: datetime) -> None:
    # Sorted, so two claimers that share signals lock them in the same order (no deadlock).
    params = sorted(
        ({"b_signal": j.signal_id, "b_job": j.id} for j in claimed if j.signal_id),
        key=lambda p: p["b_signal"],
    )
    if not params:
        return
    session.execute(
        update(signals)
        .where(signals.c.id == bindparam("b_signal"))
        .values(
            status="processing", started_at=now, last_job_id=bindparam("b_job"), updated_at=now
        ),
        params,
    )


def heartbeat(factory: sessionmaker[Session], worker_ids: Sequence[str]) -> None:
    """Tell the other workers that these workers are alive and still own their running jobs."""
    with factory.begin() as session:
        session.execute(
            update(jobs)
            .where(jobs.c.locked_by.in_(worker_ids), jobs.c.status == "running")
            .values(heartbeat_at=utcnow())
        )


def release(factory: sessionmaker[Session], worker_id: str, job_ids: Sequence[str]) -> None:
    """Hand back claimed jobs this worker will not start (it is stopping); no attempt counted."""
    if not job_ids:
        return
    with factory.begin() as session:
        session.execute(
            update(jobs)
            .where(jobs.c.id.in_(job_ids), jobs.c.locked_by == worker_id)
            .where(jobs.c.status == "running")
            .values(status="queued", locked_by=None, attempts=jobs.c.attempts - 1)
        )


def take_back_stale(factory: sessionmaker[Session], lease: float) -> int:
    """Queue again the running jobs whose worker has been silent for longer than `lease`."""
    now = utcnow()
    with factory.begin() as session:
        result = session.execute(
            update(jobs)
            .where(jobs.c.status == "running", jobs.c.heartbeat_at < now - timedelta(seconds=lease))
            .values(
                status="queued",
                locked_by=None,
                run_after=now,
                last_error="The worker processing this signal stopped before finishing",
            )
        )
    return result.rowcount


def _owned(job_id: str, worker_id: str) -> ColumnElement[bool]:
    return (jobs.c.id == job_id) & (jobs.c.locked_by == worker_id) & (jobs.c.status == "running")


def finish(session: Session, job_id: str, worker_id: str) -> bool:
    """Mark the job done in the caller's transaction; False if the worker lost its lease."""
    result = session.execute(
        update(jobs)
        .where(_owned(job_id, worker_id))
        .values(status="succeeded", locked_by=None, finished_at=utcnow(), last_error=None)
    )
    return result.rowcount == 1


def retry_later(
    session: Session, job_id: str, worker_id: str, run_after: datetime, error: str
) -> bool:
    """Queue the job again for `run_after`, remembering why this attempt failed."""
    result = session.execute(
        update(jobs)
        .where(_owned(job_id, worker_id))
        .values(status="queued", locked_by=None, run_after=run_after, last_error=error)
    )
    return result.rowcount == 1


def give_up(session: Session, job_id: str, worker_id: str, error: str) -> bool:
    """Mark the job failed for good in the caller's transaction."""
    result = session.execute(
        update(jobs)
        .where(_owned(job_id, worker_id))
        .values(status="failed", locked_by=None, finished_at=utcnow(), last_error=error)
    )
    return result.rowcount == 1

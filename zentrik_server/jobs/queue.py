"""The job queue: rows in `jobs`, claimed by workers with a lease.

A job is a task name and its JSON arguments; the queue never looks inside them. A caller
that needs the jobs about one thing (to delete them with it) tags them with an opaque
`subject` and finds them by it.

A job is `queued` until a worker claims it (`running`, `locked_by` the worker, `heartbeat_at`
refreshed while it works). It ends `succeeded` or `failed`, or goes back to `queued` for a
retry. A running job whose heartbeat is older than the lease belonged to a worker that died;
`take_back_stale` queues it again so another worker finishes it.

Every state change after the claim is guarded by `locked_by`, so a worker that lost its lease
(it stalled and another worker took the job back) cannot overwrite the newer attempt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from zentrik_server.db.models import Job
from zentrik_server.db.types import new_id, utcnow
from zentrik_server.jobs.retry import MAX_ATTEMPTS

jobs = Job.__table__


@dataclass(frozen=True)
class ClaimedJob:
    id: str
    task: str
    args: Mapping[str, Any]
    attempts: int
    max_attempts: int
    # Why the previous attempt ended, e.g. the lease expired because its worker died.
    last_error: str | None


def enqueue(
    session: Session,
    task: str,
    args: Mapping[str, Any],
    *,
    subject: str | None = None,
    job_id: str | None = None,
) -> Job:
    """Add a job running `task` with `args` to the caller's transaction (the caller commits).

    `subject` tags the job for `lock_jobs` / `delete_jobs`. A caller that writes the job id
    elsewhere before the job exists passes it as `job_id`.
    """
    job = Job(
        id=job_id or new_id(),
        task=task,
        args=dict(args),
        subject=subject,
        status="queued",
        attempts=0,
        max_attempts=MAX_ATTEMPTS,
        run_after=utcnow(),
        created_at=utcnow(),
    )
    session.add(job)
    return job


def lock_jobs(session: Session, subject: str) -> None:
    """Lock the jobs tagged `subject` before the caller writes the thing they are about.

    Workers take a job's row before the rows its task writes; a caller deleting that thing
    must take them in the same order, or PostgreSQL sees a deadlock. SQLite ignores FOR UPDATE.
    """
    session.execute(select(jobs.c.id).where(jobs.c.subject == subject).with_for_update())


def delete_jobs(session: Session, subject: str) -> None:
    """Delete the jobs tagged `subject` in the caller's transaction (a worker running one
    then finds it gone: its result is discarded, as when its lease is lost)."""
    session.execute(delete(jobs).where(jobs.c.subject == subject))


def claim(factory: sessionmaker[Session], worker_id: str, limit: int) -> list[ClaimedJob]:
    """Take up to `limit` due jobs for `worker_id`."""
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
                jobs.c.task,
                jobs.c.args,
                jobs.c.attempts,
                jobs.c.max_attempts,
                jobs.c.last_error,
            )
        ).all()
    return [ClaimedJob(*row) for row in rows]


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
                last_error="The worker running this job stopped before finishing",
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

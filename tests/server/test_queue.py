"""Claim semantics of the job queue, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select, update

from tests.server.queue_support import (
    Database,
    get_job,
    make_signal,
    make_workspace,
)
from zentrik_server.db.models import Job
from zentrik_server.db.types import utcnow
from zentrik_server.jobs import queue


def _age_heartbeat(db: Database, job_id: str, seconds: float) -> None:
    with db.factory.begin() as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(heartbeat_at=utcnow() - timedelta(seconds=seconds))
        )


class TestEnqueue:
    def test_job_is_written_in_the_callers_transaction(self, database: Database) -> None:
        workspace_id = make_workspace(database)
        signal_id, _ = make_signal(database, workspace_id)
        with database.factory() as session:
            enqueue_count = session.scalar(select(func.count()).select_from(Job))
            queue.enqueue(session, "process_signal", {"signalId": signal_id})
            session.rollback()
            assert session.scalar(select(func.count()).select_from(Job)) == enqueue_count


class TestClaim:
    def test_claim_marks_job_running(self, database: Database) -> None:
        # The signal is marked processing by its task: test_processing.TestStart.
        signal_id, job_id = make_signal(database, make_workspace(database))
        [claimed] = queue.claim(database.factory, "w1", 10)
        assert (claimed.id, claimed.args["signalId"], claimed.attempts) == (job_id, signal_id, 1)
        job = get_job(database, job_id)
        assert (job.status, job.locked_by) == ("running", "w1")

    def test_claims_a_batch_up_to_the_limit(self, database: Database) -> None:
        workspace_id = make_workspace(database)
        for _ in range(5):
            make_signal(database, workspace_id)
        assert len(queue.claim(database.factory, "w1", 3)) == 3
        assert len(queue.claim(database.factory, "w2", 3)) == 2
        assert queue.claim(database.factory, "w3", 3) == []

    def test_concurrent_claimers_never_share_a_job(self, database: Database) -> None:
        workspace_id = make_workspace(database)
        job_ids = {make_signal(database, workspace_id)[1] for _ in range(40)}
        taken: list[str] = []
        lock = threading.Lock()

        def claimer(name: str) -> None:
            while batch := queue.claim(database.factory, name, 3):
                with lock:
                    taken.extend(job.id for job in batch)

        threads = [threading.Thread(target=claimer, args=(f"w{n}",)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(taken) == sorted(job_ids)

    def test_job_waiting_for_its_retry_time_is_not_claimed(self, database: Database) -> None:
        _, job_id = make_signal(database, make_workspace(database))
        queue.claim(database.factory, "w1", 1)
        with database.factory.begin() as session:
            later = utcnow() + timedelta(minutes=1)
            assert queue.retry_later(session, job_id, "w1", later, "boom")
        assert queue.claim(database.factory, "w2", 1) == []
        assert get_job(database, job_id).last_error == "boom"


class TestLease:
    def test_silent_workers_job_is_taken_back_and_reclaimed(self, database: Database) -> None:
        _, job_id = make_signal(database, make_workspace(database))
        queue.claim(database.factory, "dead", 1)
        _age_heartbeat(database, job_id, 60)
        assert queue.take_back_stale(database.factory, lease=30) == 1
        [claimed] = queue.claim(database.factory, "alive", 1)
        assert (claimed.id, claimed.attempts) == (job_id, 2)
        assert claimed.last_error is not None and "stopped" in claimed.last_error

    def test_heartbeat_keeps_the_job(self, database: Database) -> None:
        _, job_id = make_signal(database, make_workspace(database))
        queue.claim(database.factory, "busy", 1)
        _age_heartbeat(database, job_id, 60)
        queue.heartbeat(database.factory, ["busy"])
        assert queue.take_back_stale(database.factory, lease=30) == 0
        assert get_job(database, job_id).locked_by == "busy"

    def test_worker_that_lost_its_lease_cannot_finish(self, database: Database) -> None:
        _, job_id = make_signal(database, make_workspace(database))
        queue.claim(database.factory, "slow", 1)
        _age_heartbeat(database, job_id, 60)
        queue.take_back_stale(database.factory, lease=30)
        queue.claim(database.factory, "fresh", 1)
        with database.factory.begin() as session:
            assert not queue.finish(session, job_id, "slow")
            assert queue.finish(session, job_id, "fresh")
        assert get_job(database, job_id).status == "succeeded"

    def test_released_jobs_go_back_without_using_an_attempt(self, database: Database) -> None:
        _, job_id = make_signal(database, make_workspace(database))
        queue.claim(database.factory, "stopping", 1)
        queue.release(database.factory, "stopping", [job_id])
        [claimed] = queue.claim(database.factory, "next", 1)
        assert claimed.attempts == 1

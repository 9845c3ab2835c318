"""Processing one signal: text in, draft insights out, replaced (never duplicated) on re-runs."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from tests.server.queue_support import (
    REVIEW,
    Database,
    get_job,
    get_signal,
    make_signal,
    make_workspace,
    signal_insights,
)
from zentrik_server.db.models import Insight, Job, Signal
from zentrik_server.db.types import utcnow
from zentrik_server.extraction import Extraction, extract
from zentrik_server.jobs import queue
from zentrik_server.jobs.runner import run_job
from zentrik_server.signals import tasks
from zentrik_server.signals.service import queue_processing


def run_next(db: Database, worker_id: str = "w1") -> None:
    """What a worker does with the next due job."""
    [job] = queue.claim(db.factory, worker_id, 1)
    run_job(db.factory, job, worker_id, db.settings)


def reprocess(db: Database, signal_id: str) -> None:
    with db.factory.begin() as session:
        queue_processing(session, signal_id)
    run_next(db)


def make_due_now(db: Database, job_id: str) -> None:
    with db.factory.begin() as session:
        session.execute(update(Job).where(Job.id == job_id).values(run_after=utcnow()))


class TestProcessSignal:
    def test_review_becomes_linked_draft_insights(self, sqlite_db: Database) -> None:
        signal_id, job_id = make_signal(sqlite_db, make_workspace(sqlite_db))
        run_next(sqlite_db)
        signal = get_signal(sqlite_db, signal_id)
        assert signal.status == "processed"
        assert signal.processed_at is not None and signal.context
        assert signal.last_job_id == job_id
        drafts = signal_insights(sqlite_db, signal_id)
        assert drafts, "a review with a bug, a request and praise yields insights"
        assert {d.status for d in drafts} == {"draft"}
        assert all(d.origin_signal_id == signal_id and d.ai_suggestions["kind"] for d in drafts)
        assert get_job(sqlite_db, job_id).status == "succeeded"

    def test_raw_signal_text_is_read_from_its_data(self, sqlite_db: Database) -> None:
        data = {"subject": "Export broken", "ticket": {"body": REVIEW}}
        signal_id, _ = make_signal(
            sqlite_db, make_workspace(sqlite_db), signal_type=None, data=data
        )
        run_next(sqlite_db)
        assert get_signal(sqlite_db, signal_id).status == "processed"
        assert signal_insights(sqlite_db, signal_id)


class TestStart:
    def test_running_job_marks_its_signal_processing(
        self, database: Database, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        seen: list[Signal] = []

        def watching(*args: Any, **kwargs: Any) -> Extraction:
            seen.append(get_signal(database, signal_id))  # the signal while its job runs
            return extract(*args, **kwargs)

        monkeypatch.setattr(tasks, "extract", watching)
        signal_id, job_id = make_signal(database, make_workspace(database))
        run_next(database)
        [signal] = seen
        assert signal.status == "processing"
        assert signal.last_job_id == job_id
        assert signal.started_at is not None


class TestReprocess:
    def test_untouched_drafts_are_replaced_not_duplicated(self, sqlite_db: Database) -> None:
        workspace_id = make_workspace(sqlite_db)
        signal_id, _ = make_signal(sqlite_db, workspace_id)
        run_next(sqlite_db)
        first = signal_insights(sqlite_db, signal_id)
        reprocess(sqlite_db, signal_id)
        second = signal_insights(sqlite_db, signal_id)
        assert len(second) == len(first)
        assert not {i.id for i in first} & {i.id for i in second}

    def test_edited_and_published_insights_stay(self, sqlite_db: Database) -> None:
        workspace_id = make_workspace(sqlite_db)
        signal_id, _ = make_signal(sqlite_db, workspace_id)
        run_next(sqlite_db)
        fresh = signal_insights(sqlite_db, signal_id)
        with sqlite_db.factory.begin() as session:
            session.execute(
                update(Insight)
                .where(Insight.id == fresh[0].id)
                .values(name="Renamed by a PM", edited_at=utcnow())
            )
            session.execute(
                update(Insight).where(Insight.id == fresh[-1].id).values(status="published")
            )
        reprocess(sqlite_db, signal_id)
        after = {i.id: i for i in signal_insights(sqlite_db, signal_id)}
        assert after[fresh[0].id].name == "Renamed by a PM"
        assert after[fresh[-1].id].status == "published"
        # Their findings are not made again (issue 12): the edited and published insights
        # already hold this signal's quotes; only the untouched drafts were replaced.
        assert len(after) == len(fresh)

    def test_worker_that_lost_its_lease_adds_nothing(self, sqlite_db: Database) -> None:
        signal_id, job_id = make_signal(sqlite_db, make_workspace(sqlite_db))
        [stalled] = queue.claim(sqlite_db.factory, "stalled", 1)
        with sqlite_db.factory.begin() as session:
            old = utcnow() - timedelta(minutes=5)
            session.execute(update(Job).where(Job.id == job_id).values(heartbeat_at=old))
        queue.take_back_stale(sqlite_db.factory, lease=30)
        run_next(sqlite_db, "rescuer")
        rescued = {i.id for i in signal_insights(sqlite_db, signal_id)}
        run_job(sqlite_db.factory, stalled, "stalled", sqlite_db.settings)
        assert {i.id for i in signal_insights(sqlite_db, signal_id)} == rescued


class TestConcurrentRuns:
    def test_two_jobs_for_one_signal_at_once_leave_one_set(self, database: Database) -> None:
        workspace_id = make_workspace(database)
        signal_id, _ = make_signal(database, workspace_id)
        with database.factory.begin() as session:
            queue_processing(session, signal_id)
        runners = [threading.Thread(target=run_next, args=(database, f"w{n}")) for n in (1, 2)]
        for runner in runners:
            runner.start()
        for runner in runners:
            runner.join()
        expected = len(extract(REVIEW, "review").insights)
        assert len(signal_insights(database, signal_id)) == expected


class TestFailure:
    def test_signal_without_text_fails_at_once_with_a_clear_error(
        self, sqlite_db: Database
    ) -> None:
        data = {"url": "https://example.com"}
        signal_id, job_id = make_signal(
            sqlite_db, make_workspace(sqlite_db), signal_type=None, data=data
        )
        run_next(sqlite_db)
        signal = get_signal(sqlite_db, signal_id)
        assert (signal.status, signal.last_error) == ("failed", "No text found in signal data")
        assert signal.failed_at is not None
        job = get_job(sqlite_db, job_id)
        assert (job.status, job.attempts) == ("failed", 1)

    def test_unexpected_error_is_retried_then_recorded(
        self, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def broken(*_args: object, **_kwargs: object) -> None:
            raise RuntimeError("engine crashed")

        monkeypatch.setattr(tasks, "extract", broken)
        signal_id, job_id = make_signal(sqlite_db, make_workspace(sqlite_db))
        for attempt in (1, 2):
            run_next(sqlite_db)
            job = get_job(sqlite_db, job_id)
            assert (job.status, job.attempts) == ("queued", attempt)
            assert job.run_after > utcnow(), "the retry waits for its backoff"
            assert get_signal(sqlite_db, signal_id).status == "processing"
            make_due_now(sqlite_db, job_id)
        run_next(sqlite_db)
        signal = get_signal(sqlite_db, signal_id)
        assert signal.status == "failed"
        assert signal.last_error == "Processing failed: engine crashed"
        assert get_job(sqlite_db, job_id).status == "failed"

    def test_job_whose_workers_keep_dying_is_failed(self, sqlite_db: Database) -> None:
        signal_id, job_id = make_signal(sqlite_db, make_workspace(sqlite_db))
        for _ in range(3):
            queue.claim(sqlite_db.factory, "doomed", 1)
            with sqlite_db.factory.begin() as session:
                old = utcnow() - timedelta(minutes=5)
                session.execute(update(Job).where(Job.id == job_id).values(heartbeat_at=old))
            queue.take_back_stale(sqlite_db.factory, lease=30)
        run_next(sqlite_db)
        signal = get_signal(sqlite_db, signal_id)
        assert signal.status == "failed"
        assert "stopped before finishing" in (signal.last_error or "")

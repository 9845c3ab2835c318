"""The queue is generic: it runs registered tasks by name with their JSON arguments, fails the
jobs of unknown tasks cleanly, and imports nothing of the resources whose work it runs."""

from __future__ import annotations

import ast
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, text

from tests.server.queue_support import (
    REVIEW,
    Database,
    at_revision,
    get_job,
    get_signal,
    make_workspace,
)
from zentrik_server.db.migrate import upgrade
from zentrik_server.db.models import Signal
from zentrik_server.db.types import new_id, utcnow
from zentrik_server.jobs import queue
from zentrik_server.jobs.registry import task
from zentrik_server.jobs.runner import RunningJob, run_job
from zentrik_server.jobs.worker import WorkerThread

JOBS_PACKAGE = Path(__file__).resolve().parents[2] / "zentrik_server" / "jobs"
# The packages of the work (resources, extraction), which the queue must not know.
DOMAIN = ("signals", "insights", "ideas", "opportunities", "extraction", "resources")
ARGS = {"text": "héllo", "count": 3, "nested": {"ids": ["a", "b"], "flag": True}, "none": None}

received: list[tuple[str, Mapping[str, Any]]] = []


@task("test_registry_echo")
def echo(job: RunningJob) -> None:
    """A task only this test registers: remembers what it was given."""
    received.append((job.id, job.args))


def enqueue(db: Database, task_name: str, args: Mapping[str, Any]) -> str:
    with db.factory.begin() as session:
        job = queue.enqueue(session, task_name, args, subject="test:registry")
        session.flush()
        return job.id


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


class TestRegisteredTask:
    def test_worker_runs_a_registered_task_with_its_json_args(self, database: Database) -> None:
        received.clear()
        job_id = enqueue(database, "test_registry_echo", ARGS)
        worker = WorkerThread(database.factory, database.settings)
        worker.start()
        try:
            wait_for(lambda: get_job(database, job_id).status == "succeeded", "the echo job")
        finally:
            worker.stop()
        assert received == [(job_id, ARGS)]
        assert get_job(database, job_id).attempts == 1

    def test_a_name_is_registered_once(self) -> None:
        with pytest.raises(ValueError, match="registered twice"):
            task("test_registry_echo")(echo)


class TestUnknownTask:
    def test_job_of_an_unknown_task_fails_at_once_with_a_clear_error(
        self, database: Database
    ) -> None:
        job_id = enqueue(database, "no_such_task", {"x": 1})
        [claimed] = queue.claim(database.factory, "w1", 1)
        run_job(database.factory, claimed, "w1", database.settings)
        job = get_job(database, job_id)
        assert (job.status, job.attempts) == ("failed", 1)
        assert job.last_error == "Unknown task 'no_such_task'"

    def test_worker_goes_on_to_the_next_job(self, database: Database) -> None:
        received.clear()
        unknown = enqueue(database, "no_such_task", {})
        known = enqueue(database, "test_registry_echo", {"after": "unknown"})
        worker = WorkerThread(database.factory, database.settings)
        worker.start()
        try:
            wait_for(lambda: get_job(database, known).status == "succeeded", "the next job")
        finally:
            worker.stop()
        assert get_job(database, unknown).status == "failed"
        assert received == [(known, {"after": "unknown"})]


def _imported_modules(source: str) -> set[str]:
    """Every module an `import` or `from ... import` names, also under TYPE_CHECKING."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_queue_imports_no_resource() -> None:
    sources = sorted(JOBS_PACKAGE.glob("*.py"))
    assert sources, "zentrik_server/jobs has moved; point JOBS_PACKAGE at it"
    offending = {
        f"{path.name}: {module}"
        for path in sources
        for module in _imported_modules(path.read_text(encoding="utf-8"))
        if any(module.startswith(f"zentrik_server.{package}") for package in DOMAIN)
    }
    assert offending == set()


def test_a_signal_queued_before_the_upgrade_is_processed_after_it(database: Database) -> None:
    at_revision(database, "0002_signal_text")
    workspace_id, signal_id, job_id = make_workspace(database), str(uuid.uuid4()), new_id()
    with database.engine.begin() as connection:
        connection.execute(
            insert(Signal.__table__).values(
                id=signal_id,
                workspace_id=workspace_id,
                public_number=1,
                name="s",
                status="processing",
                signal_type=None,
                source={"type": "api"},
                data={"text": REVIEW},
            )
        )
        connection.execute(
            text(
                "INSERT INTO jobs (id, workspace_id, kind, signal_id, status, attempts,"
                " max_attempts, run_after, created_at) VALUES (:id, :ws, 'process_signal',"
                " :signal, 'queued', 0, 3, :now, :now)"
            ),
            {"id": job_id, "ws": workspace_id, "signal": signal_id, "now": utcnow()},
        )  # fmt: skip
    upgrade(database.engine)
    [claimed] = queue.claim(database.factory, "w1", 1)
    assert (claimed.id, claimed.task, claimed.args) == (
        job_id,
        "process_signal",
        {"signalId": signal_id},
    )
    assert get_job(database, job_id).subject == f"signal:{signal_id}"
    run_job(database.factory, claimed, "w1", database.settings)
    assert get_signal(database, signal_id).status == "processed"

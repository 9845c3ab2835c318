"""Task names -> the functions that run them, filled when the task modules are imported.

A task module registers its functions with `@task("name")`; `zentrik_server/tasks.py` lists
the task modules, and every process that runs a worker imports it before starting. A job
whose task is not registered fails cleanly ("Unknown task ...") instead of stopping a worker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from zentrik_server.jobs.runner import RunningJob

TaskFunction = Callable[["RunningJob"], None]
# Called in the transaction that fails the job for good (after the job row is updated), with
# the job's arguments and why it failed: the task's last word on the thing it worked on.
FailureHook = Callable[[Session, Mapping[str, Any], str], None]


@dataclass(frozen=True)
class Task:
    name: str
    run: TaskFunction
    on_failure: FailureHook | None


TASKS: dict[str, Task] = {}


def task(
    name: str, *, on_failure: FailureHook | None = None
) -> Callable[[TaskFunction], TaskFunction]:
    """Register the decorated function as the task `name` (a name is registered once)."""

    def register(run: TaskFunction) -> TaskFunction:
        if name in TASKS:
            raise ValueError(f"Task {name!r} is registered twice")
        TASKS[name] = Task(name, run, on_failure)
        return run

    return register

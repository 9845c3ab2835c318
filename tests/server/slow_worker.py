"""`python -m tests.server.slow_worker SECONDS`: the `worker` command, holding each job SECONDS
before its task runs, so a test can kill -9 a worker while it holds claimed jobs.

Test-only: the production worker has no delay to configure; this wraps the registered tasks.
"""

from __future__ import annotations

import dataclasses
import sys
import time

import zentrik_server.tasks  # noqa: F401  (registers the tasks wrapped below)
from zentrik_server.cli import main
from zentrik_server.jobs.registry import TASKS, TaskFunction
from zentrik_server.jobs.runner import RunningJob


def held(run: TaskFunction, seconds: float) -> TaskFunction:
    def run_later(job: RunningJob) -> None:
        time.sleep(seconds)
        run(job)

    return run_later


if __name__ == "__main__":
    seconds = float(sys.argv[1])
    for name, task in list(TASKS.items()):
        TASKS[name] = dataclasses.replace(task, run=held(task.run, seconds))
    raise SystemExit(main(["worker"]))

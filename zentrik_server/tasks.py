"""Every task module the workers run: importing this module registers their tasks.

A process that starts a worker imports it first (app.py for the embedded worker thread,
cli.py for `python -m zentrik_server worker`); a job whose task module is missing here fails
as "Unknown task". Add a resource's `tasks.py` to the list when it gets one.
"""

from __future__ import annotations

from zentrik_server.learning import tasks as learning_tasks
from zentrik_server.signals import tasks as signal_tasks

MODULES = (signal_tasks, learning_tasks)

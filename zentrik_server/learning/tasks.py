"""The background job that retrains a workspace's model (queued by decisions.py)."""

from __future__ import annotations

from zentrik_server.jobs.registry import task
from zentrik_server.jobs.runner import RunningJob
from zentrik_server.learning import store
from zentrik_server.learning.decisions import RETRAIN_TASK


@task(RETRAIN_TASK)
def retrain_workspace_model(job: RunningJob) -> None:
    store.retrain(job.factory, str(job.args["workspaceId"]))

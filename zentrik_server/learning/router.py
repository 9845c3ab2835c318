"""/admin/v1/model: a workspace's model of its triage, for the workbench's Settings page
("learned from N decisions, last trained …, estimated F1 …", retrain, reset)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from zentrik_server.deps import AdminDep, SessionDep
from zentrik_server.learning import store
from zentrik_server.schemas import ApiOut
from zentrik_server.serialization import json_response

# Not in the OpenAPI document yet: tests/server/test_openapi.py pins its operations (the
# lead adds these three there when merging).
router = APIRouter(prefix="/admin/v1", tags=["admin"], include_in_schema=False)
Workspace = Annotated[str, Query(min_length=1, max_length=200, description="Workspace name")]


class ModelStatus(ApiOut):
    decisions: int
    trained: bool
    version: int | None
    learned_from: int
    trained_at: datetime | None
    estimated_f1: float | None
    base_f1: float | None


@router.get("/model", response_model=ModelStatus)
def model_status(_admin: AdminDep, session: SessionDep, workspace: Workspace) -> Response:
    return json_response(store.status(session, store.workspace_id(session, workspace)))


@router.post("/model", response_model=ModelStatus)
def model_retrain(
    _admin: AdminDep, session: SessionDep, request: Request, workspace: Workspace
) -> Response:
    """Retrain now (a few seconds for a thousand decisions) and answer the new status."""
    found = store.workspace_id(session, workspace)
    session.close()
    return json_response(store.retrain(request.app.state.sessionmaker, found))


@router.delete("/model", response_model=ModelStatus)
def model_reset(_admin: AdminDep, session: SessionDep, workspace: Workspace) -> Response:
    found = store.workspace_id(session, workspace)
    store.reset(session, found)
    return json_response(store.status(session, found))

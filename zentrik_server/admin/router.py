"""/admin/v1: API keys and server info for operators and the workbench's Settings page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.engine import make_url
from starlette.requests import Request
from starlette.responses import Response

from zentrik_server import __version__
from zentrik_server.admin import service
from zentrik_server.admin.schemas import CreatedKey, KeyCreate, KeyRecord, ServerInfo
from zentrik_server.auth.service import KeyResolver
from zentrik_server.deps import AdminDep, SessionDep, SettingsDep
from zentrik_server.serialization import json_response

router = APIRouter(prefix="/admin/v1", tags=["admin"])


@router.get("/keys", response_model=list[KeyRecord])
def keys_list(
    _admin: AdminDep,
    session: SessionDep,
    workspace: Annotated[str | None, Query(description="Only this workspace's keys")] = None,
) -> Response:
    return json_response(service.list_keys(session, workspace))


@router.post("/keys", status_code=201, response_model=CreatedKey)
def keys_create(_admin: AdminDep, session: SessionDep, body: KeyCreate) -> Response:
    return json_response(service.create_key(session, body.workspace, body.scopes, body.name), 201)


@router.delete("/keys/{key_id}", response_model=KeyRecord)
def keys_revoke(_admin: AdminDep, session: SessionDep, request: Request, key_id: str) -> Response:
    record = service.revoke_key(session, key_id)
    resolver: KeyResolver = request.app.state.key_resolver
    resolver.invalidate()
    return json_response(record)


@router.get("/info", response_model=ServerInfo)
def info(_admin: AdminDep, settings: SettingsDep) -> Response:
    return json_response(
        {
            "dataDir": str(settings.data_dir),
            "database": _without_password(settings.database_url),
            "version": __version__,
        }
    )


def _without_password(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True).replace(":***@", "@")

"""What a route needs, as `Annotated` aliases: `SessionDep`, `ScopedKey("insights:write")`, ...

Each route's signature then says what it depends on, and FastAPI documents it in OpenAPI.
"""

from __future__ import annotations

import functools
import hmac
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Header, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from zentrik_server.auth.keys import hash_key
from zentrik_server.auth.service import Caller, KeyResolver, require
from zentrik_server.config import MAX_PAGE_SIZE, Settings
from zentrik_server.errors import Forbidden, Unauthorized
from zentrik_server.listing import ListCache, Page

_bearer = HTTPBearer(auto_error=False, scheme_name="ApiKey", description="Workspace API key")
_admin_bearer = HTTPBearer(
    auto_error=False, scheme_name="AdminToken", description="The token in <data_dir>/admin_token"
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
AdminCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_admin_bearer)]


async def _session(request: Request) -> AsyncIterator[Session]:
    session: Session = request.app.state.sessionmaker()
    try:
        yield session
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(_session)]


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(_settings)]


async def _caller(request: Request, credentials: Credentials) -> Caller:
    if credentials is None or not credentials.credentials:
        raise Unauthorized("Missing API key: send Authorization: Bearer <key>")
    resolver: KeyResolver = request.app.state.key_resolver
    key_hash = hash_key(credentials.credentials)
    entry = resolver.fresh(key_hash)
    if entry is not None:
        return require(entry.caller)
    return require(await run_in_threadpool(resolver.load, key_hash))


@functools.cache
def _scope_check(scope: str) -> Callable[..., Awaitable[Caller]]:
    async def check(caller: Annotated[Caller, Depends(_caller)]) -> Caller:
        if scope not in caller.scopes:
            raise Forbidden(f"This API key lacks the {scope} scope")
        return caller

    return check


def ScopedKey(scope: str) -> Any:
    """`caller: ScopedKey("insights:write")`: a valid key of this workspace with that scope."""
    return Annotated[Caller, Depends(_scope_check(scope))]


async def _admin(request: Request, credentials: AdminCredentials) -> None:
    token: str = request.app.state.admin_token
    if credentials is None or not hmac.compare_digest(credentials.credentials, token):
        raise Unauthorized("Missing or wrong admin token")


AdminDep = Annotated[None, Depends(_admin)]


async def _page(
    limit: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description="Maximum number of items to return")
    ] = 20,
    offset: Annotated[int, Query(ge=0, description="Number of items to skip")] = 0,
) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(_page)]


async def _list_cache(request: Request) -> ListCache:
    cache: ListCache = request.app.state.list_cache
    return cache


ListCacheDep = Annotated[ListCache, Depends(_list_cache)]

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=255,
        description="Retry-safe create: the same key and body within 24 h replays the answer",
    ),
]

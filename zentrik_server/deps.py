"""What a route needs, as `Annotated` aliases: `SessionDep`, `ScopedKey(...)`, `QueryDep(...)`.

Each route's signature then says what it depends on. The aliases are deliberately flat
(each one a single dependency reading the request), because every level of FastAPI
dependency solving costs time on every request; the OpenAPI security schemes they imply
are declared once in `openapi.py`.
"""

from __future__ import annotations

import functools
import hmac
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, Request
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from zentrik_server.auth.keys import hash_key
from zentrik_server.auth.service import Caller, KeyResolver, Refused
from zentrik_server.auth.throttle import FailureBrake
from zentrik_server.config import Settings
from zentrik_server.errors import FieldError, Forbidden, Invalid, RateLimited, Unauthorized
from zentrik_server.schemas import ListQuery


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


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


async def _caller(request: Request) -> Caller:
    token = bearer_token(request)
    if token is None:
        raise Unauthorized("Missing API key: send Authorization: Bearer <key>")
    resolver: KeyResolver = request.app.state.key_resolver
    key_hash = hash_key(token)
    resolution = resolver.fresh(key_hash)
    if resolution is None:
        resolution = await run_in_threadpool(resolver.load, key_hash)
    if isinstance(resolution, Caller):
        return resolution
    if resolution is Refused.UNKNOWN:
        _brake(request, key_hash)
    raise Unauthorized("Invalid or revoked API key")


def _brake(request: Request, key_hash: str) -> None:
    """Count a wrong key against the client's address; 429 once it has tried too many."""
    brake: FailureBrake = request.app.state.auth_brake
    address = request.client.host if request.client else ""
    retry_after = brake.fail(address, key_hash)
    if retry_after is not None:
        raise RateLimited(
            f"Too many failed authentication attempts from your address; retry in {retry_after} s",
            retry_after,
        )


@functools.cache
def _scope_check(scope: str) -> Callable[[Request], Awaitable[Caller]]:
    async def check(request: Request) -> Caller:
        caller = await _caller(request)
        if scope not in caller.scopes:
            raise Forbidden(f"This API key lacks the {scope} scope")
        return caller

    return check


def ScopedKey(scope: str) -> Any:
    """`caller: ScopedKey("insights:write")`: a valid key of this workspace with that scope."""
    return Annotated[Caller, Depends(_scope_check(scope))]


async def _admin(request: Request) -> None:
    token: str = request.app.state.admin_token
    given = bearer_token(request)
    if given is None:
        raise Unauthorized("Missing admin token: send Authorization: Bearer <admin token>")
    if not hmac.compare_digest(given.encode(), token.encode()):
        _brake(request, hash_key(given))
        raise Unauthorized("Wrong admin token")


AdminDep = Annotated[None, Depends(_admin)]

Q = TypeVar("Q", bound=ListQuery)


def QueryDep(model: type[Q]) -> Any:
    """`query: QueryDep(InsightListQuery)`: the query string validated by one pydantic model.

    FastAPI's per-parameter handling costs tens of microseconds per request on list routes;
    one model validation is a few. Routes document the parameters with `query_docs(model)`.
    """

    async def parse(request: Request) -> Q:
        try:
            return model.model_validate(dict(request.query_params))
        except ValidationError as error:
            fields = [FieldError(str(e["loc"][0]), e["msg"]) for e in error.errors()]
            raise Invalid.request(fields) from None

    return Annotated[model, Depends(parse)]


def query_docs(model: type[ListQuery]) -> dict[str, Any]:
    """OpenAPI `parameters` for a `QueryDep` model (pass as a route's `openapi_extra`)."""
    schema = model.model_json_schema()
    parameters = []
    for name, prop in schema["properties"].items():
        description = prop.pop("description", None)
        prop.pop("title", None)
        parameter = {"name": name, "in": "query", "required": False, "schema": prop}
        if description:
            parameter["description"] = description
        parameters.append(parameter)
    return {"parameters": parameters}


IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=255,
        description="Retry-safe create: the same key and body within 24 h replays the answer",
    ),
]


IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="Change only this version: the `ETag` you read; `*` for any. Stale -> 412",
    ),
]

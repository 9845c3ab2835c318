"""The FastAPI application: one per process, built by `create_app(settings)`."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from zentrik_server import __version__
from zentrik_server.admin.router import router as admin_router
from zentrik_server.admin.token import ensure_admin_token
from zentrik_server.auth.service import KeyResolver
from zentrik_server.config import Settings, load_settings
from zentrik_server.db.engine import api_sessionmaker, make_engine, make_sessionmaker
from zentrik_server.db.migrate import upgrade
from zentrik_server.errors import install_error_handlers
from zentrik_server.ideas.router import router as ideas_router
from zentrik_server.insights.router import router as insights_router
from zentrik_server.middleware import EdgeMiddleware
from zentrik_server.opportunities.router import router as opportunities_router
from zentrik_server.options import install_options
from zentrik_server.private_files import keep_private
from zentrik_server.resources.reads import Reads
from zentrik_server.signals.router import router as signals_router

DESCRIPTION = (
    "A local implementation of the Zentrik External REST API, with additive extensions: "
    "list filters, an X-Total-Count header, Idempotency-Key on creates, and an admin API."
)


def create_app(settings: Settings, run_worker: bool = True) -> FastAPI:
    """The app on `settings`' database, schema brought up to date, admin token in place.

    With `run_worker`, an in-process worker thread processes queued signals while it runs.
    """
    engine = make_engine(settings)
    upgrade(engine)
    make_session = api_sessionmaker(engine)
    reads = Reads(engine)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        worker = None
        if run_worker:
            from zentrik_server.jobs.worker import WorkerThread

            # Its own sessions: its transactions never queue behind API writes here.
            worker = WorkerThread(make_sessionmaker(engine), settings)
            worker.start()
        try:
            yield
        finally:
            if worker is not None:
                worker.stop()
            reads.close()
            engine.dispose()

    app = FastAPI(
        title="Zentrik External API (local)",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = make_session
    app.state.key_resolver = KeyResolver(make_session)
    app.state.reads = reads
    app.state.admin_token = ensure_admin_token(settings.admin_token_path)
    install_error_handlers(app)
    app.add_middleware(EdgeMiddleware)
    install_options(app, settings.cors_origins)
    _add_routes(app)
    _document_security(app)
    return app


def _add_routes(app: FastAPI) -> None:
    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    # Matched in order: the busiest resource first.
    app.include_router(insights_router)
    app.include_router(signals_router)
    app.include_router(opportunities_router)
    app.include_router(ideas_router)
    app.include_router(admin_router)


SECURITY_SCHEMES = {
    "ApiKey": {"type": "http", "scheme": "bearer", "description": "A workspace API key"},
    "AdminToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "The admin token in <data_dir>/admin_token",
    },
}


def _document_security(app: FastAPI) -> None:
    """Declare the bearer schemes in OpenAPI (the auth dependencies read the header directly)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            schema.setdefault("components", {})["securitySchemes"] = SECURITY_SCHEMES
            for path, operations in schema["paths"].items():
                scheme = "ApiKey" if path.startswith("/external/") else "AdminToken"
                if path.startswith(("/external/", "/admin/")):
                    for operation in operations.values():
                        operation["security"] = [{scheme: []}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` (serve --workers N): settings from the environment."""
    settings = load_settings()
    keep_private(settings.data_dir)
    return create_app(settings, run_worker=os.environ.get("ZENTRIK_RUN_WORKER", "1") != "0")

"""The FastAPI application: one per process, built by `create_app(settings)`."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from zentrik_server import __version__
from zentrik_server.admin.router import router as admin_router
from zentrik_server.admin.token import ensure_admin_token
from zentrik_server.auth.service import KeyResolver
from zentrik_server.auth.throttle import FailureBrake
from zentrik_server.config import Settings, load_settings
from zentrik_server.db.engine import api_sessionmaker, make_engine, make_sessionmaker
from zentrik_server.db.migrate import upgrade
from zentrik_server.errors import install_error_handlers
from zentrik_server.ideas.router import router as ideas_router
from zentrik_server.insights.router import router as insights_router
from zentrik_server.learning.router import router as model_router
from zentrik_server.middleware import EdgeMiddleware
from zentrik_server.openapi import install_openapi, operation_id
from zentrik_server.opportunities.router import router as opportunities_router
from zentrik_server.options import install_options
from zentrik_server.private_files import keep_private
from zentrik_server.resources.reads import Reads
from zentrik_server.signals.router import router as signals_router

DESCRIPTION = (
    "A local implementation of the Zentrik External REST API, with additive extensions: "
    "list filters, an X-Total-Count header, Idempotency-Key on creates, and an admin API."
)


def create_app(settings: Settings) -> FastAPI:
    """The app on `settings`' database, schema brought up to date, admin token in place.

    With `settings.run_worker`, an in-process worker thread processes queued signals while
    it runs.
    """
    engine = make_engine(settings)
    upgrade(engine, settings.data_dir)
    make_session = api_sessionmaker(engine)
    reads = Reads(engine)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        worker = None
        if settings.run_worker:
            import zentrik_server.tasks  # noqa: F401  (registers the tasks the worker runs)
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
        generate_unique_id_function=operation_id,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = make_session
    app.state.key_resolver = KeyResolver(make_session)
    app.state.auth_brake = FailureBrake(settings.auth.failure_limit, settings.auth.failure_window)
    app.state.reads = reads
    app.state.admin_token = ensure_admin_token(settings.admin_token_path)
    install_error_handlers(app)
    app.add_middleware(EdgeMiddleware)
    install_options(app, settings.cors_origins)
    _add_routes(app)
    install_openapi(app)
    return app


def _add_routes(app: FastAPI) -> None:
    @app.get("/healthz", tags=["health"])
    async def check() -> dict[str, str]:
        return {"status": "ok"}

    # Matched in order: the busiest resource first.
    app.include_router(insights_router)
    app.include_router(signals_router)
    app.include_router(opportunities_router)
    app.include_router(ideas_router)
    app.include_router(admin_router)
    app.include_router(model_router)


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` (serve --workers N): settings from the environment,
    where the parent process put them (config.as_environment)."""
    settings = load_settings()
    keep_private(settings.data_dir)
    return create_app(settings)

"""How the server answers `OPTIONS`, and which origins may call it from a browser.

The API's callers are server-side (the workbench calls it from Python, scripts use keys), so
by default there is no CORS: `OPTIONS` on any route answers 204 with an `Allow` header naming
the methods that path really has, taken from the app's routes, and a 405 names them too.
Browsers on other origins can be let in by listing those origins in ZENTRIK_CORS_ORIGINS;
Starlette's CORSMiddleware then answers their preflights.

No route declares OPTIONS, so the router finds the path, not the method, and raises 405: the
405 handler is where OPTIONS gets its answer, at no cost to any other request.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.routing import BaseRoute, Match

from zentrik_server.errors import http_error_response

# Response headers a browser script may read (listing, tracing, concurrency, throttling).
EXPOSED_HEADERS = ["X-Total-Count", "X-Request-Id", "ETag", "Retry-After"]


def install_options(app: FastAPI, cors_origins: Sequence[str]) -> None:
    """Answer OPTIONS and complete 405s; with `cors_origins`, allow those browser origins.

    Call it after the app's other middleware, so CORS preflights are answered outermost.
    """
    app.add_exception_handler(405, _method_not_allowed)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=EXPOSED_HEADERS,
        )


def allowed_methods(routes: Sequence[BaseRoute], request: Request) -> list[str]:
    """Every method some route accepts at the request's path, and OPTIONS.

    `iter_route_contexts` flattens included routers as FastAPI's own OpenAPI builder does.
    """
    methods = {"OPTIONS"}
    for route in iter_route_contexts(routes):
        if route.matches(request.scope)[0] is not Match.NONE:
            methods |= route.methods or set()
    return sorted(methods)


async def _method_not_allowed(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    allow = ", ".join(allowed_methods(request.app.routes, request))
    if request.method == "OPTIONS":
        return Response(status_code=204, headers={"Allow": allow})
    response = http_error_response(exc)
    response.headers["Allow"] = allow
    return response

"""The OpenAPI document: readable operation ids, the bearer schemes, and every error a route gives.

Generated clients name their methods after operation ids and type their error answers after
the documented responses, so both follow one rule each here rather than per-route arguments.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel

from zentrik_server.errors import FieldError

EXTERNAL, ADMIN = "/external/", "/admin/"

SECURITY_SCHEMES = {
    "ApiKey": {"type": "http", "scheme": "bearer", "description": "A workspace API key"},
    "AdminToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "The admin token in <data_dir>/admin_token",
    },
}


class ErrorDetail(BaseModel):
    code: str
    message: str
    # Only on validation errors: one entry per invalid field.
    fields: list[FieldError] = []


class ErrorBody(BaseModel):
    """Every error answer's body, as `errors.error_response` writes it."""

    error: ErrorDetail


def operation_id(route: APIRoute) -> str:
    """`<tag>_<action>`: the route function's name less the words naming its tag's resource.

    `create_signal` tagged `signals` is `signals_create`, `process_transcript` tagged `insights`
    is `insights_process_transcript`, `keys_create` tagged `admin` is `admin_keys_create`.
    Every route has a tag (its router's), so this fails at startup rather than guess.
    """
    tag = str(route.tags[0])
    singular = tag[:-3] + "y" if tag.endswith("ies") else tag.removesuffix("s")
    action = [word for word in route.name.split("_") if word not in (tag, singular)]
    return "_".join([tag, *action])


def error_descriptions(path: str, method: str, operation: dict[str, Any]) -> dict[int, str]:
    """The error statuses an operation can answer with, each with what it means there."""
    external = path.startswith(EXTERNAL)
    if not (external or path.startswith(ADMIN)):
        return {}
    credential = "API key" if external else "admin token"
    errors = {
        400: "The body is not valid JSON, or the URL contains a NUL character",
        401: f"Missing, wrong or revoked {credential}",
        429: "Too many failed authentications from this address: retry after `Retry-After` s",
    }
    if external:
        errors[403] = "The API key lacks the scope this route needs"
    if "{" in path:
        errors[404] = "No such object (in this workspace)"
    parameters = operation.get("parameters", [])
    if any(p["in"] == "header" and p["name"] == "Idempotency-Key" for p in parameters):
        errors[409] = "The Idempotency-Key was used with another body, or a concurrent create won"
    if_match = any(p["in"] == "header" and p["name"] == "If-Match" for p in parameters)
    if external and (method in ("patch", "delete") or if_match):
        errors[412] = "If-Match does not match the object's current ETag: someone changed it"
    if "requestBody" in operation:
        errors[413] = "The body, or one of its text fields, is too large"
    if parameters or "requestBody" in operation:
        errors[422] = "Invalid request: `error.fields` names each invalid field"
    return errors


def install_openapi(app: FastAPI) -> None:
    """Serve the document built once from the routes, with security and errors declared."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            components = schema.setdefault("components", {})
            components["securitySchemes"] = SECURITY_SCHEMES
            _declare_error_body(components["schemas"])
            for path, operations in schema["paths"].items():
                for method, operation in operations.items():
                    _document_operation(path, method, operation)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _declare_error_body(schemas: dict[str, Any]) -> None:
    body = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(body.pop("$defs"), ErrorBody=body)
    # FastAPI's own 422 body, which this API never sends (every 422 is an ErrorBody).
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)


def _document_operation(path: str, method: str, operation: dict[str, Any]) -> None:
    # The auth dependencies read the header directly, so FastAPI cannot infer the schemes.
    if path.startswith(EXTERNAL):
        operation["security"] = [{"ApiKey": []}]
    elif path.startswith(ADMIN):
        operation["security"] = [{"AdminToken": []}]
    responses = operation["responses"]
    responses.pop("422", None)
    error_body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    for status, description in sorted(error_descriptions(path, method, operation).items()):
        responses[str(status)] = {"description": description, "content": error_body}
    if "429" in responses:
        responses["429"]["headers"] = {
            "Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}
        }

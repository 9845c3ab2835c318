"""The OpenAPI document as a client generator reads it: errors, operation ids, a working client."""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from openapi_spec_validator import validate

from tests.conftest import ServerHandle

EXTERNAL = {400, 401, 403, 422, 429}
ADMIN = {400, 401, 422, 429}
ON_ONE = {404}
CREATES = {409, 413}  # Idempotency-Key reused with another body; body too large
CHANGES = {404, 412}  # If-Match stale

# (method, path) -> (operation id, the error statuses documented for it)
OPERATIONS: dict[tuple[str, str], tuple[str, set[int]]] = {
    ("get", "/healthz"): ("health_check", set()),
    ("post", "/external/v1/signals/{signal_id}/process"): ("signals_process", EXTERNAL | ON_ONE),
    ("get", "/external/v1/signals/{signal_id}/text"): ("signals_get_text", EXTERNAL | ON_ONE),
    ("post", "/external/v1/insights/process-transcript/insights"): (
        "insights_process_transcript",
        EXTERNAL | CREATES,
    ),
    ("post", "/external/v1/insights/{insight_id}/merge"): (
        "insights_merge",
        EXTERNAL | CHANGES | {413},
    ),
    ("post", "/external/v1/insights/{insight_id}/unmerge"): (
        "insights_unmerge",
        EXTERNAL | CHANGES | {413},
    ),
    ("get", "/external/v1/insights/{insight_id}/similar"): ("insights_similar", EXTERNAL | ON_ONE),
    ("get", "/admin/v1/keys"): ("admin_keys_list", ADMIN),
    ("post", "/admin/v1/keys"): ("admin_keys_create", ADMIN | {413}),
    ("delete", "/admin/v1/keys/{key_id}"): ("admin_keys_revoke", ADMIN | ON_ONE),
    ("get", "/admin/v1/info"): ("admin_info", ADMIN - {422}),  # it takes no input
}
for resource, one in [
    ("signals", "signal"),
    ("insights", "insight"),
    ("opportunities", "opportunity"),
    ("ideas", "idea"),
]:
    many, item = f"/external/v1/{resource}", f"/external/v1/{resource}/{{{one}_id}}"
    OPERATIONS |= {
        ("get", many): (f"{resource}_list", EXTERNAL),
        ("post", many): (f"{resource}_create", EXTERNAL | CREATES),
        ("get", item): (f"{resource}_get", EXTERNAL | ON_ONE),
        ("patch", item): (f"{resource}_update", EXTERNAL | CHANGES | {413}),
        ("delete", item): (f"{resource}_delete", EXTERNAL | CHANGES),
    }

ERROR_BODY = {"$ref": "#/components/schemas/ErrorBody"}
GENERATE_TIMEOUT_S = 60


@pytest.fixture(scope="module")
def document(live_server: ServerHandle) -> dict[str, Any]:
    return dict(httpx.get(f"{live_server.base_url}/openapi.json", timeout=10.0).json())


def operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method, path): operation
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }


def test_the_document_is_valid_openapi(document: dict[str, Any]) -> None:
    validate(document)


def test_operation_ids_are_readable_and_unique(document: dict[str, Any]) -> None:
    ids = {key: operation["operationId"] for key, operation in operations(document).items()}
    assert ids == {key: expected for key, (expected, _errors) in OPERATIONS.items()}
    assert len(set(ids.values())) == len(ids)
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)+", operation_id) for operation_id in ids.values())


def test_every_operation_documents_its_errors_with_the_error_body(
    document: dict[str, Any],
) -> None:
    for key, operation in operations(document).items():
        responses = operation["responses"]
        errors = {int(status) for status in responses if int(status) >= 400}
        assert errors == OPERATIONS[key][1], key
        for status in errors:
            assert responses[str(status)]["description"], (key, status)
            schema = responses[str(status)]["content"]["application/json"]["schema"]
            assert schema == ERROR_BODY, (key, status)
        if 429 in errors:
            assert "Retry-After" in responses["429"]["headers"], key
    error = document["components"]["schemas"]["ErrorDetail"]
    assert set(error["properties"]) == {"code", "message", "fields"}
    assert set(error["required"]) == {"code", "message"}
    assert "HTTPValidationError" not in document["components"]["schemas"]


@pytest.fixture(scope="module")
def generated_client(
    document: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A client package generated from the live /openapi.json, importable by its name."""
    folder = tmp_path_factory.mktemp("generated")
    source = folder / "openapi.json"
    source.write_text(json.dumps(document))
    config = folder / "config.yaml"
    config.write_text("post_hooks: []\n")  # skip its ruff pass: formatting only
    name = "zentrik_generated_client"
    command = [sys.executable, "-m", "openapi_python_client", "generate"]
    command += ["--path", str(source), "--meta", "none", "--config", str(config)]
    command += ["--output-path", str(folder / name)]
    subprocess.run(command, check=True, capture_output=True, timeout=GENERATE_TIMEOUT_S)
    sys.path.insert(0, str(folder))
    try:
        yield name
    finally:
        sys.path.remove(str(folder))
        for module in [m for m in sys.modules if m.partition(".")[0] == name]:
            del sys.modules[module]


def test_a_generated_client_creates_a_signal_and_reads_its_insights(
    generated_client: str, live_server: ServerHandle, api_key: str
) -> None:
    def load(module: str) -> Any:
        return importlib.import_module(f"{generated_client}.{module}")

    signals_create, signals_get = (
        load("api.signals.signals_create"),
        load("api.signals.signals_get"),
    )
    insights_list = load("api.insights.insights_list")
    models = load("models")
    client = load("client").AuthenticatedClient(
        base_url=live_server.base_url, token=api_key, raise_on_unexpected_status=True
    )
    body = models.SignalCreate.from_dict(
        {"text": "Exports are slow and the CSV export times out.", "signalType": "review"}
    )
    signal = signals_create.sync(client=client, body=body)
    assert isinstance(signal, models.SignalOut), signal

    deadline = time.monotonic() + 30
    while signal.status not in ("processed", "failed") and time.monotonic() < deadline:
        time.sleep(0.1)
        signal = signals_get.sync(client=client, signal_id=signal.id)
    assert signal.status == "processed"

    insights = insights_list.sync(client=client, signal_id=signal.id)
    assert insights and all(isinstance(i, models.InsightOut) for i in insights)
    assert all(signal.id in insight.signal_ids for insight in insights)

    missing = signals_get.sync(client=client, signal_id="SIGNAL-999")
    assert isinstance(missing, models.ErrorBody) and missing.error.code == "not_found"

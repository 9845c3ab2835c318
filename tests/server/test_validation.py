"""Validation at the API edge: a value that could not be read back, an unknown field, or a
client `data.s3Key` is a 422 naming the field, and nothing is stored (every list stays readable).

Bodies are sent as raw JSON text, because the values under test (`1e400`, a lone `\\ud800`
escape, 2**64) are ones a JSON library would not write. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import ServerHandle
from tests.server.conftest import create, error_of

MAX_DEPTH = 32  # zentrik_server.json_values.MAX_DEPTH, as documented to clients


def nested(levels: int) -> str:
    """JSON text of `levels` objects, one inside the other."""
    return '{"a": ' * levels + "1" + "}" * levels


def too_deep(field: str, levels_above: int = 0) -> str:
    """The path named for `nested(...)` in `field`: that of its first object past the limit."""
    return field + ".a" * (MAX_DEPTH - levels_above)


RAW = '"source": {"type": "api"}'
TYPED = '"text": "Exports are slow.", "signalType": "review"'
# (resource, body of a create as JSON text, the field the 422 must name)
CREATES = [
    ("signals", RAW + ', "data": {"n": 1e400}', "data.n"),
    ("signals", RAW + ', "data": {"n": 18446744073709551616}', "data.n"),
    ("signals", RAW + ', "data": {"n": [-9223372036854775809]}', "data.n[0]"),
    ("signals", '"source": {"type": "x", "external_data": {"n": 1e999}}', "source.external_data.n"),
    ("signals", '"source": {"type": "api", "extra": {"n": 1e400}}', "source.extra.n"),
    ("signals", RAW + ', "data": {"\\ud800": 1}', "data"),
    ("signals", RAW + ', "data": {"list": ["ok", "\\udfff"]}', "data.list[1]"),
    ("signals", RAW + ', "data": {"k": "nul \\u0000"}', "data.k"),
    ("signals", RAW + f', "data": {nested(300)}', too_deep("data")),
    ("signals", RAW + f', "data": {nested(MAX_DEPTH + 1)}', too_deep("data")),
    ("signals", TYPED + ', "occurredAt": "0001-01-01T00:00:00+01:00"', "occurredAt"),
    ("signals", TYPED + ', "occurredAt": "9999-12-31T23:59:59-01:00"', "occurredAt"),
    ("signals", RAW + ', "data": {"s3Key": "zentrik.db"}', "data.s3Key"),
    ("signals", TYPED + ', "data": {"s3Key": "../admin_token"}', "data.s3Key"),
    ("signals", TYPED + ', "signal_typ": "review"', "signal_typ"),
    ("insights", '"name": "x", "aiSuggestions": {"x": 1e400}', "aiSuggestions.x"),
    ("insights", '"name": "x", "aiSuggestions": 18446744073709551616', "aiSuggestions"),
    ("insights", f'"name": "x", "aiSuggestions": {nested(300)}', too_deep("aiSuggestions")),
    ("insights", '"name": "x", "tagIds": ["\\ud800"]', "tagIds[0]"),
    (
        "insights",
        '"name": "x", "externalReferences": [{"url": "\\udfff"}]',
        "externalReferences[0].url",
    ),
    (
        "insights",
        '"name": "x", "externalReferences": [{"url": "u", "tittle": "t"}]',
        "externalReferences[0].tittle",
    ),
    ("insights", '"name": "x", "descripton": "typo"', "descripton"),
    ("opportunities", '"name": "x", "scroe": 95', "scroe"),
    ("ideas", '"name": "x", "satus": "backlog"', "satus"),
]
# (resource, body of a PATCH as JSON text, the field the 422 must name)
UPDATES = [
    ("signals", '"data": {"n": 1e400}', "data.n"),
    ("signals", '"data": {"n": 18446744073709551616}', "data.n"),
    ("signals", f'"data": {nested(300)}', too_deep("data")),
    ("signals", '"data": {"s3Key": "zentrik.db"}', "data.s3Key"),
    (
        "signals",
        '"source": {"type": "api", "external_data": {"\\ud800": 1}}',
        "source.external_data",
    ),
    ("signals", '"stauts": "processed"', "stauts"),
    ("insights", '"aiSuggestions": {"x": -1e400}', "aiSuggestions.x"),
    ("insights", f'"aiSuggestions": [{nested(MAX_DEPTH)}]', too_deep("aiSuggestions[0]", 1)),
    ("insights", '"name": "ok", "nmae": "typo"', "nmae"),
    ("opportunities", '"scroe": 95', "scroe"),
    ("ideas", '"nmae": "AI Search 2.0"', "nmae"),
]


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def server(request: pytest.FixtureRequest) -> ServerHandle:
    """The live SQLite server, or its twin on PostgreSQL."""
    name = "live_server" if request.param == "sqlite" else "pg_server"
    server: ServerHandle = request.getfixturevalue(name)
    return server


@pytest.fixture
def admin(server: ServerHandle) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {server.admin_token}"}
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=30.0) as client:
        yield client


@pytest.fixture
def api(server: ServerHandle, admin: httpx.Client) -> Iterator[httpx.Client]:
    """A client for a fresh workspace (every scope) on the server under test."""
    workspace = f"validation-{uuid.uuid4().hex[:12]}"
    key = admin.post("/admin/v1/keys", json={"workspace": workspace}).json()["key"]
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=30.0) as client:
        yield client


def send(client: httpx.Client, method: str, path: str, members: str) -> httpx.Response:
    """`{members}` as raw UTF-8 bytes; lone surrogates pass through as JSON escapes."""
    content = ("{" + members + "}").encode("utf-8")
    headers = {"Content-Type": "application/json"}
    return client.request(method, path, content=content, headers=headers)


def assert_refused(response: httpx.Response, field: str) -> None:
    assert response.status_code == 422, response.text
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert [f["field"] for f in error["fields"]] == [field], error
    assert field in error["message"]


def listed(client: httpx.Client, resource: str) -> list[dict[str, Any]]:
    response = client.get(f"/external/v1/{resource}", params={"limit": 1000})
    assert response.status_code == 200, response.text
    return list(response.json())


@pytest.mark.parametrize(("resource", "members", "field"), CREATES)
def test_create_refuses_the_value_naming_its_field(
    api: httpx.Client, resource: str, members: str, field: str
) -> None:
    response = send(api, "POST", f"/external/v1/{resource}", members)
    assert_refused(response, field)
    assert listed(api, resource) == []


@pytest.mark.parametrize(("resource", "members", "field"), UPDATES)
def test_update_refuses_the_value_naming_its_field(
    api: httpx.Client, resource: str, members: str, field: str
) -> None:
    body = {"source": {"type": "api"}, "data": {"k": 1}} if resource == "signals" else {"name": "a"}
    made = api.post(f"/external/v1/{resource}", json=body)
    assert made.status_code == 201, made.text
    response = send(api, "PATCH", f"/external/v1/{resource}/{made.json()['id']}", members)
    assert_refused(response, field)
    [stored] = listed(api, resource)
    assert unchanging(stored) == unchanging(made.json())


def unchanging(item: dict[str, Any]) -> dict[str, Any]:
    """What no PATCH was sent for: all but the fields the signal worker moves on its own."""
    moved_by_worker = {"status", "processing", "insightIds", "updatedAt", "jobId"}
    return {name: value for name, value in item.items() if name not in moved_by_worker}


def test_a_typed_signals_s3_key_cannot_be_changed(api: httpx.Client) -> None:
    signal = create(api, "signals")
    response = api.patch(f"/external/v1/signals/{signal['id']}", json={"data": {"s3Key": "x"}})
    assert_refused(response, "data.s3Key")
    [stored] = listed(api, "signals")
    assert stored["data"]["s3Key"] == signal["data"]["s3Key"]


def test_create_and_update_share_the_depth_limit(api: httpx.Client) -> None:
    at_limit, over = nested(MAX_DEPTH), nested(MAX_DEPTH + 1)
    response = send(api, "POST", "/external/v1/signals", f'{RAW}, "data": {at_limit}')
    assert response.status_code == 201, response.text
    path = f"/external/v1/signals/{response.json()['id']}"
    assert send(api, "PATCH", path, f'"data": {at_limit}').status_code == 200
    assert_refused(send(api, "PATCH", path, f'"data": {over}'), too_deep("data"))
    refused = send(api, "POST", "/external/v1/signals", f'{RAW}, "data": {over}')
    assert_refused(refused, too_deep("data"))
    assert len(listed(api, "signals")) == 1


def test_the_edges_of_what_is_storable_read_back(api: httpx.Client) -> None:
    # An escaped surrogate *pair* is one character (U+1F600), not a lone surrogate.
    data = '{"max": 9223372036854775807, "min": -9223372036854775808, "pair": "\\ud83d\\ude00"}'
    response = send(api, "POST", "/external/v1/signals", f'{RAW}, "data": {data}')
    assert response.status_code == 201, response.text
    [stored] = listed(api, "signals")
    assert stored["data"] == {"max": 2**63 - 1, "min": -(2**63), "pair": "\U0001f600"}
    past_max = f'{RAW}, "data": {{"n": 9223372036854775808}}'
    assert_refused(send(api, "POST", "/external/v1/signals", past_max), "data.n")


def test_process_transcript_refuses_an_unknown_field(api: httpx.Client) -> None:
    members = '"transcript": "Exports are slow.", "createInsight": true'
    response = send(api, "POST", "/external/v1/insights/process-transcript/insights", members)
    assert_refused(response, "createInsight")
    assert listed(api, "insights") == []


def test_admin_key_create_refuses_an_unknown_field(admin: httpx.Client) -> None:
    workspace = f"validation-{uuid.uuid4().hex[:12]}"
    response = admin.post("/admin/v1/keys", json={"workspace": workspace, "scope": ["x"]})
    assert_refused(response, "scope")
    keys = admin.get("/admin/v1/keys", params={"workspace": workspace})
    assert keys.status_code == 200
    assert keys.json() == []

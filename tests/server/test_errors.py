"""Bad input of every kind gets a clear 4xx in the one error shape; never a 5xx."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.server.conftest import create, error_of
from tests.server.test_auth import ROUTES, call

BAD_BODIES: list[object] = [
    None,
    [],
    [1, 2],
    "text",
    42,
    True,
    {},
    {"name": None},
    {"name": 12},
    {"name": ""},
    {"name": ["a"]},
    {"name": {"nested": 1}},
    {"name": "ok", "status": 7},
    {"name": "ok", "status": "nonsense"},
    {"name": "ok", "type": "nonsense"},
    {"name": "ok", "score": "high"},
    {"name": "ok", "score": -0.5},
    {"name": "ok", "opportunityIds": "not-a-list"},
    {"name": "ok", "opportunityIds": [1, None]},
    {"name": "ok", "ideaIds": ["ghost"]},
    {"name": "ok", "insightIds": [{"id": 1}]},
    {"name": "ok", "externalReferences": [{"type": "x"}]},
    {"name": "ok", "externalReferences": "x"},
    {"name": "ok", "tagIds": [None]},
    {"text": None, "signalType": None},
    {"text": "t", "signalType": "review", "occurredAt": "yesterday"},
    {"text": "t", "signalType": "review", "productIds": "p"},
    {"text": 5, "signalType": "review"},
    {"source": "zendesk"},
    {"source": {"external_data": 1}},
    {"data": "string"},
    {"transcript": None},
    {"transcript": ["a"]},
    {"transcript": "x", "createInsights": "maybe"},
    {"status": "processed", "context": 5},
    {"\u0000": "\u0000"},
    {"name": "nul \u0000 inside", "text": "\u0000", "signalType": "review", "transcript": "\u0000"},
    {"name": "ok", "tagIds": ["\u0000"], "aiSuggestions": {"k\u0000": 1}},
    {"name": "ok", "productId": "p" * 300},
    {"name": "ok", "externalId": "e" * 600, "context": "c" * 100, "source": {"type": "t" * 300}},
    {"name": "x" * 10_000},
]
RAW_BODIES = [
    b"{",
    b"{'name': 'single quotes'}",
    b"\xff\xfe",
    b"null",
    b"[",
    b'{"name": "a",}',
    b"NaN",
    b'{"name": "ok", "score": 1e309}',
    b'{"name": "ok", "score": NaN}',
    b'{"name": "\\ud800", "transcript": "\\ud800", "text": "\\udfff", "signalType": "review"}',
]


def assert_no_5xx(client: httpx.Client, method: str, path: str, resource: str) -> None:
    """Every bad body and URL at one route: a 4xx (or success) in the error shape, never 5xx."""
    object_id = create(client, resource)["id"] if "{id}" in path else "x"
    for bad in BAD_BODIES:
        response = call(client, method, path, object_id, bad)
        assert response.status_code < 500, (bad, response.text)
        if response.status_code >= 400:
            error_of(response)
    for raw in RAW_BODIES:
        response = client.request(method, path.format(id=object_id), content=raw)
        assert response.status_code < 500, (raw, response.text)
    for bad_id in ("%00", "x" * 5000, "SIGNAL-99999999999999999999"):
        response = client.request(method, path.format(id=bad_id), params={"signalId": "\x00"})
        assert response.status_code < 500, (bad_id, response.text)


@pytest.mark.parametrize(
    ("method", "path", "resource", "scope", "body"), ROUTES, ids=[f"{m} {p}" for m, p, *_ in ROUTES]
)
def test_no_bad_body_gets_a_5xx(
    client: httpx.Client, method: str, path: str, resource: str, scope: str, body: object
) -> None:
    assert_no_5xx(client, method, path, resource)


def test_malformed_json_is_400(client: httpx.Client) -> None:
    response = client.post("/external/v1/insights", content=b'{"name": ')
    assert response.status_code == 400
    assert error_of(response) == {
        "code": "invalid_json",
        "message": "Request body is not valid JSON",
    }


def test_wrong_type_is_422_naming_the_field(client: httpx.Client) -> None:
    response = client.post("/external/v1/opportunities", json={"name": "x", "score": "high"})
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert error["fields"][0]["field"] == "score"
    assert "score" in error["message"]


def test_nested_field_is_named_with_its_path(client: httpx.Client) -> None:
    response = client.post(
        "/external/v1/insights", json={"name": "x", "externalReferences": [{"type": "a"}]}
    )
    assert response.status_code == 422
    assert error_of(response)["fields"][0]["field"] == "externalReferences[0].url"


def test_body_too_large_is_413(client: httpx.Client) -> None:
    response = client.post(
        "/external/v1/insights", content=b'{"name": "' + b"a" * 7_000_000 + b'"}'
    )
    assert response.status_code == 413
    assert error_of(response)["code"] == "payload_too_large"


def test_streamed_body_too_large_is_413(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while streaming
        yield b'{"name": "'
        for _ in range(70):
            yield b"a" * 100_000
        yield b'"}'

    response = client.post("/external/v1/insights", content=chunks())
    assert response.status_code == 413
    assert error_of(response)["code"] == "payload_too_large"


def test_huge_limit_or_offset_is_422(client: httpx.Client) -> None:
    for params in ({"limit": 10**30}, {"offset": 10**30}):
        response = client.get("/external/v1/signals", params=params)
        assert response.status_code == 422
        assert error_of(response)["fields"][0]["field"] == next(iter(params))


def test_unknown_route_is_404_json(client: httpx.Client) -> None:
    response = client.get("/external/v1/nothing-here")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_wrong_method_is_405_json(client: httpx.Client) -> None:
    response = client.put("/external/v1/insights")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"

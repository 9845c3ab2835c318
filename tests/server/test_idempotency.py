"""Idempotency-Key on every create: a retry replays the first answer and creates nothing."""

from __future__ import annotations

import concurrent.futures
import uuid
from collections.abc import Callable

import httpx
import pytest

from tests.server.conftest import ClientFor, error_of

CREATES = [
    ("/external/v1/signals", {"text": "Exports are slow.", "signalType": "review"}, "signals"),
    ("/external/v1/insights", {"name": "n"}, "insights"),
    ("/external/v1/opportunities", {"name": "n", "score": 50}, "opportunities"),
    ("/external/v1/ideas", {"name": "n"}, "ideas"),
]


def total(client: httpx.Client, resource: str) -> int:
    return int(client.get(f"/external/v1/{resource}").headers["X-Total-Count"])


@pytest.mark.parametrize(("path", "body", "resource"), CREATES)
class TestIdempotentCreate:
    def test_same_key_and_body_replays_and_creates_nothing(
        self, client: httpx.Client, path: str, body: dict[str, object], resource: str
    ) -> None:
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        first = client.post(path, json=body, headers=headers)
        again = client.post(path, json=body, headers=headers)
        assert first.status_code == again.status_code == 201
        assert again.json() == first.json()
        assert total(client, resource) == 1

    def test_same_key_other_body_is_409(
        self, client: httpx.Client, path: str, body: dict[str, object], resource: str
    ) -> None:
        headers = {"Idempotency-Key": "k-1"}
        assert client.post(path, json=body, headers=headers).status_code == 201
        response = client.post(path, json={**body, "name": "different"}, headers=headers)
        assert response.status_code == 409
        assert error_of(response)["code"] == "conflict"
        assert total(client, resource) == 1

    def test_without_key_each_post_creates(
        self, client: httpx.Client, path: str, body: dict[str, object], resource: str
    ) -> None:
        client.post(path, json=body)
        client.post(path, json=body)
        assert total(client, resource) == 2


def test_concurrent_retries_create_once(client: httpx.Client) -> None:
    headers = {"Idempotency-Key": "race"}
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(
            pool.map(
                lambda _: client.post("/external/v1/ideas", json={"name": "r"}, headers=headers),
                range(8),
            )
        )
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["id"] for a in answers}) == 1
    assert total(client, "ideas") == 1


def test_keys_are_scoped_to_the_workspace(
    client: httpx.Client, client_for: ClientFor, make_key: Callable[..., str]
) -> None:
    other = client_for(make_key())
    headers = {"Idempotency-Key": "shared"}
    mine = client.post("/external/v1/ideas", json={"name": "a"}, headers=headers).json()
    theirs = other.post("/external/v1/ideas", json={"name": "b"}, headers=headers)
    assert theirs.status_code == 201 and theirs.json()["id"] != mine["id"]


def test_same_key_on_another_route_is_409(client: httpx.Client) -> None:
    headers = {"Idempotency-Key": "cross"}
    assert client.post("/external/v1/ideas", json={"name": "a"}, headers=headers).status_code == 201
    assert (
        client.post("/external/v1/insights", json={"name": "a"}, headers=headers).status_code == 409
    )


def test_failed_create_is_not_remembered(client: httpx.Client) -> None:
    headers = {"Idempotency-Key": "after-422"}
    bad = client.post(
        "/external/v1/insights", json={"name": "a", "ideaIds": ["ghost"]}, headers=headers
    )
    assert bad.status_code == 422
    assert (
        client.post("/external/v1/insights", json={"name": "a"}, headers=headers).status_code == 201
    )

"""HTTP helpers for the server tests: a client bound to a key, and small factories."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import ServerHandle

ClientFor = Callable[[str | None], httpx.Client]


@pytest.fixture
def client_for(live_server: ServerHandle) -> Iterator[ClientFor]:
    """`client_for(key)`: an httpx client on the live server sending that key (None: no key)."""
    opened: list[httpx.Client] = []

    def make(key: str | None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        client = httpx.Client(base_url=live_server.base_url, headers=headers, timeout=30.0)
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.close()


@pytest.fixture
def client(client_for: ClientFor, api_key: str) -> httpx.Client:
    """A client for a fresh workspace with every scope."""
    return client_for(api_key)


def create(client: httpx.Client, resource: str, **body: Any) -> dict[str, Any]:
    """POST a create to /external/v1/<resource> and return the created object."""
    defaults: dict[str, Any] = (
        {"text": "Exports are slow.", "signalType": "review"}
        if resource == "signals"
        else {"name": f"a {resource[:-1]}"}
    )
    response = client.post(f"/external/v1/{resource}", json={**defaults, **body})
    assert response.status_code == 201, response.text
    return dict(response.json())


def error_of(response: httpx.Response) -> dict[str, Any]:
    """The error object of an error answer (asserting the one shape every error has)."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert {"code", "message"} <= set(body["error"]), body
    return dict(body["error"])


def settled(
    client: httpx.Client, signal: dict[str, Any], timeout_s: float = 30.0
) -> dict[str, Any]:
    """The signal once the worker has processed it (or failed it)."""
    deadline = time.monotonic() + timeout_s
    while True:
        current = dict(client.get(f"/external/v1/signals/{signal['id']}").json())
        if current["status"] in ("processed", "failed") or time.monotonic() > deadline:
            return current
        time.sleep(0.1)

"""Client test helpers: a ZentrikClient over httpx.MockTransport, and retries without waiting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import pytest

from zentrik_ui import ZentrikClient
from zentrik_ui.client import _base

# Looks like a real key so a leak would be easy to spot in any text.
SECRET_KEY = "zk_live_S3CRET_do_not_leak_0123456789"
BASE_URL = "https://zentrik.test"

Handler = Callable[[httpx.Request], httpx.Response]


@dataclass
class MockServer:
    """Answers through `handler` and remembers every request it was sent."""

    handler: Handler
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)

    def client(self, **kwargs: object) -> ZentrikClient:
        return ZentrikClient(BASE_URL, SECRET_KEY, transport=httpx.MockTransport(self), **kwargs)


def json_response(status: int, body: str | bytes, **headers: str) -> httpx.Response:
    """An answer with `body` sent exactly as given (spec examples are compared verbatim)."""
    content = body.encode() if isinstance(body, str) else body
    return httpx.Response(
        status, content=content, headers={"content-type": "application/json", **headers}
    )


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retries record their waits here instead of sleeping."""
    waited: list[float] = []
    monkeypatch.setattr(_base, "sleep", waited.append)
    return waited

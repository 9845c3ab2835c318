"""`ZentrikClient`: the External API's resources over one keep-alive connection pool."""

from __future__ import annotations

import hashlib

import httpx

from zentrik_ui.client._base import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, BaseClient
from zentrik_ui.client.resources import Ideas, Insights, Opportunities, Signals


def key_fingerprint(api_key: str) -> str:
    """A short, stable, non-reversible name for a key: safe in cache keys and logs.
    `api_key` is already stripped (by the client, or by the workbench's configuration)."""
    return hashlib.sha256(api_key.encode()).hexdigest()[:16]


class ZentrikClient(BaseClient):
    """Typed access to a Zentrik workspace (a real one, or the bundled local server).

    >>> with ZentrikClient("http://127.0.0.1:8787", api_key) as client:
    ...     for insight in client.insights.iter(status="draft"):
    ...         client.insights.update(insight.id, status="published")
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(
            base_url, api_key, timeout=timeout, max_retries=max_retries, transport=transport
        )
        self.fingerprint = key_fingerprint(self._token)
        self.signals = Signals(self)
        self.insights = Insights(self)
        self.opportunities = Opportunities(self)
        self.ideas = Ideas(self)

"""`client.signals`: imported evidence (transcripts, tickets, reviews, reports)."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any, ClassVar

from pydantic import BaseModel

from zentrik_ui.client._base import Retry
from zentrik_ui.client._exceptions import APIStatusError, TextTooLongError
from zentrik_ui.client.resources._resource import Filter, Resource, adapter, field_is
from zentrik_ui.models import ProcessResult, Signal, SignalCreate, SignalType, SignalUpdate

# The server's limit on hashes per `contentHash` filter.
HASHES_PER_REQUEST = 100
# Statuses a server without this project's text endpoint answers `GET /signals/{id}/text` with.
_NO_TEXT_ROUTE = (404, 405)


class _SignalText(BaseModel):
    text: str


class Signals(Resource[Signal]):
    path = "/external/v1/signals"
    model = Signal
    update_model = SignalUpdate
    filters: ClassVar[dict[str, Filter]] = {
        "status": field_is("status"),
        "signal_type": field_is("signal_type"),
    }

    def create(
        self,
        *,
        text: str | None = None,
        signal_type: SignalType | str | None = SignalType.REVIEW,
        name: str | None = None,
        additional_context: str | None = None,
        occurred_at: datetime | None = None,
        product_ids: list[str] | None = None,
        account_id: str | None = None,
        source: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
        external_id: str | None = None,
        idempotency_key: str | None = None,
    ) -> Signal:
        """Send text (or, with `source`/`data`, a raw signal); the answer carries `job_id`.

        The same `idempotency_key` sent again within 24 hours answers the first signal."""
        if text is None:
            signal_type = None  # the raw flow: no typed text, the server guesses the profile
        elif len(text) > self._client.max_text_chars:
            raise TextTooLongError("text", len(text), self._client.max_text_chars)
        return self._create(
            SignalCreate,
            text=text,
            signal_type=signal_type,
            name=name,
            additional_context=additional_context,
            occurred_at=occurred_at,
            product_ids=product_ids,
            account_id=account_id,
            source=source,
            data=data,
            external_id=external_id,
            idempotency_key=idempotency_key,
        )

    def process(self, id: str) -> ProcessResult:
        """Queue (re-)processing by id, publicId (`SIGNAL-43`) or externalId."""
        # Not repeated once it may have reached the server: that would queue a second job.
        return self._client.request_model(
            "POST",
            f"{self._item_path(id)}/process",
            adapter(ProcessResult),
            retry=Retry.UNSENT_ONLY,
        )

    def text(self, id: str) -> str | None:
        """The text the signal's processing reads (this project's `GET /signals/{id}/text`).

        None when the server has none to give: a raw signal without text fields, or a server
        without the endpoint (a real Zentrik answers 404 or 405 there).
        """
        try:
            answer = self._client.request_model(
                "GET", f"{self._item_path(id)}/text", adapter(_SignalText)
            )
        except APIStatusError as exc:
            if exc.status_code in _NO_TEXT_ROUTE:
                return None
            raise
        return answer.text

    def search(self, words: str, *, limit: int = 1000) -> builtins.list[Signal] | None:
        """Up to `limit` signals whose name or text contains `words`, any case (this project's
        `q` filter), newest first; None when the server ignores `q`.

        A server that ignores `q` answers every signal, which would read as "everything
        matches": a second query with words no signal can contain tells the two apart.
        """
        found = self._search_page(words, limit)
        if found and self._search_page(f"no-signal-contains-{uuid.uuid4().hex}", 1):
            return None
        return found

    def with_hashes(self, hashes: Iterable[str]) -> builtins.list[Signal] | None:
        """The signals whose `content_hash` is one of `hashes` (this project's `contentHash`
        filter, asked HASHES_PER_REQUEST at a time); None when the server cannot tell.

        A server without the filter answers signals regardless of their hash (a real Zentrik
        has no `contentHash` at all): any answered signal outside the asked set says so.
        """
        wanted = sorted(set(hashes))
        found: builtins.list[Signal] = []
        for start in range(0, len(wanted), HASHES_PER_REQUEST):
            chunk = wanted[start : start + HASHES_PER_REQUEST]
            params = {"contentHash": ",".join(chunk), "limit": 1000}
            page = self._client.request_model(
                "GET", self.path, adapter(builtins.list[Signal]), params=params
            )
            if any(signal.content_hash not in chunk for signal in page):
                return None
            found += page
        return found

    def _search_page(self, words: str, limit: int) -> builtins.list[Signal]:
        params = {"q": words, "limit": limit}
        return self._client.request_model(
            "GET", self.path, adapter(builtins.list[Signal]), params=params
        )

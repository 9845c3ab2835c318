"""`client.signals`: imported evidence (transcripts, tickets, reviews, reports)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from zentrik_ui.client._base import Retry
from zentrik_ui.client._exceptions import TextTooLongError
from zentrik_ui.client.resources._resource import Filter, Resource, adapter, field_is
from zentrik_ui.models import ProcessResult, Signal, SignalCreate, SignalType, SignalUpdate


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

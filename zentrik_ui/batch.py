"""Create many signals one by one: a failed row never stops the others and, unless the
server refused its content, can be retried.

The runner knows nothing of HTTP: it is given a `create` function (the page passes one that
calls the client) and the error classes that mean "this row failed, say why". A failure is
described, and judged retryable, by the client's own advice unless the caller says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from zentrik_ui.client import ZentrikClient, ZentrikError, can_retry, explain
from zentrik_ui.ingest import RowProblem, SignalDraft


@dataclass(frozen=True)
class RowOutcome:
    draft: SignalDraft | None  # None for rows that never passed validation
    label: str
    public_id: str | None = None
    reason: str | None = None
    retry: bool = False  # whether sending the same row again can succeed

    @property
    def created(self) -> bool:
        return self.public_id is not None


@dataclass
class BatchReport:
    outcomes: list[RowOutcome] = field(default_factory=list)

    @property
    def created(self) -> list[RowOutcome]:
        return [outcome for outcome in self.outcomes if outcome.created]

    @property
    def failed(self) -> list[RowOutcome]:
        return [outcome for outcome in self.outcomes if not outcome.created]

    def retryable(self) -> list[SignalDraft]:
        """Rows the server never got or could not take then (a refused key, a busy server);
        invalid, too large or refused rows need a fixed file instead."""
        return [o.draft for o in self.failed if o.draft is not None and o.retry]

    def merge(self, retry: BatchReport) -> BatchReport:
        """This report with the retried rows' new outcomes in place of their old ones."""
        newer = {o.draft.row_id: o for o in retry.outcomes if o.draft is not None}
        return BatchReport(
            [newer.get(o.draft.row_id, o) if o.draft is not None else o for o in self.outcomes]
        )

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "source": o.label,
                    "result": "created" if o.created else "not created",
                    "signal": o.public_id or "",
                    "reason": o.reason or "",
                }
                for o in self.outcomes
            ],
            columns=["source", "result", "signal", "reason"],
        )


def run_batch(
    drafts: Sequence[SignalDraft],
    create: Callable[[SignalDraft], str],
    *,
    errors: tuple[type[Exception], ...],
    describe: Callable[[Exception], str] | None = None,
    retryable: Callable[[Exception], bool] = can_retry,
    invalid: Sequence[RowProblem] = (),
    on_progress: Callable[[int, int, str], None] | None = None,
) -> BatchReport:
    """Call `create` (returning the new signal's publicId) for each draft in order.

    An exception of one of `errors` marks that row failed with `describe(exc)` (the client's
    advice by default) and, if `retryable(exc)`, retryable; the batch goes on. Anything else
    is a bug and propagates. `invalid` rows are reported as they are.
    """
    describe = describe or _advice
    outcomes = [RowOutcome(None, problem.label, reason=problem.reason) for problem in invalid]
    for index, draft in enumerate(drafts):
        if on_progress:
            on_progress(index, len(drafts), draft.label)
        try:
            outcomes.append(RowOutcome(draft, draft.label, public_id=create(draft)))
        except errors as exc:
            reason, retry = describe(exc), retryable(exc)
            outcomes.append(RowOutcome(draft, draft.label, reason=reason, retry=retry))
    if on_progress:
        on_progress(len(drafts), len(drafts), "")
    return BatchReport(outcomes)


def _advice(exc: Exception) -> str:
    return str(explain(exc)) if isinstance(exc, ZentrikError) else str(exc)


def create_signal(client: ZentrikClient, draft: SignalDraft) -> str:
    """Send one draft through the typed text flow; the new signal's publicId (or id)."""
    signal = client.signals.create(
        text=draft.text,
        signal_type=draft.signal_type,
        name=draft.sent_name(),
        additional_context=draft.additional_context,
        occurred_at=datetime.fromisoformat(draft.occurred_at) if draft.occurred_at else None,
        product_ids=list(draft.product_ids) or None,
        account_id=draft.account_id,
        # A retried row reuses its key: if the first try reached the server, no duplicate.
        idempotency_key=draft.row_id,
    )
    return signal.public_id or signal.id

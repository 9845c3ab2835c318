"""Processing a signal: its text through the extraction engine into draft insights.

The text is read and extracted outside any transaction (extraction is the slow part and must
not hold SQLite's write lock). The result is written in ONE transaction that replaces the
signal's untouched drafts, so running the same job twice (after a worker died) leaves exactly
one set of drafts, and drafts a user edited or published are never touched.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from zentrik_server.db.models import Signal
from zentrik_server.db.types import new_id, utcnow
from zentrik_server.extraction import (
    ExtractedInsight,
    Extraction,
    ExtractionInputError,
    extract,
)
from zentrik_server.insights.repository import replace_untouched_drafts
from zentrik_server.insights.service import draft_columns
from zentrik_server.jobs import queue
from zentrik_server.jobs.queue import ClaimedJob
from zentrik_server.jobs.retry import retry_delay
from zentrik_server.resources import records
from zentrik_server.signals.repository import SIGNALS, text_of

log = logging.getLogger(__name__)

# Where raw-flow signals (`source` + `data`) keep their text, in the order it is joined.
TEXT_KEYS = ("subject", "title", "text", "body", "content", "transcript", "description", "comment")
CONTEXT_MAX_CHARS = 64


class PermanentError(Exception):
    """The signal itself cannot be processed; retrying would fail the same way."""


@dataclass(frozen=True)
class SignalInput:
    id: str
    workspace_id: str
    signal_type: str | None
    text: str
    additional_context: str | None
    product_id: str | None


def process_job(factory: sessionmaker[Session], job: ClaimedJob, worker_id: str) -> None:
    """Run one claimed job to its end: succeeded, queued again for a retry, or failed."""
    if job.attempts > job.max_attempts:
        # Its workers kept dying mid-job (e.g. killed for memory): stop feeding it to more.
        _record_failure(factory, job, worker_id, job.last_error or "Processing kept stopping")
        return
    try:
        signal = load_input(factory, job.signal_id)
        if signal is None:
            return  # deleted meanwhile; its job row went with it
        _test_delay()
        extraction = extract(signal.text, signal.signal_type, signal.additional_context)
        if not save_result(factory, job, worker_id, signal, extraction):
            log.info("job %s: lease lost to another worker; result discarded", job.id)
    except (PermanentError, ExtractionInputError) as exc:
        _record_failure(factory, job, worker_id, str(exc), permanent=True)
    except Exception as exc:
        log.exception("job %s failed (attempt %d)", job.id, job.attempts)
        _record_failure(factory, job, worker_id, f"Processing failed: {exc}")


def _test_delay() -> None:
    # Test hook: ZENTRIK_TEST_JOB_DELAY=<seconds> holds every job mid-processing so a test can
    # kill the worker at a known point. Unset (always, outside tests) it costs nothing.
    delay = os.environ.get("ZENTRIK_TEST_JOB_DELAY")
    if delay:
        time.sleep(float(delay))


def load_input(factory: sessionmaker[Session], signal_id: str | None) -> SignalInput | None:
    with factory() as session:
        signal = session.get(Signal, signal_id) if signal_id else None
        if signal is None:
            return None
        data = signal.data or {}
        product_ids = data.get("productIds") or []
        return SignalInput(
            id=signal.id,
            workspace_id=signal.workspace_id,
            signal_type=signal.signal_type,
            text=_text(session, signal.id, signal.signal_type, data),
            additional_context=data.get("additionalContext") or None,
            product_id=str(product_ids[0]) if product_ids else None,
        )


def _text(session: Session, signal_id: str, signal_type: str | None, data: dict[str, Any]) -> str:
    """A typed signal's stored text, else the text fields of raw `data`."""
    if signal_type is not None:
        stored = text_of(session, signal_id)
        if stored is None:
            raise PermanentError("The signal's text is missing")
        return stored
    text = "\n\n".join(_text_fields(data)).strip()
    if not text:
        raise PermanentError("No text found in signal data")
    return text


def _text_fields(value: Any, depth: int = 0) -> Iterator[str]:
    """String values under TEXT_KEYS, also one level into nested objects (e.g. `ticket`)."""
    if not isinstance(value, dict) or depth > 1:
        return
    for key in TEXT_KEYS:
        field = value.get(key)
        if isinstance(field, str) and field.strip():
            yield field.strip()
    for nested in value.values():
        yield from _text_fields(nested, depth + 1)


def save_result(
    factory: sessionmaker[Session],
    job: ClaimedJob,
    worker_id: str,
    signal: SignalInput,
    extraction: Extraction,
) -> bool:
    """Replace the signal's untouched drafts with the new ones; False if the lease was lost."""
    now = utcnow()
    with factory() as session:
        # First write: takes SQLite's write lock / PostgreSQL's row lock before anything else.
        if not queue.finish(session, job.id, worker_id):
            session.rollback()
            return False
        processed = {
            "status": "processed",
            "context": extraction.context[:CONTEXT_MAX_CHARS] or None,
            "processed_at": now,
            "failed_at": None,
            "last_error": None,
            "updated_at": now,
        }
        records.change(session, SIGNALS, signal.id, processed)
        rows = [_insight_row(signal, item, now) for item in extraction.insights]
        replace_untouched_drafts(session, signal.id, rows)
        session.commit()
    return True


def _insight_row(signal: SignalInput, item: ExtractedInsight, now: datetime) -> dict[str, Any]:
    return {
        **draft_columns(item, signal.product_id),
        "id": new_id(),
        "workspace_id": signal.workspace_id,
        "origin_signal_id": signal.id,
        "edited_at": None,
        "created_at": now,
        "updated_at": now,
    }


def _record_failure(
    factory: sessionmaker[Session],
    job: ClaimedJob,
    worker_id: str,
    error: str,
    *,
    permanent: bool = False,
) -> None:
    """Retry later while attempts remain; otherwise fail the job and say why on the signal."""
    delay = retry_delay(job.attempts, job.max_attempts, permanent=permanent)
    now = utcnow()
    with factory.begin() as session:
        if delay is not None:
            queue.retry_later(session, job.id, worker_id, now + timedelta(seconds=delay), error)
            return
        if not queue.give_up(session, job.id, worker_id, error) or job.signal_id is None:
            return
        failed = {"status": "failed", "failed_at": now, "last_error": error, "updated_at": now}
        records.change(session, SIGNALS, job.signal_id, failed)

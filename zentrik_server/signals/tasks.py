"""The task that processes a signal: its text through the extraction engine into drafts.

The task marks the signal processing as it starts, then extracts outside any transaction
(extraction is the slow part and must not hold SQLite's write lock). The result is written in
ONE transaction that finishes the job and replaces the signal's untouched drafts, so running
the same job twice (after a worker died) leaves exactly one set of drafts, and drafts a user
edited or published are never touched. The signal's status changes go through
`service.set_status`; the queue (jobs/) runs this by name and knows nothing of signals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from zentrik_server.db.models import Signal
from zentrik_server.db.types import utcnow
from zentrik_server.extraction import Extraction, ExtractionInputError, extract
from zentrik_server.insights.dedup import save_findings
from zentrik_server.insights.service import draft_row
from zentrik_server.jobs.registry import task
from zentrik_server.jobs.runner import PermanentError, RunningJob
from zentrik_server.learning import store as learned
from zentrik_server.signals import service
from zentrik_server.signals.text import text_of_signal

CONTEXT_MAX_CHARS = 64


@dataclass(frozen=True)
class SignalInput:
    id: str
    workspace_id: str
    signal_type: str | None
    text: str
    additional_context: str | None
    product_id: str | None


def _failed(session: Session, args: Mapping[str, Any], error: str) -> None:
    """The job failed for good: the signal says why."""
    service.set_status(session, str(args["signalId"]), "failed", error=error)


@task(service.PROCESS_TASK, on_failure=_failed)
def process_signal(job: RunningJob) -> None:
    """Mark the signal processing, extract its text, save the drafts and mark it processed."""
    with job.factory.begin() as session:
        signal = start(session, str(job.args["signalId"]), job.id)
    if signal is None:
        return  # deleted meanwhile; its jobs went with it
    model = learned.load(job.factory, signal.workspace_id)
    try:
        extraction = extract(
            signal.text,
            signal.signal_type,
            signal.additional_context,
            job.settings.llm,
            workspace_model=model,
        )
    except ExtractionInputError as exc:
        raise PermanentError(str(exc)) from exc
    save_result(job, signal, extraction)


def start(session: Session, signal_id: str, job_id: str) -> SignalInput | None:
    """Mark the signal processing by this job and read what extraction needs (None if gone)."""
    signal = session.get(Signal, signal_id)
    if signal is None:
        return None
    service.set_status(session, signal_id, "processing", job_id=job_id)
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
    text = text_of_signal(session, signal_id, signal_type, data)
    if text is not None:
        return text
    if signal_type is not None:
        raise PermanentError("The signal's text is missing")
    raise PermanentError("No text found in signal data")


def save_result(job: RunningJob, signal: SignalInput, extraction: Extraction) -> None:
    """Finish the job and save the findings (insights/dedup.py); nothing if the lease was lost."""
    now = utcnow()
    with job.factory() as session:
        # First write: takes SQLite's write lock / PostgreSQL's job row lock before the signal's.
        if not job.finish(session):
            session.rollback()
            return
        context = {"context": extraction.context[:CONTEXT_MAX_CHARS] or None}
        service.set_status(session, signal.id, "processed", also=context)
        rows = [
            draft_row(item, signal.product_id, signal.workspace_id, now, signal.id)
            for item in extraction.insights
        ]
        save_findings(session, signal.workspace_id, signal.id, rows)
        session.commit()

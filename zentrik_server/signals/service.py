"""Signal rules: the typed text flow, the raw flow, public ids, queueing their processing,
and the signal's lifecycle.

A create writes the signal, its job and, for typed text, the text itself, in one transaction:
no signal is ever left without its job or its text, and a failed create leaves nothing. The
text lives in the database; `data.s3Key` is only a server-made name (the spec shows it), which
a client can neither set nor change.

`status_columns` is the one place a signal's status and `processing` block change: create and
`process` queue it (processing), and its task (signals/tasks.py) marks it processing when it
starts, processed with its drafts, or failed for good.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy.orm import Session

from zentrik_server.auth.service import Caller
from zentrik_server.db.types import new_id, utcnow
from zentrik_server.errors import FieldError, Invalid
from zentrik_server.extraction import guess_signal_type
from zentrik_server.extraction.profiles import PROFILES
from zentrik_server.idempotency import Answer, commit_create
from zentrik_server.jobs import queue
from zentrik_server.resources import crud, records
from zentrik_server.resources.records import Json
from zentrik_server.signals.content_hash import content_hash
from zentrik_server.signals.repository import (
    SIGNALS,
    any_identifier,
    next_public_number,
    store_text,
    text_key,
)
from zentrik_server.signals.schemas import SignalCreate, SignalUpdate
from zentrik_server.vocabulary import SignalType

PROCESS_TASK = "process_signal"  # signals/tasks.py

Lifecycle = Literal["processing", "processed", "failed"]


def display_time(moment: datetime) -> str:
    """`3/11/25, 2:30 PM` (UTC), the spec's generated-name format."""
    moment = moment.astimezone(UTC)
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{moment.month}/{moment.day}/{moment:%y}, {hour}:{moment:%M} {half}"


def _label(source_type: str) -> str:
    return " ".join(part.capitalize() for part in source_type.replace("_", "-").split("-") if part)


def create(session: Session, caller: Caller, body: SignalCreate, key: str | None) -> Answer:
    typed = body.text is not None or body.signal_type is not None
    _check_flow(body, typed)
    signal_id, now = new_id(), utcnow()
    created_at = _as_utc(body.occurred_at) if body.occurred_at else now
    if typed:
        row = _typed_row(body, text_key(caller.workspace_id, signal_id), created_at, now)
    else:
        row = _raw_row(body, created_at)

    def write() -> Answer:
        job_id = new_id()
        values = {
            **row,
            "id": signal_id,
            "workspace_id": caller.workspace_id,
            "public_number": next_public_number(session, caller.workspace_id),
            **status_columns("processing", now, job_id=job_id),
        }
        records.add(session, SIGNALS, values)
        if body.text is not None:
            store_text(session, signal_id, body.text)
        queue_processing(session, signal_id, job_id)
        # Answered from what was written (no re-read), as crud.create does; no insights yet.
        signal = records.as_written(SIGNALS, values, {})
        return 201, {**signal, "jobId": job_id}

    return commit_create(session, caller.workspace_id, key, "POST signal", body, write)


def _check_flow(body: SignalCreate, typed: bool) -> None:
    if typed and body.text is None:
        raise Invalid(
            "Typed text signals need text; signalType alone is not a signal",
            [FieldError("text", "Field required for typed text signals")],
        )
    if not typed and body.source is None and body.data is None:
        raise Invalid(
            "Send text (with its signalType, or it is guessed from the text), or a raw signal "
            "with source and data",
            [FieldError("text", "Field required")],
        )


def _typed_row(
    body: SignalCreate, s3_key: str, created_at: datetime, now: datetime
) -> dict[str, Any]:
    # Without signalType the text's shape says it (speaker lines, a ticket's headers, a
    # report's sections), so an interview is not read as a review; a review when it says none.
    signal_type = body.signal_type or SignalType(guess_signal_type(body.text or ""))
    return {
        "name": body.name or f"{signal_type.label} - {display_time(created_at)}",
        "signal_type": signal_type.value,
        "context": None,
        "source": {
            "type": "manual-text",
            "external_data": {
                "signalType": signal_type.value,
                "analysisProfile": PROFILES[signal_type].analysis,
                **({} if body.signal_type else {"signalTypeGuessed": True}),
            },
        },
        "data": {
            "s3Key": s3_key,
            "productIds": body.product_ids,
            "accountId": body.account_id,
            "additionalContext": body.additional_context,
            "uploadedAt": now.isoformat().replace("+00:00", "Z"),
        },
        "external_id": body.external_id,
        "content_hash": content_hash(body.text or ""),
        "created_at": created_at,
    }


def _raw_row(body: SignalCreate, created_at: datetime) -> dict[str, Any]:
    source = body.source.model_dump(exclude_none=True) if body.source else {"type": "api"}
    return {
        "name": body.name or f"{_label(source['type'])} - {display_time(created_at)}",
        "signal_type": None,
        "context": body.context,
        "source": source,
        "data": body.data,
        "external_id": body.external_id,
        "created_at": created_at,
    }


def update(
    session: Session, caller: Caller, signal_id: str, body: SignalUpdate, if_match: str | None
) -> bytes:
    also: dict[str, Any] = {}
    if body.source is not None:
        # A sent `source` is stored without its absent keys, as a create stores it.
        also["source"] = body.source.model_dump(exclude_none=True)
    if "data" in body.model_fields_set:
        also["data"] = _keep_server_key(session, caller, signal_id, body.data)
    return crud.update_from(session, caller, SIGNALS, signal_id, body, also, if_match)


def _keep_server_key(
    session: Session, caller: Caller, signal_id: str, data: dict[str, Any] | None
) -> dict[str, Any] | None:
    """New `data` for a typed signal keeps its server-made s3Key (a client never sets it)."""
    row = records.find_row(session, SIGNALS, SIGNALS.table.c.id == signal_id, caller.workspace_id)
    if row is None or row["signal_type"] is None:
        return data  # unknown ids are answered 404 by the update itself
    return {**(data or {}), "s3Key": text_key(caller.workspace_id, signal_id)}


def delete(session: Session, caller: Caller, signal_id: str, if_match: str | None) -> None:
    """The signal, its text (foreign key cascade) and its jobs go together."""
    subject = jobs_subject(signal_id)
    queue.lock_jobs(session, subject)
    crud.hold(session, SIGNALS, caller.workspace_id, signal_id, if_match)  # after jobs: their order
    queue.delete_jobs(session, subject)
    records.remove(session, SIGNALS, caller.workspace_id, signal_id)
    session.commit()


def process(session: Session, caller: Caller, identifier: str) -> Json:
    """Queue the signal (by id, publicId or externalId) again; answers the job id."""
    row = records.find_row(session, SIGNALS, any_identifier(identifier), caller.workspace_id)
    if row is None:
        raise SIGNALS.not_found(identifier)
    job_id = queue_processing(session, row["id"])
    set_status(session, row["id"], "processing", job_id=job_id)
    session.commit()
    return {"jobId": job_id}


def jobs_subject(signal_id: str) -> str:
    """The queue's tag on a signal's jobs, to lock and delete them with it."""
    return f"signal:{signal_id}"


def queue_processing(session: Session, signal_id: str, job_id: str | None = None) -> str:
    """Add the signal's processing job to the caller's transaction; answers its id."""
    args = {"signalId": signal_id}
    job = queue.enqueue(session, PROCESS_TASK, args, subject=jobs_subject(signal_id), job_id=job_id)
    return job.id


def status_columns(
    status: Lifecycle, now: datetime, *, job_id: str | None = None, error: str | None = None
) -> dict[str, Any]:
    """The signal's columns on entering `status`: every lifecycle change is written from here.

    processing: job `job_id` is queued or running (an earlier failure is cleared); processed:
    its drafts are saved; failed: for good, saying why (`error`).
    """
    columns: dict[str, Any] = {"status": status, "updated_at": now}
    if status == "processing":
        started = {"last_job_id": job_id, "started_at": now}
        return {**columns, **started, "failed_at": None, "last_error": None}
    if status == "processed":
        return {**columns, "processed_at": now, "failed_at": None, "last_error": None}
    return {**columns, "failed_at": now, "last_error": error}


def set_status(
    session: Session,
    signal_id: str,
    status: Lifecycle,
    *,
    job_id: str | None = None,
    error: str | None = None,
    also: dict[str, Any] | None = None,
) -> None:
    """Move the signal to `status` in the caller's transaction, with `also` (e.g. context)."""
    columns = status_columns(status, utcnow(), job_id=job_id, error=error)
    records.change(session, SIGNALS, signal_id, {**columns, **(also or {})})


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)

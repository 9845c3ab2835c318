"""Signal rules: the typed text flow, the raw flow, public ids, and queueing their processing.

A create writes the signal, its job (same transaction, so no signal is ever left without its
job) and, for typed text, the text file under `data.s3Key`. If the transaction fails the file
is removed again: nothing half-written stays behind.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from zentrik_server.auth.service import Caller
from zentrik_server.config import Settings
from zentrik_server.db.types import new_id, utcnow
from zentrik_server.errors import FieldError, Invalid
from zentrik_server.idempotency import Answer, commit_create
from zentrik_server.jobs.queue import enqueue, lock_jobs_of_signal
from zentrik_server.resources import crud, records
from zentrik_server.resources.records import Json
from zentrik_server.signals.repository import SIGNALS, any_identifier, next_public_number
from zentrik_server.signals.schemas import SignalCreate, SignalUpdate

LABELS = {
    "transcript": "Transcript",
    "support_ticket": "Support Ticket",
    "review": "Review",
    "discovery_report": "Discovery Report",
}
# The analysis each typed flow gets; review -> "survey_response" as in the spec's example.
ANALYSIS_PROFILES = {
    "transcript": "transcript",
    "support_ticket": "support_ticket",
    "review": "survey_response",
    "discovery_report": "discovery_report",
}


def display_time(moment: datetime) -> str:
    """`3/11/25, 2:30 PM` (UTC), the spec's generated-name format."""
    moment = moment.astimezone(UTC)
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{moment.month}/{moment.day}/{moment:%y}, {hour}:{moment:%M} {half}"


def _label(source_type: str) -> str:
    return " ".join(part.capitalize() for part in source_type.replace("_", "-").split("-") if part)


def create(
    session: Session, settings: Settings, caller: Caller, body: SignalCreate, key: str | None
) -> Answer:
    typed = body.text is not None or body.signal_type is not None
    _check_flow(body, typed)
    signal_id, now = new_id(), utcnow()
    created_at = _as_utc(body.occurred_at) if body.occurred_at else now
    text_file: Path | None = None
    if typed:
        s3_key = f"signals/manual-text/{caller.workspace_id}/{signal_id}.txt"
        text_file = settings.text_path(s3_key)
        row = _typed_row(body, s3_key, created_at, now)
    else:
        row = _raw_row(body, created_at)

    def write() -> Answer:
        if text_file is not None:
            text_file.parent.mkdir(parents=True, exist_ok=True)
            text_file.write_text(body.text or "", encoding="utf-8")
        job_id = new_id()
        values = {
            **row,
            "id": signal_id,
            "workspace_id": caller.workspace_id,
            "public_number": next_public_number(session, caller.workspace_id),
            "status": "processing",
            "last_job_id": job_id,
            "started_at": now,
            "updated_at": now,
        }
        # The row goes in first: the job refers to it.
        records.add(session, SIGNALS, values)
        enqueue(session, workspace_id=caller.workspace_id, signal_id=signal_id, job_id=job_id)
        # Answered from what was written (no re-read), as crud.create does; no insights yet.
        no_links = {link.name: [] for link in SIGNALS.links}
        signal = SIGNALS.serialize(records.stored_row(SIGNALS, values) | no_links)
        return 201, {**signal, "jobId": job_id}

    route = "POST signal"
    try:
        status, answer = commit_create(session, caller.workspace_id, key, route, body, write)
    except BaseException:
        _remove(text_file)
        raise
    if answer.get("id") != signal_id:  # an earlier answer was replayed: this file is unused
        _remove(text_file)
    return status, answer


def _check_flow(body: SignalCreate, typed: bool) -> None:
    if typed:
        missing = [
            name
            for name, value in (("text", body.text), ("signalType", body.signal_type))
            if value is None
        ]
        if missing:
            fields = [FieldError(name, "Field required for typed text signals") for name in missing]
            raise Invalid(
                f"Typed text signals need text and signalType; missing {', '.join(missing)}", fields
            )
    elif body.source is None and body.data is None:
        raise Invalid(
            "Send text and signalType (or a raw signal with source and data)",
            [FieldError("text", "Field required"), FieldError("signalType", "Field required")],
        )


def _typed_row(
    body: SignalCreate, s3_key: str, created_at: datetime, now: datetime
) -> dict[str, Any]:
    signal_type = body.signal_type or "review"
    return {
        "name": body.name or f"{LABELS[signal_type]} - {display_time(created_at)}",
        "signal_type": signal_type,
        "context": None,
        "source": {
            "type": "manual-text",
            "external_data": {
                "signalType": signal_type,
                "analysisProfile": ANALYSIS_PROFILES[signal_type],
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
    # A sent `source` is stored without its absent keys, as a create stores it.
    source = {"source": body.source.model_dump(exclude_none=True)} if body.source else None
    return crud.update_from(session, caller, SIGNALS, signal_id, body, source, if_match)


def delete(
    session: Session, settings: Settings, caller: Caller, signal_id: str, if_match: str | None
) -> None:
    row = records.find_row(session, SIGNALS, SIGNALS.table.c.id == signal_id, caller.workspace_id)
    if row is None:
        raise SIGNALS.not_found(signal_id)
    lock_jobs_of_signal(session, signal_id)
    crud.hold(session, SIGNALS, caller.workspace_id, signal_id, if_match)  # after jobs: their order
    records.remove(session, SIGNALS, caller.workspace_id, signal_id)
    session.commit()
    s3_key = (row["data"] or {}).get("s3Key") if row["signal_type"] else None
    if isinstance(s3_key, str):
        _remove(settings.text_path(s3_key))


def process(session: Session, caller: Caller, identifier: str) -> Json:
    """Queue the signal (by id, publicId or externalId) again; answers the job id."""
    row = records.find_row(session, SIGNALS, any_identifier(identifier), caller.workspace_id)
    if row is None:
        raise SIGNALS.not_found(identifier)
    job = enqueue(session, workspace_id=caller.workspace_id, signal_id=row["id"])
    session.flush()
    records.change(
        session,
        SIGNALS,
        row["id"],
        {
            "status": "processing",
            "last_job_id": job.id,
            "started_at": utcnow(),
            "failed_at": None,
            "last_error": None,
        },
    )
    session.commit()
    return {"jobId": job.id}


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _remove(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)

"""A signal's text as its processing reads it, for `GET /signals/{id}/text`."""

from __future__ import annotations

from sqlalchemy.orm import Session

from zentrik_server.errors import NotFound
from zentrik_server.jobs.processing import _text_fields
from zentrik_server.resources import records
from zentrik_server.resources.links import T_SIGNALS
from zentrik_server.signals.repository import SIGNALS, text_of


def readable_text(session: Session, workspace_id: str, signal_id: str) -> str:
    """The typed text, or the text fields of raw `data` joined as the worker joins them (one
    rule for both, `processing._text_fields`). Another workspace's signal is not found."""
    row = records.find_row(session, SIGNALS, T_SIGNALS.c.id == signal_id, workspace_id)
    if row is None:
        raise SIGNALS.not_found(signal_id)
    if row["signal_type"] is not None:
        text = text_of(session, signal_id)
    else:
        text = "\n\n".join(_text_fields(row["data"] or {})).strip()
    if not text:
        raise NotFound(f"Signal {signal_id} has no text")
    return text

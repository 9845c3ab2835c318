"""A signal's text: the one rule its processing and `GET /signals/{id}/text` both read by.

A typed signal's text is the stored one; a raw signal's is the text fields of its `data`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from zentrik_server.errors import NotFound
from zentrik_server.resources import records
from zentrik_server.resources.links import T_SIGNALS
from zentrik_server.signals.repository import SIGNALS, text_of

# Where raw-flow signals (`source` + `data`) keep their text, in the order it is joined.
TEXT_KEYS = ("subject", "title", "text", "body", "content", "transcript", "description", "comment")


def text_of_signal(
    session: Session, signal_id: str, signal_type: str | None, data: dict[str, Any] | None
) -> str | None:
    """The text processing reads (None: the signal has none)."""
    if signal_type is not None:
        return text_of(session, signal_id)
    return "\n\n".join(_text_fields(data or {})).strip() or None


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


def readable_text(session: Session, workspace_id: str, signal_id: str) -> str:
    """The signal's text for a reader; another workspace's signal is not found."""
    row = records.find_row(session, SIGNALS, T_SIGNALS.c.id == signal_id, workspace_id)
    if row is None:
        raise SIGNALS.not_found(signal_id)
    text = text_of_signal(session, signal_id, row["signal_type"], row["data"])
    if text is None:
        raise NotFound(f"Signal {signal_id} has no text")
    return text

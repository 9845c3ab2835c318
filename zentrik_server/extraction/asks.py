"""Two asks in one sentence are two drafts: "Please add a dark mode and let me pin recipes to
the home screen" is cut before the second ask, each piece a unit of its own."""

from __future__ import annotations

import re
from dataclasses import replace

from .segment import Unit

_ASKING = re.compile(
    r"\b(?:please|pls|plz|add|wish|would (?:love|like)|could you|can you|need|want|should)\b",
    re.IGNORECASE,
)
_SECOND_ASK = re.compile(
    r"(?:,\s*|\s+)(?:and|also|plus)\s+(?:also\s+)?(?=(?:please\s+)?(?:add|let (?:me|us|users)|"
    r"make|allow|give|support|show|include|bring back|could you|can you|an? (?:option|way))\b)",
    re.IGNORECASE,
)
_MIN_WORDS = 3


def _pieces(text: str) -> list[str]:
    found = _SECOND_ASK.search(text)
    if found is None or not _ASKING.search(text[: found.start()]):
        return [text]
    head, rest = text[: found.start()].strip(), text[found.end() :].strip()
    if len(head.split()) < _MIN_WORDS or len(rest.split()) < _MIN_WORDS:
        return [text]
    return [head, *_pieces(rest)]


def split_asks(units: list[Unit]) -> list[Unit]:
    """The units, each sentence holding two asks replaced by one unit per ask."""
    return [replace(unit, text=piece) for unit in units for piece in _pieces(unit.text)]

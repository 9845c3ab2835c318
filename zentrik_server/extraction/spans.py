"""Where a quote sits in the signal's text, so evidence is machine-checkable: for every
quote, `text[start:end] == quote` on the text the customer sent.

The engine reads a normalised copy (text.normalize: one spelling of quotes, runs of blanks
collapsed, lines stripped), so a unit's words are found again in the original with blanks
and quote marks matched loosely, and the quote becomes the original's own characters."""

from __future__ import annotations

import re
from collections.abc import Sequence

Span = tuple[int, int]

_LOOSE = {
    "'": "['\u2018\u2019]",
    '"': '["\u201c\u201d]',
}
# Between two words: blanks, and the bullet of a next line the profile joined on (reviews).
_GAP = r"\s+(?:[-*•·▪–]\s+)?"
# A sentence that runs across subtitle cues (a timing line in between) is not one span of
# the original: its first piece, down to this many words, is quoted instead.
_MIN_PIECE_WORDS = 3


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    loose = ("".join(_LOOSE.get(char, re.escape(char)) for char in word) for word in words)
    return re.compile(_GAP.join(loose))


def find_span(text: str, quote: str, start: int = 0) -> Span | None:
    """The first place at or after `start` where `quote` is said, blanks and quote marks
    spelled either way; None when the quote is not in the text."""
    exact = text.find(quote, start)
    if exact >= 0:
        return exact, exact + len(quote)
    words = quote.split()
    if not words:
        return None
    found = _pattern(words).search(text, start)
    return (found.start(), found.end()) if found else None


def _first_piece(text: str, quote: str, start: int) -> Span | None:
    """The longest opening of `quote` that is one span of the text (see _MIN_PIECE_WORDS)."""
    words = quote.split()
    for size in range(len(words) - 1, _MIN_PIECE_WORDS - 1, -1):
        found = _pattern(words[:size]).search(text, start)
        if found:
            return found.start(), found.end()
    return None


def locate(text: str, quotes: Sequence[str]) -> list[Span | None]:
    """Spans of quotes given in reading order: each is looked for after the one before it
    (a sentence said twice is quoted where it was said), then anywhere."""
    spans: list[Span | None] = []
    cursor = 0
    for quote in quotes:
        span = find_span(text, quote, cursor) or find_span(text, quote)
        span = span or _first_piece(text, quote, cursor) or _first_piece(text, quote, 0)
        if span is not None:
            cursor = span[1]
        spans.append(span)
    return spans

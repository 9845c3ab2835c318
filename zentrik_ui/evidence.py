"""The quoted evidence an insight was drafted from, as the engine left it in aiSuggestions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def evidence_quotes(ai_suggestions: Any) -> list[str]:
    """The quoted spans an insight was drafted from, as `“text” — speaker` lines."""
    if not isinstance(ai_suggestions, Mapping):
        return []
    quotes = []
    for item in ai_suggestions.get("evidence") or []:
        if isinstance(item, Mapping):
            text, speaker = str(item.get("text") or "").strip(), item.get("speaker")
        else:
            text, speaker = str(item).strip(), None
        if text:
            quotes.append(f"“{text}” — {speaker}" if speaker else f"“{text}”")
    return quotes

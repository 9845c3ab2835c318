"""The quoted evidence an insight was drafted from, as the engine left it in aiSuggestions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def evidence_items(ai_suggestions: Any) -> list[Any]:
    """The `evidence` list of an insight's aiSuggestions (objects, or plain quotes from other
    servers); empty when there is none or it is not a list."""
    items = ai_suggestions.get("evidence") if isinstance(ai_suggestions, Mapping) else None
    return items if isinstance(items, list) else []


def evidence_quotes(ai_suggestions: Any) -> list[str]:
    """The quoted spans an insight was drafted from, as `“text” — speaker` lines."""
    quotes = []
    for item in evidence_items(ai_suggestions):
        if isinstance(item, Mapping):
            text, speaker = str(item.get("text") or "").strip(), item.get("speaker")
        else:
            text, speaker = str(item).strip(), None
        if text:
            quotes.append(f"“{text}” — {speaker}" if speaker else f"“{text}”")
    return quotes

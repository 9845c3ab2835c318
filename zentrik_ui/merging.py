"""Merged insights as Triage shows them: what joined an insight, how alike, what to say.

Read from the server's `aiSuggestions`: each evidence item that came from another insight
names it (`mergedFrom`), and one joined by de-duplication says why (`match`: score and shared
terms); a published insight counts `mentionsSincePublished`. No Streamlit here (the panels
are in merge_panels.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from zentrik_ui.evidence import evidence_items
from zentrik_ui.formatting import joined, plural

_SHARED_SHOWN = 4


@dataclass
class MergedSource:
    """One insight merged into another, as its evidence there shows it."""

    insight_id: str
    quotes: list[str] = field(default_factory=list)
    signal_ids: list[str] = field(default_factory=list)
    score: float | None = None  # set when de-duplication joined it, None when merged by hand
    shared_terms: list[str] = field(default_factory=list)


def merged_sources(ai_suggestions: Any) -> list[MergedSource]:
    """The insights merged into this one, in the order they joined, each with its quotes."""
    sources: dict[str, MergedSource] = {}
    for item in evidence_items(ai_suggestions):
        merged_from = item.get("mergedFrom") if isinstance(item, Mapping) else None
        if not isinstance(merged_from, str) or not merged_from:
            continue
        source = sources.setdefault(merged_from, MergedSource(merged_from))
        text = str(item.get("text") or "").strip()
        if text:
            source.quotes.append(text)
        signal_id = item.get("signalId")
        if isinstance(signal_id, str) and signal_id not in source.signal_ids:
            source.signal_ids.append(signal_id)
        match = item.get("match")
        if isinstance(match, Mapping) and isinstance(match.get("score"), int | float):
            source.score = float(match["score"])
            source.shared_terms = [str(t) for t in match.get("sharedTerms") or []]
    return list(sources.values())


def mentions_since_published(ai_suggestions: Any) -> int:
    """How many mentions joined a published insight since it was published."""
    if not isinstance(ai_suggestions, Mapping):
        return 0
    count = ai_suggestions.get("mentionsSincePublished")
    return count if isinstance(count, int) and count > 0 else 0


def mentions_note(count: int) -> str:
    return f"{plural(count, 'new mention')} since published" if count else ""


def alike(score: float, shared_terms: list[str]) -> str:
    """`62% alike · shares photo, attach`: a match's score and the words behind it."""
    words = joined(shared_terms[:_SHARED_SHOWN])
    return f"{round(score * 100)}% alike" + (f" · shares {words}" if words else "")


def how_it_joined(source: MergedSource) -> str:
    if source.score is None:
        return "merged by hand"
    return f"joined automatically ({alike(source.score, source.shared_terms)})"


def merged_message(count: int, target: str) -> str:
    return (
        f"Merged {plural(count, 'insight')} into “{target}”: its evidence and signals are "
        "there now. Undo with Unmerge in that insight's evidence."
    )

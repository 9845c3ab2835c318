"""The engine's output types: what the worker and the API store as draft insights."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from zentrik_server.vocabulary import InsightKind as Kind
from zentrik_server.vocabulary import Severity

InsightType = Literal["user-interview", "support-ticket", "feedback", "market-research", "other"]

# The kinds that report something wrong (a PM triages them by severity; they group together).
PROBLEMS: frozenset[Kind] = frozenset({Kind.BUG, Kind.PAIN_POINT})
SEVERITY_RANK: dict[Severity, int] = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2}


class ExtractionInputError(ValueError):
    """The input is empty or not text; the caller sent something unusable."""


@dataclass(frozen=True)
class Evidence:
    """One quoted span, with who said it and where it sits in the signal: the passage
    (`source`) and the characters, `signal_text[start:end] == text` (None when unknown)."""

    text: str
    speaker: str | None = None
    source: int = 0
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "source": self.source,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class ExtractedInsight:
    kind: Kind
    name: str
    description: str
    type: InsightType
    severity: Severity
    sentiment: float
    evidence: list[str]
    quotes: list[Evidence] = field(default_factory=list)
    engine: str = "offline"

    def ai_suggestions(self) -> dict[str, Any]:
        """What the workbench shows as the reason for this draft (JSON-able)."""
        return {
            "kind": self.kind,
            "severity": self.severity,
            "sentiment": round(self.sentiment, 3),
            "evidence": [quote.as_dict() for quote in self.quotes],
            "engine": self.engine,
        }


@dataclass
class Extraction:
    context: str
    insights: list[ExtractedInsight]
    engine: str = "offline"

"""An evidence-based score suggestion for an opportunity, shown beside the user's own score.

The suggestion is advice: the page shows it with its formula and only a user's click copies it
into the score. Everything here is a pure function of the linked insights.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from zentrik_ui.models import Severity

SEVERITY_WEIGHTS: Mapping[str, float] = {
    Severity.HIGH: 1.0,
    Severity.MEDIUM: 0.6,
    Severity.LOW: 0.3,
}
UNKNOWN_SEVERITY_WEIGHT = 0.5
HALF_LIFE_DAYS = 30.0
EVIDENCE_SCALE = 4.0  # weighted insights at which the evidence part reaches 63 % of its share
BREADTH_SCALE = 3.0  # distinct signals at which the breadth part reaches 63 % of its share
EVIDENCE_SHARE = 60.0
BREADTH_SHARE = 40.0

FORMULA = (
    "**Suggested score** = 60 × (1 − e^(−E / 4)) + 40 × (1 − e^(−S / 3)), rounded, 0–100.\n\n"
    "- **E (evidence)**: the sum over the *distinct published* insights linked to the "
    "opportunity of *severity × recency*. Severity comes from the extraction "
    "(high 1.0, medium 0.6, low 0.3, unknown 0.5); recency halves every 30 days since the "
    "insight was created.\n"
    "- **S (breadth)**: how many *distinct source signals* those insights came from — the "
    "same complaint from five customers weighs more than five notes from one call.\n\n"
    "Drafts and archived insights do not count. The suggestion never changes your score: "
    "use the button to copy it if you agree."
)


@dataclass(frozen=True)
class Evidence:
    """One published insight backing an opportunity."""

    insight_id: str
    signal_ids: tuple[str, ...]
    severity: str | None
    created_at: datetime


@dataclass(frozen=True)
class ScoreSuggestion:
    score: int
    insights: int
    signals: int  # S in the formula
    evidence: float  # E in the formula
    newest: datetime | None

    @property
    def evidence_part(self) -> float:
        return EVIDENCE_SHARE * (1 - math.exp(-self.evidence / EVIDENCE_SCALE))

    @property
    def breadth_part(self) -> float:
        return BREADTH_SHARE * (1 - math.exp(-self.signals / BREADTH_SCALE))

    def worked(self) -> str:
        """The formula with this opportunity's own E and S put in (markdown)."""
        return (
            f"Here **E = {self.evidence:.2f}** (from {self.insights} published insight"
            f"{'' if self.insights == 1 else 's'}) and **S = {self.signals}**: "
            f"60 × (1 − e^(−{self.evidence:.2f} / 4)) + 40 × (1 − e^(−{self.signals} / 3)) "
            f"= {self.evidence_part:.1f} + {self.breadth_part:.1f} → **{self.score}**."
        )


@dataclass(frozen=True)
class Contribution:
    """What one insight adds to E: its severity weight × its recency."""

    insight_id: str
    severity: float
    recency: float

    @property
    def weight(self) -> float:
        return self.severity * self.recency


def recency(created_at: datetime, now: datetime) -> float:
    age_days = max((now - created_at).total_seconds() / 86400.0, 0.0)
    return 0.5 ** (age_days / HALF_LIFE_DAYS)


def severity_weight(severity: str | None) -> float:
    return SEVERITY_WEIGHTS.get((severity or "").lower(), UNKNOWN_SEVERITY_WEIGHT)


def contributions(evidence: Sequence[Evidence], now: datetime) -> list[Contribution]:
    """Each distinct insight's share of E, largest first (the evidence behind the score)."""
    distinct = {item.insight_id: item for item in evidence}.values()
    parts = [
        Contribution(i.insight_id, severity_weight(i.severity), recency(i.created_at, now))
        for i in distinct
    ]
    return sorted(parts, key=lambda part: part.weight, reverse=True)


def suggest_score(evidence: Sequence[Evidence], now: datetime | None = None) -> ScoreSuggestion:
    now = now or datetime.now(UTC)
    distinct = {item.insight_id: item for item in evidence}.values()
    weighted = sum(part.weight for part in contributions(evidence, now))
    signals = {signal for item in distinct for signal in item.signal_ids}
    raw = EVIDENCE_SHARE * (1 - math.exp(-weighted / EVIDENCE_SCALE)) + BREADTH_SHARE * (
        1 - math.exp(-len(signals) / BREADTH_SCALE)
    )
    return ScoreSuggestion(
        score=max(0, min(100, round(raw))),
        insights=len(distinct),
        signals=len(signals),
        evidence=round(weighted, 2),
        newest=max((item.created_at for item in distinct), default=None),
    )


def evidence_from_records(
    insight_ids: Iterable[str], insights: Mapping[str, Mapping[str, Any]]
) -> list[Evidence]:
    """The published insights among `insight_ids`, from records keyed by id holding
    status, signal_ids, severity and created_at."""
    found = []
    for insight_id in dict.fromkeys(insight_ids):
        record = insights.get(insight_id)
        if record is None or record.get("status") != "published":
            continue
        created = record.get("created_at")
        if not isinstance(created, datetime):
            continue
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        severity = record.get("severity")
        found.append(
            Evidence(
                insight_id=insight_id,
                signal_ids=tuple(record.get("signal_ids") or ()),
                severity=str(severity) if isinstance(severity, str) and severity else None,
                created_at=created,
            )
        )
    return found

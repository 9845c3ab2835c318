"""What each signal type means to the engine: the analysis profile a typed signal records
(`data.source.external_data.analysisProfile`), the insight type its drafts get, and the
context it falls back to when no topic dominates. How each type is cut into units is in
`segment.py` (`units_of`), keyed by the same enum."""

from __future__ import annotations

from dataclasses import dataclass

from zentrik_server.vocabulary import SignalType

from .result import InsightType


@dataclass(frozen=True)
class Profile:
    analysis: str
    insight_type: InsightType
    default_context: str


PROFILES: dict[SignalType, Profile] = {
    SignalType.TRANSCRIPT: Profile("transcript", "user-interview", "user_interview"),
    SignalType.SUPPORT_TICKET: Profile("support_ticket", "support-ticket", "support_request"),
    # A review is analysed as a survey response, as in the spec's example.
    SignalType.REVIEW: Profile("survey_response", "feedback", "general_feedback"),
    SignalType.DISCOVERY_REPORT: Profile("discovery_report", "market-research", "market_research"),
}

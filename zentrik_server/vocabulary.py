"""The words the API and the extraction engine share, each spelled once: the signal types a
typed signal may have, and the kinds and severities the engine gives a draft insight (kept in
its `aiSuggestions`).

StrEnums, so a member is its wire string: it compares, hashes, stores and serialises as that
string, and a value read back from the database or a request equals the member. What each
signal type means to the engine (its analysis profile) lives with the engine, in
`extraction/profiles.py`. The workbench mirrors these enums once, in `zentrik_ui/models.py`
(`tests/test_vocabulary.py` keeps the two sides equal).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal


class SignalType(StrEnum):
    TRANSCRIPT = "transcript"
    SUPPORT_TICKET = "support_ticket"
    REVIEW = "review"
    DISCOVERY_REPORT = "discovery_report"

    @property
    def label(self) -> str:
        """As the spec's generated names spell it: `Support Ticket - 3/11/25, 2:30 PM`."""
        return self.value.replace("_", " ").title()


class InsightKind(StrEnum):
    BUG = "bug"
    PAIN_POINT = "pain_point"
    FEATURE_REQUEST = "feature_request"
    PRAISE = "praise"
    QUESTION = "question"
    OTHER = "other"


class Severity(StrEnum):
    """Most severe first: the order a product manager reads them in."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


def wire_literal(enum: type[StrEnum]) -> Any:
    """`Literal[...]` of `enum`'s values, for a pydantic field: it validates and documents as
    the inline string enum the API has always published (a plain enum would become a `$ref`
    to a component and change the OpenAPI document client generators read)."""
    return Literal[tuple(member.value for member in enum)]

"""The signal's context: what the conversation is mostly about."""

from __future__ import annotations

import re
from collections import Counter

from zentrik_server.vocabulary import SignalType

from .classify import Judged
from .profiles import PROFILES

# Topics that matter whatever the signal type: checked first (churn, then these in order).
_CHURN = re.compile(
    r"\b(?:cancel\w*|not renew\w*|won't renew|switch(?:ing)? to|moving to|"
    r"leav(?:e|ing) (?:you|for)|look(?:ing)? (?:at|for|into) (?:other|alternative)\w*|"
    r"other (?:\w+ )?(?:tools|vendors|providers|carriers|solutions)|competitor\w*|refund|"
    r"churn\w*|deal.?breaker|(?:by|before|at|until) (?:our |the )?(?:contract )?renewal)\b",
    re.I,
)
_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "pricing_feedback",
        re.compile(
            r"\b(?:pric\w*|expensive|cheap\w*|cost\w*|overpriced|subscription|per seat|billing|"
            r"plan(?:s)? (?:is|are)|tier\w*|paywall|pay(?:ing)? for|worth the money|"
            r"discount\w*)\b",
            re.I,
        ),
    ),
    (
        "onboarding",
        re.compile(
            r"\b(?:onboard\w*|sign(?:ing)? ?up|set ?up|setting up|getting started|"
            r"first (?:time|day|week)|tutorial\w*|walkthrough|learning curve|new user\w*|"
            r"invite\w*)\b",
            re.I,
        ),
    ),
)
# Told in the passage itself, not judged by what dominates: their profile's context stands.
_TOLD = (SignalType.TRANSCRIPT, SignalType.DISCOVERY_REPORT)


def infer_context(profile: SignalType, judged: list[Judged]) -> str:
    feedback = [j for j in judged if j.kind != "other"]
    # Churn matters when a customer says it once, even in passing (in a batch of reviews, when
    # a fifth of the feedback does); other topics must dominate the feedback.
    churn = sum(1 for j in judged if _CHURN.search(j.unit.text))
    if churn and (profile is not SignalType.REVIEW or churn * 5 >= len(feedback)):
        return "churn_risk"
    for name, pattern in _TOPICS:
        hits = sum(1 for j in feedback if pattern.search(j.unit.text))
        if hits and hits * 5 >= len(feedback) * 2:
            return name
    if profile in _TOLD or not feedback:
        return PROFILES[profile].default_context
    kinds = Counter(j.kind for j in feedback)
    if kinds["bug"] and kinds["bug"] + kinds["pain_point"] >= kinds["feature_request"]:
        return "bug_report"
    if kinds["feature_request"]:
        return "feature_feedback"
    return PROFILES[profile].default_context

"""The signal's context: what the conversation is mostly about."""

from __future__ import annotations

import re
from collections import Counter

from .classify import Judged

# Topics that matter whatever the signal type: checked first, in this order.
_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "churn_risk",
        re.compile(
            r"\b(?:cancel\w*|not renew\w*|won't renew|switch(?:ing)? to|moving to|"
            r"leav(?:e|ing) (?:you|for)|look(?:ing)? (?:at|for) (?:other|alternative)\w*|"
            r"competitor\w*|refund|uninstall\w*|churn\w*|deal.?breaker)\b",
            re.I,
        ),
    ),
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
_DEFAULTS = {
    "transcript": "user_interview",
    "support_ticket": "support_request",
    "discovery_report": "market_research",
    "review": "general_feedback",
}


def infer_context(profile: str, judged: list[Judged]) -> str:
    feedback = [j for j in judged if j.kind != "other"]
    for name, pattern in _TOPICS:
        hits = sum(1 for j in feedback if pattern.search(j.unit.text))
        # Churn matters even when said once in a long talk; other topics must dominate.
        if hits and (hits * 5 >= len(feedback) * 2 or name == "churn_risk"):
            return name
    if profile in ("transcript", "discovery_report") or not feedback:
        return _DEFAULTS.get(profile, "general_feedback")
    kinds = Counter(j.kind for j in feedback)
    if kinds["bug"] and kinds["bug"] + kinds["pain_point"] >= kinds["feature_request"]:
        return "bug_report"
    if kinds["feature_request"]:
        return "feature_feedback"
    return _DEFAULTS.get(profile, "general_feedback")

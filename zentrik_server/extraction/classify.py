"""Judging one unit: its kind (cues + the learned model), severity and sentiment."""

from __future__ import annotations

from dataclasses import dataclass

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .cues import (
    CAUGHT_PROBLEM,
    HIGH_SEVERITY,
    LOW_SEVERITY,
    NOT_AN_ASK,
    PRODUCT_QUESTION,
    content_of,
    cue_scores,
    is_small_talk,
    template_kind,
)
from .model import model_probabilities
from .result import PROBLEMS, Kind, Severity
from .segment import SHARE, Unit
from .terms import GENERIC, STOPWORDS
from .text import tokens

_VADER = SentimentIntensityAnalyzer()
_OPINION = frozenset(word for word, valence in _VADER.lexicon.items() if abs(valence) >= 1.0)
# Below this summed evidence a unit is "other": it says nothing a PM would act on (set for
# precision first: a junk draft costs a PM more than a missed one). The
# model's belief in "other" raises that bar.
_MIN_EVIDENCE = 1.8
_MODEL_WEIGHT = 4.0
_OTHER_WEIGHT = 2.0
_HINT_WEIGHT = 1.5
_UNSUPPORTED_PROBLEM = 0.7
# A rationale, release news or guidance sentence (cues.NOT_AN_ASK) keeps this share of its
# request evidence.
_NOT_AN_ASK = float(__import__("os").environ.get("G_NA", "0.3"))


@dataclass
class Judged:
    unit: Unit
    kind: Kind
    severity: Severity
    sentiment: float
    confidence: float


def sentiment_of(text: str) -> float:
    return float(_VADER.polarity_scores(text)["compound"])


def _scores(unit: Unit, text: str, sentiment: float) -> dict[Kind, float]:
    """Evidence per kind for `text`, the unit's own words (content_of)."""
    scores = cue_scores(text)
    # "9 of 12 shoppers abandoned the cart": what people did is a pain point unless a
    # failure is named (the model reads "abandoned", "missing" as a bug).
    people_did = "bug" not in scores and SHARE.search(text) is not None
    # With no problem word, the model alone calls a problem only in a negative sentence:
    # "I sync to the app after each run" shares words with bugs but reports none.
    damping = 1.0 if scores.keys() & PROBLEMS or sentiment <= -0.2 else _UNSUPPORTED_PROBLEM
    for kind, probability in model_probabilities(text).items():
        weight = -_OTHER_WEIGHT if kind == "other" else _MODEL_WEIGHT
        if kind in PROBLEMS:
            weight *= damping
        scores[kind] = scores.get(kind, 0.0) + weight * probability
    if people_did and "bug" in scores:
        scores["pain_point"] = scores.get("pain_point", 0.0) + scores.pop("bug")
    if "feature_request" in scores and NOT_AN_ASK.match(text):
        scores["feature_request"] *= _NOT_AN_ASK
    hint = unit.kind_hint or template_kind(unit.text)
    if hint is not None and scores:
        scores[hint] = scores.get(hint, 0.0) + _HINT_WEIGHT
    if text.rstrip().endswith("?") and PRODUCT_QUESTION.match(text):
        scores["question"] = scores.get("question", 0.0) + 2.0
    if sentiment < 0.2 and not CAUGHT_PROBLEM.search(text):  # "mistake" reads negative
        scores["praise"] = scores.get("praise", 0.0) * 0.3
    if sentiment <= -0.4:
        scores["pain_point"] = scores.get("pain_point", 0.0) + 0.5
    return scores


def severity_of(kind: Kind, text: str, sentiment: float, hint: Severity | None) -> Severity:
    if kind not in PROBLEMS and kind != "feature_request":
        return "low"
    if kind in PROBLEMS and hint is not None:
        return hint
    if HIGH_SEVERITY.search(text):
        return "high" if kind in PROBLEMS else "medium"
    if LOW_SEVERITY.search(text):
        return "low"
    if kind == "bug" or (kind == "pain_point" and sentiment <= -0.5):
        return "medium"
    return "low"


def _specific(text: str) -> bool:
    """Names something (a feature, a screen, a device) beyond opinion words: "It's terrible"
    is not a pain point a PM can act on, "Exporting is terrible" is."""
    return any(
        len(word) > 2 and word not in STOPWORDS and word not in GENERIC and word not in _OPINION
        for word in tokens(text)
    )


def judge(unit: Unit) -> Judged:
    sentiment = sentiment_of(unit.text)
    text = content_of(unit.text)
    if is_small_talk(text):
        return Judged(unit, "other", "low", sentiment, 0.0)
    scores = _scores(unit, text, sentiment)
    bar = _MIN_EVIDENCE - scores.pop("other", 0.0)
    if "pain_point" in scores and not _specific(unit.text):
        del scores["pain_point"]
    kind, best = max(scores.items(), key=lambda item: item[1], default=("other", 0.0))
    if best < bar:
        kind = "other"
    severity = severity_of(kind, unit.text, sentiment, unit.severity_hint)
    return Judged(unit, kind, severity, sentiment, best)

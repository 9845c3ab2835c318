"""Judging one unit: its kind (cues + the learned model), severity and sentiment."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .cues import (
    CAUGHT_PROBLEM,
    FAILURE,
    HIGH_SEVERITY,
    LOW_SEVERITY,
    NOT_A_REQUEST,
    NOT_AN_ASK,
    PRODUCT_QUESTION,
    asks_nothing,
    content_of,
    cue_scores,
    is_small_talk,
    problem_resolved,
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
# The share of a kind's evidence kept when the sentence's construction says it is not that
# kind (_not_meant).
_DISCOUNT = 0.3


def sentiment_of(text: str) -> float:
    return float(_VADER.polarity_scores(text)["compound"])


@dataclass
class Judged:
    unit: Unit
    kind: Kind
    severity: Severity
    confidence: float
    # VADER's score (a tenth of the engine's time), set by judge() for a unit it weighs; small
    # talk's is computed only if a group takes the unit in as context (write.py averages it).
    _sentiment: float | None = None

    @property
    def sentiment(self) -> float:
        if self._sentiment is None:
            self._sentiment = sentiment_of(self.unit.text)
        return self._sentiment


def _not_meant(cued: AbstractSet[Kind], unit: Unit, text: str) -> list[Kind]:
    """The kinds the sentence's construction says it is not, once per construction (each
    keeps _DISCOUNT of its evidence, so two constructions compound): a rationale, release
    news or guidance (cues.NOT_AN_ASK); a verdict, a wish that the product worked or a call
    for a fix, which praises nothing either ("Would be 5 stars if it worked",
    cues.NOT_A_REQUEST); a wish, verdict or plea with no request cue left (cues.NOT_ASKED);
    a problem said to be over with no problem cue left (cues.RESOLVED_PROBLEM). `cued`: the
    kinds the cues found."""
    kinds: list[Kind] = []
    if NOT_AN_ASK.match(text):
        kinds.append(Kind.FEATURE_REQUEST)
    if NOT_A_REQUEST.search(unit.text):
        kinds += (Kind.FEATURE_REQUEST, Kind.PRAISE)
    if "feature_request" not in cued and asks_nothing(text):
        kinds.append(Kind.FEATURE_REQUEST)
    if not cued & PROBLEMS and problem_resolved(text):
        kinds += PROBLEMS
    return kinds


def _scores(unit: Unit, text: str, sentiment: float) -> dict[Kind, float]:
    """Evidence per kind for `text`, the unit's own words (content_of)."""
    scores = cue_scores(text)
    discounted = _not_meant(scores.keys(), unit, text)
    # "9 of 12 shoppers abandoned the cart", "8 of 14 admins could not tell a workspace from a
    # project": what people did or could not do is a pain point unless a failure of the
    # product is named (the model reads "abandoned", "missing" as a bug, the cues "could not").
    people_did = SHARE.search(text) is not None and (
        "bug" not in scores or FAILURE.search(text) is None
    )
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
    for kind in discounted:
        if kind in scores:
            scores[kind] *= _DISCOUNT
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
    # How many of a study's participants hit it, or asked for it ("5 of 14").
    if hint is not None:
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
    text = content_of(unit.text)
    if is_small_talk(text):
        return Judged(unit, "other", "low", 0.0)
    sentiment = sentiment_of(unit.text)
    scores = _scores(unit, text, sentiment)
    bar = _MIN_EVIDENCE - scores.pop("other", 0.0)
    if "pain_point" in scores and not _specific(unit.text):
        del scores["pain_point"]
    kind, best = max(scores.items(), key=lambda item: item[1], default=("other", 0.0))
    if best < bar:
        kind = "other"
    severity = severity_of(kind, unit.text, sentiment, unit.severity_hint)
    return Judged(unit, kind, severity, best, sentiment)

"""Does a review-level decision beat judging each sentence apart? Replays the review profile's
unit scores (cues + model, as classify.judge computes them) and compares decision rules on
even (errors read) and odd (held-out) rows of a labeled `text,label` CSV.

    python bench/extraction_review_level.py [PATH.csv]

Measured 2026-11-26 on Mini-BAR (F1 even/odd): every rule below moved either flag by at most
±0.006 on the odd half, mostly downwards, so the engine keeps the per-sentence decision. The
figures are from unit kinds alone (before grouping), so the baseline sits ~0.008 below
extraction_quality.py for problem reports.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable as a plain script from anywhere

from zentrik_server.extraction import classify  # noqa: E402
from zentrik_server.extraction.cues import is_small_talk  # noqa: E402
from zentrik_server.extraction.model import model_probabilities  # noqa: E402
from zentrik_server.extraction.segment import Unit, units_of  # noqa: E402
from zentrik_server.extraction.text import normalize  # noqa: E402

DEFAULT = ROOT.parent / "shared/data/minibar-health-reviews/reviews.csv"
PROBLEMS = {"bug", "pain_point"}
FR = "feature_request"
# The missing-capability family, counted as a request where the sentence is no bug.
MISSING = re.compile(
    r"\b(?:(?:can't|cannot|can not|cant|couldn't|unable to|no way to|not able to) (?:\w+ )?"
    r"(?:set|add|change|use|compare|choose|select|see|view|customi[sz]e|edit|export|get|create|"
    r"enter|put|write|record|adjust|pick)|(?:doesn't|does not|doesnt|don't|dont|won't) "
    r"(?:work with|run on|support|let|allow|include|offer|have)|lacks?|lacking|"
    r"would be (?:great|nice|good|better)|should be able)\b",
    re.IGNORECASE,
)


class Scored:
    def __init__(self, text: str) -> None:
        self.text = text
        self.sentiment = classify.sentiment_of(text)
        self.small = is_small_talk(text)
        unit = Unit(text)
        self.kind = classify.judge(unit).kind
        self.scores: dict[str, float] = {}
        self.bar = classify._MIN_EVIDENCE
        if not self.small:
            self.scores = classify._scores(unit, self.sentiment)
            self.bar -= self.scores.pop("other", 0.0)
            if "pain_point" in self.scores and not classify._specific(text):
                del self.scores["pain_point"]

    def score(self, kinds: set[str]) -> float:
        return max((self.scores.get(kind, 0.0) for kind in kinds), default=0.0)


Review = tuple[str, list[Scored]]


def flags_of(kinds: set[str]) -> set[str]:
    return ({"problem_report"} if kinds & PROBLEMS else set()) | ({FR} if FR in kinds else set())


def per_sentence(review: Review) -> set[str]:
    return flags_of({unit.kind for unit in review[1]})


def aggregate(weight: float) -> Callable[[Review], set[str]]:
    """Max margin over the review's sentences plus `weight` × summed evidence per flag."""

    def rule(review: Review) -> set[str]:
        flags = set()
        for flag, kinds in (("problem_report", PROBLEMS), (FR, {FR})):
            live = [unit for unit in review[1] if not unit.small]
            best = max((unit.score(kinds) - unit.bar for unit in live), default=-9.0)
            total = sum(max(0.0, unit.score(kinds) - 0.5) for unit in live)
            if best + weight * total >= 0:
                flags.add(flag)
        return flags

    return rule


def praise_veto(review: Review) -> set[str]:
    """A warmly positive review (VADER ≥ 0.7) drops a problem whose margin is under 1."""
    flags = per_sentence(review)
    units = review[1]
    if "problem_report" in flags and classify.sentiment_of(review[0]) >= 0.7:
        margin = max(u.score(PROBLEMS) - u.bar for u in units if u.kind in PROBLEMS)
        if margin < 1.0:
            flags.discard("problem_report")
    return flags


def whole_review_model(review: Review) -> set[str]:
    """Each sentence also gets the model's belief about the whole review (weight 1)."""
    flags = set()
    context = model_probabilities(normalize(review[0]))
    for unit in review[1]:
        if unit.small or not unit.scores:
            continue
        scores, bar = dict(unit.scores), unit.bar + context.get("other", 0.0)
        for kind, probability in context.items():
            if kind != "other":
                scores[kind] = scores.get(kind, 0.0) + probability
        kind, best = max(scores.items(), key=lambda item: item[1])
        if best >= bar:
            flags |= flags_of({kind})
    return flags


def missing_capability(review: Review) -> set[str]:
    flags = per_sentence(review)
    if any(unit.kind != "bug" and MISSING.search(unit.text) for unit in review[1]):
        flags.add(FR)
    return flags


def f1(rows: list[tuple[set[str], set[str]]], flag: str) -> float:
    tp = sum(1 for gold, got in rows if flag in gold and flag in got)
    fp = sum(1 for gold, got in rows if flag not in gold and flag in got)
    fn = sum(1 for gold, got in rows if flag in gold and flag not in got)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT)
    with open(path, newline="", encoding="utf-8") as handle:
        labeled = [(row["text"], set(row["label"].split("|"))) for row in csv.DictReader(handle)]
    reviews = [
        (text, [Scored(unit.text) for unit in units_of(normalize(text), "review")])
        for text, _ in labeled
    ]
    rules = {
        "per sentence (engine)": per_sentence,
        "review max + 0.1 x sum": aggregate(0.1),
        "review max only": aggregate(0.0),
        "praise veto": praise_veto,
        "whole-review model": whole_review_model,
        "missing capability": missing_capability,
    }
    print(f"{'rule':26s} problem even/odd   request even/odd")
    for name, rule in rules.items():
        got = [rule(review) for review in reviews]
        pairs = [(gold, flags) for (_, gold), flags in zip(labeled, got, strict=True)]
        halves = {"even": pairs[0::2], "odd": pairs[1::2]}
        cells = [f"{f1(halves[h], flag):.3f}" for flag in ("problem_report", FR) for h in halves]
        print(f"{name:26s} {cells[0]} / {cells[1]}      {cells[2]} / {cells[3]}")


if __name__ == "__main__":
    main()

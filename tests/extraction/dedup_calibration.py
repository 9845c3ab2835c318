"""Merge precision and recall of `insights.matching` on hand-written pairs of reviews.

Each line of dedup_pairs.jsonl holds two reviews and whether their findings should become one
insight. Each review goes through the extraction engine, as a signal's text would; a pair is
merged when a finding of one scores at least the threshold against a finding of the other in
the same class, with IDF over every finding of the file (standing in for a workspace).

    python -m tests.extraction.dedup_calibration     prints the sweep of thresholds
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zentrik_server.extraction import extract
from zentrik_server.insights.matching import (
    THRESHOLD,
    insight_terms,
    match_class,
    score,
    smooth_idf,
)

PAIRS = Path(__file__).with_name("dedup_pairs.jsonl")
Finding = tuple[str, dict[str, float]]  # (class, terms)


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    same: bool


def pairs() -> list[Pair]:
    """The pairs both of whose reviews yield a finding (without one there is nothing to merge)."""
    lines = PAIRS.read_text(encoding="utf-8").splitlines()
    every = [Pair(**json.loads(line)) for line in lines if line.strip()]
    return [p for p in every if findings(p.a) and findings(p.b)]


@cache
def findings(text: str) -> tuple[Finding, ...]:
    found = extract(text, "review").insights
    return tuple(
        (match_class(f.ai_suggestions()), insight_terms(f.name, f.evidence)) for f in found
    )


def best_scores(all_pairs: list[Pair]) -> list[float]:
    """Each pair's best score between same-class findings (0 when no class is shared)."""
    texts = {t for p in all_pairs for t in (p.a, p.b)}
    documents: Counter[str] = Counter()
    frequency: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for kind, terms in findings(text):
            documents[kind] += 1
            frequency.update((kind, term) for term in terms)
    scores = []
    for pair in all_pairs:
        best = 0.0
        for kind, terms_a in findings(pair.a):
            for other_kind, terms_b in findings(pair.b):
                if kind == other_kind:

                    def idf(term: str, kind: str = kind) -> float:
                        return smooth_idf(documents[kind], frequency[kind, term])

                    best = max(best, score(terms_a, terms_b, idf).score)
        scores.append(best)
    return scores


def precision_recall(all_pairs: list[Pair], threshold: float) -> tuple[float, float]:
    scores = best_scores(all_pairs)
    merged = [s >= threshold for s in scores]
    true_pos = sum(m and p.same for m, p in zip(merged, all_pairs, strict=True))
    precision = true_pos / max(1, sum(merged))
    recall = true_pos / max(1, sum(p.same for p in all_pairs))
    return precision, recall


def main() -> None:
    all_pairs = pairs()
    for pair, value in zip(all_pairs, best_scores(all_pairs), strict=True):
        print(f"{value:.3f} {'SAME' if pair.same else 'diff'} | {pair.a[:45]} | {pair.b[:45]}")
    for step in range(20, 70, 4):
        threshold = step / 100
        precision, recall = precision_recall(all_pairs, threshold)
        mark = " <- THRESHOLD" if abs(threshold - THRESHOLD) < 0.02 else ""
        print(f"threshold {threshold:.2f}: precision {precision:.2f} recall {recall:.2f}{mark}")
    precision, recall = precision_recall(all_pairs, THRESHOLD)
    print(f"at THRESHOLD {THRESHOLD}: precision {precision:.2f}, recall {recall:.2f}")


if __name__ == "__main__":
    main()

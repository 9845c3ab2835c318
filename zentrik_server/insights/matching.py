"""Whether a new finding speaks of the same thing as an existing insight: terms and a score.

Pure functions (no database); `term_index.py` stores the terms and finds candidates, and
`dedup.py` decides. An insight's terms are the stemmed content words of its headline and
quotes (`extraction.terms.term_vector`: stopwords dropped, words like "app", "crash" or
"feature" down-weighted). Two term sets are compared by a cosine in which every term also
weighs its rarity in the workspace (IDF over the insights of the same class, so a word most
insights share says little), and a term with no exact partner may pair with a misspelt
spelling of it (character trigrams, "atachment" ~ "attachment").

The threshold was calibrated on tests/extraction/dedup_pairs.jsonl (pairs that should and
should not merge, many domains): `python bench/dedup_quality.py` prints precision and recall.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from zentrik_server.extraction.result import PROBLEMS
from zentrik_server.extraction.terms import term_vector

Terms = Mapping[str, float]  # stemmed term -> base weight (1.0 content word, 0.3 generic)
Idf = Callable[[str], float]

# Calibrated (bench/dedup_quality.py): the lowest score at which merging stays precise.
THRESHOLD = 0.30
# A misspelt term pairs with a term sharing at least this share of character trigrams.
_FUZZY_MIN = 0.5
_FUZZY_MIN_LENGTH = 4
_CONTENT = 1.0  # the base weight of a content word (generic words weigh less)
_MIN_SHARED_CONTENT = 2
ANY_CLASS = "*"  # insights with no known kind (added by hand): candidates for every class
# The engine tells the problems (bugs, pain points) apart loosely: they are matched together.
_CLASSES: dict[str, str] = dict.fromkeys(PROBLEMS, "problem")
_SHARED_SHOWN = 8  # the shared terms an explanation names


def match_class(ai_suggestions: Any) -> str:
    """The class an insight is matched within: its kind (bugs and pain points together)."""
    kind = ai_suggestions.get("kind") if isinstance(ai_suggestions, dict) else None
    if not isinstance(kind, str) or not kind:
        return ANY_CLASS
    return _CLASSES.get(kind, kind)


def quotes_of(ai_suggestions: Any) -> list[str]:
    """The quoted texts of an insight's `aiSuggestions.evidence` (what it was made from)."""
    evidence = ai_suggestions.get("evidence") if isinstance(ai_suggestions, dict) else None
    if not isinstance(evidence, list):
        return []
    return [e["text"] for e in evidence if isinstance(e, dict) and isinstance(e.get("text"), str)]


def insight_terms(name: str, quotes: Iterable[str]) -> dict[str, float]:
    """The terms of a headline and its quotes."""
    return term_vector(" ".join([name, *quotes]))


def smooth_idf(documents: int, frequency: int) -> float:
    """Rarity of a term found in `frequency` of `documents` insights (scikit-learn's smooth
    IDF, so a term in every insight still weighs a little)."""
    return math.log((documents + 1) / (frequency + 1)) + 1.0


@dataclass(frozen=True)
class Match:
    score: float
    shared: tuple[str, ...]  # the terms that paired, most telling first

    def why(self) -> dict[str, Any]:
        """`{score, sharedTerms}`: what a joined quote and a similar insight explain it by."""
        return {"score": self.score, "sharedTerms": list(self.shared[:_SHARED_SHOWN])}


def score(finding: Terms, insight: Terms, idf: Idf) -> Match:
    """IDF-weighted cosine of two term sets, misspellings pairing by character trigrams."""
    if not finding or not insight:
        return Match(0.0, ())
    weight_a = {t: w * idf(t) for t, w in finding.items()}
    weight_b = {t: w * idf(t) for t, w in insight.items()}
    dot, shared = 0.0, []
    for term, weight in weight_a.items():
        partner, similarity = _partner(term, weight_b)
        if partner is not None:
            dot += weight * weight_b[partner] * similarity
            shared.append((weight * weight_b[partner] * similarity, term))
    if not dot or not _enough_subject(finding, insight, [term for _, term in shared]):
        return Match(0.0, ())
    norms = math.sqrt(sum(w * w for w in weight_a.values()) * sum(w * w for w in weight_b.values()))
    ranked = tuple(term for _, term in sorted(shared, reverse=True))
    return Match(round(dot / norms, 4), ranked)


def _enough_subject(finding: Terms, insight: Terms, shared: list[str]) -> bool:
    """Two content words in common (one if either side has only one): "Slack integration" and
    "Jira integration" share a rare word but not their subject."""
    content = [t for t in shared if finding[t] >= _CONTENT]
    fewest = min(_content_count(finding), _content_count(insight))
    return len(content) >= min(_MIN_SHARED_CONTENT, fewest)


def _content_count(terms: Terms) -> int:
    return sum(weight >= _CONTENT for weight in terms.values())


def _partner(term: str, others: Mapping[str, float]) -> tuple[str | None, float]:
    """The same term, else the closest spelling of it (None when nothing is close enough)."""
    if term in others:
        return term, 1.0
    if len(term) < _FUZZY_MIN_LENGTH:
        return None, 0.0
    best, best_similarity = None, _FUZZY_MIN
    for other in others:
        if len(other) >= _FUZZY_MIN_LENGTH:
            similarity = _trigram_similarity(term, other)
            if similarity >= best_similarity:
                best, best_similarity = other, similarity
    return best, best_similarity


def _trigram_similarity(a: str, b: str) -> float:
    grams_a, grams_b = _trigrams(a), _trigrams(b)
    return len(grams_a & grams_b) / len(grams_a | grams_b)


@lru_cache(maxsize=65536)
def _trigrams(word: str) -> frozenset[str]:
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))

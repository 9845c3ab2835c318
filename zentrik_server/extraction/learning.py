"""Learning from a workspace's triage: each decision a PM makes on a draft is a label in the
workspace's own language, and `train()` turns them into a small per-workspace adapter that
re-scores what the base engine finds (adapt.py applies it).

    publish a draft            Example(evidence, kind)                 "this is a <kind>"
    archive a draft            Example(evidence, kind, accepted=False) "this is not a <kind>"
    change a draft's kind      old kind rejected, new kind accepted
    create one on a signal     Example(quoted text, kind)              a draft the engine missed

One binary scorer per kind (TF-IDF word and character n-grams, logistic regression), each
blended with the base engine's own verdict on its drafts by a weight chosen for F1 by
cross-validation, with the base engine winning ties, and capped by the evidence for overruling
a draft (the kind's examples against the engine's drafts of it the PM archived): a handful of
decisions, or decisions all one way, leave the engine as it was. Finding units the engine
passed over rests on the kind's evidence alone (`finds`).

A model is plain numbers and words: `to_json()` / `from_json()` store it (never pickle from
disk: a stored model must not be able to run code), and it also pickles for a process pool.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import Any

import numpy as np

from .result import PROBLEMS, Kind

__all__ = ["Example", "KindScorer", "WorkspaceModel", "train"]

KINDS: tuple[Kind, ...] = tuple(Kind)
FORMAT = 1
# A kind's scorer is trained once it has this many decisions each way.
MIN_EACH = 5
# The adapter's weight is capped at n / (n + EVIDENCE_HALF), n the smaller side's decisions
# (learning_fit.py says which): 10 each way cap it at one half (never overrules the engine),
# 90 at 0.9.
EVIDENCE_HALF = 10
_WEIGHTS = tuple(step / 20 for step in range(21))
_FOLDS = 5
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Example:
    """One triage decision: `text` is (or is not, `accepted=False`) a `kind`."""

    text: str
    kind: Kind
    accepted: bool = True


def features(text: str) -> list[str]:
    """Word unigrams and bigrams, and character 4-grams inside each word ("~" marks them), so
    a workspace's misspellings and inflections meet ("synch", "syncing")."""
    words = _WORD.findall(text.lower())
    grams = words + [f"{a} {b}" for a, b in pairwise(words)]
    for word in words:
        grams.extend(_char_grams(word))
    return grams


@lru_cache(maxsize=1 << 16)
def _char_grams(word: str) -> tuple[str, ...]:
    # Cached: a workspace's vocabulary is small, and slicing every word of every unit is most
    # of what scoring a unit costs.
    padded = f" {word} "
    return tuple("~" + padded[i : i + 4] for i in range(len(padded) - 3))


@dataclass(frozen=True)
class KindScorer:
    """Logistic regression over the shared TF-IDF terms. `weight` is how far its probability
    replaces the engine's yes/no on a draft the engine made (0: the engine alone); `finds`, the
    cap the kind's evidence allows, whether it may find units the engine passed over (above
    one half: adapt.py)."""

    coef: dict[str, float]
    intercept: float
    weight: float
    finds: float = 0.0


@dataclass(frozen=True)
class WorkspaceModel:
    idf: dict[str, float]
    scorers: dict[Kind, KindScorer]
    decisions: int
    # Cross-validated F1 over the decided examples (macro over the kinds it learned), with the
    # engine's F1 on the same examples beside it: what the settings page shows.
    estimated_f1: float | None = None
    base_f1: float | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @cached_property
    def _arrays(self) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
        """Term index, idf, coefficients (term x kind, in `scorers` order) and intercepts:
        one lookup per term of a unit, then one dot product scores every kind."""
        index = {term: i for i, term in enumerate(self.idf)}
        coef = np.zeros((len(index), len(self.scorers)))
        for column, scorer in enumerate(self.scorers.values()):
            for term, value in scorer.coef.items():
                if term in index:
                    coef[index[term], column] = value
        intercepts = np.array([s.intercept for s in self.scorers.values()])
        return index, np.fromiter(self.idf.values(), float, len(index)), coef, intercepts

    def probabilities(self, texts: Sequence[str]) -> list[dict[Kind, float]]:
        """Per text, each learned kind's probability that it is that kind (the workspace
        alone); the texts of a signal in one pass, as one sparse product."""
        index, idf, coef, intercepts = self._arrays
        rows: list[int] = []
        tfs: list[int] = []
        owners: list[int] = []
        for owner, text in enumerate(texts):
            counts = Counter(map(index.get, features(text)))
            counts.pop(None, None)  # terms the decisions never had
            rows.extend(counts.keys())  # type: ignore[arg-type]
            tfs.extend(counts.values())
            owners.extend([owner] * len(counts))
        at = np.array(rows, dtype=np.intp)
        values = (1.0 + np.log(np.array(tfs, dtype=float))) * idf[at]
        # The TF-IDF vectors are L2-normalised, as in training.
        norms = np.sqrt(np.bincount(owners, values * values, len(texts)))
        weighted = values[:, None] * coef[at]
        logits = (
            intercepts
            + np.column_stack(
                [np.bincount(owners, weighted[:, k], len(texts)) for k in range(len(intercepts))]
            )
            / np.where(norms > 0, norms, 1.0)[:, None]
        )
        chances = 1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))
        return [dict(zip(self.scorers, row, strict=True)) for row in chances.tolist()]

    def blend(self, probabilities: dict[Kind, float], said: Collection[Kind]) -> dict[Kind, float]:
        """Per learned kind: the blend of the engine's verdict (1 if it called the text that
        kind, else 0) and the workspace's probability; 0.5 or more means "is that kind"."""
        return {
            kind: (1 - self.scorers[kind].weight) * (kind in said)
            + self.scorers[kind].weight * probability
            for kind, probability in probabilities.items()
        }

    def scores(self, text: str, base_kinds: Iterable[Kind]) -> dict[Kind, float]:
        """`blend` for one text the engine called `base_kinds`."""
        return self.blend(self.probabilities([text])[0], set(base_kinds)) if self.scorers else {}

    @cached_property
    def overrules(self) -> bool:
        """Whether any kind's weight lets it change a draft the engine made."""
        return any(s.weight > 0.5 for s in self.scorers.values())

    @cached_property
    def finding(self) -> frozenset[Kind]:
        """The kinds whose evidence lets them find units the engine passed over."""
        return frozenset(kind for kind, s in self.scorers.items() if s.finds > 0.5)

    @property
    def learned(self) -> bool:
        """Whether any kind's decisions are strong enough to ever overrule the engine."""
        return self.overrules or bool(self.finding)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "idf": self.idf,
                "scorers": {
                    kind: {
                        "coef": s.coef,
                        "intercept": s.intercept,
                        "weight": s.weight,
                        "finds": s.finds,
                    }
                    for kind, s in self.scorers.items()
                },
                "decisions": self.decisions,
                "estimated_f1": self.estimated_f1,
                "base_f1": self.base_f1,
                "counts": self.counts,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> WorkspaceModel:
        """Read a stored model; anything but the expected numbers and words raises ValueError."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a workspace model of a known format")
        try:
            scorers = {
                _kind(kind): KindScorer(
                    _floats(s["coef"]),
                    float(s["intercept"]),
                    float(s["weight"]),
                    # Models stored before `finds` found with their weight.
                    float(s.get("finds", s["weight"])),
                )
                for kind, s in data["scorers"].items()
            }
            return cls(
                idf=_floats(data["idf"]),
                scorers=scorers,
                decisions=int(data["decisions"]),
                estimated_f1=_optional_float(data.get("estimated_f1")),
                base_f1=_optional_float(data.get("base_f1")),
                counts={str(k): int(v) for k, v in data.get("counts", {}).items()},
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"malformed workspace model: {error}") from error


def _kind(value: str) -> Kind:
    if value not in KINDS:
        raise ValueError(f"unknown kind {value!r}")
    return Kind(value)


def _floats(mapping: dict[str, Any]) -> dict[str, float]:
    return {str(key): float(value) for key, value in mapping.items()}


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _labels(examples: Sequence[Example]) -> dict[Kind, dict[str, bool]]:
    """Per kind, each text's verdict: the last decision about it wins; a text accepted as
    another kind is a "no" unless it was decided for this kind (bug and pain point, two
    faces of a problem, are not each other's "no")."""
    labels: dict[Kind, dict[str, bool]] = {kind: {} for kind in KINDS if kind != "other"}
    for example in examples:
        if example.kind in labels:
            labels[example.kind][example.text] = example.accepted
    for example in examples:
        if not example.accepted:
            continue
        for kind, verdicts in labels.items():
            siblings = kind in PROBLEMS and example.kind in PROBLEMS
            if kind != example.kind and not siblings:
                verdicts.setdefault(example.text, False)
    return labels


def train(examples: Iterable[Example]) -> WorkspaceModel:
    """A workspace model from its triage decisions (in the order they were made)."""
    # Imported here: only training needs scikit-learn and the engine's verdicts.
    from .learning_fit import fit

    decided = [e for e in examples if e.text.strip()]
    for example in decided:
        _kind(example.kind)
    return fit(decided, _labels(decided), _FOLDS, _WEIGHTS)

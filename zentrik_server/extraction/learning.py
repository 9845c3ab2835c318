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
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import Any

import numpy as np

from .features import bigrams
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
# Words whose known terms a model remembers (a tuple of row numbers each); past this the memory
# starts over, so no stream of new words can grow it without bound.
_REMEMBERED_WORDS = 20_000


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
    grams = words + bigrams(words)
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
    def _arrays(self) -> tuple[dict[str, int], np.ndarray, list[float]]:
        """Term index, one row per term (its idf, then its coefficient per kind, in `scorers`
        order) and intercepts: a unit's terms are gathered as row numbers, then its few rows
        score every kind at once."""
        index = {term: i for i, term in enumerate(self.idf)}
        rows = np.zeros((len(index), 1 + len(self.scorers)))
        rows[:, 0] = np.fromiter(self.idf.values(), float, len(index))
        for column, scorer in enumerate(self.scorers.values(), start=1):
            for term, value in scorer.coef.items():
                if term in index:
                    rows[index[term], column] = value
        return index, rows, [s.intercept for s in self.scorers.values()]

    @cached_property
    def _word_rows(self) -> dict[str, tuple[int, ...]]:
        """Per word seen: the rows of its known unigram and character grams (features()),
        looked up once; bounded by _REMEMBERED_WORDS."""
        return {}

    def probabilities(self, texts: Sequence[str]) -> list[dict[Kind, float]]:
        """Per text, each learned kind's probability that it is that kind (the workspace
        alone); the texts of a signal in one pass."""
        _, table, intercepts = self._arrays
        at: list[int] = []
        tfs: list[int] = []
        ends: list[int] = []
        for text in texts:
            counts = Counter(self._term_rows(text))
            at.extend(counts)
            tfs.extend(counts.values())
            ends.append(len(at))
        rows = table.take(np.array(at, dtype=np.intp), axis=0)
        # Sublinear tf times idf, each text's vector L2-normalised: as in training. Column 0
        # sums a text's squared values (its norm), the others its logit per kind.
        values = (1.0 + np.log(np.array(tfs, dtype=float))) * rows[:, 0]
        weighted = rows * values[:, None]
        weighted[:, 0] = values * values
        return [
            self._chances(weighted[start:end].sum(axis=0).tolist(), intercepts)
            for start, end in pairwise([0, *ends])
        ]

    def _chances(self, sums: list[float], intercepts: list[float]) -> dict[Kind, float]:
        # Per kind in plain Python: for a handful of numbers numpy's per-call cost is the work.
        norm = math.sqrt(sums[0]) or 1.0
        return {
            kind: 1.0 / (1.0 + math.exp(-min(max(intercept + total / norm, -30.0), 30.0)))
            for kind, intercept, total in zip(self.scorers, intercepts, sums[1:], strict=True)
        }

    def _term_rows(self, text: str) -> list[int]:
        """The rows of the known terms of `text` (features()), once per occurrence."""
        index = self._arrays[0]
        words = _WORD.findall(text.lower())
        remembered = self._word_rows
        rows = [
            row
            for word in words
            for row in (remembered[word] if word in remembered else self._rows_of_word(word))
        ]
        rows += [row for gram in bigrams(words) if (row := index.get(gram)) is not None]
        return rows

    def _rows_of_word(self, word: str) -> tuple[int, ...]:
        """A word not yet remembered: its rows, looked up and remembered."""
        remembered = self._word_rows
        if len(remembered) >= _REMEMBERED_WORDS:
            remembered.clear()
        index = self._arrays[0]
        grams = (word, *_char_grams(word))
        rows = tuple(row for gram in grams if (row := index.get(gram)) is not None)
        remembered[word] = rows
        return rows

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

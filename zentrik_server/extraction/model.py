"""The learned part of the classifier: TF-IDF + logistic regression trained by
training/build_model.py on the project's own examples (training/*.jsonl), shipped as
training/model.json and scored here (sklearn's per-call overhead would be several times the
whole engine's budget for one review).

Scoring is the engine's hottest path, so a text's terms are gathered as row numbers a word at
a time (a word's known unigram and character grams are looked up once, then remembered) and
the few rows a text hits are summed with numpy: one row per term holds its idf and its weight
per kind (measured on the speed bench's units: about 43 µs a unit against 134 µs for per-term dict
look-ups and a Python loop per kind)."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .features import bigrams, char_grams, words
from .result import Kind

ARTIFACT = Path(__file__).parent / "training" / "model.json"
# Words whose known terms are remembered (about 200 bytes each); past this the memory starts
# over, so no stream of new words can grow it without bound.
_REMEMBERED_WORDS = 20_000


@dataclass(frozen=True)
class LinearModel:
    classes: tuple[Kind, ...]
    index: dict[str, int]  # term -> its row
    rows: np.ndarray  # per term: its idf, then its weight for each class
    intercept: np.ndarray
    _word_rows: dict[str, tuple[int, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def load(cls, path: Path = ARTIFACT) -> LinearModel:
        return cls.from_artifact(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def from_artifact(cls, data: dict[str, Any]) -> LinearModel:
        """From what training/build_model.build() returns (and model.json holds)."""
        classes, idf, weights = tuple(data["classes"]), data["idf"], data["weights"]
        return cls(
            classes=classes,
            index={term: row for row, term in enumerate(idf)},
            # Shaped even with no terms (a correction that moves nothing), so `without` works.
            rows=np.array(
                [[value, *weights[term]] for term, value in idf.items()], dtype=float
            ).reshape(len(idf), 1 + len(classes)),
            intercept=np.array(data["intercept"], dtype=float),
        )

    def to_artifact(self) -> dict[str, Any]:
        """What from_artifact reads (weights rounded: a stored model is a few hundred KB)."""
        return {
            "classes": list(self.classes),
            "idf": {term: round(float(self.rows[row, 0]), 4) for term, row in self.index.items()},
            "weights": {
                term: [round(float(w), 4) for w in self.rows[row, 1:]]
                for term, row in self.index.items()
            },
            "intercept": [round(float(b), 4) for b in self.intercept],
        }

    def without(self, kinds: Iterable[Kind]) -> LinearModel:
        """This model with no say on `kinds` (their weights zero)."""
        rows = self.rows.copy()
        for kind in kinds:
            rows[:, 1 + self.classes.index(kind)] = 0.0
        return LinearModel(self.classes, self.index, rows, self.intercept)

    def logits(self, text: str) -> np.ndarray:
        counts = Counter(self._term_rows(text))
        if not counts:
            return self.intercept
        rows = self.rows.take(np.fromiter(counts, np.intp, len(counts)), axis=0)
        # Sublinear tf times idf, L2-normalised: what the training script's vectoriser did.
        tf = 1.0 + np.log(np.fromiter(counts.values(), float, len(counts)))
        values = tf * rows[:, 0]
        return self.intercept + (values @ rows[:, 1:]) / math.sqrt(values @ values)

    def probabilities(self, text: str) -> dict[Kind, float]:
        return softmax(self.classes, self.logits(text))

    def _term_rows(self, text: str) -> list[int]:
        """The rows of the known terms in `text`, once per occurrence (features.ngrams)."""
        found = words(text)
        rows = [row for word in found for row in self._rows_of_word(word)]
        rows += [row for gram in bigrams(found) if (row := self.index.get(gram)) is not None]
        return rows

    def _rows_of_word(self, word: str) -> tuple[int, ...]:
        rows = self._word_rows.get(word)
        if rows is None:
            if len(self._word_rows) >= _REMEMBERED_WORDS:
                self._word_rows.clear()
            grams = (word, *char_grams(word))
            rows = tuple(row for gram in grams if (row := self.index.get(gram)) is not None)
            self._word_rows[word] = rows
        return rows


@dataclass(frozen=True)
class Tuned:
    """The engine's model with a workspace's correction (learning.py) added to its logits,
    `strength` times: the correction was fitted on top of the engine's own verdicts."""

    base: LinearModel
    correction: LinearModel
    strength: float

    def probabilities(self, text: str) -> dict[Kind, float]:
        logits = self.base.logits(text) + self.strength * self.correction.logits(text)
        return softmax(self.base.classes, logits)


class Scorer(Protocol):
    def probabilities(self, text: str) -> dict[Kind, float]: ...


def softmax(classes: tuple[Kind, ...], logits: np.ndarray) -> dict[Kind, float]:
    # In plain Python: for six numbers numpy's per-call cost is twice the work.
    plain = logits.tolist()
    top = max(plain)
    exps = [math.exp(logit - top) for logit in plain]
    total = sum(exps)
    return {kind: e / total for kind, e in zip(classes, exps, strict=True)}


SHIPPED = LinearModel.load()
# Per thread (a worker's jobs run in threads): the model the engine judges with.
_active: ContextVar[Scorer] = ContextVar("active_model", default=SHIPPED)


def active_model() -> Scorer:
    return _active.get()


def model_probabilities(text: str) -> dict[Kind, float]:
    return _active.get().probabilities(text)


@contextmanager
def model_replaced(model: Scorer) -> Iterator[None]:
    """Judge with `model` instead of the shipped one inside the block: a workspace's tuned
    model (learning.py), or one the benchmarks train with a domain held out."""
    token = _active.set(model)
    try:
        yield
    finally:
        _active.reset(token)

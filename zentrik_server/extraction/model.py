"""The learned part of the classifier: TF-IDF + logistic regression trained by
training/build_model.py on the project's own examples (training/*.jsonl), shipped as
training/model.json and scored here in plain Python (sklearn's per-call overhead would be
several times the whole engine's budget for one review)."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .features import ngrams
from .result import Kind

ARTIFACT = Path(__file__).parent / "training" / "model.json"


@dataclass(frozen=True)
class LinearModel:
    classes: tuple[Kind, ...]
    idf: dict[str, float]
    weights: dict[str, list[float]]
    intercept: list[float]

    @classmethod
    def load(cls, path: Path = ARTIFACT) -> LinearModel:
        return cls.from_artifact(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def from_artifact(cls, data: dict[str, Any]) -> LinearModel:
        """From what training/build_model.build() returns (and model.json holds)."""
        return cls(tuple(data["classes"]), data["idf"], data["weights"], data["intercept"])

    def probabilities(self, text: str) -> dict[Kind, float]:
        counts = Counter(term for term in ngrams(text) if term in self.idf)
        values = {term: (1.0 + math.log(n)) * self.idf[term] for term, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        logits = list(self.intercept)
        for term, value in values.items():
            for index, weight in enumerate(self.weights.get(term, ())):
                logits[index] += weight * value / norm
        top = max(logits)
        exps = [math.exp(logit - top) for logit in logits]
        total = sum(exps)
        return {kind: e / total for kind, e in zip(self.classes, exps, strict=True)}


_SHIPPED = LinearModel.load()
_active = [_SHIPPED]


def model_probabilities(text: str) -> dict[Kind, float]:
    return _active[-1].probabilities(text)


@contextmanager
def model_replaced(model: LinearModel) -> Iterator[None]:
    """Judge with `model` instead of the shipped one inside the block (the cross-domain
    benchmark trains one model per held-out domain)."""
    _active.append(model)
    try:
        yield
    finally:
        _active.pop()

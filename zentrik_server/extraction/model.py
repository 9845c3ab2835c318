"""The learned part of the classifier: TF-IDF + logistic regression trained by
training/build_model.py on the project's own examples (training/*.jsonl), shipped as
training/model.json and scored here in plain Python (sklearn's per-call overhead would be
several times the whole engine's budget for one review)."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

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
        data = json.loads(path.read_text(encoding="utf-8"))
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


_MODEL = LinearModel.load()


def model_probabilities(text: str) -> dict[Kind, float]:
    return _MODEL.probabilities(text)

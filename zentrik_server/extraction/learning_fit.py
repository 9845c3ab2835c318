"""Fitting a workspace model (learning.py): scikit-learn for the regression, then plain numbers.

Each kind's adapter weight is picked on out-of-fold predictions: the weight (up to the cap its
evidence allows) whose blend with the engine's verdict agrees most with the PM's decisions;
the engine alone (weight 0) wins a tie, so the adapter only moves where it was right."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from .learning import (
    EVIDENCE_HALF,
    MIN_EACH,
    Example,
    KindScorer,
    WorkspaceModel,
    features,
)
from .offline import extract_offline
from .result import Kind

_C = 4.0


def _regression() -> LogisticRegression:
    return LogisticRegression(C=_C, class_weight="balanced", solver="liblinear")


def _base_verdicts(texts: Sequence[str]) -> dict[str, set[Kind]]:
    """What the offline engine calls each decided text (an LLM is not asked: training must
    not spend a thousand paid calls)."""
    return {text: {i.kind for i in extract_offline(text, "review").insights} for text in texts}


def _f1(gold: np.ndarray, got: np.ndarray) -> float:
    tp = float(np.sum(gold & got))
    return 2 * tp / (float(np.sum(gold)) + float(np.sum(got))) if tp else 0.0


def _out_of_fold(matrix: object, y: np.ndarray, folds: int) -> np.ndarray:
    splits = StratifiedKFold(
        n_splits=min(folds, int(y.sum()), int((~y).sum())), shuffle=True, random_state=0
    )
    predicted = np.zeros(len(y))
    for fit_rows, test_rows in splits.split(np.zeros(len(y)), y):
        model = _regression().fit(matrix[fit_rows], y[fit_rows])  # type: ignore[index]
        predicted[test_rows] = model.predict_proba(matrix[test_rows])[:, 1]  # type: ignore[index]
    return predicted


def _blend(weight: float, base: np.ndarray, probability: np.ndarray) -> np.ndarray:
    """What adapt.py does at this weight with a draft the engine made: keeps it at a blend of
    one half. A text the engine passed over stays a "no" here: the decisions hold the ones it
    missed but none of the plain sentences nobody decided, so they cannot tell how often
    finding one is right (adapt.py asks RECOVER of those)."""
    return (base >= 0.5) & ((1 - weight) * base + weight * probability >= 0.5)


def _cap(yes: np.ndarray, no: np.ndarray) -> float:
    evidence = min(int(yes.sum()), int(no.sum()))
    return evidence / (evidence + EVIDENCE_HALF)


def choose_weight(y: np.ndarray, base: np.ndarray, oof: np.ndarray, grid: Sequence[float]) -> float:
    """The weight whose blend has the best F1 on the decisions, capped by the evidence for
    overruling a draft: the kind's examples against the engine's drafts of it the PM archived
    (texts accepted as another kind say nothing about this kind's drafts). F1, not agreement:
    dropping a draft the PM would publish costs F1 about twice what dropping one they would
    archive gains, and agreement counted both alike (measured on Mini-BAR, 300 decisions:
    feature requests 0.674 -> 0.630 under agreement)."""
    cap = _cap(y, (base >= 0.5) & ~y)
    scores = {w: _f1(y, _blend(w, base, oof)) for w in grid if w <= cap}
    best = max(scores.values())
    # The engine alone wins a tie; past it, the boldest weight that scores as well.
    return 0.0 if scores[0.0] == best else max(w for w, f in scores.items() if f == best)


def fit(
    decided: Sequence[Example],
    labels: dict[Kind, dict[str, bool]],
    folds: int,
    grid: Sequence[float],
) -> WorkspaceModel:
    texts = list(dict.fromkeys(example.text for example in decided))
    vectorizer = TfidfVectorizer(
        analyzer=features, sublinear_tf=True, min_df=2 if len(texts) >= 100 else 1
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no words at all: nothing to learn from
        return WorkspaceModel({}, {}, len(decided))
    row = {text: index for index, text in enumerate(texts)}
    base = _base_verdicts(texts)
    terms = vectorizer.get_feature_names_out()
    scorers: dict[Kind, KindScorer] = {}
    learned_f1: list[float] = []
    base_f1: list[float] = []
    counts: Counter[str] = Counter()
    for kind, verdicts in labels.items():
        y = np.array(list(verdicts.values()), dtype=bool)
        counts[kind] = int(y.sum())
        counts[f"not {kind}"] = int((~y).sum())
        if min(counts[kind], counts[f"not {kind}"]) < MIN_EACH:
            continue
        kind_matrix = matrix[[row[text] for text in verdicts]]
        said = np.array([kind in base[text] for text in verdicts], dtype=float)
        oof = _out_of_fold(kind_matrix, y, folds)
        weight = choose_weight(y, said, oof, grid)
        learned_f1.append(_f1(y, _blend(weight, said, oof)))
        base_f1.append(_f1(y, said >= 0.5))
        model = _regression().fit(kind_matrix, y)
        coef = model.coef_[0]
        scorers[kind] = KindScorer(
            {str(terms[i]): round(float(coef[i]), 5) for i in np.flatnonzero(np.abs(coef) > 1e-5)},
            float(model.intercept_[0]),
            weight,
            _cap(y, ~y),
        )
    return WorkspaceModel(
        idf={str(term): round(float(v), 5) for term, v in zip(terms, vectorizer.idf_, strict=True)},
        scorers=scorers,
        decisions=len(decided),
        estimated_f1=round(float(np.mean(learned_f1)), 4) if learned_f1 else None,
        base_f1=round(float(np.mean(base_f1)), 4) if base_f1 else None,
        counts=dict(counts),
    )

"""Fitting a workspace's correction (learning.py): scikit-learn for the terms, scipy for the fit.

The correction is a multinomial logistic regression over TF-IDF terms whose logits are added to
the engine's, fitted with the engine's logits held fixed and no intercept. Without an
intercept it cannot learn "everything decided is a kind": the decisions are the engine's
drafts and its misses, never the plain sentences it rightly passed over, so a bias term would
tilt every unit towards the kinds the PM published (measured on Mini-BAR with 1,000 decisions:
feature-request precision 0.76 -> 0.53 with one, 0.69 without). L2 keeps each term's
correction small unless many decisions ask for it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import KFold

from . import extract
from .features import ngrams
from .learning import (
    MIN_EVIDENCE,
    Example,
    WorkspaceModel,
    final_labels,
    flag_of,
    verdicts_by_flag,
)
from .model import SHIPPED, LinearModel, active_model
from .result import Kind

# The L2 penalty on the correction's weights (the loss sums over texts, so the evidence of a
# thousand decisions outweighs it where a handful do not). Measured on Mini-BAR, the engine
# trained without it, 1,000 decisions: 0.5 and 1 alike, 2 gives back a third of the gain.
_L2 = 1.0
_FOLDS = 3
# The cross-validation judges at most this many characters of decided text (a sample, the same
# each time): the engine reads about 150,000 a second, and training must take seconds even
# when the decisions are a thousand long GitHub issues.
_JUDGED_CHARS = 200_000
# A term's correction below this is not kept: it moves no verdict and would bloat the file.
_SMALLEST = 0.005


def _engine() -> LinearModel:
    """The model the engine judges with here (the shipped one, or a benchmark's own)."""
    model = active_model()
    return model if isinstance(model, LinearModel) else SHIPPED


def _fit_weights(matrix: csr_matrix, offsets: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Weights (terms x kinds) minimising cross-entropy of softmax(offsets + matrix @ W)."""
    kinds = offsets.shape[1]
    target = np.eye(kinds)[y]
    shape = (matrix.shape[1], kinds)

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        weights = flat.reshape(shape)
        logits = offsets + matrix @ weights
        logits -= logits.max(axis=1, keepdims=True)
        chances = np.exp(logits)
        chances /= chances.sum(axis=1, keepdims=True)
        value = -np.log(chances[np.arange(len(y)), y] + 1e-12).sum()
        gradient = matrix.T @ (chances - target) + _L2 * weights
        return value + _L2 / 2 * float((weights * weights).sum()), gradient.ravel()

    found = minimize(
        loss, np.zeros(shape[0] * kinds), jac=True, method="L-BFGS-B", options={"maxiter": 300}
    )
    return found.x.reshape(shape)


def correction(texts: Sequence[str], kinds: Sequence[Kind], engine: LinearModel) -> LinearModel:
    """The correction that moves `engine`'s verdicts on `texts` towards `kinds`."""
    vectorizer = TfidfVectorizer(
        analyzer=ngrams, sublinear_tf=True, min_df=2 if len(texts) >= 100 else 1
    )
    try:
        matrix = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no term at all (texts of punctuation), or none in two texts
        return _as_correction(engine, {}, {})
    offsets = np.array([engine.logits(text) for text in texts])
    y = np.array([engine.classes.index(kind) for kind in kinds])
    weights = _fit_weights(matrix, offsets, y)
    kept = np.flatnonzero(np.abs(weights).max(axis=1) >= _SMALLEST)
    terms = vectorizer.get_feature_names_out()
    return _as_correction(
        engine,
        {str(terms[i]): float(vectorizer.idf_[i]) for i in kept},
        {str(terms[i]): weights[i].tolist() for i in kept},
    )


def _as_correction(
    engine: LinearModel, idf: dict[str, float], weights: dict[str, list[float]]
) -> LinearModel:
    """A correction over the engine's kinds, with no intercept (see the module's doc)."""
    classes = list(engine.classes)
    return LinearModel.from_artifact(
        {"classes": classes, "idf": idf, "weights": weights, "intercept": [0.0] * len(classes)}
    )


def _drafted(texts: Sequence[str], model: WorkspaceModel | None) -> dict[str, set[Kind]]:
    """The kinds the offline engine drafts on each text, with `model` or alone (an LLM is not
    asked: training must not spend a thousand paid calls)."""
    return {
        text: {i.kind for i in extract(text, "review", workspace_model=model).insights}
        for text in texts
    }


def _f1_by_flag(
    verdicts: dict[str, dict[str, bool]], drafted: dict[str, set[Kind]]
) -> dict[str, float]:
    """F1 per flag over the decided texts in `drafted`."""
    scores: dict[str, float] = {}
    for flag, said in verdicts.items():
        judged = [text for text in said if text in drafted]
        gold = [said[text] for text in judged]
        got = [flag in {flag_of(kind) for kind in drafted[text]} for text in judged]
        hits = sum(g and d for g, d in zip(gold, got, strict=True))
        scores[flag] = 2 * hits / (sum(gold) + sum(got)) if hits else 0.0
    return scores


def _estimate(
    labels: dict[str, Kind],
    verdicts: dict[str, dict[str, bool]],
    engine: LinearModel,
) -> tuple[dict[str, float], dict[str, float]]:
    """(learned, engine alone) F1 per flag on the decisions: each text judged by a correction
    fitted on the other folds."""
    texts = list(labels)
    kinds = list(labels.values())
    sample = _sample(texts)
    drafted: dict[str, set[Kind]] = {}
    for fit_rows, test_rows in KFold(_FOLDS, shuffle=True, random_state=0).split(texts):
        fold = correction([texts[i] for i in fit_rows], [kinds[i] for i in fit_rows], engine)
        judged = WorkspaceModel(fold, 1.0, len(fit_rows))
        drafted |= _drafted([texts[i] for i in test_rows if texts[i] in sample], judged)
    return _f1_by_flag(verdicts, drafted), _f1_by_flag(verdicts, _drafted(list(sample), None))


def _sample(texts: Sequence[str]) -> set[str]:
    """The decided texts the cross-validation judges: all, or a fixed sample of at most
    _JUDGED_CHARS (a text too long to fit is passed over, not the end of the sample)."""
    chosen: set[str] = set()
    room = _JUDGED_CHARS
    for i in np.random.default_rng(0).permutation(len(texts)):
        if len(texts[i]) <= room:
            chosen.add(texts[i])
            room -= len(texts[i])
    return chosen


def fit(decided: Sequence[Example]) -> WorkspaceModel:
    """A workspace model from its decisions (learning.train), guarded per flag by the
    cross-validation."""
    labels = final_labels(decided)
    verdicts = {
        flag: said
        for flag, said in verdicts_by_flag(decided).items()
        if min(sum(said.values()), len(said) - sum(said.values())) >= MIN_EVIDENCE
    }
    counts: Counter[str] = Counter(str(kind) for kind in labels.values())
    evidence = len(labels) - max(counts.values(), default=0)
    if evidence < MIN_EVIDENCE or len(labels) < _FOLDS:
        return WorkspaceModel(None, 0.0, len(decided), counts=dict(counts))
    engine = _engine()
    learned, base = _estimate(labels, verdicts, engine)
    # One decision's worth of F1: finer than that a few hundred decisions cannot tell.
    noise = 1 / len(labels)
    # A flag the decisions say the correction does worse on is left to the engine alone...
    worse = {flag for flag in learned if learned[flag] < base[flag] - noise}
    fitted = correction(list(labels), list(labels.values()), engine)
    chosen = [base[flag] if flag in worse else learned[flag] for flag in learned]
    # ... and the whole correction waits until the decisions show it doing better than the
    # engine: with about a hundred decisions one that gains nothing measurable on them still
    # moved a few undecided texts each way (registers_eval: requests 0.966 -> 0.921).
    gains = bool(learned) and float(np.mean(chosen)) >= float(np.mean(list(base.values()))) + noise
    return WorkspaceModel(
        correction=fitted.without(k for k in engine.classes if flag_of(k) in worse),
        strength=1.0 if gains or not learned else 0.0,
        decisions=len(decided),
        # Unused, the model's F1 is the engine's.
        estimated_f1=round(float(np.mean(chosen if gains else list(base.values()))), 4)
        if chosen
        else None,
        base_f1=round(float(np.mean(list(base.values()))), 4) if base else None,
        counts=dict(counts),
    )

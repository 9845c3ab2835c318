"""What in-domain supervision would reach: the engine's figures beside a TF-IDF + logistic
regression trained on labeled rows of the same CSV.

    python bench/extraction_ceiling.py [PATH.csv]

The reference model is trained on the even rows (its threshold chosen by 5-fold
cross-validation on them) and scored, like the engine, on the odd rows, once per training
size. It lives in memory only: the shipped engine is trained on no row of the set. The table
says how many in-domain labeled reviews it takes to match the engine, and whether a target is
within reach of this kind of model at all.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
from extraction_quality import DEFAULT, FLAGS, FlagScore, half_of, predict, read_rows, score
from machine import machine
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import cross_val_predict
from sklearn.pipeline import Pipeline, make_pipeline

from zentrik_server.extraction.features import ngrams

SIZES = (250, 500, 1000, 2000, None)
THRESHOLDS = np.arange(0.20, 0.70, 0.02)
ANALYZERS: dict[str, Callable[[], TfidfVectorizer]] = {
    "word 1-2-grams": lambda: TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
    "engine features": lambda: TfidfVectorizer(analyzer=ngrams, sublinear_tf=True, min_df=2),
}


def _pipeline(analyzer: str) -> Pipeline:
    return make_pipeline(ANALYZERS[analyzer](), LogisticRegression(C=10.0, max_iter=5000))


def supervised(analyzer: str, flag: str, train: list, test: list) -> FlagScore:
    texts = [text for text, _ in train]
    gold = np.array([flag in labels for _, labels in train])
    held = cross_val_predict(_pipeline(analyzer), texts, gold, cv=5, method="predict_proba")
    threshold = max(THRESHOLDS, key=lambda t: f1_score(gold, held[:, 1] >= t))
    model = _pipeline(analyzer).fit(texts, gold)
    flagged = model.predict_proba([text for text, _ in test])[:, 1] >= threshold
    return score(flag, test, [{flag} if hit else set() for hit in flagged])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    args = parser.parse_args()
    rows = read_rows(args.path)
    train, test = half_of(rows, "even"), half_of(rows, "odd")
    print(machine())
    print(f"held out: {len(test)} odd rows of {args.path}; F1 per flag")
    started = time.perf_counter()
    predicted = [predict(text) for text, _ in test]
    engine = {flag: score(flag, test, predicted).f1 for flag in FLAGS}
    print(f"{'engine (no row of the set)':42s}" + "".join(f"{f:>18s}" for f in FLAGS))
    print(f"{'':42s}" + "".join(f"{engine[f]:18.3f}" for f in FLAGS))
    for analyzer in ANALYZERS:
        for size in SIZES:
            subset = train[:size]
            label = f"in-domain {analyzer}, {len(subset)} rows"
            f1s = [supervised(analyzer, flag, subset, test).f1 for flag in FLAGS]
            print(f"{label:42s}" + "".join(f"{f1:18.3f}" for f1 in f1s), flush=True)
    print(f"took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

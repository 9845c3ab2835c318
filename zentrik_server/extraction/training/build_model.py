"""Train the unit classifier on the project's own examples and write training/model.json.

    python -m zentrik_server.extraction.training.build_model [--check]

Examples are the *.jsonl files beside this script ({"text", "kind"} a line), written for the
project across domains (SaaS, mobile, hardware, fintech, health). --check prints a 5-fold
cross-validated accuracy on them instead of writing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline

from zentrik_server.extraction.features import ngrams
from zentrik_server.extraction.model import ARTIFACT

HERE = Path(__file__).parent
C = 4.0


def load_examples() -> tuple[list[str], list[str]]:
    texts: list[str] = []
    kinds: list[str] = []
    for path in sorted(HERE.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                example = json.loads(line)
                texts.append(example["text"])
                kinds.append(example["kind"])
    return texts, kinds


def pipeline():
    return make_pipeline(
        TfidfVectorizer(analyzer=ngrams, sublinear_tf=True),
        # Balanced: how many examples of each kind the project happened to write is no prior
        # on what a customer says.
        LogisticRegression(C=C, max_iter=5000, class_weight="balanced"),
    )


def build() -> dict[str, object]:
    texts, kinds = load_examples()
    model = pipeline().fit(texts, kinds)
    vectorizer, classifier = model.steps[0][1], model.steps[1][1]
    terms = vectorizer.get_feature_names_out()
    return {
        "classes": [str(kind) for kind in classifier.classes_],
        "idf": {str(t): round(float(v), 4) for t, v in zip(terms, vectorizer.idf_, strict=True)},
        "weights": {
            str(term): [round(float(w), 4) for w in classifier.coef_[:, index]]
            for index, term in enumerate(terms)
        },
        "intercept": [round(float(b), 4) for b in classifier.intercept_],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        texts, kinds = load_examples()
        scores = cross_val_score(pipeline(), texts, kinds, cv=5)
        print(f"{len(texts)} examples, 5-fold accuracy {scores.mean():.3f} ± {scores.std():.3f}")
        return
    ARTIFACT.write_text(json.dumps(build(), separators=(",", ":"), sort_keys=True) + "\n")
    print(f"wrote {ARTIFACT}")


if __name__ == "__main__":
    main()

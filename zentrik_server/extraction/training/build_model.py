"""Train the unit classifier and write training/model.json.

    python -m zentrik_server.extraction.training.build_model [--check] [--minibar PATH]

Examples: the *.jsonl files beside this script and in domains/ ({"text", "kind"} a line),
written for the project (domains/<domain>.jsonl: one product domain each, so a domain can be
held out, see bench/extraction_quality.py), plus the even rows of the Mini-BAR review set
(J. Wei et al., MIT) when it is found: its odd rows stay held out for measuring. --check
prints a 5-fold cross-validated accuracy instead of writing.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline, make_pipeline

from zentrik_server.extraction.cues import CUES
from zentrik_server.extraction.features import ngrams
from zentrik_server.extraction.model import ARTIFACT

HERE = Path(__file__).parent
DOMAINS = HERE / "domains"
MINIBAR = HERE.parents[3] / "shared/data/minibar-health-reviews/reviews.csv"
C = 2.0
# Mini-BAR is one domain (health apps) and several times larger than any of the project's
# own: weighted down so its words do not become the model's idea of a problem.
MINIBAR_WEIGHT = 0.35
_PRAISE = frozenset({"love", "great", "excellent", "awesome", "amazing", "best", "perfect"})


@dataclass(frozen=True)
class Example:
    text: str
    kind: str
    domain: str  # "general" for the per-kind files, "minibar" for the review set
    weight: float = 1.0


def _read_jsonl(path: Path, domain: str) -> list[Example]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Example(json.loads(x)["text"], json.loads(x)["kind"], domain) for x in lines if x]


def own_examples() -> list[Example]:
    general = [ex for path in sorted(HERE.glob("*.jsonl")) for ex in _read_jsonl(path, "general")]
    return general + [
        ex for path in sorted(DOMAINS.glob("*.jsonl")) for ex in _read_jsonl(path, path.stem)
    ]


def _minibar_kind(text: str, labels: set[str]) -> str | None:
    """Mini-BAR flags mapped to the engine's kinds; a row with both flags says two things
    and teaches neither, so it is left out."""
    if labels == {"feature_request"}:
        return "feature_request"
    if labels == {"problem_report"}:
        lowered = text.lower()
        is_bug = any(c.kind == "bug" and c.pattern.search(lowered) for c in CUES)
        return "bug" if is_bug else "pain_point"
    if labels == {"irrelevant"}:
        return "praise" if _PRAISE & set(text.lower().split()) else "other"
    return None


def minibar_examples(path: Path = MINIBAR) -> list[Example]:
    """The even rows (0, 2, 4, ...) of the set; the odd rows are never trained on."""
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[::2]
    kinds = (_minibar_kind(row["text"], set(row["label"].split("|"))) for row in rows)
    return [
        Example(row["text"], kind, "minibar", MINIBAR_WEIGHT)
        for row, kind in zip(rows, kinds, strict=True)
        if kind is not None
    ]


def pipeline() -> Pipeline:
    return make_pipeline(
        TfidfVectorizer(analyzer=ngrams, sublinear_tf=True, min_df=2),
        # Balanced: how many examples of each kind the project happened to write is no prior
        # on what a customer says.
        LogisticRegression(C=C, max_iter=5000, class_weight="balanced"),
    )


def shipped_examples() -> list[Example]:
    return own_examples() + minibar_examples()


def build(examples: Iterable[Example] | None = None) -> dict[str, object]:
    """The artifact model.LinearModel reads, trained on `examples` (the shipped ones: the
    project's own and Mini-BAR's even rows)."""
    chosen = shipped_examples() if examples is None else list(examples)
    model = pipeline().fit(
        [ex.text for ex in chosen],
        [ex.kind for ex in chosen],
        logisticregression__sample_weight=[ex.weight for ex in chosen],
    )
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
    parser.add_argument("--minibar", type=Path, default=MINIBAR)
    args = parser.parse_args()
    own, review_set = own_examples(), minibar_examples(args.minibar)
    if args.check:
        texts, kinds = [ex.text for ex in own], [ex.kind for ex in own]
        scores = cross_val_score(pipeline(), texts, kinds, cv=5)
        print(f"{len(texts)} examples, 5-fold accuracy {scores.mean():.3f} ± {scores.std():.3f}")
        return
    ARTIFACT.write_text(
        json.dumps(build(own + review_set), separators=(",", ":"), sort_keys=True) + "\n"
    )
    print(f"wrote {ARTIFACT}: {len(own)} own examples, {len(review_set)} Mini-BAR even rows")


if __name__ == "__main__":
    main()

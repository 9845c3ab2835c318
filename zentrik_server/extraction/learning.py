"""Learning from a workspace's triage: each decision a PM makes on a draft is a label in the
workspace's own language, and `train()` turns them into a correction of the engine's model
that the engine then judges with (extract(..., workspace_model=)).

    publish a draft            Example(evidence, kind)                 "this is a <kind>"
    archive a draft            Example(evidence, kind, accepted=False) "this is not a <kind>"
    change a draft's kind      old kind rejected, new kind accepted
    create one on a signal     Example(quoted text, kind)              a draft the engine missed

The correction is a second linear model over the same kind of terms, fitted on the decided
texts with the engine's own logits held fixed (learning_fit.py): it learns only what the
engine got wrong, and the engine keeps everything else it knows. Because the engine itself
judges with it, a workspace's words move every verdict the usual way: a draft is dropped or
re-kinded, a unit the engine passed over becomes a draft, with the engine's cues, headlines
and quotes as always.

The engine's cues ("please add ...") outweigh its model, so a draft the engine's model alone
called its kind and the corrected one no longer does is dropped (`kept`): that is how
archiving a workspace's template asks stops them.

How far the correction goes is set by its evidence: its L2 penalty weighs against the sum of
the decisions' losses, so a handful move little and a thousand a lot. It is not used at all
(`strength` 0) with fewer than MIN_EVIDENCE decided texts apart from the most common label
(decisions all one way say nothing about where a kind ends), nor until a cross-validation
over the decisions shows it beating the engine by more than one decision's worth of F1 (so a
workspace never trades the engine for a correction it cannot show is better). A flag (bug and
pain point count as one) the cross-validation says it does clearly worse on is left to the
engine alone (its kinds' weights zeroed).

A model is plain numbers and words: `to_json()` / `from_json()` store it (never pickle from
disk: a stored model must not be able to run code), and it also pickles for a process pool.
A stored model that is not the numbers and kinds it should be raises ValueError on reading; the
server then logs it and reads signals with the engine alone (learning/store.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .model import LinearModel, Scorer, Tuned
from .result import PROBLEMS, ExtractedInsight, Extraction, Kind

__all__ = ["Example", "WorkspaceModel", "train"]

KINDS: tuple[Kind, ...] = tuple(Kind)
FORMAT = 2
# No correction until this many decided texts disagree with the most common label.
MIN_EVIDENCE = 5
# No stored number is trusted beyond this: a fitted weight or idf is far smaller, and larger
# ones would overflow the logits into NaN verdicts.
_LARGEST = 1e6


@dataclass(frozen=True)
class Example:
    """One triage decision: `text` is (or is not, `accepted=False`) a `kind`."""

    text: str
    kind: Kind
    accepted: bool = True


@dataclass(frozen=True)
class WorkspaceModel:
    correction: LinearModel | None
    strength: float
    decisions: int
    # Cross-validated F1 over the decided examples (macro over the kinds with decisions each
    # way), with the engine's F1 on the same examples beside it: what the settings page shows.
    estimated_f1: float | None = None
    base_f1: float | None = None
    # Decided texts per kind as the decisions leave them (final_labels): what it learned from.
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def learned(self) -> bool:
        """Whether the model changes anything the engine says."""
        return self.correction is not None and bool(self.correction.index) and self.strength > 0

    def tuned(self, engine: Scorer) -> Scorer:
        """What the engine judges with in this workspace: `engine` (its model) corrected."""
        if (
            not self.learned
            or not isinstance(engine, LinearModel)
            or self.correction is None
            or self.correction.classes != engine.classes
        ):
            return engine  # nothing learned, or fitted on a model with other kinds
        return Tuned(engine, self.correction, self.strength)

    def kept(self, extraction: Extraction, engine: Scorer) -> Extraction:
        """`extraction` without the drafts the correction overrules (see the module's doc)."""
        tuned = self.tuned(engine)
        if not isinstance(tuned, Tuned):
            return extraction
        kept = [i for i in extraction.insights if not _overruled(i, tuned)]
        return replace(extraction, insights=kept)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "correction": self.correction.to_artifact() if self.correction else None,
                "strength": self.strength,
                "decisions": self.decisions,
                "estimated_f1": self.estimated_f1,
                "base_f1": self.base_f1,
                "counts": self.counts,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> WorkspaceModel:
        """Read a stored model; anything but the expected numbers and words raises ValueError.
        A model of the first format (re-scoring drafts, before the engine judged with the
        workspace's correction) reads as learning nothing until the workspace is retrained."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("format") not in (1, FORMAT):
                raise ValueError("not a workspace model of a known format")
            stored = data.get("correction") if data["format"] == FORMAT else None
            return cls(
                correction=None if stored is None else _correction(stored),
                strength=_bounded(data.get("strength", 0.0), 0.0, 1.0),
                decisions=int(data["decisions"]),
                estimated_f1=_optional_f1(data.get("estimated_f1")),
                base_f1=_optional_f1(data.get("base_f1")),
                counts={str(k): int(v) for k, v in data.get("counts", {}).items()},
            )
        # Overflow: a number too large for a float (or an inf for an int); recursion: JSON
        # nested deeper than the parser goes. A stored model is refused, never a crash.
        except (KeyError, TypeError, AttributeError, OverflowError, RecursionError) as error:
            raise ValueError(f"malformed workspace model: {error!r}"[:200]) from error


def _overruled(insight: ExtractedInsight, tuned: Tuned) -> bool:
    """Whether the engine's model called the draft's evidence its flag and the workspace's
    correction says it is not (bug and pain point count as one)."""
    text = " ".join(insight.evidence) or insight.name
    kinds = PROBLEMS if insight.kind in PROBLEMS else {insight.kind}
    before = tuned.base.probabilities(text)
    after = tuned.probabilities(text)
    return sum(before[k] for k in kinds) >= 0.5 > sum(after[k] for k in kinds)


def _correction(data: dict[str, Any]) -> LinearModel:
    """A stored correction, checked term by term before it is trusted."""
    classes = [str(_kind(value)) for value in data["classes"]]
    idf = {str(term): _bounded(value, 1e-6, _LARGEST) for term, value in data["idf"].items()}
    weights = {
        str(term): [_bounded(w, -_LARGEST, _LARGEST) for w in row]
        for term, row in data["weights"].items()
    }
    intercept = [_bounded(value, -_LARGEST, _LARGEST) for value in data["intercept"]]
    if weights.keys() != idf.keys() or len(intercept) != len(classes):
        raise ValueError("malformed workspace model: terms or kinds do not line up")
    if any(len(row) != len(classes) for row in weights.values()):
        raise ValueError("malformed workspace model: a term's weights do not match the kinds")
    return LinearModel.from_artifact(
        {"classes": classes, "idf": idf, "weights": weights, "intercept": intercept}
    )


def _kind(value: Any) -> Kind:
    if value not in KINDS:
        raise ValueError(f"unknown kind {value!r}")
    return Kind(value)


def _bounded(value: Any, low: float, high: float) -> float:
    """`value` as a float within [low, high] (NaN is not)."""
    number = float(value)
    if not low <= number <= high:
        raise ValueError(f"malformed workspace model: {number} is not within [{low}, {high}]")
    return number


def _optional_f1(value: Any) -> float | None:
    return None if value is None else _bounded(value, 0.0, 1.0)


def final_labels(examples: Sequence[Example]) -> dict[str, Kind]:
    """Each decided text's kind as the decisions leave it: the last kind accepted, or "other"
    when its drafts were only archived (a kind changed later wins over the archive)."""
    labels: dict[str, Kind] = {}
    for example in examples:
        if example.accepted:
            labels[example.text] = example.kind
        elif labels.get(example.text, example.kind) == example.kind:
            labels[example.text] = Kind.OTHER
    return labels


def flag_of(kind: Kind) -> str:
    """What a decision says a text is: bug and pain point, two faces of a problem, are one."""
    return "problem" if kind in PROBLEMS else str(kind)


def verdicts_by_flag(examples: Sequence[Example]) -> dict[str, dict[str, bool]]:
    """Per flag (flag_of), each text's verdict: the last decision about it wins; a text
    accepted as another flag is a "no" unless it was decided for this one."""
    labels: dict[str, dict[str, bool]] = {flag_of(kind): {} for kind in KINDS if kind != Kind.OTHER}
    for example in examples:
        if example.kind != Kind.OTHER:
            labels[flag_of(example.kind)][example.text] = example.accepted
    for example in examples:
        for flag, verdicts in labels.items():
            if example.accepted and flag != flag_of(example.kind):
                verdicts.setdefault(example.text, False)
    return labels


def train(examples: Iterable[Example]) -> WorkspaceModel:
    """A workspace model from its triage decisions (in the order they were made)."""
    # Imported here: only training needs scikit-learn, scipy and the engine's verdicts.
    from .learning_fit import fit

    decided = [e for e in examples if e.text.strip()]
    for example in decided:
        _kind(example.kind)
    return fit(decided)

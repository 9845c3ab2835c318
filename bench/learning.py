"""Learning from triage, replayed: a PM decides the drafts of half a labeled `text,label` CSV,
a workspace model is trained on those decisions, and the other half is scored by the engine
alone and with the model (precision, recall, F1 per flag).

    python bench/learning.py [PATH.csv ...] [--decisions N] [--signal-type review]

Prints, per set, base vs learned precision, recall and F1 per flag, then the macro over the
sets, and texts/s without and with the workspace model on the first set's test half (one core).

A workspace's language is new to the engine, so a set the engine was trained on (Mini-BAR's
even half: the deciding half here) is replayed against the engine trained without it, as
bench/extraction_quality.py --cross-domain holds a domain out.

Labels (joined with "|" when a row has several): problem_report, problem, bug, pain_point
flag a problem; feature_request, feature flag a feature request; anything else (irrelevant,
other, praise, question, none) flags nothing. Even rows decide, odd rows are scored (the
halves of bench/extraction_quality.py). The PM of the replay, row by row, until N decisions:
publishes a draft whose flag the row has; changes the kind of one whose flag it has not to a
flag the row has and no draft covers; archives the rest of the flagged drafts; and creates a
draft (quoting the whole row) for each flag still missing. Drafts of other kinds (praise,
question) it leaves alone unless they can take a missing flag.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from extraction_quality import (
    DEFAULT,
    FLAG_OF_KIND,
    FLAGS,
    FlagScore,
    Row,
    flags_in,
    read_rows,
    score,
)
from machine import machine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable as a plain script from anywhere

from zentrik_server.extraction import Extraction, extract  # noqa: E402
from zentrik_server.extraction.learning import Example, WorkspaceModel, train  # noqa: E402
from zentrik_server.extraction.model import LinearModel, model_replaced  # noqa: E402
from zentrik_server.extraction.training.build_model import (  # noqa: E402
    MINIBAR,
    build,
    own_examples,
)

# Reviews, GitHub-issue and support-forum sentences, review sentences: the sets the macro
# figure is over (the last two written for the project; none is in the engine's training).
SETS = (
    DEFAULT,
    ROOT / "bench/data/issue_sentences.csv",
    ROOT / "bench/data/review_sentences.csv",
)
PROBLEM, FEATURE = FLAGS
_FLAG_OF_LABEL = {
    "problem_report": PROBLEM,
    "problem": PROBLEM,
    "bug": PROBLEM,
    "pain_point": PROBLEM,
    "feature_request": FEATURE,
    "feature": FEATURE,
}
# The kind a PM gives a draft created (or re-kinded) for a flag.
_KIND_OF_FLAG = {PROBLEM: "bug", FEATURE: "feature_request"}


def flagged(rows: Sequence[Row]) -> list[Row]:
    return [
        (text, {_FLAG_OF_LABEL[x] for x in labels if x in _FLAG_OF_LABEL}) for text, labels in rows
    ]


def decide(text: str, gold: set[str], drafts: Extraction) -> list[list[Example]]:
    """One row's decisions, each the examples it records."""
    missing = gold - flags_in(drafts)
    decisions: list[list[Example]] = []
    for insight in drafts.insights:
        evidence = " ".join(insight.evidence) or insight.name
        flag = FLAG_OF_KIND.get(insight.kind)
        if flag in gold:
            decisions.append([Example(evidence, insight.kind)])
        elif missing:
            kind = _KIND_OF_FLAG[missing.pop()]
            decisions.append([Example(evidence, insight.kind, False), Example(evidence, kind)])
        elif flag is not None:
            decisions.append([Example(evidence, insight.kind, False)])
    decisions.extend([Example(text, _KIND_OF_FLAG[flag])] for flag in sorted(missing))
    return decisions


def replay(rows: Sequence[Row], limit: int, signal_type: str) -> tuple[list[Example], int, int]:
    """The examples of the first `limit` decisions, how many decisions and rows they took."""
    examples: list[Example] = []
    made = used = 0
    for text, gold in rows:
        if made >= limit:
            break
        for decision in decide(text, gold, extract(text, signal_type))[: limit - made]:
            examples.extend(decision)
            made += 1
        used += 1
    return examples, made, used


def predictions(
    rows: Sequence[Row], signal_type: str, model: WorkspaceModel | None
) -> list[set[str]]:
    return [flags_in(extract(text, signal_type, workspace_model=model)) for text, _ in rows]


@dataclass(frozen=True)
class SetResult:
    """One labeled set replayed: the engine's and the learned F1 per flag on its test half."""

    base: dict[str, FlagScore]
    learned: dict[str, FlagScore]


def engine_for(path: str) -> contextlib.AbstractContextManager[None]:
    """The engine as a new workspace of this set meets it: one never trained on the set."""
    if Path(path).resolve() != MINIBAR.resolve():
        return contextlib.nullcontext()
    return model_replaced(LinearModel.from_artifact(build(own_examples())))


def learn(path: str, limit: int, signal_type: str) -> tuple[SetResult, WorkspaceModel]:
    with engine_for(path):
        return _learn(path, limit, signal_type)


def _learn(path: str, limit: int, signal_type: str) -> tuple[SetResult, WorkspaceModel]:
    rows = flagged(read_rows(path))
    deciding, testing = rows[0::2], rows[1::2]
    examples, made, used = replay(deciding, limit, signal_type)
    started = time.perf_counter()
    model = train(examples)
    trained = time.perf_counter() - started
    print(f"{path}: {made} decisions on {used} rows; scored on {len(testing)} other rows")
    print(
        f"  training: {trained:.2f} s; cross-validated F1 on the decisions "
        f"{model.estimated_f1} (engine alone {model.base_f1}); strength {model.strength:.2f}"
    )
    result = SetResult(
        *(
            {flag: score(flag, testing, found) for flag in FLAGS}
            for found in (predictions(testing, signal_type, chosen) for chosen in (None, model))
        )
    )
    for flag in FLAGS:
        print(f"  {flag:16s} base    {result.base[flag]}")
        print(f"  {'':16s} learned {result.learned[flag]}")
    return result, model


def _seconds(texts: Sequence[str], signal_type: str, model: WorkspaceModel | None) -> float:
    started = time.perf_counter()
    for text in texts:
        extract(text, signal_type, workspace_model=model)
    return time.perf_counter() - started


def speeds(path: str, model: WorkspaceModel, signal_type: str) -> tuple[float, float]:
    """Texts/s of the set's test half without and with the workspace model: passes
    interleaved, best of three each, so the machine's noise falls alike on both."""
    texts = [text for text, _ in read_rows(path)[1::2]]
    passes = [[_seconds(texts, signal_type, chosen) for chosen in (None, model)] for _ in range(3)]
    without, with_model = (min(column) for column in zip(*passes, strict=True))
    return len(texts) / without, len(texts) / with_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(path) for path in SETS])
    parser.add_argument("--decisions", type=int, default=1000)
    parser.add_argument("--signal-type", default="review")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    print(machine(" (pinned to one)"))
    results = [learn(path, args.decisions, args.signal_type) for path in args.paths]
    print(f"macro over {len(results)} sets   base -> learned")
    for flag in FLAGS:
        base, learned = (
            sum(getattr(result, side)[flag].f1 for result, _ in results) / len(results)
            for side in ("base", "learned")
        )
        print(f"  {flag:16s} F1 {base:.3f} -> {learned:.3f}")
    with engine_for(args.paths[0]):
        without, with_model = speeds(args.paths[0], results[0][1], args.signal_type)
    print(
        f"speed on {Path(args.paths[0]).name}'s test half: {without:,.0f} texts/s without the "
        f"workspace model, {with_model:,.0f} with it   target >= 1,000/s"
    )


if __name__ == "__main__":
    main()

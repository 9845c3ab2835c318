"""Learning from triage, replayed: a PM decides the drafts of half a labeled `text,label` CSV,
a workspace model is trained on those decisions, and the other half is scored by the engine
alone and with the model (precision, recall, F1 per flag).

    python bench/learning.py [PATH.csv] [--decisions N] [--signal-type review]

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
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from extraction_quality import DEFAULT, FLAGS, Row, read_rows, score
from machine import machine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable as a plain script from anywhere

from zentrik_server.extraction import Extraction, extract  # noqa: E402
from zentrik_server.extraction.learning import Example, WorkspaceModel, train  # noqa: E402

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
_FLAG_OF_KIND = {kind: flag for flag, kinds in FLAGS.items() for kind in kinds}


def flagged(rows: Sequence[Row]) -> list[Row]:
    return [
        (text, {_FLAG_OF_LABEL[x] for x in labels if x in _FLAG_OF_LABEL}) for text, labels in rows
    ]


def flags_of(extraction: Extraction) -> set[str]:
    return {_FLAG_OF_KIND[i.kind] for i in extraction.insights if i.kind in _FLAG_OF_KIND}


def decide(text: str, gold: set[str], drafts: Extraction) -> list[list[Example]]:
    """One row's decisions, each the examples it records."""
    missing = gold - flags_of(drafts)
    decisions: list[list[Example]] = []
    for insight in drafts.insights:
        evidence = " ".join(insight.evidence) or insight.name
        flag = _FLAG_OF_KIND.get(insight.kind)
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
) -> tuple[list[set[str]], float]:
    started = time.perf_counter()
    found = [flags_of(extract(text, signal_type, workspace_model=model)) for text, _ in rows]
    return found, len(rows) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--decisions", type=int, default=1000)
    parser.add_argument("--signal-type", default="review")
    args = parser.parse_args()
    rows = flagged(read_rows(args.path))
    deciding, testing = rows[0::2], rows[1::2]
    examples, made, used = replay(deciding, args.decisions, args.signal_type)
    started = time.perf_counter()
    model = train(examples)
    trained = time.perf_counter() - started
    print(machine())
    print(f"{args.path}: {made} decisions on {used} rows; scored on {len(testing)} other rows")
    print(
        f"training: {trained:.2f} s; cross-validated F1 on the decisions "
        f"{model.estimated_f1} (engine alone {model.base_f1}); "
        f"weights {', '.join(f'{k} {s.weight:.2f}' for k, s in model.scorers.items())}"
    )
    for label, chosen in (("base   ", None), ("learned", model)):
        predicted, speed = predictions(testing, args.signal_type, chosen)
        for flag in FLAGS:
            print(f"{label} {flag:16s} {score(flag, testing, predicted)}")
        print(f"{label} speed: {speed:,.0f} texts/s")


if __name__ == "__main__":
    main()

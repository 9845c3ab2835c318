"""Classifier quality on a labeled `text,label` CSV (labels problem_report / feature_request /
irrelevant, joined with "|"): per-flag precision, recall, F1, and rows per second.

    python bench/extraction_quality.py [PATH.csv] [--errors N]

The default is the Mini-BAR dev set beside the repository. It is read, never copied: no file
of the engine is derived from it.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable as a plain script from anywhere

from zentrik_server.extraction import extract  # noqa: E402

DEFAULT = ROOT.parent / "shared/data/minibar-health-reviews/reviews.csv"
FLAGS = {"problem_report": {"bug", "pain_point"}, "feature_request": {"feature_request"}}


def predict(text: str) -> set[str]:
    kinds = {insight.kind for insight in extract(text, "review").insights}
    return {flag for flag, wanted in FLAGS.items() if kinds & wanted}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--errors", type=int, default=0, help="print N misjudged rows per flag")
    parser.add_argument(
        "--half",
        choices=["all", "even", "odd"],
        default="all",
        help="score only even or odd rows (errors were read on even rows; odd rows held out)",
    )
    args = parser.parse_args()
    with open(args.path, newline="", encoding="utf-8") as handle:
        rows = [(row["text"], set(row["label"].split("|"))) for row in csv.DictReader(handle)]
    if args.half != "all":
        rows = rows[args.half == "odd" :: 2]
    started = time.perf_counter()
    predicted = [predict(text) for text, _ in rows]
    elapsed = time.perf_counter() - started
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"rows: {len(rows)} ({args.half}) from {args.path}")
    for flag in FLAGS:
        tp = sum(
            1
            for (_, gold), got in zip(rows, predicted, strict=True)
            if flag in gold and flag in got
        )
        fp = sum(
            1
            for (_, gold), got in zip(rows, predicted, strict=True)
            if flag not in gold and flag in got
        )
        fn = sum(
            1
            for (_, gold), got in zip(rows, predicted, strict=True)
            if flag in gold and flag not in got
        )
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{flag:16s} precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  "
            f"(tp {tp}, fp {fp}, fn {fn})"
        )
        if args.errors:
            wrong = [
                (text, flag in gold)
                for (text, gold), got in zip(rows, predicted, strict=True)
                if (flag in gold) != (flag in got)
            ]
            for text, missed in random.Random(0).sample(wrong, min(args.errors, len(wrong))):
                print(f"   {'MISSED' if missed else 'FALSE '} {text[:160]}")
    print(f"speed: {len(rows) / elapsed:,.0f} rows/s (one process, one review per call)")


if __name__ == "__main__":
    main()

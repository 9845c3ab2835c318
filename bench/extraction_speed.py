"""Speed and memory of the offline extraction engine, on one core.

    python bench/extraction_speed.py [--csv PATH] [--reviews N]

Prints reviews/s (one review per extract() call), transcript words/s and the time for a
10,000-word transcript, peak resident memory, engine start-up time, and the machine.
Reviews default to short texts assembled from the project's own training sentences; --csv
reads a `text` column instead (e.g. the Mini-BAR dev set).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

from machine import machine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable as a plain script from anywhere

from zentrik_server.extraction import extract  # noqa: E402

TRAINING = ROOT / "zentrik_server/extraction/training"
QUESTIONS = [
    "How do you use the product today?",
    "What happened then?",
    "Can you tell me more about that?",
    "What would make that easier?",
    "How often does that happen?",
    "Anything else you'd change?",
]


@cache
def own_sentences() -> list[str]:
    """The training examples' texts, read once (reviews and the transcript both draw on them)."""
    lines = (
        line
        for path in sorted(TRAINING.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    )
    return [json.loads(line)["text"] for line in lines if line.strip()]


def reviews(args: argparse.Namespace, rng: random.Random) -> list[str]:
    if args.csv:
        with open(args.csv, newline="", encoding="utf-8") as handle:
            return [row["text"] for row in csv.DictReader(handle)][: args.reviews]
    sentences = own_sentences()
    return [" ".join(rng.sample(sentences, rng.randint(1, 3))) for _ in range(args.reviews)]


def transcript(words: int, rng: random.Random) -> str:
    sentences = own_sentences()
    lines: list[str] = []
    count = 0
    while count < words:
        customer = rng.choice(["Dana", "Marcus", "Lee"])
        answer = " ".join(rng.sample(sentences, rng.randint(2, 5)))
        lines += [f"Interviewer: {rng.choice(QUESTIONS)}", f"{customer}: {answer}"]
        count += len(lines[-2].split()) + len(lines[-1].split())
    return "\n".join(lines)


def best_of(runs: int, call: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return min(timings)


def startup_seconds() -> float:
    code = (
        "import time; t = time.perf_counter(); from zentrik_server.extraction import extract; "
        "extract('The app crashes.', 'review'); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", help="a CSV with a `text` column to use as reviews")
    parser.add_argument("--reviews", type=int, default=5000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rng = random.Random(7)
    print(machine(" (pinned to one)"))
    batch = reviews(args, rng)
    elapsed = best_of(1, lambda: [extract(text, "review") for text in batch])
    print(
        f"reviews: {len(batch) / elapsed:,.0f}/s ({len(batch)} reviews, "
        f"{sum(map(len, batch)) / len(batch):.0f} chars on average)   target >= 1,000/s"
    )
    talk = transcript(10_000, rng)
    words = len(talk.split())
    seconds = best_of(3, lambda: extract(talk, "transcript"))
    insights = len(extract(talk, "transcript").insights)
    print(
        f"transcript: {words:,} words in {seconds:.3f} s = {words / seconds:,.0f} words/s, "
        f"{insights} insights   targets <= 1 s, >= 30,000 words/s"
    )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak_mb:.0f} MB   target <= 300 MB")
    print(
        f"start-up (fresh process: import + first call): {startup_seconds():.2f} s   target <= 2 s"
    )


if __name__ == "__main__":
    main()

"""Benchmark: 1,000 typed review signals created back to back, until every one is processed.

Runs the embedded default (SQLite in WAL mode, the in-process worker thread) on a fresh
temporary data dir, creates the signals over HTTP on one keep-alive connection, then polls
until all are `processed`. Target: all processed within 60 s of the first create.
With `--insights N` the workspace first holds N insights (distinct subjects, every kind), so
each finding is de-duplicated against them through the term index (the 10,000 case).

    python bench/processing.py [--signals 1000] [--insights 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from machine import machine

from zentrik_server.embedded import start_embedded
from zentrik_server.vocabulary import InsightKind

TARGET_SECONDS = 60.0
OPENINGS = [
    "Exports are painfully slow for large datasets.",
    "The app crashes every time I upload a CSV over 10 MB.",
    "I can't find where to change my billing address.",
    "Please add a dark mode, my eyes hurt at night.",
    "The new dashboard is fantastic and saves me an hour a day.",
    "Search never finds tickets by customer email.",
    "Would love an integration with Slack for alerts.",
    "Onboarding was confusing; the setup wizard skipped the team invite step.",
]
CLOSINGS = [
    "Support answered quickly though.",
    "Otherwise a solid product.",
    "We may switch tools if this is not fixed.",
    "How do I export only the filtered rows?",
    "Pricing feels fair for what it does.",
    "",
]


SUBJECTS = [
    "invoice",
    "widget",
    "calendar",
    "export",
    "report",
    "playlist",
    "timer",
    "coupon",
    "map",
    "upload",
]
PARTS = [
    "button",
    "screen",
    "page",
    "tab",
    "menu",
    "list",
    "filter",
    "chart",
    "field",
    "toggle",
    "banner",
    "sheet",
]
PLACES = [
    "settings",
    "checkout",
    "profile",
    "inbox",
    "dashboard",
    "onboarding",
    "billing",
    "search",
    "admin",
    "team",
]
KINDS = [kind.value for kind in InsightKind if kind is not InsightKind.OTHER]


def existing_insight(n: int) -> dict[str, object]:
    """The n-th of the insights already in the workspace: a distinct three-word subject."""
    words = [SUBJECTS[n % 10], PARTS[n // 10 % 12], PLACES[n // 120 % 10], f"v{n // 1200}"]
    name = f"The {' '.join(words)} misbehaves"
    evidence = [{"text": name, "speaker": None, "source": 0}]
    return {"name": name, "aiSuggestions": {"kind": KINDS[n % 5], "evidence": evidence}}


def seed_insights(client: httpx.Client, count: int) -> float:
    start = time.perf_counter()
    for n in range(count):
        client.post("/external/v1/insights", json=existing_insight(n)).raise_for_status()
    return time.perf_counter() - start


def review(rng: random.Random) -> str:
    return " ".join(filter(None, [*rng.sample(OPENINGS, 2), rng.choice(CLOSINGS)]))


def processed_count(client: httpx.Client) -> int:
    response = client.get("/external/v1/signals", params={"status": "processed", "limit": 1})
    response.raise_for_status()
    return int(response.headers["X-Total-Count"])


def queue_latencies(client: httpx.Client, count: int) -> list[float]:
    """Seconds from each signal's creation to its `processedAt`, sorted."""
    response = client.get("/external/v1/signals", params={"limit": count})
    response.raise_for_status()
    return sorted(
        (
            datetime.fromisoformat(s["processing"]["processedAt"])
            - datetime.fromisoformat(s["createdAt"])
        ).total_seconds()
        for s in response.json()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signals", type=int, default=1000)
    parser.add_argument("--insights", type=int, default=0, help="insights already there")
    args = parser.parse_args()
    count = args.signals
    rng = random.Random(7)
    texts = [review(rng) for _ in range(count)]

    with tempfile.TemporaryDirectory(prefix="zentrik-bench-") as data_dir:
        os.environ.pop("ZENTRIK_DATABASE_URL", None)  # the embedded default: SQLite
        server = start_embedded(Path(data_dir))
        headers = {"Authorization": f"Bearer {server.api_key}"}
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=30.0) as client:
            seeded = seed_insights(client, args.insights)
            start = time.perf_counter()
            for text in texts:
                body = {"text": text, "signalType": "review"}
                client.post("/external/v1/signals", json=body).raise_for_status()
            created = time.perf_counter() - start
            done = processed_count(client)
            while done < count:
                if time.perf_counter() - start > 10 * TARGET_SECONDS:
                    sys.exit(f"gave up: {done}/{count} processed after {10 * TARGET_SECONDS:.0f} s")
                time.sleep(0.1)
                done = processed_count(client)
            total = time.perf_counter() - start
            failed = client.get("/external/v1/signals", params={"status": "failed", "limit": 1})
            latencies = queue_latencies(client, count)
        server.stop()

    print(machine())
    if args.insights:
        print(f"the workspace first held {args.insights} insights (made in {seeded:.0f} s)")
    print(f"created {count} review signals in {created:.1f} s ({count / created:.0f}/s)")
    print(f"all {count} processed {total:.1f} s after the first create ({count / total:.0f}/s)")
    p50, p99 = (latencies[int(q * (len(latencies) - 1))] for q in (0.5, 0.99))
    print(f"create -> processed per signal: p50 {p50:.2f} s, p99 {p99:.2f} s")
    print(f"failed: {failed.headers.get('X-Total-Count')}")
    verdict = "meets" if total <= TARGET_SECONDS else "MISSES"
    print(f"target: all processed within {TARGET_SECONDS:.0f} s: {verdict}")


if __name__ == "__main__":
    main()

"""How long grouping 10,000 insights into themes takes (target: <= 5 s), on insight names and
quotes like processing writes: a dozen subjects in varied wording, plus one-off findings.

    python bench/themes.py [--insights 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import time
from pathlib import Path

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import machine  # noqa: E402

from zentrik_ui.themes import find_themes  # noqa: E402

SUBJECTS = (
    ("App crashes when attaching a photo", "Crash on photo attachment", "Photos crash the app"),
    ("Add a dark mode", "Dark mode for night use", "Dark theme option requested"),
    ("CSV export times out", "Export to CSV never finishes", "Large CSV exports time out"),
    ("Login fails after password reset", "Cannot log in after resetting password"),
    ("Notifications arrive hours late", "Push notifications delayed"),
    ("Slack integration for alerts", "Send alerts to a Slack channel"),
    ("Checkout freezes with a coupon", "Coupon code freezes checkout"),
    ("Search cannot find customers by email", "Email search returns nothing"),
    ("Bigger font size", "Font too small to read"),
    ("Widget is blank on the home screen", "Home screen widget shows nothing"),
    ("Notes lost during sync", "Sync between devices loses notes"),
    ("Pricing page is confusing", "Unclear pricing tiers"),
)
FILLER = ["customers", "report", "it", "again", "this", "week", "in", "several", "reviews"]


def _made_up(rng: random.Random) -> str:
    """A one-off finding: words no other insight uses."""
    return " ".join("".join(rng.choices(string.ascii_lowercase, k=7)) for _ in range(3))


def insights(count: int, seed: int = 7) -> pd.DataFrame:
    rng = random.Random(seed)
    now = pd.Timestamp.now(tz="UTC")
    rows = []
    for n in range(count):
        name = _made_up(rng) if rng.random() < 0.2 else rng.choice(rng.choice(SUBJECTS))
        quote = f"“{name.lower()}, {' '.join(rng.sample(FILLER, 4))}”"
        at = now - pd.Timedelta(days=rng.randrange(84))
        rows.append({"id": f"i{n}", "name": name, "status": "draft", "evidence": quote,
                     "signal_ids": [f"s{n}"], "created_at": at, "updated_at": at})  # fmt: skip
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--insights", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    frame = insights(args.insights)
    print(machine())
    timings, found = [], pd.DataFrame()
    for _ in range(args.repeat):
        start = time.perf_counter()
        found = find_themes(frame)
        timings.append(time.perf_counter() - start)
    print(f"themes of {args.insights:,} insights: median {statistics.median(timings):.2f} s, "
          f"worst {max(timings):.2f} s over {args.repeat} runs (target <= 5 s); "
          f"{len(found)} themes")  # fmt: skip
    print(found[["theme", "insights", "mentions"]].head(12).to_string(index=False))


if __name__ == "__main__":
    main()

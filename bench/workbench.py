"""How fast each workbench screen loads on a big workspace (AppTest, real local server).

Seeds 2,000 signals, 10,000 insights (drafts, published, archived; each from one signal, with
the aiSuggestions processing writes), 200 opportunities and 300 ideas, with their links,
straight through the server's database layer; starts `python -m zentrik_server serve
--no-worker` on it; then for each screen times with `streamlit.testing.v1.AppTest`:

- first load: a new session with every Streamlit cache empty (targets: <= 3 s);
- warm rerun: the same session running the screen again, data cached (target: <= 200 ms).

    python bench/workbench.py [--repeat 5] [--signals 2000] [--insights 10000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import streamlit as st  # noqa: E402
from machine import machine  # noqa: E402
from sqlalchemy import insert, update  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from zentrik_server.admin.service import create_key  # noqa: E402
from zentrik_server.config import load_settings  # noqa: E402
from zentrik_server.db.engine import make_engine, make_sessionmaker  # noqa: E402
from zentrik_server.db.migrate import upgrade  # noqa: E402
from zentrik_server.db.models import (  # noqa: E402
    Idea,
    Insight,
    InsightOpportunity,
    Opportunity,
    OpportunityIdea,
    Signal,
    SignalInsight,
    Workspace,
)
from zentrik_server.db.types import new_id, utcnow  # noqa: E402
from zentrik_server.vocabulary import Severity, SignalType  # noqa: E402

APP = REPO_ROOT / "app.py"
PAGES = ("inbox", "triage", "opportunities", "ideas", "overview", "settings")
FIRST_TARGET_S, WARM_TARGET_S = 3.0, 0.200
SIGNAL_TYPES = tuple(signal_type.value for signal_type in SignalType)
INSIGHT_TYPES = ("user-interview", "support-ticket", "feedback", "market-research")
STATUSES = ("draft", "published", "archived")
SEVERITIES = tuple(severity.value for severity in Severity)
OPP_STATUSES = ("discovery", "defined", "validated", "archived")
IDEA_STATUSES = ("evaluating", "backlog", "development", "released", "archived")


def seed(data_dir: Path, signals: int, insights: int, opportunities: int, ideas: int) -> str:
    """The workspace, seeded in a few bulk INSERTs; returns an all-scopes key for it."""
    engine = make_engine(load_settings(data_dir))
    upgrade(engine)
    now = utcnow()
    with make_sessionmaker(engine)() as db:
        record = create_key(db, "Bench workspace", None, "bench")
        ws = record["workspaceId"]
        signal_rows = [
            {"id": new_id(), "workspace_id": ws, "public_number": n + 1,
             "name": f"Signal {n + 1}", "status": "processed", "context": "user_interview",
             "signal_type": SIGNAL_TYPES[n % 4], "source": {"type": "manual-text"},
             "data": {}, "created_at": now - timedelta(hours=n), "updated_at": now,
             "processed_at": now}
            for n in range(signals)
        ]  # fmt: skip
        insight_rows = [
            {"id": new_id(), "workspace_id": ws, "name": f"Exports time out ({n})",
             "description": "Pain point raised by a customer.", "status": STATUSES[n % 3],
             "type": INSIGHT_TYPES[n % 4], "tag_ids": [], "external_references": [],
             "origin_signal_id": signal_rows[n % signals]["id"],
             "ai_suggestions": {"kind": "pain_point", "severity": SEVERITIES[n % 3],
                                "sentiment": -0.4, "engine": "offline",
                                "evidence": [{"text": f"Exporting report {n} times out.",
                                              "speaker": f"Customer {n % 37}"}]},
             "created_at": now - timedelta(minutes=n), "updated_at": now}
            for n in range(insights)
        ]  # fmt: skip
        opp_rows = [
            {"id": new_id(), "workspace_id": ws, "name": f"Opportunity {n}",
             "description": "", "score": (n * 7) % 101, "status": OPP_STATUSES[n % 4],
             "created_at": now - timedelta(days=n), "updated_at": now}
            for n in range(opportunities)
        ]  # fmt: skip
        idea_rows = [
            {"id": new_id(), "workspace_id": ws, "name": f"Idea {n}", "description": "",
             "status": IDEA_STATUSES[n % 5], "created_at": now - timedelta(days=n),
             "updated_at": now}
            for n in range(ideas)
        ]  # fmt: skip
        db.execute(insert(Signal), signal_rows)
        db.execute(insert(Insight), insight_rows)
        db.execute(insert(Opportunity), opp_rows)
        db.execute(insert(Idea), idea_rows)
        db.execute(
            insert(SignalInsight),
            [{"signal_id": r["origin_signal_id"], "insight_id": r["id"]} for r in insight_rows],
        )
        db.execute(
            insert(InsightOpportunity),
            [{"insight_id": r["id"], "opportunity_id": opp_rows[n % opportunities]["id"]}
             for n, r in enumerate(insight_rows)],
        )  # fmt: skip
        db.execute(
            insert(OpportunityIdea),
            [{"opportunity_id": opp_rows[n % opportunities]["id"], "idea_id": r["id"]}
             for n, r in enumerate(idea_rows)],
        )  # fmt: skip
        db.execute(update(Workspace).where(Workspace.id == ws).values(signal_seq=signals))
        db.commit()
    engine.dispose()
    return str(record["key"])


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    if page != "inbox":
        at.switch_page(f"pages/{page}.py")
    return at


def run_page(at: AppTest) -> float:
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception or at.error:
        problems = [e.value for e in at.exception] + [e.value for e in at.error]
        raise RuntimeError(f"the screen failed: {problems}")
    return elapsed


def measure(page: str, repeat: int) -> tuple[list[float], list[float]]:
    firsts, warms = [], []
    for _ in range(repeat):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = open_page(page)
        firsts.append(run_page(at))
        warms += [run_page(at) for _ in range(3)]
    return firsts, warms


def verdict(seconds: float, target: float) -> str:
    return "ok" if seconds <= target else f"OVER {target * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--signals", type=int, default=2_000)
    parser.add_argument("--insights", type=int, default=10_000)
    parser.add_argument("--opportunities", type=int, default=200)
    parser.add_argument("--ideas", type=int, default=300)
    args = parser.parse_args()
    print(f"{machine()}, Streamlit {st.__version__}")
    from tests.conftest import start_server, stop_server  # the test suite's server launcher

    with tempfile.TemporaryDirectory(prefix="zentrik-bench-") as tmp:
        data_dir = Path(tmp)
        started = time.perf_counter()
        key = seed(data_dir, args.signals, args.insights, args.opportunities, args.ideas)
        print(
            f"seeded {args.signals:,} signals, {args.insights:,} insights, "
            f"{args.opportunities} opportunities, {args.ideas} ideas "
            f"in {time.perf_counter() - started:.1f} s (SQLite, server in its own process)"
        )
        process, base_url = start_server(data_dir, "--no-worker")
        os.environ.update(
            ZENTRIK_API_URL=base_url,
            ZENTRIK_API_KEY=key,
            ZENTRIK_ADMIN_TOKEN=(data_dir / "admin_token").read_text().strip(),
        )
        try:
            print(f"{'screen':<15}{'first load (median)':>22}{'warm rerun (median)':>24}")
            for page in PAGES:
                firsts, warms = measure(page, args.repeat)
                first, warm = statistics.median(firsts), statistics.median(warms)
                print(
                    f"{page:<15}{first * 1000:>12.0f} ms {verdict(first, FIRST_TARGET_S):<9}"
                    f"{warm * 1000:>12.0f} ms {verdict(warm, WARM_TARGET_S)}"
                )
        finally:
            stop_server(process)


if __name__ == "__main__":
    main()

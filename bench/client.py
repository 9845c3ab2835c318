"""How fast the workbench loads a big workspace through the client.

Seeds N insights (default 10,000, each linked to one of 100 opportunities, with the
aiSuggestions processing writes) straight through the server's database layer, starts the
local server, then times:

- loading every insight through `client.insights.iter(page_size=1000)` into the DataFrame
  the pages use (target: <= 1 s for 10,000), split into HTTP + parsing and frame building,
  next to the bare HTTP time of the same pages (what the server alone costs);
- the cached loader `session.load_insights`: the first (cold) read and a cached re-read in the
  same process (target: <= 20 ms).

    python bench/client.py [--insights 10000] [--repeat 5] [--embedded]

`--embedded` runs the server in this process (the workbench's default) instead of a
separate `python -m zentrik_server serve` process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import httpx  # noqa: E402
from machine import machine  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from zentrik_server.admin.service import create_key  # noqa: E402
from zentrik_server.config import load_settings  # noqa: E402
from zentrik_server.db.engine import make_engine, make_sessionmaker  # noqa: E402
from zentrik_server.db.migrate import upgrade  # noqa: E402
from zentrik_server.db.models import Insight, InsightOpportunity, Opportunity  # noqa: E402
from zentrik_server.db.types import new_id, utcnow  # noqa: E402
from zentrik_server.vocabulary import InsightKind  # noqa: E402
from zentrik_ui import ZentrikClient, session  # noqa: E402
from zentrik_ui.config import Connection  # noqa: E402

KINDS = tuple(kind.value for kind in InsightKind)
STATUSES = ("draft", "published", "archived")


def seed(data_dir: Path, n_insights: int, n_opportunities: int = 100) -> str:
    """A workspace with `n_insights` realistic insights; returns an all-scopes key for it."""
    engine = make_engine(load_settings(data_dir))
    upgrade(engine)
    with make_sessionmaker(engine)() as db:
        record = create_key(db, "Bench workspace", None, "bench")
        workspace_id = record["workspaceId"]
        now = utcnow()
        opportunities = [
            {"id": new_id(), "workspace_id": workspace_id, "name": f"Opportunity {n}",
             "description": "", "score": n % 101, "status": "discovery",
             "created_at": now, "updated_at": now}
            for n in range(n_opportunities)
        ]  # fmt: skip
        insights = [
            _insight(workspace_id, n, now - timedelta(seconds=n)) for n in range(n_insights)
        ]
        links = [
            {"insight_id": row["id"], "opportunity_id": opportunities[n % n_opportunities]["id"]}
            for n, row in enumerate(insights)
        ]
        db.execute(insert(Opportunity), opportunities)
        db.execute(insert(Insight), insights)
        db.execute(insert(InsightOpportunity), links)
        db.commit()
    engine.dispose()
    return str(record["key"])


def _insight(workspace_id: str, n: int, created: object) -> dict[str, object]:
    kind = KINDS[n % len(KINDS)]
    quote = f"Customer {n % 37}: exporting report {n} to CSV takes minutes and often times out."
    return {
        "id": new_id(),
        "workspace_id": workspace_id,
        "name": f"Exports time out for large reports ({n})",
        "description": f"Pain point raised by a customer.\n\nEvidence:\n- {quote}",
        "status": STATUSES[n % len(STATUSES)],
        "type": "user-interview",
        "tag_ids": [],
        "external_references": [],
        "ai_suggestions": {
            "kind": kind,
            "severity": "medium",
            "sentiment": -0.42,
            "evidence": [{"text": quote, "speaker": f"Customer {n % 37}"}],
            "engine": "offline",
        },
        "created_at": created,
        "updated_at": created,
    }


@contextmanager
def local_server(data_dir: Path, embedded: bool) -> Iterator[str]:
    if embedded:
        from zentrik_server.embedded import start_embedded

        server = start_embedded(data_dir)
        try:
            yield server.base_url
        finally:
            server.stop()
        return
    from tests.conftest import start_server, stop_server  # the test suite's server launcher

    process, base_url = start_server(data_dir, "--no-worker")
    try:
        yield base_url
    finally:
        stop_server(process)


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - started)
    return seconds


def summary(name: str, seconds: list[float], target: float | None = None) -> str:
    best, median = min(seconds), statistics.median(seconds)
    verdict = "" if target is None else ("  OK" if median <= target else f"  OVER {target:g} s")
    return f"{name:<46} median {median * 1000:8.1f} ms   best {best * 1000:8.1f} ms{verdict}"


def bare_pages(base_url: str, key: str, n: int) -> Callable[[], object]:
    """The same pages fetched with plain httpx, nothing parsed: what the server costs."""
    http = httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {key}"})

    def fetch() -> None:
        for offset in range(0, n + 1, session.PAGE_SIZE):
            params = {"limit": session.PAGE_SIZE, "offset": offset}
            http.get("/external/v1/insights", params=params).raise_for_status()

    return fetch


def run(n_insights: int, repeat: int, embedded: bool) -> None:
    print(machine())
    print(f"server: {'embedded in this process' if embedded else 'separate process'}, SQLite")
    with tempfile.TemporaryDirectory(prefix="zentrik-bench-") as tmp:
        data_dir = Path(tmp)
        started = time.perf_counter()
        key = seed(data_dir, n_insights)
        print(f"seeded {n_insights:,} insights in {time.perf_counter() - started:.1f} s")
        with local_server(data_dir, embedded) as base_url:
            measure(Connection(base_url, key), n_insights, repeat)


def measure(conn: Connection, n_insights: int, repeat: int) -> None:
    with ZentrikClient(conn.base_url, conn.api_key) as client:
        client.insights.list(limit=1)  # open the keep-alive connection

        def iter_models() -> None:
            assert len(list(client.insights.iter(page_size=session.PAGE_SIZE))) == n_insights

        def iter_to_frame() -> None:
            with session.gc_paused():
                frame = session.insights_frame(client.insights.iter(page_size=session.PAGE_SIZE))
            assert len(frame) == n_insights

        def cold_loader() -> None:
            session.invalidate("insights")
            assert len(session.load_insights(conn)) == n_insights

        def cached_read() -> None:
            session.load_insights(conn)

        bare = bare_pages(conn.base_url, conn.api_key, n_insights)
        print(summary("bare HTTP, same pages, nothing parsed", timed(bare, repeat)))
        print(summary("iter() -> models (HTTP + parsing)", timed(iter_models, repeat)))
        print(summary("iter() -> DataFrame (the target)", timed(iter_to_frame, repeat), 1.0))
        print(summary("session.load_insights, cold", timed(cold_loader, repeat), 1.0))
        cached_read()
        print(summary("session.load_insights, cached re-read", timed(cached_read, 50), 0.020))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--insights", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--embedded", action="store_true", help="server in this process")
    args = parser.parse_args()
    run(args.insights, args.repeat, args.embedded)


if __name__ == "__main__":
    main()

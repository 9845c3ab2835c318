"""API speed: 100,000 insights in SQLite, measured with wrk against `serve --no-worker`.

    python bench/api.py [--rows 100000] [--duration 10] [--connections 32]

Seeds a fresh data dir with SQLAlchemy core (not over HTTP), starts the server and a bare
FastAPI app answering 20 pre-built insights from memory, runs wrk (127.0.0.1 only) against
each endpoint and prints requests/s, p50 and p99, then the ratios against the targets.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from fastapi import FastAPI
from machine import machine
from pydantic import BaseModel

REPO_ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).resolve().parent / "lua"
sys.path.insert(0, str(REPO_ROOT))

from zentrik_server.admin.service import create_key  # noqa: E402
from zentrik_server.config import load_settings  # noqa: E402
from zentrik_server.db.engine import make_engine, make_sessionmaker  # noqa: E402
from zentrik_server.db.migrate import upgrade  # noqa: E402
from zentrik_server.db.models import Insight, InsightOpportunity, Opportunity  # noqa: E402
from zentrik_server.db.types import new_id  # noqa: E402

TARGETS = {
    "first page / bare": 0.35,
    "offset 90k / first page": 0.20,
    "get by id / bare": 0.40,
}
MIN_CREATES_PER_S = 500


@dataclass(frozen=True)
class Result:
    name: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int


def seed(data_dir: Path, rows: int) -> tuple[str, list[str]]:
    """`rows` insights (10% linked to one of 100 opportunities); returns (api key, ids)."""
    settings = load_settings(data_dir)
    engine = make_engine(settings)
    upgrade(engine)
    make_session = make_sessionmaker(engine)
    with make_session() as session:
        created = create_key(session, "bench")
    key, workspace_id = created["key"], created["workspaceId"]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    opportunities = [new_id() for _ in range(100)]
    ids = [new_id() for _ in range(rows)]
    with engine.begin() as connection:
        connection.execute(
            Opportunity.__table__.insert(),
            [
                {
                    "id": o,
                    "workspace_id": workspace_id,
                    "name": f"Opportunity {n}",
                    "description": "",
                    "score": n % 101,
                    "status": "discovery",
                    "created_at": start,
                    "updated_at": start,
                }
                for n, o in enumerate(opportunities)
            ],
        )
        for chunk in range(0, rows, 10_000):
            batch = [
                {
                    "id": ids[n],
                    "workspace_id": workspace_id,
                    "name": f"Insight number {n}",
                    "description": "Customers say exports are slow on large workspaces. " * 3,
                    "status": ("draft", "published", "archived")[n % 3],
                    "type": "feedback",
                    "product_id": None,
                    "tag_ids": ["bench"],
                    "ai_suggestions": None,
                    "external_references": [],
                    "created_at": start + timedelta(seconds=n),
                    "updated_at": start + timedelta(seconds=n),
                }
                for n in range(chunk, min(rows, chunk + 10_000))
            ]
            connection.execute(Insight.__table__.insert(), batch)
        connection.execute(
            InsightOpportunity.__table__.insert(),
            [
                {"insight_id": ids[n], "opportunity_id": opportunities[n % 100]}
                for n in range(0, rows, 10)
            ],
        )
    engine.dispose()
    return key, ids


class InsightModel(BaseModel):
    id: str
    name: str
    description: str
    status: str
    type: str
    productId: str | None
    createdAt: datetime
    updatedAt: datetime
    opportunityIds: list[str]
    ideaIds: list[str]
    tagIds: list[str]


def bare_app() -> FastAPI:
    """A bare FastAPI app returning 20 pre-built insight models from memory."""
    now = datetime.now(UTC)
    insights = [
        InsightModel(
            id=new_id(),
            name=f"Insight number {n}",
            description="Customers say exports are slow. " * 3,
            status="draft",
            type="feedback",
            productId=None,
            createdAt=now,
            updatedAt=now,
            opportunityIds=[new_id()],
            ideaIds=[],
            tagIds=["bench"],
        )
        for n in range(20)
    ]
    app = FastAPI()

    @app.get("/insights")
    async def list_insights() -> list[InsightModel]:
        return insights

    return app


def start(command: list[str], data_dir: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ZENTRIK_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO_ROOT)}
    env.pop("ZENTRIK_DATABASE_URL", None)
    process = subprocess.Popen(
        command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{command} did not start")


def wrk(
    name: str,
    url: str,
    key: str | None,
    args: argparse.Namespace,
    script: str | None = None,
    env: dict[str, str] | None = None,
) -> Result:
    command = ["wrk", "-t1", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    if key:
        command += ["-H", f"Authorization: Bearer {key}"]
    if script:
        command += ["-s", str(LUA / script)]
    output = subprocess.run(
        [*command, url],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Result(
        name,
        rps,
        _latency(output, "50"),
        _latency(output, "99"),
        int(errors.group(1)) if errors else 0,
    )


def _latency(output: str, percentile: str) -> float:
    value, unit = re.search(rf"\s{percentile}%\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=18787)
    parser.add_argument("--bare-port", type=int, default=18788)
    parser.add_argument("--serve-bare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_bare:
        import uvicorn

        uvicorn.run(
            bare_app(), host="127.0.0.1", port=args.bare_port, access_log=False, log_level="warning"
        )
        return
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    data_dir = Path(tempfile.mkdtemp(prefix="zentrik-bench-"))
    began = time.perf_counter()
    key, ids = seed(data_dir, args.rows)
    print(f"seeded {args.rows:,} insights in {time.perf_counter() - began:.1f} s ({data_dir})")
    ids_file = data_dir / "ids.txt"
    ids_file.write_text("\n".join(ids[:: max(1, len(ids) // 20_000)]))
    api = f"http://127.0.0.1:{args.port}"
    bare = f"http://127.0.0.1:{args.bare_port}"
    server = start(
        [sys.executable, "-m", "zentrik_server", "serve", "--port", str(args.port), "--no-worker"],
        data_dir,
        f"{api}/healthz",
    )
    bare_server = start(
        [sys.executable, __file__, "--serve-bare", "--bare-port", str(args.bare_port)],
        data_dir,
        f"{bare}/insights",
    )
    deep = max(0, args.rows - 10_000)
    try:
        results = [
            wrk("bare FastAPI, 20 insights from memory", f"{bare}/insights", None, args),
            wrk("GET /insights?limit=20", f"{api}/external/v1/insights?limit=20", key, args),
            wrk(
                f"GET /insights?limit=100&offset={deep}",
                f"{api}/external/v1/insights?limit=100&offset={deep}",
                key,
                args,
            ),
            wrk(
                "GET /insights/:id (random)",
                api,
                key,
                args,
                "get_random.lua",
                {"ZENTRIK_BENCH_IDS": str(ids_file)},
            ),
            wrk("POST /insights", f"{api}/external/v1/insights", key, args, "post_insight.lua"),
            # Again at the end: the ratios use the better of the two bare runs (conservative
            # on a shared machine whose load drifts during the run).
            wrk("bare FastAPI, again", f"{bare}/insights", None, args),
        ]
    finally:
        for process in (server, bare_server):
            process.terminate()
            process.wait(timeout=30)
    report(results)
    shutil.rmtree(data_dir, ignore_errors=True)


def report(results: list[Result]) -> None:
    print(f"\n{machine()}; load average now {os.getloadavg()[0]:.1f}")
    print(f"{'endpoint':44} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for r in results:
        print(f"{r.name:44} {r.requests_per_s:9.0f} {r.p50_ms:8.2f} {r.p99_ms:8.2f} {r.errors:8d}")
    bare_first, first, deep, get, post, bare_last = (r.requests_per_s for r in results)
    bare = max(bare_first, bare_last)
    ratios = {
        "first page / bare": first / bare,
        "offset 90k / first page": deep / first,
        "get by id / bare": get / bare,
    }
    print()
    for name, ratio in ratios.items():
        verdict = "ok" if ratio >= TARGETS[name] else "BELOW TARGET"
        print(f"{name:28} {ratio:6.1%}  (target >= {TARGETS[name]:.0%})  {verdict}")
    verdict = "ok" if post >= MIN_CREATES_PER_S else "BELOW TARGET"
    print(f"{'creates/s':28} {post:6.0f}  (target >= {MIN_CREATES_PER_S})  {verdict}")


if __name__ == "__main__":
    main()

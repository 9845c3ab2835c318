"""List pages: anchored deep offsets agree with plain OFFSET, and follow every commit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from zentrik_server.config import load_settings
from zentrik_server.db.engine import make_engine, make_sessionmaker
from zentrik_server.db.migrate import upgrade
from zentrik_server.db.models import Workspace
from zentrik_server.ideas.repository import IDEAS
from zentrik_server.ideas.schemas import IdeaCreate
from zentrik_server.insights.repository import INSIGHTS
from zentrik_server.insights.schemas import InsightCreate
from zentrik_server.opportunities.repository import OPPORTUNITIES
from zentrik_server.opportunities.schemas import OpportunityCreate
from zentrik_server.resources import records
from zentrik_server.resources.listing import ANCHOR_EVERY, ListCache, Page
from zentrik_server.signals.repository import SIGNALS
from zentrik_server.signals.schemas import SignalUpdate

ROWS = 2 * ANCHOR_EVERY + 345


def _seed(tmp_path: Path):  # type: ignore[no-untyped-def]
    engine = make_engine(load_settings(tmp_path))
    upgrade(engine)
    make_session = make_sessionmaker(engine)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with make_session() as session:
        session.execute(insert(Workspace.__table__).values(id="ws", name="ws", signal_seq=0))
        # Pairs of rows share a timestamp so the id tie-break matters.
        session.execute(
            insert(INSIGHTS.table),
            [
                {
                    "id": f"i{n:05d}",
                    "workspace_id": "ws",
                    "name": f"n{n}",
                    "created_at": start + timedelta(seconds=n // 2),
                    "updated_at": start,
                    "tag_ids": [],
                    "external_references": [],
                }
                for n in range(ROWS)
            ],
        )
        session.commit()
    return engine, make_session


def _plain(session, limit: int, offset: int) -> list[str]:  # type: ignore[no-untyped-def]
    table = INSIGHTS.table
    query = select(table.c.id).where(table.c.workspace_id == "ws")
    query = query.order_by(table.c.created_at.desc(), table.c.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(query))


def test_anchored_pages_match_plain_offsets(tmp_path: Path) -> None:
    engine, make_session = _seed(tmp_path)
    cache = ListCache(engine)
    assert cache.enabled
    with make_session() as session:
        for offset in (0, 999, 1000, 1001, 1999, 2000, 2300, ROWS - 1, ROWS, ROWS + 50):
            page = records.list_page(session, cache, INSIGHTS, "ws", {}, Page(37, offset))
            assert [i["id"] for i in page] == _plain(session, 37, offset), offset
        assert records.count(session, cache, INSIGHTS, "ws", {}) == ROWS


def test_a_commit_from_another_connection_is_seen_at_once(tmp_path: Path) -> None:
    engine, make_session = _seed(tmp_path)
    cache = ListCache(engine)
    with make_session() as session:
        before = records.list_page(session, cache, INSIGHTS, "ws", {}, Page(5, 1500))
    with make_session() as other:
        newest = datetime(2030, 1, 1, tzinfo=UTC)
        other.execute(
            insert(INSIGHTS.table).values(
                id="new", workspace_id="ws", name="new", created_at=newest, updated_at=newest
            )
        )
        other.commit()
    with make_session() as session:
        after = records.list_page(session, cache, INSIGHTS, "ws", {}, Page(5, 1500))
        # One newer row shifts the page by one position.
        assert [i["id"] for i in after][1:] == [i["id"] for i in before][:4]
        assert records.count(session, cache, INSIGHTS, "ws", {}) == ROWS + 1


def test_link_fields_are_the_request_bodies_link_lists() -> None:
    for resource, body in [
        (INSIGHTS, InsightCreate),
        (OPPORTUNITIES, OpportunityCreate),
        (IDEAS, IdeaCreate),
        (SIGNALS, SignalUpdate),
    ]:
        assert set(resource.link_fields) <= set(body.model_fields), resource.noun
        for name, field in resource.link_fields.items():
            assert body.model_fields[name].alias == field.name
    assert list(INSIGHTS.link_fields) == ["opportunity_ids", "idea_ids", "signal_ids"]

"""Insight rows, their JSON shape, and the queries only insights need."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Table, delete, exists, insert, select
from sqlalchemy.orm import Session

from zentrik_server.db.models import InsightMerge
from zentrik_server.resources.links import (
    INSIGHT_IDEAS,
    INSIGHT_OPPORTUNITIES,
    INSIGHT_SIGNALS,
    T_INSIGHTS,
)
from zentrik_server.resources.records import Resource, equals
from zentrik_server.resources.shapes import Field, Shape


def _linked_to_signal(
    table: Table, _column: str, signal_id: BindParameter[Any]
) -> ColumnElement[bool]:
    link = INSIGHT_SIGNALS.link
    return table.c.id.in_(select(link.c.insight_id).where(link.c.signal_id == signal_id))


INSIGHT_SHAPE: Shape = (
    Field("id", "id"),
    Field("name", "name"),
    Field("description", "description"),
    Field("status", "status"),
    Field("type", "type"),
    Field("productId", "product_id"),
    Field("createdAt", "created_at", "time"),
    Field("updatedAt", "updated_at", "time"),
    Field.ids(INSIGHT_OPPORTUNITIES),
    Field.ids(INSIGHT_IDEAS),
    Field("tagIds", "tag_ids", "list"),
    Field.ids(INSIGHT_SIGNALS),
    Field("aiSuggestions", "ai_suggestions", "json"),
    Field("externalReferences", "external_references", "list"),
    Field("mergedIntoId", "merged_into_id"),
)
T_MERGES: Table = InsightMerge.__table__  # type: ignore[assignment]


def _not_merged_away(table: Table) -> ColumnElement[bool]:
    return table.c.merged_into_id.is_(None)


INSIGHTS = Resource(
    noun="insight",
    table=T_INSIGHTS,
    shape=INSIGHT_SHAPE,
    listed=_not_merged_away,
    filters={
        "status": ("status", equals),
        "type": ("type", equals),
        "signalId": ("signal_id", _linked_to_signal),
    },
)


def delete_untouched_drafts(session: Session, signal_id: str) -> None:
    """Drop the drafts processing made from the signal that nobody touched since.

    Drafts a user edited or published stay, and so do drafts other signals' evidence joined
    (re-processing this signal finds its quote already in them) and merge targets.
    """
    table, link = T_INSIGHTS, INSIGHT_SIGNALS.link
    # Correlated, so each draft is checked on the link tables' indexes.
    others = exists().where(link.c.insight_id == table.c.id, link.c.signal_id != signal_id)
    merged_into = exists().where(T_MERGES.c.into_id == table.c.id)
    session.execute(
        delete(table).where(
            table.c.origin_signal_id == signal_id,
            table.c.status == "draft",
            table.c.edited_at.is_(None),
            table.c.merged_into_id.is_(None),
            ~others,
            ~merged_into,
        )
    )


def insert_drafts(
    session: Session, signal_id: str | None, rows: Sequence[Mapping[str, Any]]
) -> None:
    """New drafts, linked to the signal they came from (if any)."""
    table = T_INSIGHTS
    if rows:
        session.execute(insert(table), rows)
    if rows and signal_id is not None:
        session.execute(
            insert(INSIGHT_SIGNALS.link),
            [{"signal_id": signal_id, "insight_id": row["id"]} for row in rows],
        )

"""Insight rows and their JSON shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Table, select

from zentrik_server.links import (
    INSIGHT_IDEAS,
    INSIGHT_OPPORTUNITIES,
    INSIGHT_SIGNALS,
    T_INSIGHTS,
)
from zentrik_server.records import Json, Resource, equals
from zentrik_server.serialization import json_value, stamp


def _linked_to_signal(
    table: Table, _column: str, signal_id: BindParameter[Any]
) -> ColumnElement[bool]:
    link = INSIGHT_SIGNALS.link
    return table.c.id.in_(select(link.c.insight_id).where(link.c.signal_id == signal_id))


def insight_json(row: Mapping[str, Any]) -> Json:
    return {
        "id": row["id"],
        "name": row["name"],
        "description": row["description"],
        "status": row["status"],
        "type": row["type"],
        "productId": row["product_id"],
        "createdAt": stamp(row["created_at"]),
        "updatedAt": stamp(row["updated_at"]),
        "opportunityIds": json_value(row["opportunityIds"]),
        "ideaIds": json_value(row["ideaIds"]),
        "tagIds": json_value(row["tag_ids"]) or [],
        "signalIds": json_value(row["signalIds"]),
        "aiSuggestions": json_value(row["ai_suggestions"]),
        "externalReferences": json_value(row["external_references"]) or [],
    }


INSIGHTS = Resource(
    noun="insight",
    table=T_INSIGHTS,
    links=(INSIGHT_OPPORTUNITIES, INSIGHT_IDEAS, INSIGHT_SIGNALS),
    serialize=insight_json,
    filters={
        "status": ("status", equals),
        "type": ("type", equals),
        "signalId": ("signal_id", _linked_to_signal),
    },
)

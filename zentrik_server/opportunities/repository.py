"""Opportunity rows and their JSON shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from zentrik_server.links import OPPORTUNITY_IDEAS, OPPORTUNITY_INSIGHTS, T_OPPORTUNITIES
from zentrik_server.records import Json, Resource, equals
from zentrik_server.serialization import json_value, number, stamp


def opportunity_json(row: Mapping[str, Any]) -> Json:
    return {
        "id": row["id"],
        "name": row["name"],
        "description": row["description"],
        "score": number(row["score"]),
        "status": row["status"],
        "productId": row["product_id"],
        "insightIds": json_value(row["insightIds"]),
        "ideaIds": json_value(row["ideaIds"]),
        "createdAt": stamp(row["created_at"]),
        "updatedAt": stamp(row["updated_at"]),
    }


OPPORTUNITIES = Resource(
    noun="opportunity",
    table=T_OPPORTUNITIES,
    links=(OPPORTUNITY_INSIGHTS, OPPORTUNITY_IDEAS),
    serialize=opportunity_json,
    filters={"status": ("status", equals)},
)

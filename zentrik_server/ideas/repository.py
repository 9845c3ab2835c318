"""Idea rows and their JSON shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from zentrik_server.links import IDEA_INSIGHTS, IDEA_OPPORTUNITIES, T_IDEAS
from zentrik_server.records import Json, Resource, equals
from zentrik_server.serialization import json_value, stamp


def idea_json(row: Mapping[str, Any]) -> Json:
    return {
        "id": row["id"],
        "name": row["name"],
        "description": row["description"],
        "status": row["status"],
        "productId": row["product_id"],
        "opportunityIds": json_value(row["opportunityIds"]),
        "insightIds": json_value(row["insightIds"]),
        "createdAt": stamp(row["created_at"]),
        "updatedAt": stamp(row["updated_at"]),
    }


IDEAS = Resource(
    noun="idea",
    table=T_IDEAS,
    links=(IDEA_OPPORTUNITIES, IDEA_INSIGHTS),
    serialize=idea_json,
    filters={"status": ("status", equals)},
)

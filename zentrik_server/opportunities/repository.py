"""Opportunity rows and their JSON shape."""

from __future__ import annotations

from zentrik_server.resources.links import OPPORTUNITY_IDEAS, OPPORTUNITY_INSIGHTS, T_OPPORTUNITIES
from zentrik_server.resources.records import Resource, equals
from zentrik_server.resources.shapes import Field, Shape

OPPORTUNITY_SHAPE: Shape = (
    Field("id", "id"),
    Field("name", "name"),
    Field("description", "description"),
    Field("score", "score", "score"),
    Field("status", "status"),
    Field("productId", "product_id"),
    Field.ids(OPPORTUNITY_INSIGHTS),
    Field.ids(OPPORTUNITY_IDEAS),
    Field("createdAt", "created_at", "time"),
    Field("updatedAt", "updated_at", "time"),
)


OPPORTUNITIES = Resource(
    noun="opportunity",
    table=T_OPPORTUNITIES,
    shape=OPPORTUNITY_SHAPE,
    filters={"status": ("status", equals)},
)

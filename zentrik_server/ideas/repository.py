"""Idea rows and their JSON shape."""

from __future__ import annotations

from zentrik_server.resources.links import IDEA_INSIGHTS, IDEA_OPPORTUNITIES, T_IDEAS
from zentrik_server.resources.records import Resource, equals
from zentrik_server.resources.shapes import Field, Shape

IDEA_SHAPE: Shape = (
    Field("id", "id"),
    Field("name", "name"),
    Field("description", "description"),
    Field("status", "status"),
    Field("productId", "product_id"),
    Field.ids(IDEA_OPPORTUNITIES),
    Field.ids(IDEA_INSIGHTS),
    Field("createdAt", "created_at", "time"),
    Field("updatedAt", "updated_at", "time"),
)


IDEAS = Resource(
    noun="idea",
    table=T_IDEAS,
    shape=IDEA_SHAPE,
    filters={"status": ("status", equals)},
)

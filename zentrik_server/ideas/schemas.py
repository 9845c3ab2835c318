"""Idea payloads: every model field of the spec."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from zentrik_server.schemas import ApiModel, ApiOut, ListQuery, ProductId

IdeaStatus = Literal["evaluating", "backlog", "development", "released", "archived"]


class IdeaCreate(ApiModel):
    name: str = Field(min_length=1, description="Title of the idea")
    description: str = Field(default="", description="Detailed description of the solution")
    status: IdeaStatus = "evaluating"
    product_id: ProductId | None = None
    opportunity_ids: list[str] = Field(default_factory=list)
    insight_ids: list[str] = Field(default_factory=list)


class IdeaUpdate(ApiModel):
    name: str = Field(default=None, min_length=1)  # type: ignore[assignment]
    description: str = Field(default=None)  # type: ignore[assignment]
    status: IdeaStatus = Field(default=None)  # type: ignore[assignment]
    product_id: ProductId | None = None
    opportunity_ids: list[str] = Field(default=None)  # type: ignore[assignment]
    insight_ids: list[str] = Field(default=None)  # type: ignore[assignment]


class IdeaOut(ApiOut):
    id: str
    name: str
    description: str
    status: IdeaStatus
    product_id: str | None
    opportunity_ids: list[str]
    insight_ids: list[str]
    created_at: datetime
    updated_at: datetime


class IdeaListQuery(ListQuery):
    status: IdeaStatus | None = None

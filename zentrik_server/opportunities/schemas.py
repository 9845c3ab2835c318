"""Opportunity payloads: every model field of the spec, `score` 0–100."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from zentrik_server.schemas import ApiModel, ApiOut, ListQuery, ProductId

OpportunityStatus = Literal["discovery", "defined", "validated", "archived"]
# Strict: a number, not `true` or "95".
Score = Field(default=None, ge=0, le=100, strict=True, description="Opportunity score (0-100)")


class OpportunityCreate(ApiModel):
    name: str = Field(min_length=1, description="Title of the opportunity")
    description: str = Field(default="", description="Detailed problem statement")
    score: float | None = Score
    status: OpportunityStatus = "discovery"
    product_id: ProductId | None = None
    insight_ids: list[str] = Field(default_factory=list)
    idea_ids: list[str] = Field(default_factory=list)


class OpportunityUpdate(ApiModel):
    name: str = Field(default=None, min_length=1)  # type: ignore[assignment]
    description: str = Field(default=None)  # type: ignore[assignment]
    score: float | None = Score
    status: OpportunityStatus = Field(default=None)  # type: ignore[assignment]
    product_id: ProductId | None = None
    insight_ids: list[str] = Field(default=None)  # type: ignore[assignment]
    idea_ids: list[str] = Field(default=None)  # type: ignore[assignment]


class OpportunityOut(ApiOut):
    id: str
    name: str
    description: str
    score: float | None
    status: OpportunityStatus
    product_id: str | None
    insight_ids: list[str]
    idea_ids: list[str]
    created_at: datetime
    updated_at: datetime


class OpportunityListQuery(ListQuery):
    status: OpportunityStatus | None = None

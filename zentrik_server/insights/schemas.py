"""Insight payloads, as in the spec (plus `signalIds`, `aiSuggestions`, `externalReferences`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from zentrik_server.schemas import ApiModel, ApiOut, ApiPart, ListQuery, ProductId

InsightStatus = Literal["draft", "published", "archived"]
InsightType = Literal[
    "feedback", "user-interview", "market-research", "session-recording", "support-ticket", "other"
]
Name = Field(min_length=1, description="The title of the insight")


class ExternalReference(ApiPart):
    type: str = ""
    url: str
    name: str = ""


class InsightCreate(ApiModel):
    name: str = Name
    description: str = Field(default="", description="Detailed summary of the observation")
    status: InsightStatus = "draft"
    type: InsightType | None = None
    product_id: ProductId | None = None
    opportunity_ids: list[str] = Field(default_factory=list)
    idea_ids: list[str] = Field(default_factory=list)
    signal_ids: list[str] = Field(default_factory=list)
    tag_ids: list[str] = Field(default_factory=list)
    ai_suggestions: Any = Field(default=None, description="AI-generated suggestions (any JSON)")
    external_references: list[ExternalReference] = Field(default_factory=list)


class InsightUpdate(ApiModel):
    name: str = Field(default=None, min_length=1)  # type: ignore[assignment]
    description: str = Field(default=None)  # type: ignore[assignment]
    status: InsightStatus = Field(default=None)  # type: ignore[assignment]
    type: InsightType | None = None
    product_id: ProductId | None = None
    opportunity_ids: list[str] = Field(default=None)  # type: ignore[assignment]
    idea_ids: list[str] = Field(default=None)  # type: ignore[assignment]
    signal_ids: list[str] = Field(default=None)  # type: ignore[assignment]
    tag_ids: list[str] = Field(default=None)  # type: ignore[assignment]
    ai_suggestions: Any = None
    external_references: list[ExternalReference] = Field(default=None)  # type: ignore[assignment]


class TranscriptRequest(ApiModel):
    transcript: str = Field(min_length=1, description="Full transcript text to analyze")
    product_id: ProductId | None = None
    create_insights: bool = Field(default=False, description="Persist the insights as drafts")


class InsightOut(ApiOut):
    id: str
    name: str
    description: str
    status: InsightStatus
    type: InsightType | None
    product_id: str | None
    opportunity_ids: list[str]
    idea_ids: list[str]
    signal_ids: list[str]
    tag_ids: list[str]
    ai_suggestions: Any
    external_references: list[dict[str, str]]
    created_at: datetime
    updated_at: datetime
    merged_into_id: str | None = Field(
        description="The insight this one was merged into (it then leaves every list); null"
    )


class ExtractedInsightOut(InsightOut):
    """What process-transcript answers: the insight as created, or (a dry run) as it would be;
    a finding that joined an existing insight answers that insight as it now is."""

    id: str | None = Field(description="null unless createInsights was true")  # type: ignore[assignment]
    status: InsightStatus = Field(
        description="draft, unless the finding joined an insight already published"
    )


class InsightListQuery(ListQuery):
    status: InsightStatus | None = None
    type: InsightType | None = None
    signal_id: str | None = Field(default=None, description="Only insights linked to this signal")


class MergeRequest(ApiModel):
    insight_ids: list[str] = Field(
        min_length=1, max_length=500, description="Insights of this workspace, by id"
    )


class SimilarInsightOut(ApiOut):
    """One of the insights most like another (`GET /insights/{id}/similar`), and why."""

    insight: InsightOut
    score: float = Field(description="How alike, 0 to 1 (de-duplication joins at 0.30)")
    shared_terms: list[str] = Field(
        description="The stemmed words both speak of, most telling first"
    )

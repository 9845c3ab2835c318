"""`client.insights`: the observations discovery is made of, and AI extraction from text."""

from __future__ import annotations

from typing import Any, ClassVar

from zentrik_ui.client._base import Retry
from zentrik_ui.client.resources._resource import (
    Filter,
    Resource,
    adapter,
    build,
    field_contains,
    field_is,
)
from zentrik_ui.models import (
    ExternalReference,
    ExtractedInsight,
    Insight,
    InsightCreate,
    InsightStatus,
    InsightType,
    InsightUpdate,
    TranscriptExtract,
)

EXTRACT_PATH = "/external/v1/insights/process-transcript/insights"


class Insights(Resource[Insight]):
    path = "/external/v1/insights"
    model = Insight
    update_model = InsightUpdate
    filters: ClassVar[dict[str, Filter]] = {
        "status": field_is("status"),
        "type": field_is("type"),
        "signal_id": field_contains("signal_ids"),
    }

    def create(
        self,
        *,
        name: str,
        description: str | None = None,
        status: InsightStatus | str | None = None,
        type: InsightType | str | None = None,
        product_id: str | None = None,
        opportunity_ids: list[str] | None = None,
        idea_ids: list[str] | None = None,
        tag_ids: list[str] | None = None,
        ai_suggestions: Any = None,
        external_references: list[ExternalReference | dict[str, Any]] | None = None,
    ) -> Insight:
        return self._create(
            InsightCreate,
            name=name,
            description=description,
            status=status,
            type=type,
            product_id=product_id,
            opportunity_ids=opportunity_ids,
            idea_ids=idea_ids,
            tag_ids=tag_ids,
            ai_suggestions=ai_suggestions,
            external_references=external_references,
        )

    def extract(
        self, transcript: str, *, product_id: str | None = None, create_insights: bool = False
    ) -> list[ExtractedInsight]:
        """Insights found in `transcript`; saved as drafts, with ids, if `create_insights`."""
        body = build(
            TranscriptExtract,
            transcript=transcript,
            product_id=product_id,
            create_insights=create_insights,
        ).to_create_body()
        # A dry run changes nothing and may be repeated; a saving run may not.
        retry = Retry.UNSENT_ONLY if create_insights else Retry.SAFE
        return self._client.request_model(
            "POST", EXTRACT_PATH, adapter(list[ExtractedInsight]), json=body, retry=retry
        )

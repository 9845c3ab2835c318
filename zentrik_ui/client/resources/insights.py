"""`client.insights`: the observations discovery is made of, and AI extraction from text."""

from __future__ import annotations

import builtins
from typing import Any, ClassVar

from zentrik_ui.client._base import Retry
from zentrik_ui.client.resources._resource import (
    Filter,
    NotSupported,
    Resource,
    _if_match,
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
    SimilarInsight,
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

    # This project's extensions (a real Zentrik has none of them: they answer NOT_SUPPORTED).

    def similar(self, id: str, limit: int = 5) -> builtins.list[SimilarInsight] | NotSupported:
        """The workspace's insights most like this one, best first, each with its score and
        the terms both share: the candidates to merge it with."""
        return self._extension(
            id,
            lambda: self._client.request_model(
                "GET",
                f"{self._item_path(id)}/similar",
                adapter(builtins.list[SimilarInsight]),
                params={"limit": limit},
            ),
        )

    def merge(
        self, id: str, ids: builtins.list[str], *, if_match: str | None = None
    ) -> Insight | NotSupported:
        """Merge the insights `ids` into `id`: their signals, evidence and links join it and
        they leave every list (`merged_into_id` set). Answers the merged insight."""
        return self._merge_call("merge", id, ids, if_match)

    def unmerge(
        self, id: str, ids: builtins.list[str], *, if_match: str | None = None
    ) -> Insight | NotSupported:
        """Take the insights `ids`, merged into `id` earlier, back out exactly as they were."""
        return self._merge_call("unmerge", id, ids, if_match)

    def _merge_call(
        self, verb: str, id: str, ids: builtins.list[str], if_match: str | None
    ) -> Insight | NotSupported:
        # Not repeated once it may have reached the server: a second merge would be refused.
        return self._extension(
            id,
            lambda: self._one(
                self._client.request(
                    "POST",
                    f"{self._item_path(id)}/{verb}",
                    json={"insightIds": ids},
                    headers=_if_match(if_match),
                    retry=Retry.UNSENT_ONLY,
                )
            ),
        )

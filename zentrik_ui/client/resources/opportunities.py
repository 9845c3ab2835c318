"""`client.opportunities`: problems worth solving, scored 0–100."""

from __future__ import annotations

from typing import ClassVar

from zentrik_ui.client.resources._resource import Filter, Resource, field_is
from zentrik_ui.models import Opportunity, OpportunityCreate, OpportunityStatus, OpportunityUpdate


class Opportunities(Resource[Opportunity]):
    path = "/external/v1/opportunities"
    model = Opportunity
    update_model = OpportunityUpdate
    filters: ClassVar[dict[str, Filter]] = {"status": field_is("status")}

    def create(
        self,
        *,
        name: str,
        description: str | None = None,
        score: float | None = None,
        status: OpportunityStatus | str | None = None,
        product_id: str | None = None,
        insight_ids: list[str] | None = None,
        idea_ids: list[str] | None = None,
    ) -> Opportunity:
        return self._create(
            OpportunityCreate,
            name=name,
            description=description,
            score=score,
            status=status,
            product_id=product_id,
            insight_ids=insight_ids,
            idea_ids=idea_ids,
        )

"""`client.ideas`: the solutions considered for opportunities."""

from __future__ import annotations

from typing import ClassVar

from zentrik_ui.client.resources._resource import Filter, Resource, field_is
from zentrik_ui.models import Idea, IdeaCreate, IdeaStatus, IdeaUpdate


class Ideas(Resource[Idea]):
    path = "/external/v1/ideas"
    model = Idea
    update_model = IdeaUpdate
    filters: ClassVar[dict[str, Filter]] = {"status": field_is("status")}

    def create(
        self,
        *,
        name: str,
        description: str | None = None,
        status: IdeaStatus | str | None = None,
        product_id: str | None = None,
        opportunity_ids: list[str] | None = None,
        insight_ids: list[str] | None = None,
    ) -> Idea:
        return self._create(
            IdeaCreate,
            name=name,
            description=description,
            status=status,
            product_id=product_id,
            opportunity_ids=opportunity_ids,
            insight_ids=insight_ids,
        )

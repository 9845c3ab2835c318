"""Link insights to an opportunity or idea without dropping links someone else made.

A link is one fact stored once, so it can be written from either side. We write it from the
target's side (one PATCH) when the server tells us the target's current insightIds, and
otherwise from each insight's side — a real Zentrik may answer an opportunity GET with only
`id` and `name`, and replacing an unknown list would silently unlink everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from zentrik_ui.client import ZentrikClient
from zentrik_ui.models import Idea, Opportunity
from zentrik_ui.views import union

LinkTarget = Literal["Existing opportunity", "Existing idea", "New opportunity"]
LINK_TARGETS: tuple[LinkTarget, ...] = ("Existing opportunity", "Existing idea", "New opportunity")
LinkField = Literal["opportunity_ids", "idea_ids"]  # an insight's side of a link


def _knows_insights(target: Opportunity | Idea) -> bool:
    return "insight_ids" in target.model_fields_set


def link_insights(
    client: ZentrikClient,
    kind: LinkTarget,
    insight_ids: Sequence[str],
    target_id: str | None = None,
    new_name: str = "",
    new_score: float | None = None,
) -> str:
    """Link `insight_ids` to the target; returns the target's name for the message."""
    if kind == "New opportunity":
        created = client.opportunities.create(
            name=new_name.strip(), score=new_score, insight_ids=list(insight_ids)
        )
        if not _knows_insights(created) or set(insight_ids) - set(created.insight_ids):
            _link_from_insights(client, "opportunity_ids", insight_ids, created.id)
        return created.name or new_name.strip()
    if target_id is None:
        raise ValueError("an existing target needs its id")
    resource = client.opportunities if kind == "Existing opportunity" else client.ideas
    target = resource.get(target_id)
    if _knows_insights(target):
        resource.update(target_id, insight_ids=union(target.insight_ids, insight_ids))
    else:
        field: LinkField = "opportunity_ids" if kind == "Existing opportunity" else "idea_ids"
        _link_from_insights(client, field, insight_ids, target_id)
    return target.name


def _link_from_insights(
    client: ZentrikClient,
    field: LinkField,
    insight_ids: Sequence[str],
    target_id: str,
) -> None:
    for insight_id in insight_ids:
        current = getattr(client.insights.get(insight_id), field)
        if target_id not in current:
            client.insights.update(insight_id, **{field: union(current, [target_id])})


def set_links(
    client: ZentrikClient,
    kind: Literal["opportunity", "idea"],
    target_id: str,
    *,
    insight_ids: Sequence[str] | None = None,
    other_ids: Sequence[str] | None = None,
) -> dict[str, list[str]]:
    """Replace a target's linked insights and/or its ideas (opportunity) / opportunities
    (idea) with exactly these lists, as edited on the page; returns what was sent."""
    fields: dict[str, list[str]] = {}
    if insight_ids is not None:
        fields["insight_ids"] = list(insight_ids)
    if other_ids is not None:
        fields["idea_ids" if kind == "opportunity" else "opportunity_ids"] = list(other_ids)
    (client.opportunities if kind == "opportunity" else client.ideas).update(target_id, **fields)
    return fields

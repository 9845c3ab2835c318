"""Links between objects, each stored once in its own table and readable from both sides.

An insight's `opportunityIds` and the opportunity's `insightIds` are two views of the rows of
`insight_opportunities`; `LinkField` names one side's view. Rows cascade away with either end.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Table, bindparam, delete, insert, literal_column, select, union_all
from sqlalchemy.orm import Session

from zentrik_server.db.models import (
    Idea,
    Insight,
    InsightIdea,
    InsightOpportunity,
    Opportunity,
    OpportunityIdea,
    Signal,
    SignalInsight,
)
from zentrik_server.errors import Invalid
from zentrik_server.prepared import Db, Prepared

T_SIGNALS: Table = Signal.__table__  # type: ignore[assignment]
T_INSIGHTS: Table = Insight.__table__  # type: ignore[assignment]
T_OPPORTUNITIES: Table = Opportunity.__table__  # type: ignore[assignment]
T_IDEAS: Table = Idea.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class LinkField:
    """One side's view of a link table: `name` (JSON) lists `other_col` for a given `own_col`."""

    name: str
    link: Table
    own_col: str
    other_col: str
    other: Table


def _both_sides(
    link: Table, left: tuple[str, str, Table], right: tuple[str, str, Table]
) -> tuple[LinkField, LinkField]:
    (left_col, left_name, left_table), (right_col, right_name, right_table) = left, right
    return (
        LinkField(right_name, link, left_col, right_col, right_table),
        LinkField(left_name, link, right_col, left_col, left_table),
    )


_SIGNAL = ("signal_id", "signalIds", T_SIGNALS)
_INSIGHT = ("insight_id", "insightIds", T_INSIGHTS)
_OPPORTUNITY = ("opportunity_id", "opportunityIds", T_OPPORTUNITIES)
_IDEA = ("idea_id", "ideaIds", T_IDEAS)

SIGNAL_INSIGHTS, INSIGHT_SIGNALS = _both_sides(SignalInsight.__table__, _SIGNAL, _INSIGHT)  # type: ignore[arg-type]
INSIGHT_OPPORTUNITIES, OPPORTUNITY_INSIGHTS = _both_sides(
    InsightOpportunity.__table__,
    _INSIGHT,
    _OPPORTUNITY,  # type: ignore[arg-type]
)
INSIGHT_IDEAS, IDEA_INSIGHTS = _both_sides(InsightIdea.__table__, _INSIGHT, _IDEA)  # type: ignore[arg-type]
OPPORTUNITY_IDEAS, IDEA_OPPORTUNITIES = _both_sides(
    OpportunityIdea.__table__,
    _OPPORTUNITY,
    _IDEA,  # type: ignore[arg-type]
)


def load_links(
    db: Db, fields: Sequence[LinkField], own_ids: Sequence[str]
) -> dict[str, dict[str, list[str]]]:
    """{field name: {own id: [other ids]}} for every field, in one round trip."""
    result: dict[str, dict[str, list[str]]] = {f.name: defaultdict(list) for f in fields}
    if not fields or not own_ids:
        return result
    params = {f"id{n}": own_id for n, own_id in enumerate(own_ids)}
    for name, own, other in _links_statement(tuple(fields), len(own_ids)).rows(db, **params):
        result[name][own].append(other)
    return result


@functools.cache
def _links_statement(fields: tuple[LinkField, ...], count: int) -> Prepared:
    # One bound parameter per id (not an expanding IN) so the SQL compiles once per count.
    ids = [bindparam(f"id{n}") for n in range(count)]
    parts = [
        select(
            literal_column(f"'{f.name}'").label("field"),
            f.link.c[f.own_col].label("own"),
            f.link.c[f.other_col].label("other"),
        ).where(f.link.c[f.own_col].in_(ids))
        for f in fields
    ]
    query = union_all(*parts) if len(parts) > 1 else parts[0]
    return Prepared(query.order_by("field", "other"))


def check_exist(
    session: Session, workspace_id: str, field: LinkField, other_ids: Iterable[str]
) -> list[str]:
    """The ids, deduplicated; 422 naming those not in this workspace (others' count as unknown)."""
    wanted = list(dict.fromkeys(other_ids))
    if not wanted:
        return wanted
    id_col = field.other.c.id
    found = set(
        session.scalars(
            select(id_col).where(id_col.in_(wanted), field.other.c.workspace_id == workspace_id)
        )
    )
    unknown = [i for i in wanted if i not in found]
    if unknown:
        raise Invalid.field(field.name, f"Unknown ids: {', '.join(unknown)}")
    return wanted


def replace_links(
    session: Session, field: LinkField, own_id: str, other_ids: Sequence[str]
) -> None:
    session.execute(delete(field.link).where(field.link.c[field.own_col] == own_id))
    if other_ids:
        session.execute(
            insert(field.link),
            [{field.own_col: own_id, field.other_col: other} for other in other_ids],
        )

"""Links between objects, each stored once in its own table and readable from both sides.

An insight's `opportunityIds` and the opportunity's `insightIds` are two views of the rows of
`insight_opportunities`; `LinkField` names one side's view. Rows cascade away with either end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ScalarSelect, Table, delete, insert, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

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


class json_ids(FunctionElement[Any]):
    """The JSON array of one column's values over the rows of a (correlated) subquery."""

    name = "json_ids"
    inherit_cache = True


@compiles(json_ids, "sqlite")
def _json_ids_sqlite(element: json_ids, compiler: Any, **kw: Any) -> str:
    # Rows arrive in the link table's index order, so the ids come out sorted.
    return f"json_group_array({compiler.process(element.clauses, **kw)})"


@compiles(json_ids, "postgresql")
def _json_ids_postgresql(element: json_ids, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"coalesce(json_agg({column} ORDER BY {column}), '[]'::json)"


def ids_column(field: LinkField, own_table: Table) -> ScalarSelect[Any]:
    """A column listing the linked ids of each row of `own_table`, labelled `field.name`."""
    link = field.link
    linked = select(json_ids(link.c[field.other_col])).where(
        link.c[field.own_col] == own_table.c.id
    )
    return linked.scalar_subquery().label(field.name)  # type: ignore[return-value]


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

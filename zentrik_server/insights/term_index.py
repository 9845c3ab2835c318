"""The de-duplication index (table insight_terms): each matchable insight's terms.

An insight is matchable while it is neither archived nor merged away. Its rows are rewritten
whenever it is created, edited, merged or unmerged (`refresh`), in the same transaction, so
every worker and API process sees one index. Candidates for a finding are the insights that
share its rarer terms, found through the primary key (workspace, class, term, insight); only
those few are scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from zentrik_server.db.models import InsightTerm
from zentrik_server.insights.matching import (
    ANY_CLASS,
    Match,
    Terms,
    insight_terms,
    match_class,
    quotes_of,
    score,
    smooth_idf,
)
from zentrik_server.resources.links import T_INSIGHTS

T_TERMS: Table = InsightTerm.__table__  # type: ignore[assignment]
TERM_MAX = 64
# Candidates come from the finding's terms that at most this share of the class's insights
# hold ("app" in every other review says nothing), and at most this many are scored.
_COMMON_SHARE = 0.2
_CANDIDATES = 30


def term_rows(
    workspace_id: str, insight_id: str, name: str, ai_suggestions: Any
) -> list[dict[str, Any]]:
    """The index rows of one insight."""
    cls = match_class(ai_suggestions)
    terms = insight_terms(name, quotes_of(ai_suggestions))
    return [
        {
            "workspace_id": workspace_id,
            "match_class": cls,
            "term": term[:TERM_MAX],
            "insight_id": insight_id,
            "weight": weight,
        }
        for term, weight in terms.items()
    ]


def add_new(
    session: Session, workspace_id: str, insight_id: str, name: str, ai_suggestions: Any
) -> None:
    """Index an insight just created (not archived) from what it was created with: it has no
    rows to replace yet, so a create costs one INSERT rather than `refresh`'s three."""
    rows = term_rows(workspace_id, insight_id, name, ai_suggestions)
    if rows:
        session.execute(insert(T_TERMS), rows)


def refresh(session: Session, insight_ids: Iterable[str]) -> None:
    """Rewrite the rows of these insights from what they hold now (none if not matchable)."""
    ids = list(insight_ids)
    if not ids:
        return
    session.execute(delete(T_TERMS).where(T_TERMS.c.insight_id.in_(ids)))
    table = T_INSIGHTS
    found = session.execute(
        select(table.c.id, table.c.workspace_id, table.c.name, table.c.ai_suggestions).where(
            table.c.id.in_(ids), table.c.status != "archived", table.c.merged_into_id.is_(None)
        )
    ).all()
    rows = [r for f in found for r in term_rows(f.workspace_id, f.id, f.name, f.ai_suggestions)]
    if rows:
        session.execute(insert(T_TERMS), rows)


@dataclass(frozen=True)
class Candidates:
    """The insights worth scoring against one finding, with the IDF of the class."""

    terms: dict[str, dict[str, float]]  # insight id -> its terms
    documents: int
    frequency: Mapping[str, int]

    def idf(self, term: str) -> float:
        return smooth_idf(self.documents, self.frequency.get(term, 1))


def workspace_size(session: Session, workspace_id: str) -> int:
    """The number of insights IDF is taken over: the workspace's, counted on its index (the
    class's own count would need a scan of its terms for every finding)."""
    table = T_INSIGHTS
    return int(session.scalar(select(func.count()).where(table.c.workspace_id == workspace_id)))


def candidates(
    session: Session, workspace_id: str, cls: str, finding: Terms, documents: int
) -> Candidates:
    """Insights of the class (or of no known class) sharing the finding's rarer terms."""
    t = T_TERMS
    in_class = (t.c.workspace_id == workspace_id) & t.c.match_class.in_([cls, ANY_CLASS])
    frequency = dict(
        session.execute(
            select(t.c.term, func.count())
            .where(in_class, t.c.term.in_([term[:TERM_MAX] for term in finding]))
            .group_by(t.c.term)
        ).all()
    )
    common = max(3, int(_COMMON_SHARE * documents))
    rare = [term for term, count in frequency.items() if count <= common] or list(frequency)
    found: dict[str, dict[str, float]] = {}
    if rare:
        best = (
            select(t.c.insight_id)
            .where(in_class, t.c.term.in_(rare))
            .group_by(t.c.insight_id)
            .order_by(func.count().desc())
            .limit(_CANDIDATES)
        )
        rows = session.execute(
            select(t.c.insight_id, t.c.term, t.c.weight).where(
                t.c.insight_id.in_(best.scalar_subquery())
            )
        ).all()
        for row in rows:
            found.setdefault(row.insight_id, {})[row.term] = row.weight
    return Candidates(found, documents, frequency)


def scored(
    session: Session, workspace_id: str, name: str, ai_suggestions: Any, documents: int
) -> list[tuple[Match, str]]:
    """Each candidate for an insight or finding (its name and suggestions), scored against it:
    what de-duplication joins the best of and what `similar` offers."""
    terms = insight_terms(name, quotes_of(ai_suggestions))
    cls = match_class(ai_suggestions)
    found = candidates(session, workspace_id, cls, terms, documents)
    return [(score(terms, theirs, found.idf), iid) for iid, theirs in found.terms.items()]

"""The insights most like one insight: what Triage offers to merge it with.

The same terms, candidates and score as de-duplication (matching.py, term_index.py): the
insight's terms look up, in the term index, the insights of its class that share its rarer
terms, and only those few are scored (never a scan of the workspace). Archived and
merged-away insights are not in the index, so they are never offered. Every match with a
score is answered, best first, below the merge threshold too: a person decides here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from zentrik_server.insights import term_index
from zentrik_server.insights.matching import Match
from zentrik_server.insights.repository import INSIGHTS
from zentrik_server.resources import records
from zentrik_server.resources.links import T_INSIGHTS


def similar(session: Session, workspace_id: str, insight_id: str, limit: int) -> list[Any]:
    """Up to `limit` insights like this one as `{insight, score, sharedTerms}`, best first
    (404 if the insight is not in this workspace)."""
    own = records.find_row(session, INSIGHTS, T_INSIGHTS.c.id == insight_id, workspace_id)
    if own is None:
        raise INSIGHTS.not_found(insight_id)
    documents = term_index.workspace_size(session, workspace_id)
    found = term_index.scored(session, workspace_id, own["name"], own["ai_suggestions"], documents)
    scored = [(match, other) for match, other in found if other != insight_id and match.score > 0]
    best = sorted(scored, key=lambda pair: (-pair[0].score, pair[1]))[:limit]
    return [_answer(session, workspace_id, other, match) for match, other in best]


def _answer(session: Session, workspace_id: str, other: str, match: Match) -> dict[str, Any]:
    return {"insight": records.get(session, INSIGHTS, workspace_id, other), **match.why()}

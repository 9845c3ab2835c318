"""Grouping judged units that speak of the same thing; each group becomes one insight."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .classify import Judged
from .result import Kind
from .terms import cosine, term_vector

# Units next to each other in one turn or review are usually about one thing; units from
# different places must share real content words to be merged.
_SAME_SOURCE = 0.12
_ACROSS = 0.34
# A sentence opening on a pronoun or a time phrase continues the one before it.
CONTINUES = re.compile(
    r"^(?:and |but |so |plus |also )?(?:it|it's|its|this|that|they|these|those|which|since|"
    r"ever since|every (?:time|day|night|morning)|everytime)\b",
    re.IGNORECASE,
)
_FAMILY: dict[Kind, str] = {"bug": "problem", "pain_point": "problem"}
# A pain point said next to a request is usually its motivation: they make one insight,
# named after the request.
_MOTIVATES: frozenset[Kind] = frozenset({"pain_point", "feature_request"})
_PRIORITY: dict[Kind, int] = {"bug": 4, "feature_request": 3, "pain_point": 2, "question": 1}


@dataclass
class Group:
    family: str
    members: list[Judged] = field(default_factory=list)
    vectors: list[dict[str, float]] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)

    def add(self, judged: Judged, vector: dict[str, float]) -> None:
        self.members.append(judged)
        self.vectors.append(vector)
        for key, weight in vector.items():
            self.centroid[key] = self.centroid.get(key, 0.0) + weight

    @property
    def last_source(self) -> int:
        return self.members[-1].unit.source

    @property
    def kind(self) -> Kind:
        """The most frequent kind; on a tie bug, then request, then pain point."""
        kinds = [member.kind for member in self.members]
        if set(kinds) == _MOTIVATES:
            return "feature_request"
        return max(set(kinds), key=lambda kind: (kinds.count(kind), _PRIORITY.get(kind, 0)))

    @property
    def generic(self) -> bool:
        """Every member lacks content words ("Love it!", "Great app")."""
        return not any(self.vectors)


def _family(kind: Kind) -> str:
    return _FAMILY.get(kind, kind)


def _compatible(group: Group, judged: Judged, same_source: bool) -> bool:
    if group.family == _family(judged.kind):
        return True
    kinds = {member.kind for member in group.members} | {judged.kind}
    return same_source and group.members[-1].unit.turn == judged.unit.turn and kinds <= _MOTIVATES


def _best_group(
    groups: list[Group],
    judged: Judged,
    vector: dict[str, float],
    previous: Group | None,
    whole_sources: bool,
) -> Group | None:
    """`previous` is the group of the unit just before: a neighbour in the same turn needs
    little in common to be about the same thing."""
    best: Group | None = None
    best_score = 0.0
    for group in reversed(groups):  # the latest group first
        same_source = group.last_source == judged.unit.source
        if not _compatible(group, judged, same_source):
            continue
        neighbour = group is previous and group.members[-1].unit.turn == judged.unit.turn
        if same_source and (
            whole_sources or (group is previous and CONTINUES.match(judged.unit.text))
        ):
            return group
        if not vector and (same_source or group.generic):
            return group
        score = cosine(vector, group.centroid)
        if neighbour or (same_source and group.family != _family(judged.kind)):
            score += _SAME_SOURCE  # said together: one subject, or a request and its motive
        if score >= (_SAME_SOURCE if same_source else _ACROSS) and score > best_score:
            best, best_score = group, score
    return best


def group_units(judged_units: list[Judged], whole_sources: bool = False) -> list[Group]:
    """Greedy grouping in reading order. `whole_sources`: every compatible unit of one
    source joins one group (a support ticket is about one thing)."""
    groups: list[Group] = []
    previous: Group | None = None
    for judged in judged_units:
        vector = term_vector(judged.unit.text)
        group = _best_group(groups, judged, vector, previous, whole_sources)
        if group is None:
            group = Group(_family(judged.kind))
            groups.append(group)
        group.add(judged, vector)
        previous = group
    return groups

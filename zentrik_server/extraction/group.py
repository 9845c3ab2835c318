"""Grouping judged units that speak of the same thing; each group becomes one insight."""

from __future__ import annotations

from dataclasses import dataclass, field

from .classify import Judged
from .result import Kind
from .terms import cosine, term_vector

# Units next to each other in one turn or review are usually about one thing; units from
# different places must share real content words to be merged.
_SAME_SOURCE = 0.12
_ACROSS = 0.34
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


def _compatible(group: Group, kind: Kind, same_source: bool) -> bool:
    if group.family == _family(kind):
        return True
    kinds = {member.kind for member in group.members} | {kind}
    return same_source and kinds <= _MOTIVATES


def _best_group(groups: list[Group], judged: Judged, vector: dict[str, float]) -> Group | None:
    best: Group | None = None
    best_score = 0.0
    for group in reversed(groups):  # the latest group first: it is the unit's neighbour
        same_source = group.last_source == judged.unit.source
        if not _compatible(group, judged.kind, same_source):
            continue
        if not vector and (same_source or group.generic):
            return group
        score = cosine(vector, group.centroid)
        if same_source and group.family != _family(judged.kind):
            score += _SAME_SOURCE  # a request and its motivation, said together
        if score >= (_SAME_SOURCE if same_source else _ACROSS) and score > best_score:
            best, best_score = group, score
    return best


def group_units(judged_units: list[Judged]) -> list[Group]:
    groups: list[Group] = []
    for judged in judged_units:
        vector = term_vector(judged.unit.text)
        group = _best_group(groups, judged, vector)
        if group is None:
            group = Group(_family(judged.kind))
            groups.append(group)
        group.add(judged, vector)
    return groups

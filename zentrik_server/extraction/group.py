"""Grouping judged units that speak of the same thing; each group becomes one insight."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .classify import Judged
from .cues import FAILURE, is_small_talk
from .result import PROBLEMS, Kind
from .terms import term_vector

# Units of one turn (or review) are usually about one thing; units from different turns
# must share real content words to be merged.
_SAME_SOURCE = 0.12
_ACROSS = 0.34
_CONTENT_WEIGHT = 0.5  # generic words weigh 0.3 before rarity, content words 1.0
_WORDLESS = " "  # the index key of groups without content words
_WORD_WEIGHT = 0.5  # a one-word sentence's say in the group's kind
# A sentence opening on a pronoun or a time phrase continues the one before it.
CONTINUES = re.compile(
    r"^(?:and |but |so |plus |also )?(?:it|it's|its|this|that|they|these|those|which|since|"
    r"ever since|every (?:time|day|night|morning)|everytime)\b",
    re.IGNORECASE,
)
_FAMILY: dict[Kind, str] = dict.fromkeys(PROBLEMS, "problem")
# A pain point said next to a request is usually its motivation: they make one insight,
# named after the request.
_MOTIVATES: frozenset[Kind] = frozenset({Kind.PAIN_POINT, Kind.FEATURE_REQUEST})
_PRIORITY: dict[Kind, int] = {
    Kind.BUG: 4,
    Kind.FEATURE_REQUEST: 3,
    Kind.PAIN_POINT: 2,
    Kind.QUESTION: 1,
}


@dataclass
class Group:
    members: list[Judged] = field(default_factory=list)
    vectors: list[dict[str, float]] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    norm_squared: float = 0.0
    terms: set[str] = field(default_factory=set)  # content words of the members
    kinds: dict[Kind, float] = field(default_factory=dict)  # how much each kind was said
    kind: Kind = "other"  # see _kind_of, kept up to date on add (read for every candidate)
    family: str = "other"

    @property
    def generic(self) -> bool:
        """No member has a content word ("Love it!", "Great app")."""
        return not self.terms

    def add(self, judged: Judged, vector: dict[str, float], content: set[str]) -> None:
        self.members.append(judged)
        self.vectors.append(vector)
        self.terms |= content
        if judged.kind != "other":
            # "Uninstalling." alone says less than the finding beside it ("Too many ads").
            weight = 1.0 if " " in judged.unit.text.strip() else _WORD_WEIGHT
            self.kinds[judged.kind] = self.kinds.get(judged.kind, 0.0) + weight
            self.kind = _kind_of(self.kinds)
            self.family = _family(self.kind)
        for key, weight in vector.items():
            old = self.centroid.get(key, 0.0)
            self.centroid[key] = old + weight
            self.norm_squared += 2 * old * weight + weight * weight

    def similarity(self, vector: dict[str, float], norm: float) -> float:
        """Cosine between a unit (`norm`: its length) and the group's centroid (norm kept up
        to date on add)."""
        centroid = self.centroid
        dot = sum(weight * centroid[key] for key, weight in vector.items() if key in centroid)
        if not dot:
            return 0.0
        return dot / (norm * math.sqrt(self.norm_squared))

    @property
    def last_source(self) -> int:
        return self.members[-1].unit.source


def _kind_of(kinds: dict[Kind, float]) -> Kind:
    """The most said kind; on a tie bug, then request, then pain point."""
    if kinds.keys() == _MOTIVATES:
        return "feature_request"
    return max(kinds, key=lambda kind: (kinds[kind], _PRIORITY.get(kind, 0)))


def _family(kind: Kind) -> str:
    return _FAMILY.get(kind, kind)


def _compatible(group: Group, judged: Judged, same_turn: bool) -> bool:
    """Of one family, or a request and its motive said in the same turn as the group's last."""
    if group.family == _family(judged.kind):
        return True
    kinds = {member.kind for member in group.members} | {judged.kind}
    return same_turn and kinds <= _MOTIVATES and not _fails(group, judged)


def _fails(group: Group, judged: Judged) -> bool:
    """A pain point naming a failure or slowness ("search is painfully slow") is a problem
    of its own beside a request, never only its motive."""
    return any(
        one.kind == "pain_point" and FAILURE.search(one.unit.text)
        for one in (*group.members, judged)
    )


def _candidates(
    groups: list[Group],
    index: dict[str, list[int]],
    content: set[str],
    judged: Judged,
    previous: int | None,
) -> list[int]:
    """Groups worth comparing, newest first: those sharing a content word (see _content),
    the previous unit's, those of the same source (always the newest), word-less ones."""
    found = {position for term in content for position in index.get(term, ())}
    if previous is not None:
        found.add(previous)
    for position in range(len(groups) - 1, -1, -1):
        if groups[position].last_source != judged.unit.source:
            break
        found.add(position)
    if not content:
        found.update(position for position in index.get(_WORDLESS, ()) if groups[position].generic)
    return sorted(found, reverse=True)


def _best_group(
    groups: list[Group],
    candidates: list[int],
    judged: Judged,
    vector: dict[str, float],
    content: set[str],
    previous: int | None,
    whole_sources: bool,
) -> int | None:
    """`previous` is the group of the unit just before: a neighbour in the same turn needs
    little in common to be about the same thing."""
    best: int | None = None
    best_score = 0.0
    norm = math.sqrt(sum(weight * weight for weight in vector.values()))  # once, not per group
    for position in candidates:
        group = groups[position]
        last = group.members[-1].unit
        same_source = last.source == judged.unit.source
        same_turn = same_source and last.turn == judged.unit.turn  # a turn is inside a source
        if not _compatible(group, judged, same_turn):
            continue
        is_previous = position == previous
        if same_source and (whole_sources or (is_previous and CONTINUES.match(judged.unit.text))):
            return position
        if not content and (same_source or group.generic):
            return position
        score = group.similarity(vector, norm)
        # Said together: one subject, or a request and its motive. Two asks side by side are
        # two drafts unless their words say they are one ("schedule it" after "export").
        two_asks = judged.kind == group.kind == "feature_request"
        if (is_previous and same_turn and not two_asks) or (
            same_source and group.family != _family(judged.kind)
        ):
            score += _SAME_SOURCE
        if score >= (_SAME_SOURCE if same_turn else _ACROSS) and score > best_score:
            best, best_score = position, score
    return best


def _content(vector: dict[str, float]) -> set[str]:
    """The words that can bring two units together: not the generic ones ("app", "work"),
    which alone never reach the similarity needed across sources."""
    return {term for term, weight in vector.items() if weight >= _CONTENT_WEIGHT}


def _by_rarity(vectors: list[dict[str, float]]) -> list[dict[str, float]]:
    """Term vectors weighted by rarity inside this signal: a word every unit uses (the
    product's name) says nothing about which units belong together."""
    frequency = Counter(term for vector in vectors for term in vector)
    total = len(vectors) + 1
    return [
        {term: w * (math.log(total / (frequency[term] + 1)) + 1) for term, w in vector.items()}
        for vector in vectors
    ]


def _context_of(
    groups: list[Group], judged: Judged, previous: int | None, attached: bool
) -> int | None:
    """The group a unit judged "other" adds context to ("Since Tuesday's release. We lost
    thirty orders."): the previous unit's group, if the unit goes on in the same turn right
    after it, or continues it after a follow-up question. Small talk and fragments never."""
    if previous is None or len(judged.unit.text.split()) < 3 or is_small_talk(judged.unit.text):
        return None
    last = groups[previous].members[-1].unit
    if last.source != judged.unit.source:
        return None
    same_turn = attached and last.turn == judged.unit.turn
    return previous if same_turn or CONTINUES.match(judged.unit.text) else None


def group_units(judged_units: list[Judged], whole_sources: bool = False) -> list[Group]:
    """Greedy grouping in reading order. `whole_sources`: every compatible unit of one
    source joins one group (a support ticket is about one thing). Units judged "other"
    start no group; they may join one as context (see _context_of)."""
    groups: list[Group] = []
    index: dict[str, list[int]] = defaultdict(list)
    previous: int | None = None
    attached = False  # the unit just read is in groups[previous]
    plain = [term_vector(judged.unit.text) for judged in judged_units]
    for judged, raw, vector in zip(judged_units, plain, _by_rarity(plain), strict=True):
        if judged.kind == "other":
            context = _context_of(groups, judged, previous, attached)
            attached = context is not None
            if context is not None:
                groups[context].add(judged, {}, set())
            continue
        attached = True
        content = _content(raw)
        candidates = _candidates(groups, index, content, judged, previous)
        position = _best_group(groups, candidates, judged, vector, content, previous, whole_sources)
        if position is None:
            position = len(groups)
            groups.append(Group())
            index[_WORDLESS].append(position)
        group = groups[position]
        for term in content - group.terms:
            index[term].append(position)
        group.add(judged, vector, content)
        previous = position
    return groups

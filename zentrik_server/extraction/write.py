"""Turning a group of units into one insight: headline, description quoting the evidence."""

from __future__ import annotations

from zentrik_server.vocabulary import SignalType

from .asks import points_back
from .cues import HIGH_SEVERITY, lacked
from .group import CONTINUES, Group
from .headline import PRONOUN_SUBJECT, headline
from .profiles import PROFILES
from .result import (
    PROBLEMS,
    SEVERITY_RANK,
    Evidence,
    ExtractedInsight,
    Kind,
    Severity,
)
from .terms import cosine

_LABELS: dict[Kind, str] = {
    Kind.BUG: "Bug",
    Kind.PAIN_POINT: "Pain point",
    Kind.FEATURE_REQUEST: "Feature request",
    Kind.PRAISE: "Praise",
    Kind.QUESTION: "Question",
    Kind.OTHER: "Feedback",
}
_MAX_QUOTES = 5


def _subject_before(group: Group, index: int) -> str | None:
    """What a leading "it" of the member at `index` stands for: the subject of the sentence
    just before it in the same turn (see offline._resolve_antecedents)."""
    return group.members[index].unit.antecedent


def _dangling(group: Group, index: int) -> bool:
    """Opens on "it"/"this" with no subject said just before, in the same turn, to resolve it."""
    if not CONTINUES.match(group.members[index].unit.text):
        return False
    return _subject_before(group, index) is None


def _representative(group: Group) -> int:
    """The member closest to what the group is about and most clearly of its kind."""
    if len(group.members) == 1:
        return 0
    kind = group.kind
    scores = [
        cosine(vector, group.centroid)
        + member.confidence / 10
        + 0.5 * (member.kind == kind)
        - 2 * (member.kind == "other")
        + 2 * member.unit.prominent
        - 10 * member.unit.aside  # a stack frame or a form's heading is evidence, not a title
        - _dangling(group, index)
        - (" " not in member.unit.text.strip())  # "Uninstalling." names no finding
        for index, (member, vector) in enumerate(zip(group.members, group.vectors, strict=True))
    ]
    return scores.index(max(scores))


def _quotes(group: Group, profile: str, original: str) -> list[Evidence]:
    """Each member quoted in the signal's own characters where its span is known."""
    quotes: list[Evidence] = []
    for member in group.members:
        unit = member.unit
        speaker = unit.speaker or _default_speaker(profile, unit.source)
        if unit.span is None:
            quotes.append(Evidence(unit.text, speaker, unit.source))
        else:
            start, end = unit.span
            quotes.append(Evidence(original[start:end], speaker, unit.source, start, end))
    return quotes


def _default_speaker(profile: str, source: int) -> str | None:
    if profile == "review":
        return f"Review {source + 1}"
    return "Customer" if profile == "support_ticket" else None


def _who(quotes: list[Evidence], profile: str) -> str:
    if profile == "review":
        reviews = len({quote.source for quote in quotes})
        return f"in {reviews} review{'s' if reviews > 1 else ''}"
    names = list(dict.fromkeys(quote.speaker for quote in quotes if quote.speaker))
    if not names:
        return "in the signal"
    return "by " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])


def _description(
    name: str, kind: Kind, severity: Severity, quotes: list[Evidence], profile: str
) -> str:
    """ "Bug raised by Dana (3 mentions, severity high): CSV export times out …", then quotes."""
    mentions = len(quotes)
    summary = (
        f"{_LABELS[kind]} raised {_who(quotes, profile)} "
        f"({mentions} mention{'s' if mentions > 1 else ''}, severity {severity}): "
        f"{name[:1].lower() + name[1:] if name[1:2].islower() else name}."
    )
    lines = [
        f'- {quote.speaker}: "{quote.text}"' if quote.speaker else f'- "{quote.text}"'
        for quote in quotes[:_MAX_QUOTES]
    ]
    if mentions > _MAX_QUOTES:
        lines.append(f"- … and {mentions - _MAX_QUOTES} more")
    return summary + "\n\nEvidence:\n" + "\n".join(lines)


def _wanted(group: Group, text: str) -> str | None:
    """What a request pointing back ("Please add it") asks for: the capability a member of
    its draft says is missing ("I can't export to PDF")."""
    if group.kind != "feature_request" or not points_back(text):
        return None
    return next(filter(None, (lacked(member.unit.text) for member in group.members)), None)


def _headline(group: Group, kind: Kind) -> str:
    """The representative's headline; a leading "it" borrows the subject said just before,
    a request pointing back is named after the capability it asks for."""
    index = _representative(group)
    unit = group.members[index].unit
    wanted = _wanted(group, unit.text)
    if wanted:
        return headline(wanted, kind)
    text = unit.caption if unit.aside and unit.caption else unit.text
    found = _subject_before(group, index) if PRONOUN_SUBJECT.match(text) else None
    if found:
        text = PRONOUN_SUBJECT.sub(lambda m: f"{m['lead']}{found} ", text, count=1)
    return headline(text, kind)


def write_insight(group: Group, profile: SignalType, original: str) -> ExtractedInsight:
    kind = group.kind
    name = _headline(group, kind)
    severity = max((m.severity for m in group.members), key=SEVERITY_RANK.__getitem__)
    stated = any(m.unit.severity_hint for m in group.members)  # a ticket's priority rules
    if (
        kind in PROBLEMS
        and not stated
        and any(HIGH_SEVERITY.search(m.unit.text) for m in group.members)
    ):
        severity = "high"  # the impact may be told in a context sentence ("we lost orders")
    sentiment = sum(m.sentiment for m in group.members) / len(group.members)
    quotes = _quotes(group, profile, original)
    return ExtractedInsight(
        kind=kind,
        name=name,
        description=_description(name, kind, severity, quotes, profile),
        type=PROFILES[profile].insight_type,
        severity=severity,
        sentiment=round(sentiment, 3),
        evidence=[quote.text for quote in quotes],
        quotes=quotes,
    )

"""Profiles: how each signal type is cut into units a customer said (one sentence or turn
each), with hints the text's structure gives (a ticket's priority, a report's heading)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from zentrik_server.vocabulary import SignalType

from .cues import template_kind
from .result import Kind, Severity
from .signal_type import guess_from_shape
from .text import clauses, sentences
from .transcript import interviewers, parse_turns

SIGNAL_TYPES: tuple[str, ...] = tuple(SignalType)


@dataclass
class Unit:
    """One sentence. `source` is the passage it belongs to (a review, a customer's answers,
    a ticket, a report bullet); `turn` the uninterrupted stretch of speech inside it;
    `prominent` marks a title (a ticket's subject) that makes the best headline; `span`
    where its words sit in the signal's original text (spans.py)."""

    text: str
    speaker: str | None = None
    source: int = 0
    turn: int = 0
    kind_hint: Kind | None = None
    severity_hint: Severity | None = None
    prominent: bool = False
    span: tuple[int, int] | None = None
    antecedent: str | None = None  # what a leading "it" stands for (offline.py)
    # Not the customer's own sentence (code, a program's output, an environment line, a
    # form's heading): evidence, never a headline (write.py); `caption` heads it instead.
    aside: bool = False
    caption: str | None = None


_INTERVIEWER_HINT = re.compile(
    r"(?i:\b(?:interviewer|host|moderator|facilitator|interviewed by|conducted by|led by)\b)"
    r"\s*(?:is|was|:|=|-)?\s*([A-Z][\w'-]+)"
)
_BLANK_LINE = re.compile(r"\n\s*\n")
_BULLET = re.compile(r"^(?:[-*•·▪–]|\d{1,3}[.)]|[a-z][.)])\s+")
_RATING = re.compile(r"^(?:[★☆⭐]+|\d(?:\.\d)?\s*/\s*5|\d\s*stars?)\s*[-:|]?\s*", re.IGNORECASE)
_HEADER = re.compile(r"^(?P<key>[A-Za-z][A-Za-z -]{1,20}):\s*(?P<value>.*)$")
_TICKET_KEYS = frozenset(
    {
        "subject",
        "title",
        "summary",
        "from",
        "to",
        "cc",
        "date",
        "priority",
        "severity",
        "product",
        "customer",
        "account",
        "plan",
        "ticket",
        "ticket id",
        "status",
        "channel",
        "version",
        "browser",
        "os",
        "platform",
        "device",
        "app version",
        "reported by",
        "assignee",
        "tags",
    }
)
_PRIORITY = {
    "urgent": "high",
    "critical": "high",
    "high": "high",
    "p1": "high",
    "p0": "high",
    "blocker": "high",
    "normal": "medium",
    "medium": "medium",
    "p2": "medium",
    "low": "low",
    "p3": "low",
    "minor": "low",
}
_ERROR_LINE = re.compile(
    r"(?:\b(?:error|exception|traceback|fatal|failed|failure|err_[a-z_]+|errno)\b|"
    r"\b[45]\d\d\b\s+\w|\bat [\w.$]+\(|^\s*File \")",
    re.IGNORECASE,
)
_QUOTED_REPLY = re.compile(
    r"^\s*(?:>|On .{4,80} wrote:$|-{2,} ?(?:Original|Forwarded) Message|From: .+@)", re.IGNORECASE
)
_HEADING = re.compile(r"^(?:#{1,6}\s+(?P<md>.+)|(?P<colon>[^.!?]{2,60}):)$")
_HEADING_HINTS: tuple[tuple[re.Pattern[str], Kind], ...] = (
    (re.compile(r"\bbugs?\b|\bdefects?\b|\bbroken\b", re.I), "bug"),
    (
        re.compile(r"pain|problem|friction|frustrat|issue|challenge|struggle|complaint", re.I),
        "pain_point",
    ),
    (
        re.compile(r"request|wish|ask|want|need|opportunit|idea|missing", re.I),
        "feature_request",
    ),
    (re.compile(r"love|like|positive|strength|works well|delight|praise", re.I), "praise"),
)


# A report pasted from a document loses its heading marks: a short capitalised line with no
# end punctuation that names a report's section ("Findings", "Key insights", "Next steps").
_PLAIN_HEADING = re.compile(r"^[A-Z][A-Za-z0-9 &/'-]{2,40}$")
_SECTION_WORDS = re.compile(
    r"\b(?:summary|overview|findings?|insights?|themes?|results?|observations?|background|"
    r"context|participants|highlights|takeaways|quotes|what we (?:heard|learned))\b",
    re.I,
)
_AUTHORS_SECTION = re.compile(
    r"recommend|next steps|proposal|proposed|suggested (?:actions|changes)|action items|"
    r"methodology|method\b|appendix|about this (?:study|report)",
    re.I,
)
SHARE = re.compile(r"\b(\d{1,4}) (?:of|out of) (?:the )?(\d{1,4})\b")


# What the interviewer asked hints at the kind of the answer ("Anything you wish it did?").
_QUESTION_HINTS: tuple[tuple[re.Pattern[str], Kind], ...] = (
    (
        re.compile(
            r"\b(?:wish|missing|build next|add|change one thing|magic wand|would you like|"
            r"what would make|if you could)\b",
            re.I,
        ),
        "feature_request",
    ),
    (
        re.compile(r"\b(?:hardest|frustrat\w*|annoy\w*|pain|struggle|difficult|worst)\b", re.I),
        "pain_point",
    ),
)


def _hint_of(text: str, hints: tuple[tuple[re.Pattern[str], Kind], ...]) -> Kind | None:
    return next((kind for pattern, kind in hints if pattern.search(text)), None)


def resolve_signal_type(text: str, signal_type: str | None) -> SignalType:
    """The profile to use: the given type when known, else a guess from the text's shape."""
    wanted = (signal_type or "").strip().lower().replace("-", "_").replace(" ", "_")
    return SignalType(wanted if wanted in SIGNAL_TYPES else guess_from_shape(text))


def interviewer_names(additional_context: str | None) -> frozenset[str]:
    """Names the PM gave in the signal's context: "Interviewer: Priya", "interviewed by Sam"."""
    return frozenset(name.lower() for name in _INTERVIEWER_HINT.findall(additional_context or ""))


def transcript_units(text: str, known_interviewers: frozenset[str] = frozenset()) -> list[Unit]:
    """The customers' sentences. A customer's answers to the interviewer's follow-up
    questions continue one passage (one source), until another customer speaks."""
    turns = parse_turns(text)
    asking = interviewers(turns, known_interviewers)
    units: list[Unit] = []
    source, previous = -1, object()
    hint: Kind | None = None
    for index, turn in enumerate(turns):
        if turn.speaker in asking:
            hint = _hint_of(turn.text, _QUESTION_HINTS)
            continue
        if turn.speaker != previous:
            source, previous = source + 1, turn.speaker
        units.extend(
            Unit(sentence, turn.speaker, source, index, kind_hint=hint)
            for sentence in sentences(turn.text)
        )
    return units


# Lines that start a piece of their own in a pasted issue or post: a markdown heading, a line
# that is only bold ("**Expected behavior**"), a list item, a table row.
_OWN_LINE = re.compile(r"^(?:#{1,6}\s|\*\*[^*]+\*\*:?$|[-*•·▪]\s|\d{1,3}[.)]\s|\|)")
_TITLE_LINE = re.compile(r"^(?:#{1,6}\s|\*\*[^*]+\*\*:?$)")
_FENCE = re.compile(r"^(?:`{3}|~{3})")
# Output a program printed (stack frames, prompts, package-manager errors): no one's words.
MACHINE_LINE = re.compile(
    r"^(?:at [\w.$<>]+ ?\(|at [\w.$/\\-]+:\d+|File \"[^\"]+\", line \d+|Traceback \(most recent|"
    r">>> |\$ |npm ERR!|\{\s*\"|\w+\.(?:js|py|go|rs|java|ts):\d+|"
    # An environment line: "- OS: macOS 14.4", "Version: 6.2.0", "| git | 2.43.0 |".
    r"(?:[-*]\s+)?(?:\*\*)?[A-Z][\w ]{0,20}(?:\*\*)?:(?:\*\*)?\s+(?=(?:\S+\s*){1,4}$).*\d|"
    r"\|.*\d.*\|$)"
)


def _coded(lines: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each line but the code fences, with whether it is code: between fences, or a program's
    output line (MACHINE_LINE)."""
    fenced = False
    for line in lines:
        stripped = line.strip()
        if _FENCE.match(stripped):
            fenced = not fenced
            continue
        yield line, fenced or MACHINE_LINE.match(stripped) is not None


def _pieces(block: str) -> list[tuple[str, bool]]:
    """A block's lines joined where they only wrap, each piece with whether it is code; a
    heading, a list item, a table row, and code between fences or a program's output line
    are pieces of their own."""
    pieces: list[tuple[list[str], bool]] = []
    for line, code in _coded(block.split("\n")):
        stripped = line.strip()
        if not stripped:
            continue
        if (
            not pieces
            or code != pieces[-1][1]
            or (not code and (_OWN_LINE.match(stripped) or _TITLE_LINE.match(pieces[-1][0][-1])))
        ):
            pieces.append(([], code))
        pieces[-1][0].append(stripped if code else _RATING.sub("", _BULLET.sub("", stripped)))
    return [(" ".join(lines), code) for lines, code in pieces]


def review_units(text: str) -> list[Unit]:
    """One review per paragraph when blank lines separate them, else one per line. A
    template's heading ("**Describe the bug**") hints the kind of the words after it."""
    blocks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text.strip()) else text.split("\n")
    units: list[Unit] = []
    heading: Kind | None = None
    prose = 0  # code belongs with the words it illustrates: the block said before it
    for index, block in enumerate(b for b in blocks if b.strip()):
        for piece, code in _pieces(block):
            titled = _TITLE_LINE.match(piece) is not None
            hint, heading = (None, template_kind(piece)) if titled else (heading, None)
            prose = prose if code else index
            units.extend(
                Unit(clause, None, prose, prose, kind_hint=hint, aside=code or titled)
                for sentence in sentences(piece)
                for clause in clauses(sentence)
            )
    return units


def ticket_units(text: str) -> list[Unit]:
    """Header fields (subject, priority) then the body; error lines are kept whole as bugs."""
    units: list[Unit] = []
    priority: Severity | None = None
    lines = text.split("\n")
    body_start = 0
    for body_start, line in enumerate(lines):  # noqa: B007 - the index is used after the loop
        header = _HEADER.match(line)
        if not line.strip() or not header or header["key"].lower() not in _TICKET_KEYS:
            break
        key, value = header["key"].lower(), header["value"].strip()
        if key in {"priority", "severity"}:
            priority = _PRIORITY.get(value.lower().split()[0] if value else "", priority)
        elif key in {"subject", "title", "summary"} and value:
            units.append(Unit(value, prominent=True))
    else:
        body_start = len(lines)
    for line, code in _coded(lines[body_start:]):
        if _QUOTED_REPLY.match(line):
            break  # the rest is the earlier thread, already answered
        aside = code or _TITLE_LINE.match(line) is not None
        if _ERROR_LINE.search(line) and len(line) < 300 and not line.rstrip().endswith("?"):
            units.append(Unit(line.strip(), kind_hint="bug", aside=aside))
        else:
            units.extend(Unit(sentence, aside=aside) for sentence in sentences(line))
    for unit in units:
        unit.severity_hint = priority
    return units


def _share_severity(text: str) -> Severity | None:
    """ "8 of 14 admins": how many of the people asked said it sets how much it matters."""
    found = SHARE.search(text)
    if found is None or not 0 < int(found[1]) <= int(found[2]):
        return None
    share = int(found[1]) / int(found[2])
    return "high" if share >= 0.5 else "medium" if share >= 0.25 else "low"


def _heading_title(line: str) -> str | None:
    """The title of a report's heading line ("## Findings", "Pain points:", or a plain
    "Recommendations" naming a section), else None."""
    if _BULLET.match(line):
        return None
    heading = _HEADING.match(line)
    if heading:
        return heading["md"] or heading["colon"]
    named = _SECTION_WORDS, _AUTHORS_SECTION, *(pattern for pattern, _ in _HEADING_HINTS)
    if _PLAIN_HEADING.match(line) and len(line.split()) <= 4:
        return line if any(pattern.search(line) for pattern in named) else None
    return None


def report_units(text: str) -> list[Unit]:
    """Bullets and sentences under headings; a heading such as "Pain points" hints the kind.
    Each sentence of a report is a finding of its own (its own turn): only shared words or
    an "it" that continues it bring two together. The authors' own sections
    (recommendations, next steps) are not customer evidence and are skipped."""
    units: list[Unit] = []
    hint: Kind | None = None
    skipping = False
    for index, line in enumerate(text.split("\n")):
        stripped = line.strip()
        title = _heading_title(stripped)
        if title is not None:
            hint, skipping = _hint_of(title, _HEADING_HINTS), bool(_AUTHORS_SECTION.search(title))
            continue
        if skipping:
            continue
        for sentence in sentences(_BULLET.sub("", stripped)):
            severity = _share_severity(sentence)
            units.append(Unit(sentence, None, index, len(units), hint, severity_hint=severity))
    return units


_TEXT_PROFILES = {
    SignalType.SUPPORT_TICKET: ticket_units,
    SignalType.REVIEW: review_units,
    SignalType.DISCOVERY_REPORT: report_units,
}


def units_of(text: str, profile: str, additional_context: str | None = None) -> list[Unit]:
    """The units of a normalised text read with a profile (see resolve_signal_type)."""
    if profile == "transcript":
        return transcript_units(text, interviewer_names(additional_context))
    units = _TEXT_PROFILES[profile](text)
    title = next((unit.text for unit in units if not unit.aside), None)
    for unit in units:
        if unit.aside:
            unit.caption = title  # a stack trace is about what the title says
    return units

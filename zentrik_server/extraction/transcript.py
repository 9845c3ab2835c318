"""Speaker turns out of transcripts: `Name: text`, `[00:01:02] Name:`, `Speaker 1 (00:01:02)`
headers, WebVTT and SRT cues. Timestamps go; the interviewer is found and set apart."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_TS = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"
_NAME = r"(?:[A-Z][\w.'-]*|\d+)(?:[ ][A-Z0-9][\w.'-]*){0,3}(?: ?\([A-Za-z][\w .&/-]{0,30}\))?"
_CUE_TIMING = re.compile(rf"^{_TS}\s*-->\s*{_TS}")
_CUE_NUMBER = re.compile(r"^\d+$")
_VTT_META = re.compile(r"^(?:WEBVTT|NOTE\b|STYLE\b|REGION\b|Kind:|Language:)")
_VOICE = re.compile(r"<v(?:\.[\w.]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[a-z][^>]*>", re.IGNORECASE)
_STAMP = rf"[\[(]?{_TS}[\])]?"
_SPEAKER_LINE = re.compile(
    rf"^(?:{_STAMP}\s*[-–]?\s*)?\**(?P<name>{_NAME})\**\s*(?:{_STAMP})?\s*\**:\**\s*(?P<text>.*)$"
)
# A header line alone names the speaker of the lines below it; a timestamp (or a bare
# colon) is required so that a one-word answer such as "Thanks" is never taken for a name.
_SPEAKER_HEADER = re.compile(
    rf"^(?:{_STAMP}\s*)?\**(?P<name>{_NAME})\**\s*(?:{_STAMP}|\s{{2,}}{_TS})\s*:?$"
)
_LEADING_STAMP = re.compile(rf"^{_STAMP}\s*[-–]?\s*")
_ROLE = re.compile(
    r"^(?:interviewer|host|moderator|facilitator|researcher|pm|product manager|ux|"
    r"ux researcher|q|question|me|agent|support|csm|interviewer \d+)$",
    re.IGNORECASE,
)
_PARENS = re.compile(r"[()]")
_NOT_NAMES = frozenset({"subject", "note", "re", "fw", "from", "to", "date", "http", "https"})
_QUESTION_OPENER = re.compile(
    r"^(?:how|what|why|where|when|which|who|can you|could you|would you|do you|did you|"
    r"have you|are you|is there|tell me|walk me)\b",
    re.IGNORECASE,
)


@dataclass
class Turn:
    speaker: str | None
    text: str


def _speaker_of(line: str) -> tuple[str, str] | None:
    match = _SPEAKER_LINE.match(line)
    if match and match["name"].lower() not in _NOT_NAMES and not match["name"].isdigit():
        return match["name"].strip("* "), match["text"]
    return None


def _header_of(line: str) -> str | None:
    match = _SPEAKER_HEADER.match(line)
    return match["name"].strip("* ") if match else None


def looks_like_transcript(text: str) -> bool:
    """Speaker-turned text or subtitle cues, as opposed to free prose or a list of reviews."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    if lines[0].startswith("WEBVTT") or any(_CUE_TIMING.match(line) for line in lines[:6]):
        return True
    names = Counter(
        found[0] for line in lines if (found := _speaker_of(line) or _header_of(line)) is not None
    )
    turned = sum(names.values())
    return len(names) >= 2 and turned >= 3 and turned >= 0.3 * len(lines)


def _clean_line(line: str) -> str:
    voice = _VOICE.search(line)
    line = _TAG.sub("", line)
    if voice:
        line = f"{voice[1].strip()}: {line.strip()}"
    return line.strip()


def parse_turns(text: str) -> list[Turn]:
    """Turns in order, consecutive lines of one speaker merged, cue numbers and times dropped."""
    turns: list[Turn] = []
    speaker: str | None = None
    for raw in text.split("\n"):
        line = _clean_line(raw)
        if not line or _VTT_META.match(line) or _CUE_TIMING.match(line) or _CUE_NUMBER.match(line):
            continue
        header = _header_of(line)
        if header is not None:
            speaker = header
            continue
        found = _speaker_of(line)
        if found is not None:
            speaker, line = found
        line = _LEADING_STAMP.sub("", line).lstrip("- ").strip()
        if not line:
            continue
        if turns and turns[-1].speaker == speaker:
            turns[-1].text = f"{turns[-1].text} {line}"
        else:
            turns.append(Turn(speaker, line))
    return turns


def _name_parts(name: str) -> list[str]:
    """ "Maria (PM)" → ["Maria (PM)", "Maria", "PM"]: a role may be the name or beside it."""
    return [name, *(part.strip() for part in _PARENS.split(name) if part.strip())]


def _asks(turn: Turn) -> bool:
    return "?" in turn.text or bool(_QUESTION_OPENER.match(turn.text))


def interviewers(turns: list[Turn], known: frozenset[str] = frozenset()) -> set[str]:
    """Speakers named as the interviewer (by role, or in `known`, lowercase names the PM gave),
    else the one who mostly asks (≥ half their turns, clearly more than anyone else). A single
    speaker is never the interviewer."""
    speakers = [turn.speaker for turn in turns if turn.speaker]
    counts = Counter(speakers)
    if len(counts) < 2:
        return set()
    named = {
        name
        for name in counts
        if any(_ROLE.match(part) or part.lower() in known for part in _name_parts(name))
        or name.split()[0].lower() in known
    }
    if named:
        return named
    asked = Counter(turn.speaker for turn in turns if turn.speaker and _asks(turn))
    ratios = sorted(((asked[name] / counts[name], name) for name in counts), reverse=True)
    (best, name), (second, _) = ratios[0], ratios[1]
    return {name} if best >= 0.5 and best - second >= 0.2 else set()

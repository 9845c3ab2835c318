"""Which signal type a pasted text looks like, so the Inbox does not read an interview as a batch
of reviews because nobody touched the type selector.

`guess_signal_type(text)` scores the text for each type from its shape alone:

- transcript: a WebVTT header, subtitle cues (`00:00:01,000 --> ...`), or turns of two or
  more speakers (`Interviewer: ...`, `[00:01] Sam: ...`);
- support_ticket: ticket header fields (`Subject:`, `Ticket #123`, `Priority:`, `From:`) and
  an email's greeting, sign-off and error codes (two of the three);
- discovery_report: markdown headings and report sections (Executive summary, Findings,
  Recommendations);
- review: star ratings (`★★★★☆`, `4/5`, `3 stars`) and short texts, one per line.

The best score wins when it is clear; a tie or no evidence gives None (the page then asks).
The Inbox's selector starts at AUTO ("Guess from the text", the guess named beside it): the
guess decides until the user picks a type, and from then on the user's choice wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from zentrik_ui.ingest import DEFAULT_SIGNAL_TYPE, SIGNAL_TYPE_LABELS, SIGNAL_TYPES
from zentrik_ui.models import SignalType
from zentrik_ui.transcript_marks import CUE_TIMING, SPEAKER_LINE

# A score at or above this, ahead of every other type, is a guess worth showing.
MIN_SCORE = 2

_WEBVTT = re.compile(r"\A\s*WEBVTT\b")
# Header fields of tickets and emails: never speakers. Weight: how sure a field makes us.
_TICKET_FIELDS: dict[str, int] = {
    "subject": 3, "ticket": 3, "ticket id": 3, "case": 3, "case number": 3,
    "priority": 2, "requester": 2, "reported by": 2, "assignee": 2, "severity": 1,
    "from": 1, "to": 1, "cc": 1, "date": 1, "sent": 1, "status": 1, "customer": 1,
    "account": 1, "plan": 1, "category": 1, "channel": 1,
}  # fmt: skip
_TICKET_NUMBER = re.compile(r"\b(?:ticket|case|request)\s*(?:#|no\.?|number)\s*\d+", re.I)
_GREETING = re.compile(r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon))\b", re.I | re.M)
_SIGN_OFF = re.compile(
    r"^\s*(?:thanks|thank you|many thanks|regards|kind regards|best regards|best|cheers|"
    r"sincerely)\b[ ,!.]*\S{0,40}$",
    re.I | re.M,
)
# Error codes, HTTP errors and stack traces, as the engine's guess reads them
# (tests/test_signal_type_agreement.py holds the two guesses together).
_ERROR_CODE = re.compile(
    r"\b(?:error|err)[ _-]?(?:code )?[:#]?\s?[A-Z0-9_]*\d{2,}|\bERR_[A-Z_]+\b|\bHTTP [45]\d\d\b|"
    r"\b(?:exception|traceback|stack ?trace)\b",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S", re.MULTILINE)
_REPORT_SECTIONS = (
    "executive summary", "summary", "findings", "key findings", "recommendations",
    "methodology", "method", "next steps", "themes", "key themes", "background",
    "objectives", "research questions", "participants", "insights", "opportunities",
)  # fmt: skip
# A line that is only a section title: "## Findings", "**Key findings**", "Recommendations:".
_SECTION_LINE = re.compile(
    r"^\s*(?:#{1,6}\s*|\*\*)?(?P<title>[a-z][a-z ]{2,30}?)\s*(?:\*\*)?:?\s*$"
)
_RATING = re.compile(
    r"[★⭐]|\b[0-5](?:\.\d)?\s*/\s*(?:5|10)\b|\b[1-5](?:\.\d)? ?stars?\b|^\s*rating\s*:",
    re.I | re.M,
)
SHORT_LINE = 300  # characters: a review is a few sentences


@dataclass(frozen=True)
class TypeGuess:
    signal_type: SignalType
    reason: str  # what in the text gave it away, for the person checking the guess


def guess_signal_type(text: str) -> TypeGuess | None:
    """The type `text` most looks like, or None when nothing (or more than one type) stands
    out."""
    if not text or not text.strip():
        return None
    scored = [scorer(text) for scorer in _SCORERS]
    scored.sort(key=lambda guess_score: guess_score[1], reverse=True)
    (best, best_score), (_, runner_up) = scored[0], scored[1]
    return best if best_score >= MIN_SCORE and best_score > runner_up else None


def _transcript(text: str) -> tuple[TypeGuess, int]:
    if _WEBVTT.search(text):
        return TypeGuess(SignalType.TRANSCRIPT, "a WebVTT header"), 10
    if CUE_TIMING.search(text):
        return TypeGuess(SignalType.TRANSCRIPT, "subtitle timestamps"), 10
    turns = [m for m in SPEAKER_LINE.finditer(text) if _field(m["name"]) not in _TICKET_FIELDS]
    speakers = {_field(m["name"].split(" (")[0]) for m in turns}
    score = 0
    if len(speakers) >= 2 and len(turns) >= 2:
        score = min(len(turns), 6) + (2 if any(m["stamp"] for m in turns) else 0)
    return TypeGuess(SignalType.TRANSCRIPT, "turns of two or more speakers"), score


def _ticket(text: str) -> tuple[TypeGuess, int]:
    fields = {_field(m["name"]) for m in SPEAKER_LINE.finditer(text)} & set(_TICKET_FIELDS)
    numbered = bool(_TICKET_NUMBER.search(text))
    # An email: two of a greeting, a sign-off, and an error code.
    marks = sum(bool(mark.search(text)) for mark in (_GREETING, _SIGN_OFF, _ERROR_CODE))
    score = sum(_TICKET_FIELDS[f] for f in fields) + 3 * numbered + 3 * (marks >= 2)
    if fields:
        reason = "ticket fields like Subject and Priority"
    else:
        reason = "a ticket number" if numbered else "an email's greeting, sign-off or error code"
    return TypeGuess(SignalType.SUPPORT_TICKET, reason), score


def _report(text: str) -> tuple[TypeGuess, int]:
    headings = len(_HEADING.findall(text))
    sections = {
        m["title"].strip()
        for line in text.lower().splitlines()
        if (m := _SECTION_LINE.match(line)) and m["title"].strip() in _REPORT_SECTIONS
    }
    score = min(headings, 3) * 2 + len(sections) * 2
    reason = "report sections like Findings" if sections else "markdown headings"
    return TypeGuess(SignalType.DISCOVERY_REPORT, reason), score


def _review(text: str) -> tuple[TypeGuess, int]:
    lines = [line for line in text.splitlines() if line.strip()]
    ratings = bool(_RATING.search(text))
    short = all(len(line) <= SHORT_LINE for line in lines)
    score = (4 if ratings else 0) + (2 if short else 0)
    reason = "star ratings" if ratings else "short texts, one per line"
    return TypeGuess(SignalType.REVIEW, reason), score


def _field(name: str) -> str:
    return name.strip().lower()


_SCORERS: tuple[Callable[[str], tuple[TypeGuess, int]], ...] = (
    _transcript,
    _ticket,
    _report,
    _review,
)


# --- the Inbox's type selector -------------------------------------------------------------
# Its first option, AUTO, sends the guessed type and the note beside it names the guess; picking
# a type overrides the guess. Nothing here changes with the text, neither the selected value nor
# an option's label: a value set from the server closes the dropdown the user may be opening
# at that moment, and the browser keeps showing an option's old label after it changes.
AUTO = "auto"
TYPE_OPTIONS: tuple[str, ...] = (AUTO, *SIGNAL_TYPES)
AUTO_LABEL = "Guess from the text"


def option_label(option: str) -> str:
    return AUTO_LABEL if option == AUTO else SIGNAL_TYPE_LABELS[option]


def guess_note(option: str, guess: TypeGuess | None, text: str) -> str | None:
    """What to say beside the selector while the guess decides the type."""
    if option != AUTO or not text.strip():
        return None
    if guess is None:
        default = SIGNAL_TYPE_LABELS[DEFAULT_SIGNAL_TYPE]
        return f"The type is not clear from the text: choose it, or it is sent as {default}."
    label = SIGNAL_TYPE_LABELS[guess.signal_type]
    return f"Guessed from the text: {label} ({guess.reason}) — change it if wrong."


def chosen_type(option: str, guess: TypeGuess | None) -> str:
    """The signal type to send: the user's pick, else the guess, else the default."""
    if option != AUTO:
        return option
    return str(guess.signal_type) if guess is not None else DEFAULT_SIGNAL_TYPE

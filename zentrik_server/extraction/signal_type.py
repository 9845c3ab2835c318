"""Guessing a signal's type from the shape of its text, for signals sent without one
(`python -m zentrik_server.extraction` without --type, process-transcript's free text):
an interview pasted as a "review" would turn the interviewer's questions into requests.

Transcripts are recognised by their speaker lines, timestamps or subtitle cues
(transcript.py); tickets by a subject line, a greeting and a sign-off, header fields or error
codes; discovery reports by headings and findings ("8 of 14 admins"); anything else is read
as reviews, the profile that assumes least."""

from __future__ import annotations

import re

from .transcript import looks_like_transcript

_SUBJECT = re.compile(
    r"^(?:subject|title|re|fwd?|ticket(?: id)?|case(?: number| id)?|summary)\s*:", re.IGNORECASE
)
_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|good (?:morning|afternoon))\b[^.!?\n]{0,40}[,!]?$", re.I
)
_SIGN_OFF = re.compile(
    r"^(?:thanks?(?: you)?|many thanks|best(?: regards)?|kind regards|regards|cheers|"
    r"sincerely|thx)\b[^\n]{0,20}[,!.]?$",
    re.IGNORECASE,
)
_TICKET_FIELD = re.compile(
    r"^(?:priority|severity|from|to|cc|customer|account|plan|browser|os|app version|"
    r"reported by|requester|assignee|category|channel|status)\s*:",
    re.IGNORECASE,
)
_ERROR_CODE = re.compile(
    r"\b(?:error|err)[ _-]?(?:code )?[:#]?\s?[A-Z0-9_]*\d{2,}|\bERR_[A-Z_]+\b|\bHTTP [45]\d\d\b|"
    r"\b[45]\d\d (?:error|internal|bad|not found|forbidden|unauthori[sz]ed)|\bexception\b|"
    r"\btraceback\b|\bstack ?trace\b",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^#{1,6}\s+\S|^[A-Z][A-Za-z ,&/-]{2,50}:$")
# A line that is only a report's section title is a heading too: "Findings", "**Next steps**".
_SECTION = re.compile(
    r"^(?:\*\*)?(?:executive summary|summary|(?:key )?(?:findings|themes|insights)|"
    r"recommendations|methodology|next steps|background|objectives|research questions|"
    r"participants|opportunities)(?:\*\*)?:?$",
    re.IGNORECASE,
)
_REPORT_WORDS = re.compile(
    r"\b(?:findings?|key (?:insights|themes|takeaways)|themes?|methodology|participants?|"
    r"respondents|interviewees|recommendations?|executive summary|we (?:interviewed|spoke with|"
    r"surveyed|talked to)|(?:the )?study|synthesis)\b",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"\b\d{1,4} (?:of|out of) (?:the )?\d{1,4}\b|\b\d{1,3} ?% of (?:\w+ )?(?:users|"
    r"participants|respondents|admins|customers|people)\b",
    re.IGNORECASE,
)
_TICKET_BAR = 3  # a greeting or a sign-off alone ("Thanks!" after reviews) is not enough
_REPORT_BAR = 3


def _ticket_score(lines: list[str]) -> int:
    score = 2 * bool(_GREETING.match(lines[0]) or any(_GREETING.match(x) for x in lines[1:4]))
    score += 2 * any(_SIGN_OFF.match(line) for line in lines[-3:])
    score += any(_TICKET_FIELD.match(line) for line in lines[:8])
    score += any(_ERROR_CODE.search(line) for line in lines)
    return score


def _report_score(lines: list[str], text: str) -> int:
    headings = sum(1 for line in lines if _HEADING.match(line) or _SECTION.match(line))
    return (
        min(headings, 2)
        + min(len(_REPORT_WORDS.findall(text)), 2)
        + min(len(_SHARE.findall(text)), 2)
    )


def guess_from_shape(text: str, default: str = "review") -> str:
    """A normalised text's type when its shape says one ("transcript", "support_ticket",
    "discovery_report"), else `default`."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return default
    if _SUBJECT.match(lines[0]):
        return "support_ticket"  # its header fields would pass for speaker lines
    if looks_like_transcript(text):
        return "transcript"
    ticket, report = _ticket_score(lines), _report_score(lines, text)
    if ticket >= _TICKET_BAR and ticket >= report:
        return "support_ticket"
    return "discovery_report" if report >= _REPORT_BAR else default

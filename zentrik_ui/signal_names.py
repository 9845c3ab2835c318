"""A name for a signal the user did not name, taken from its content, so the Inbox lists
"Export fails on large files" or "Interview with Maria" rather than "Review - 11/30/26, 8:33 PM".
(Uploaded documents are named after their file.)"""

from __future__ import annotations

import re

from zentrik_ui.transcript_marks import CUE_TIMING, SPEAKER_LINE

MAX_WORDS = 8
MAX_CHARS = 60

_SUBJECT = re.compile(r"^\s*(?:subject|title)\s*:\s*(?P<subject>\S.*)$", re.IGNORECASE | re.M)
# The asking side of an interview: never who it is "with".
_ASKERS = frozenset(
    {"interviewer", "host", "moderator", "facilitator", "researcher", "pm", "q", "question", "me"}
)
# Lines that carry no words of their own: a WebVTT header, cue numbers (and cue timings).
_NO_WORDS = re.compile(r"^\s*(?:WEBVTT.*|\d+)\s*$")
_MARKUP = re.compile(r"^[\s#>*\-+]+|<[^>]*>")


def name_from_content(text: str) -> str | None:
    """A ticket's subject line; else "Interview with <first speaker who is not asking>";
    else the first words of the first line that has words. None for a text without words."""
    if subject := _SUBJECT.search(text):
        return _clip(subject["subject"])
    for turn in SPEAKER_LINE.finditer(text):
        speaker = turn["name"].strip()
        if speaker.split(" (")[0].lower() not in _ASKERS | {"subject", "title", "from", "to"}:
            return _clip(f"Interview with {speaker}")
    for line in text.splitlines():
        words = _MARKUP.sub(" ", line).split()
        if words and not (_NO_WORDS.match(line) or CUE_TIMING.match(line)):
            return _clip(" ".join(words[:MAX_WORDS]), cut=len(words) > MAX_WORDS)
    return None


def _clip(name: str, cut: bool = False) -> str:
    name = name.strip()
    if len(name) > MAX_CHARS:
        name, cut = name[: MAX_CHARS - 1].rstrip(), True
    return f"{name}…" if cut else name

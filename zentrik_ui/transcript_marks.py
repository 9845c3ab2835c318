"""What the marks of a transcript look like in pasted or uploaded text — speaker turns, subtitle
cue timings, WebVTT voice tags — for every reader of them (the type guess, signal names, the
Inbox's readable text, subtitle uploads), so they never disagree about what a turn is."""

from __future__ import annotations

import re

TIMESTAMP = r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?"
# Turns: "Interviewer: ...", "Maria (Finance lead, Acme): ...", "[00:01] Sam: ...".
SPEAKER_LINE = re.compile(
    rf"^\s*(?P<stamp>{TIMESTAMP}\s+)?(?P<name>[A-Z][\w.'&\-]*(?: [\w.'&\-]+){{0,3}}"
    r"(?: \([^)\n]{1,60}\))?)\s*:\s+\S",
    re.MULTILINE,
)
# A subtitle cue's timing line (WebVTT `00:00:01.000 -->`, SRT `00:00:01,000 -->`): its start.
CUE_TIMING = re.compile(
    r"^\s*(?:(?P<hours>\d+):)?(?P<minutes>\d{1,2}):(?P<seconds>\d{2})[.,]\d{1,3}\s*-->",
    re.MULTILINE,
)
# WebVTT voice spans: `<v Maria>Hello</v>`, `<v.loud Sam>...`.
VOICE_TAG = re.compile(r"<v(?:\.[^\s>]*)?\s+(?P<name>[^>]{1,80})>")
VOICE_LINE = re.compile(rf"^\s*{VOICE_TAG.pattern}(?P<text>.*?)(?:</v>)?\s*$")


def split_turn(line: str) -> tuple[str, str, str] | None:
    """A line that is a speaker's turn as (stamp, speaker, what they said); else None."""
    turn = SPEAKER_LINE.match(line)
    if turn is None:
        return None
    said = line[turn.end("name") :].strip().removeprefix(":").strip()
    return (turn["stamp"] or "").strip(), turn["name"].strip(), said

"""A signal's text, readable: each speaker's turn on a line of its own with the speaker in
bold, every other line as it was. Customer text is escaped, never rendered as markdown or
HTML (a turn saying `**urgent** <img src=x>` shows those characters)."""

from __future__ import annotations

from dataclasses import dataclass

from zentrik_ui.formatting import escape_markdown
from zentrik_ui.transcript_marks import VOICE_LINE, split_turn

# A long text is shown up to here (its full text is a download): enough to read, and a page
# that stays responsive.
SHOWN_CHARS = 50_000


@dataclass(frozen=True)
class Line:
    text: str
    speaker: str | None = None
    stamp: str = ""


def readable_lines(text: str) -> list[Line]:
    """The non-blank lines of `text`, each a speaker's turn where it reads as one."""
    lines = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        if turn := split_turn(raw):
            stamp, speaker, said = turn
            lines.append(Line(said, speaker, stamp))
        elif voice := VOICE_LINE.match(raw):
            lines.append(Line(voice["text"].strip(), voice["name"].strip()))
        else:
            lines.append(Line(raw.strip()))
    return lines


def line_markdown(line: Line) -> str:
    """One line as safe markdown: `\\[00:01\\] **Maria:** what she said`."""
    parts = [escape_markdown(line.stamp)] if line.stamp else []
    if line.speaker:
        parts.append(f"**{escape_markdown(line.speaker)}:**")
    parts.append(escape_markdown(line.text))
    return " ".join(parts)


def text_markdown(text: str) -> tuple[str, bool]:
    """The text's first SHOWN_CHARS as markdown, one paragraph per line; and whether it was
    cut there."""
    lines = readable_lines(text[:SHOWN_CHARS])
    return "\n\n".join(line_markdown(line) for line in lines), len(text) > SHOWN_CHARS

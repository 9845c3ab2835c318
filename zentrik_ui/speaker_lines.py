"""What a speaker's turn looks like in pasted text, for every reader of turns (the type guess,
signal names, the Inbox's readable text)."""

from __future__ import annotations

import re

TIMESTAMP = r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?"
# Turns: "Interviewer: ...", "Maria (Finance lead, Acme): ...", "[00:01] Sam: ...".
SPEAKER_LINE = re.compile(
    rf"^\s*(?P<stamp>{TIMESTAMP}\s+)?(?P<name>[A-Z][\w.'&\-]*(?: [\w.'&\-]+){{0,3}}"
    r"(?: \([^)\n]{1,60}\))?)\s*:\s+\S",
    re.MULTILINE,
)

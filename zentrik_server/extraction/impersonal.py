"""Headlines without the speaker: "I", "my", "we", "you", "they" name who said it, not what
the product does. Rewrites that keep the sentence natural come first (a clause "when I open
it" becomes "when opening it", "my phone" becomes "a phone"); a clause no rewrite saves is
cut off rather than mangled ("Love the charts, they finally make sense to me")."""

from __future__ import annotations

import re

_PERSON = r"(?:i|we|you|they)"
_BE = r"(?:'m|'re| am| are| was| were)"
# "every time I open the camera" -> "when opening the camera"
_SUBORDINATE = re.compile(
    rf"\b(?P<sub>when|whenever|every time|each time|after|before|while|once|until|as soon as)"
    rf"\s+{_PERSON}(?P<be>{_BE})?\s+(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
# "Best app I've ever used": who used it is the speaker; the headline keeps the claim.
_SPEAKER_CLAUSE = re.compile(
    r"\s*\b(?:that\s+)?(?:i|we)(?:'ve| have)?\s+(?:(ever)\s+)?(?:used|tried|had|seen|owned)\b",
    re.IGNORECASE,
)
_TO_WHEN = {"whenever": "when", "every time": "when", "each time": "when"}
_OPENING = (
    (re.compile(r"^(?:i|we)(?:'m| am| are|'re)\b", re.I), "Users are"),
    (re.compile(r"^(?:i|we)(?:'ve| have)\b", re.I), "Users have"),
    (re.compile(r"^(?:i|we) was\b|^we were\b", re.I), "Users were"),
    (re.compile(r"^(?:i|we)(?:'d| would)\b", re.I), "Users would"),
    (re.compile(r"^(?:i|we|you)\b", re.I), "Users"),
)
_DEVICE = r"(?:phone|laptop|tablet|computer|desktop|mac|pc|iphone|ipad|android|watch)"
_POSSESSIVE_DEVICE = re.compile(rf"\b(from|on|with|to) (?:my|our|your|their) (?={_DEVICE}\b)", re.I)
_PREPOSITION_POSSESSIVE = re.compile(
    r"\b(from|on|with|to|into|in|for|of|at|by|onto|about) (?:my|our|your|their)\b", re.I
)
_POSSESSIVE = re.compile(r"\b(?:my|our|your|their)\s+", re.IGNORECASE)
_OBJECT = re.compile(r"\b(?:me|us)\b")  # lowercase only: "US" is a country
_LET = re.compile(r"\b(let|lets|letting|allow|allows|help|helps)\s+(?:me|us|you)\b", re.I)
_COLON_LEAD = re.compile(rf"^[^:]{{0,40}}\b{_PERSON}\b[^:]*:\s+(?=\w)", re.IGNORECASE)
_LEFT = re.compile(r"\b(?:i|i'm|i've|i'd|we|we're|we've|we'd|you|you're|they|they're|them)\b", re.I)
_BREAK = re.compile(r",\s|;\s|:\s|\s[-–]\s|\s(?:but|because|which|so|and|as|since)\s")
_DANGLING = re.compile(
    r"\s+(?:and|or|but|so|to|for|with|when|if|because|as|that|the|a|an|of|in|on|at|by|from|"
    r"even|just|still|since|while|after|before|until|every|each|than)$",
    re.IGNORECASE,
)
_MIN_WORDS = 3


def _gerund(verb: str) -> str:
    """ "open" -> "opening", "log" -> "logging", "use" -> "using"; "-ing" forms stay."""
    lower = verb.lower()
    if lower.endswith("ing"):
        return verb
    if lower.endswith("ie"):
        return verb[:-2] + "ying"
    if lower.endswith("e") and not lower.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    short = len(lower) <= 4 and re.fullmatch(r"[^aeiou]+[aeiou][bdglmnprt]", lower)
    return verb + (verb[-1] if short else "") + "ing"


def _subordinate(match: re.Match[str]) -> str:
    sub = match["sub"]
    verb = match["verb"]
    if match["be"] and not verb.lower().endswith("ing"):
        return f"{_TO_WHEN.get(sub.lower(), sub)} {verb}"  # "while I'm stuck" -> "while stuck"
    return f"{_TO_WHEN.get(sub.lower(), sub)} {_gerund(verb)}"


def _cut_at_speaker(text: str) -> str:
    """The text before the clause that still names the speaker, when enough is left."""
    found = _LEFT.search(text)
    if found is None:
        return text
    breaks = [m.start() for m in _BREAK.finditer(text, 0, found.start())]
    for end in [*reversed(breaks), found.start()]:
        head = trim(text[:end])
        if len(head.split()) >= _MIN_WORDS and not _LEFT.search(head):
            return head
    return _LEFT.sub("", text)  # nothing worth keeping before it: the word alone goes


def trim(text: str) -> str:
    """Without the dangling words (\"and\", \"the\", \"when\") a cut leaves at its end."""
    previous = None
    while previous != text:
        previous, text = text, _DANGLING.sub("", text.rstrip(" ,;:-–"))
    return text


def impersonal(text: str) -> str:
    """`text` with no word naming the speaker (see the module's docstring)."""
    text = _COLON_LEAD.sub("", text)  # "What we value: X" -> "X"
    text = _SPEAKER_CLAUSE.sub(lambda m: " ever" if m[1] else "", text)
    text = _SUBORDINATE.sub(_subordinate, text)
    for pattern, replacement in _OPENING:
        text = pattern.sub(replacement, text, count=1)
    text = _POSSESSIVE_DEVICE.sub(r"\1 a ", text)
    text = _PREPOSITION_POSSESSIVE.sub(r"\1 the", text)  # "into our warehouse"
    text = _POSSESSIVE.sub("", text)  # "export all my notes" -> "export all notes"
    text = _LET.sub(r"\1 users", text)
    text = _OBJECT.sub("users", text)
    return _cut_at_speaker(text)

"""Small text utilities shared by the profiles: normalising, sentence splitting, tokens."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pysbd

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_SPACES = re.compile(r"[ \t\f\v]+")
# A period that does not end a sentence (abbreviations, initials, "e.g.") is what the fast
# splitter gets wrong; only then is pysbd (about 10x slower) worth its cost.
_TRICKY_PERIOD = re.compile(
    r"\b(?:e\.g|i\.e|etc|vs|approx|mr|mrs|ms|dr|prof|inc|ltd|co|no|fig|u\.s)\.\s|\b[A-Z]\.\s?[A-Z]\.",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|(?<=[.!?])(?=[A-Z][a-z])")
MAX_WORDS = 60
# "Great app, but it logs me out daily": a contrast joins two judgements, which are judged
# apart so the compliment does not outvote the complaint.
_CONTRAST = re.compile(
    r"(?<!\beven)(?:,\s*|\s+)(?=(?:but|however|although|though|except|unfortunately)\b)",
    re.IGNORECASE,
)
_MIN_CLAUSE_WORDS = 2
# "It should show my balance but it shows zero": what ought to happen set against what does
# is one bug report, not a request and a complaint.
EXPECTED = re.compile(r"\b(?:should|supposed to|expected to|meant to)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
LEXICONS = Path(__file__).parent / "lexicons"


def normalize(text: str) -> str:
    """Unify quotes, line ends and runs of blanks so the patterns see one spelling."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").translate(_QUOTES)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def sentences(text: str) -> list[str]:
    """Split into sentences: each line on its own, pysbd only where periods are ambiguous."""
    found: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        tricky = _TRICKY_PERIOD.search(line)
        parts = _segmenter().segment(line) if tricky else _SENTENCE_END.split(line)
        for part in parts:
            if part and part.strip():
                found.extend(_bounded(part.strip()))
    return found


def _bounded(sentence: str) -> list[str]:
    """Unpunctuated runs (raw captions, pasted notes) cut into pieces of at most MAX_WORDS
    words, at the last comma when there is one: a unit is one thought, and VADER's cost grows
    with the square of a sentence's length."""
    words = sentence.split(" ")
    pieces: list[str] = []
    while len(words) > MAX_WORDS:
        window = words[:MAX_WORDS]
        cut = next((i + 1 for i in range(MAX_WORDS - 1, 0, -1) if window[i].endswith(",")), None)
        cut = cut if cut and cut > MAX_WORDS // 3 else MAX_WORDS
        pieces.append(" ".join(words[:cut]))
        words = words[cut:]
    pieces.append(" ".join(words))
    return pieces


def clauses(sentence: str) -> list[str]:
    """The sentence cut before each contrast word that has a few words on either side, unless
    the words before it say what should happen (EXPECTED)."""
    found: list[str] = []
    start = 0
    for match in _CONTRAST.finditer(sentence):
        head, rest = sentence[start : match.start()], sentence[match.end() :]
        # `rest` starts with the contrast word itself, hence the strict comparison.
        apart = len(head.split()) >= _MIN_CLAUSE_WORDS and len(rest.split()) > _MIN_CLAUSE_WORDS
        if apart and not EXPECTED.search(head):
            found.append(head.strip())
            start = match.end()
    found.append(sentence[start:].strip())
    return found


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def load_words(name: str) -> frozenset[str]:
    """A word list from lexicons/NAME.txt, one word a line."""
    return frozenset((LEXICONS / f"{name}.txt").read_text(encoding="utf-8").split())

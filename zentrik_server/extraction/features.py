"""Features of the learned classifier: word unigrams and bigrams (negations spelled one way)
and the character 3- and 4-grams inside each word. The character grams let a few hundred
hand-written examples reach the misspellings and inflections real feedback is full of
("syncing", "synch", "sincing"). Shared by the training script and run-time scoring so both
see the same terms."""

from __future__ import annotations

import re
from itertools import pairwise

from .text import tokens

_CONTRACTIONS = re.compile(
    r"\b(can|don|doesn|didn|won|isn|aren|wasn|couldn|wouldn|shouldn|haven|hasn)t\b"
)
_CHAR_SIZES = (3, 4)


def words(text: str) -> list[str]:
    return tokens(_CONTRACTIONS.sub(r"\1't", text.lower()))


def bigrams(found: list[str]) -> list[str]:
    return [f"{a} {b}" for a, b in pairwise(found)]


def char_grams(word: str) -> list[str]:
    # "~" marks a character gram so it never collides with a word of the same letters.
    padded = f" {word} "
    return [
        "~" + padded[i : i + size] for size in _CHAR_SIZES for i in range(len(padded) - size + 1)
    ]


def ngrams(text: str) -> list[str]:
    """Every term of `text`, repeats included (what the training script's vectoriser counts;
    run-time scoring gathers the same terms a word at a time, model.py)."""
    found = words(text)
    grams = found + bigrams(found)
    for word in found:
        grams.extend(char_grams(word))
    return grams

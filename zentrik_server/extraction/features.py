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


def ngrams(text: str) -> list[str]:
    words = tokens(_CONTRACTIONS.sub(r"\1't", text.lower()))
    grams = words + [f"{a} {b}" for a, b in pairwise(words)]
    # "~" marks a character gram so it never collides with a word of the same letters.
    for word in words:
        padded = f" {word} "
        for size in _CHAR_SIZES:
            grams.extend("~" + padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams

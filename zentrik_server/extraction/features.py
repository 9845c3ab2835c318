"""Features of the learned classifier: word unigrams and bigrams, negations spelled one way.
Shared by the training script and run-time scoring so both see the same terms."""

from __future__ import annotations

import re
from itertools import pairwise

from .text import tokens

_CONTRACTIONS = re.compile(
    r"\b(can|don|doesn|didn|won|isn|aren|wasn|couldn|wouldn|shouldn|haven|hasn)t\b"
)


def ngrams(text: str) -> list[str]:
    words = tokens(_CONTRACTIONS.sub(r"\1't", text.lower()))
    return words + [f"{a} {b}" for a, b in pairwise(words)]

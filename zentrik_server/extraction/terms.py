"""Content terms of a unit and their weights, the basis of similarity between units."""

from __future__ import annotations

import math
import re

from .text import load_words, tokens

STOPWORDS = load_words("stopwords")
# Words that say what kind of feedback it is rather than what it is about: they should not
# by themselves make two units "about the same thing".
GENERIC = load_words("generic")


def stem(word: str) -> str:
    """A deliberately crude stem so "syncing", "synced" and "sync" meet."""
    for suffix in ("ing", "ed", "es", "er", "al", "s"):
        shortest = 4 if suffix in ("er", "al") else 3
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest and word[-2:] != "ss":
            word = word[: -len(suffix)]
            break
    word = word.removesuffix("e")
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


# One spelling for the phrases that name the same thing ("log in", "sign-in", "login").
_SAME_THING = re.compile(r"\b(?:log|sign)(?:ged|ging|s)?[ -]?(?:in|on)\b", re.IGNORECASE)


def term_vector(text: str) -> dict[str, float]:
    vector: dict[str, float] = {}
    for token in tokens(_SAME_THING.sub("login", text)):
        if token in STOPWORDS or len(token) < 2 or token.isdigit():
            continue
        weight = 0.3 if token in GENERIC else 1.0
        key = stem(token)
        vector[key] = max(vector.get(key, 0.0), weight)
    return vector


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b[key] for key, weight in a.items() if key in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))

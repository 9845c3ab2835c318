"""Headlines in the present tense: a finding says what the product does ("Shoppers abandon
the cart", "Watch stops syncing"), not what happened once. Only the main verb right after
the subject changes, and only when the sentence does not date the event ("last quarter")."""

from __future__ import annotations

import re

_DATED = re.compile(
    r"\b(?:yesterday|ago|last (?:week|month|quarter|year|night|time|friday|monday)|"
    r"this morning|earlier today|once)\b",
    re.IGNORECASE,
)
# Said of one thing / of several.
_AUXILIARY = {
    "was": ("is", "are"),
    "were": ("is", "are"),
    "wasn't": ("isn't", "aren't"),
    "weren't": ("isn't", "aren't"),
    "had": ("has", "have"),
    "couldn't": ("can't", "can't"),
    "could": ("can", "can"),
    "didn't": ("doesn't", "don't"),
}
_IRREGULAR = {
    "found": "find",
    "felt": "feel",
    "said": "say",
    "gave": "give",
    "got": "get",
    "took": "take",
    "left": "leave",
    "froze": "freeze",
    "broke": "break",
    "lost": "lose",
    "kept": "keep",
    "wrote": "write",
    "went": "go",
    "spent": "spend",
    "ran": "run",
    "showed": "show",
}
# Stems that lost their final "e" to "-ed": "liked", "praised", "valued", "struggled".
_E_STEM = re.compile(r"(?:[^s]s|[vzcgu]|at|ik|ok|iz|[bdgkptz]l|[^aeiou]r)$")
_DOUBLED = re.compile(r"([bdglmnprt])\1$")
# A present verb before any past one: the sentence is already in the present.
_PRESENT_VERB = frozenset(
    {
        "is",
        "are",
        "has",
        "have",
        "does",
        "do",
        "can",
        "will",
        "would",
        "should",
        "must",
        "may",
        "might",
        "keeps",
        "gets",
        "needs",
        "seems",
        "takes",
        "shows",
        "can't",
        "won't",
        "doesn't",
        "don't",
        "isn't",
        "aren't",
    }
)
# A past form right after one of these is an adjective ("the shared folder").
_MODIFIER_BEFORE = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "and",
        "or",
        "not",
        "no",
        "my",
        "our",
    }
)
_LEAD = 1  # the subject has at least one word


def _base(verb: str) -> str | None:
    lower = verb.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if not lower.endswith("ed") or lower.endswith("eed") or len(lower) < 5:
        return None
    if lower.endswith("ied"):
        return lower[:-3] + "y"
    stem = lower[:-2]
    if _DOUBLED.search(stem) and not stem.endswith(("ll", "ss")):
        return stem[:-1]
    return stem + "e" if _E_STEM.search(stem) else stem


def _third_person(base: str) -> str:
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def _plural(subject: list[str]) -> bool:
    last = subject[-1].lower()
    return last == "users" or (last.endswith("s") and not last.endswith(("ss", "us", "is")))


def present(text: str) -> str:
    """`text` with its main verb in the present tense (see the module's docstring)."""
    if _DATED.search(text):
        return text
    words = text.split(" ")
    for index in range(_LEAD, min(len(words), 7)):
        word = words[index].lower().strip(",")
        if word in _PRESENT_VERB:
            return text
        plural = _plural(words[:index])
        if word in _AUXILIARY:
            words[index] = _AUXILIARY[word][plural]
        elif (base := _base(word)) is not None and words[index - 1].lower() not in _MODIFIER_BEFORE:
            words[index] = base if plural else _third_person(base)
        else:
            continue
        if word in ("could", "couldn't") and index + 1 < len(words) and words[index + 1] == "not":
            words[index : index + 2] = ["can't"]
        return " ".join(words)
    return text

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
    "made": "make",
    "came": "come",
    "became": "become",
    "began": "begin",
    "brought": "bring",
    "bought": "buy",
    "caught": "catch",
    "chose": "choose",
    "fell": "fall",
    "forgot": "forget",
    "heard": "hear",
    "held": "hold",
    "knew": "know",
    "meant": "mean",
    "paid": "pay",
    "saw": "see",
    "sold": "sell",
    "sent": "send",
    "shook": "shake",
    "spoke": "speak",
    "stole": "steal",
    "taught": "teach",
    "thought": "think",
    "threw": "throw",
    "told": "tell",
    "woke": "wake",
    "wore": "wear",
    "hung": "hang",
    "overrode": "override",
    # Regular forms the spelling rules below read wrongly.
    "synced": "sync",
    "focused": "focus",
    "created": "create",
    "invited": "invite",
    "added": "add",
    "used": "use",
}
# The "e" a stem lost to "-ed" ("liked", "updated", "changed", "struggled") comes back after
# a soft "c"/"g", "v", "z", "u", a single "s" and a consonant + "l"; and after a consonant,
# one vowel and a consonant (see _needs_e).
_E_AFTER = re.compile(r"(?:uir|[^s]s|[vzu]|[^y]nc|[^n]c|(?<![io])ng|[^n]g|[bdgkptz]l)$")
_CVC = re.compile(r"[^aeiou][aeiou][bcdfgklmnprstvz]$")
# A stem of two syllables or more keeps "e" only in the endings of verbs like "update",
# "include", "provide", "combine", "assume", "configure", "compare", "require", "delete",
# "invoke", "ignore" ("opened", "visited", "targeted", "monitored" have none).
_LONG_E_ENDING = re.compile(
    r"(?:[^e]at|ut|[aiou]d|[^aeiou]in|um|[aiu]r|[lp]et|[^aeiou]ok|ik|(?:ign|rest|expl|ad)or)$"
)
_VOWELS = re.compile(r"[aeiouy]+")
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
        "cannot",
        "won't",
        "doesn't",
        "don't",
        "isn't",
        "aren't",
        "hasn't",
        "haven't",
        "wouldn't",
        "shouldn't",
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
        "your",
        "their",
        "its",
        # "all exported files", "the last used filter", "well laid out": a modifier's.
        "all",
        "any",
        "some",
        "every",
        "each",
        "both",
        "last",
        "well",
        "newly",
        "recently",
        # "the getting started page", "being billed twice": a participle, not the verb.
        "getting",
        "being",
        "been",
    }
)
# Participles that name or place what comes before them ("a file named X", "a folder called
# Y", "a user based in Auckland"): adjectives, never the sentence's verb.
_NAMING = frozenset(
    {"named", "called", "labelled", "labeled", "titled", "entitled", "dubbed", "based", "located"}
)
# The main verb comes before a subordinate clause: "Error when syncing shared folders".
_SUBORDINATORS = frozenset(
    {"when", "whenever", "if", "while", "because", "since", "after", "before", "until", "unless"}
)
_LEAD = 1  # the subject has at least one word
_ADVERBS = frozenset({"never", "then", "also", "just", "still", "now", "sometimes", "often"})
# Who "they" opening a text stands for (impersonal.py): what they did stays in the past.
MAKERS = "developers"


def _needs_e(stem: str) -> bool:
    if _E_AFTER.search(stem):
        return True
    if not _CVC.search(stem):
        return False
    return len(_VOWELS.findall(stem)) == 1 or _LONG_E_ENDING.search(stem) is not None


def _undoubled(stem: str) -> str | None:
    """ "stopp" -> "stop", "cancell" -> "cancel"; "add", "call", "install", "miss" stay."""
    if not _DOUBLED.search(stem) or len(stem) < 4:
        return None
    if stem.endswith("ll"):
        return stem[:-1] if re.search(r"[aeiou][^aeiou]+ell$", stem) else None
    vowel, before = stem[-3], stem[-4]
    return stem[:-1] if vowel in "aeiou" and before not in "aeiou" else None


def base_form(verb: str) -> str | None:
    """The base of a past form ("upgraded" -> "upgrade", "stopped" -> "stop", "froze" ->
    "freeze"); None when `verb` is not one."""
    lower = verb.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if not lower.endswith("ed") or lower.endswith("eed") or len(lower) < 5:
        return None
    if lower.endswith("ied"):
        return lower[:-3] + "y"
    stem = lower[:-2]
    undoubled = _undoubled(stem)
    if undoubled is not None:
        return undoubled
    return stem + "e" if _needs_e(stem) else stem


def gerund(verb: str) -> str:
    """ "open" -> "opening", "log" -> "logging", "use" -> "using"; a past form keeps its
    spelling ("upgraded" -> "upgrading", "occurred" -> "occurring"); "-ing" forms stay."""
    lower = verb.lower()
    base = base_form(lower)
    if base is None and lower.endswith("ing"):
        return lower
    if base is not None and lower.endswith("ed") and lower not in _IRREGULAR:
        if lower.endswith("ied"):
            return base + "ing"  # "tried" -> "trying"
        return (base[:-1] if base.endswith("e") else lower[:-2]) + "ing"
    lower = base or lower
    if lower.endswith("ie"):
        return lower[:-2] + "ying"
    if lower.endswith("e") and not lower.endswith(("ee", "ye", "oe")):
        return lower[:-1] + "ing"
    short = len(lower) <= 4 and re.fullmatch(r"[^aeiou]+[aeiou][bdglmnprt]", lower)
    return lower + (lower[-1] if short else "") + "ing"


def third_person(base: str) -> str:
    """ "crash" -> "crashes", "copy" -> "copies", "drop" -> "drops"."""
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def plural_noun(word: str) -> bool:
    """A lowercase word that reads as a plural ("settings"; not "class", "status", "analysis")."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _plural(subject: list[str]) -> bool:
    # "Participants repeatedly asked": the adverb says nothing of the number.
    nouns = [word for word in subject if not word.lower().endswith("ly")] or subject
    last = nouns[-1].lower()
    return last in {"users", "i", "we", "you", "they"} or plural_noun(last)


def _present_form(word: str, plural: bool) -> str | None:
    """ "finished." -> "finishes." (None when `word` is no past form)."""
    lower = word.lower().rstrip(",.;:!?")
    mark = word[len(lower) :]
    if lower in _AUXILIARY:
        return _AUXILIARY[lower][plural] + mark
    base = base_form(lower)
    if base is None:
        return None
    return (base if plural else third_person(base)) + mark


def _shares_auxiliary(word: str, words: list[str], index: int) -> bool:
    """ "could be scheduled and emailed": the participles after "and" share the auxiliary
    ("can be scheduled and emailed"), they are not verbs of their own."""
    if word not in _AUXILIARY or index + 1 >= len(words):
        return False
    after = words[index + 1].lower()
    return after in {"be", "been", "not"} or base_form(after) is not None


def _coordinated(words: list[str], start: int, plural: bool) -> None:
    """ "got stuck at 99% and never finished": the verbs the subject shares go along."""
    for index in range(start + 1, min(len(words) - 1, start + 8)):
        if words[index - 1].endswith((",", ";")):
            return
        if words[index].lower() != "and":
            continue
        after = index + 2 if words[index + 1].lower() in _ADVERBS else index + 1
        if after < len(words) and (found := _present_form(words[after], plural)) is not None:
            words[after] = found
        return


_CLAUSE_END = frozenset({"and", "but", "or", "which", "that", "so", "because", "when", "if"})


def _verb_follows(words: list[str], index: int) -> bool:
    """Does a finite verb follow `words[index]` in its clause? Then the past form names
    what its noun went through ("the rows pinned in the lockfile are ignored")."""
    for word in words[index + 1 : index + 7]:
        lower = word.lower().strip(",;")
        if lower in _CLAUSE_END:
            return False
        if lower in _PRESENT_VERB or lower in _AUXILIARY:
            return True
        if word.endswith((",", ";", ":")):
            return False
    return False


def present(text: str) -> str:
    """`text` with its main verb in the present tense (see the module's docstring)."""
    if _DATED.search(text) or text.split(" ", 1)[0].lower() in {MAKERS, "they"}:
        return text  # what the makers did is an event, not what the product does
    words = text.split(" ")
    for index in range(_LEAD, min(len(words), 7)):
        word = words[index].lower().strip(",")
        if word in _PRESENT_VERB or word in _SUBORDINATORS:
            return text
        before = words[index - 1].lower()
        if before in _MODIFIER_BEFORE or before.endswith("'s") or word in _NAMING:
            continue  # "the shared folder", "the team's shared folders", "a file named X"
        if index + 1 < len(words) and words[index + 1].lower() == "by":
            continue  # "invoices created by the API": what was done to them
        if before.endswith(":") or not word[:1].isalpha() or _verb_follows(words, index):
            continue  # "Dark theme: selected rows", a quoted word, "files pinned here are"
        plural = _plural(words[:index])
        found = _present_form(word, plural)
        if found is None:
            continue
        words[index] = found
        if word in ("could", "couldn't") and index + 1 < len(words) and words[index + 1] == "not":
            words[index : index + 2] = ["can't"]
        if not _shares_auxiliary(word, words, index):
            _coordinated(words, index, plural)
        return " ".join(words)
    return text

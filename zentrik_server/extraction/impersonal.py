"""Headlines without the speaker: "I", "my", "we", "you", "they" name who said it, not what
the product does. Rewrites that keep the sentence natural come first (a clause "when I open
it" becomes "when opening it", "my phone" becomes "a phone"); a clause no rewrite saves is
cut off rather than mangled ("Love the charts, they finally make sense to me")."""

from __future__ import annotations

import re

from .tense import MAKERS, base_form, gerund, plural_noun

_PERSON = r"(?:i|we|you|they)"
_WH = r"(?:how|where|what|which|whether)"  # what opens a clause that names a thing
_BE = r"(?:'m|'re| am| are| was| were)"
# "every time I open the camera" -> "when opening the camera"
_SUBORDINATE = re.compile(
    rf"\b(?P<sub>when|whenever|every time|each time|after|before|while|once|until|as soon as|"
    rf"if|since)"
    # Not a modal or an auxiliary: "when I can't log in" keeps its subject (see _as_users).
    rf"\s+{_PERSON}(?P<be>{_BE})?\s+(?!(?:can|could|would|will|should|do|does|did|have|had|"
    rf"has|need|must|might|may)\b)(?P<verb>[a-z]+)\b(?!')",
    re.IGNORECASE,
)
# "Best app I've ever used": who used it is the speaker; the headline keeps the claim. Only
# at the end of a clause: "I tried to pay" and "I had to reinstall" say what happened.
_SPEAKER_CLAUSE = re.compile(
    r"\s*\b(?:that\s+)?(?:i|we)(?:'ve| have)?\s+(?:(ever)\s+)?(?:used|tried|had|seen|owned)"
    r"(?=\s*(?:[,.;!?]|$|so far\b|in (?:years|ages|a long time)\b))",
    re.IGNORECASE,
)
# "when I carry my phone and wear the watch": the second verb shares the subject, so it is a
# gerund too ("and wearing the watch"); only a verb, so before what it acts on.
_SECOND_VERB = re.compile(
    r"(?P<lead>(?:(?!\band\b)[^,;:])*?\s+and\s+)(?P<verb>[a-z]+)(?=\s+(?:the|a|an|my|our|your|their|it|them|"
    r"this|that)\b)",
    re.IGNORECASE,
)
_TO_WHEN = {"whenever": "when", "every time": "when", "each time": "when", "if": "when"}
# A speaker as subject becomes the users, the verb agreeing ("I'm" -> "users are"); "they"
# opening a text with nothing before it to stand for is the makers of the product.
_SUBJECT = re.compile(
    r"(?P<start>^)?\b(?<!thank )(?P<who>i|we|you|they)"
    r"(?P<verb>'m|'re| am| are| was| were|'ve| have|'d| would|'ll)?\b(?!')",
    re.IGNORECASE,
)
_AGREEING = {
    "'m": " are",
    "'re": " are",
    " am": " are",
    " was": " were",
    "'ve": " have",
    "'d": " would",
    "'ll": " will",
}

_DEVICE = r"(?:phone|laptop|tablet|computer|desktop|mac|pc|iphone|ipad|android|watch)"
_POSSESSIVE_DEVICE = re.compile(rf"\b(from|on|with|to) (?:my|our|your|their) (?={_DEVICE}\b)", re.I)
_PREPOSITION_POSSESSIVE = re.compile(
    r"\b(from|on|with|to|into|in|for|of|at|by|onto|about) (?:my|our|your|their)\b", re.I
)
# "export all my notes" -> "export all notes", "My photos vanish" -> "Photos vanish", "pin my
# favourite recipes" -> "pin favourite recipes"; one thing takes "the": "reset the password".
_POSSESSIVE = re.compile(
    r"(?P<drop>^|\b(?:all|both|any|some|each|half)\s+)?\b(?:my|our|your|their)\s+"
    r"(?=(?P<next>[\w-]+)(?:\s+(?P<then>[\w-]+))?)",
    re.IGNORECASE,
)
_SPEAKER_WORD = re.compile(r"\b(?:i|we|you|they|them|me|us|my|our|your|their)\b", re.IGNORECASE)
_OBJECT = re.compile(r"\b(?:me|us)\b")  # lowercase only: "US" is a country
_LET = re.compile(r"\b(let|lets|letting|allow|allows|help|helps)\s+(?:me|us|you)\b", re.I)
_COLON_LEAD = re.compile(rf"^[^:]{{0,40}}\b{_PERSON}\b[^:]*:\s+(?=\w)", re.IGNORECASE)
# "Thank you" thanks the makers: not a speaker to cut or rewrite.
_LEFT = re.compile(
    r"\b(?<!thank )(?:i|i'm|i've|i'd|we|we're|we've|we'd|you|you're|they|they're|them)\b", re.I
)
_BREAK = re.compile(r",\s|;\s|:\s|\s[-–]\s|\s(?:but|because|which|so|and|as|since|no matter)\s")
_DANGLING = re.compile(
    r"\s+(?:and|or|but|so|to|for|with|when|if|because|as|that|the|a|an|of|in|on|at|by|from|"
    r"even|just|still|since|while|after|before|until|unless|though|although|whether|every|each|"
    r"than)$",
    re.IGNORECASE,
)
# "... which bin a split order belonged to": the preposition belongs to the relative clause.
_STRANDED = re.compile(
    r"\b(?:which|what|whom|who|where)\s+(?:\w+\s+){1,6}\w+ed\s+(?:to|for|with|in|on|at|from|of)$",
    re.IGNORECASE,
)
_MIN_WORDS = 2
# A cut must end at a complete phrase: not on a word that needs what follows ("Users love how",
# "a feature where", "Once logged in all", "How do"), not inside a clause a "which"/"how"
# mid-sentence opened ("a way to see which version"), not on a verb whose object the cut
# clause was ("Is there a way to see | which version I run").
_OPEN_END = re.compile(
    r"\b(?:how|where|what|which|who|whom|whose|why|whether|(?<!at )(?<!after )all|do|does|did|"
    r"can|could|would|will)$",
    re.IGNORECASE,
)
_OPEN_CLAUSE = re.compile(rf"(?<=\w ){_WH}\b[^,;:]*$", re.IGNORECASE)
_WANTS_OBJECT = re.compile(
    r"\b(?:see|know|tell|show|check|choose|find|understand|decide|ask|wonder|explain|remember|"
    r"figure out|find out|pick|select)$",
    re.IGNORECASE,
)
_CLAUSE_OPENER = re.compile(rf"\s*(?:{_WH}|who)\b", re.IGNORECASE)
# "Love how you can overlay runs": what the users can do is the finding.
_LOVE_HOW = re.compile(
    r"^(?:(?:i|we)\s+)?(?:really\s+|just\s+)?(?:love|like|enjoy|appreciate)\s+(?:how|that)\s+"
    r"(?:i|we|you)\s+(?=(?:can|could)\b)",
    re.IGNORECASE,
)
# "all I can see is a white screen": what is seen is the subject.
_ALL_SEEN = re.compile(
    r"\ball (?:that )?(?:i|we|you) (?:can |could )?(?:see|get|hear|saw|got) (?:is|was) "
    r"(?P<what>[^,;.!?]+)",
    re.IGNORECASE,
)
# "I'd pay extra for an ad free version": what is worth paying for is the finding.
_WOULD_PAY = re.compile(
    r"^(?:i|we)(?:'d| would) (?:happily |gladly |even |definitely |totally )?pay "
    r"(?P<much>(?:extra|more|a premium|good money) )?for (?:an? |the )?(?P<what>[^,;.!?]+)",
    re.IGNORECASE,
)
# "set my own goals": what the speaker chooses is a custom one; elsewhere "own" only stresses
# whose it is ("see my own data" -> "see the data"). "On my own" is alone, left to the cut.
_OWN = re.compile(
    r"(?<!\bon )(?<!\bby )\b(?P<chose>(?:set|pick|choose|use|add|create|write|upload|define|"
    r"make|enter|import|design|build|record)(?: in| up)? )?(?P<whose>my|our|your|their) own "
    r"(?=(?P<next>[\w-]+))",
    re.IGNORECASE,
)
# What a thing worth paying for is said of: "a version | without the social features".
_QUALIFIER = re.compile(r"\s(?:without|with|for|of|that|which|in|on|to|from)\s", re.IGNORECASE)


def _subordinate(match: re.Match[str]) -> str:
    sub = match["sub"]
    verb = match["verb"]
    if match["be"] and not verb.lower().endswith("ing"):
        return f"{_TO_WHEN.get(sub.lower(), sub)} {verb}"  # "while I'm stuck" -> "while stuck"
    return f"{_TO_WHEN.get(sub.lower(), sub)} {gerund(verb)}"


def _as_gerunds(text: str) -> str:
    """Each subordinate clause's verbs as gerunds, a coordinated second verb too."""
    parts: list[str] = []
    end = 0
    for match in _SUBORDINATE.finditer(text):
        parts += [text[end : match.start()], _subordinate(match)]
        end = match.end()
        second = _SECOND_VERB.match(text, end)
        past = base_form(match["verb"].lower()) is not None
        if second and (base_form(second["verb"].lower()) is not None) == past:
            verb = second["verb"]
            if past or not verb.lower().endswith("s"):  # "I": no third-person "s"
                parts += [second["lead"], gerund(verb)]
                end = second.end()
    return "".join([*parts, text[end:]])


def _cut_at_speaker(text: str) -> str:
    """The text before the clause that still names the speaker, when enough is left."""
    found = _LEFT.search(text)
    if found is None:
        return text
    breaks = [m.start() for m in _BREAK.finditer(text, 0, found.start())]
    for end in [*reversed(breaks), found.start()]:
        head = trim(text[:end])
        inside = end == found.start()  # not at a break: in the speaker's clause
        kept = len(head.split()) >= _MIN_WORDS and not _LEFT.search(head)
        if kept and _complete(head, text, inside):
            return head
    return _as_users(text)  # nothing worth keeping before it: the users say it


def _custom(match: re.Match[str]) -> str:
    if match["chose"] is None:
        return f"{match['whose']} "
    return match["chose"] + ("custom " if _plural(match["next"]) else "a custom ")


def _worth_paying(match: re.Match[str]) -> str:
    what = match["what"].strip()
    head = _QUALIFIER.split(what, maxsplit=1)[0]
    verb = "are" if " and " in head or _plural(head.rsplit(" ", 1)[-1]) else "is"
    return f"{what} {verb} worth paying {match['much'] or ''}for"


def _complete(head: str, text: str, inside: bool) -> bool:
    """Does the cut `head` of `text` end at a complete phrase (see _OPEN_END)? A cut inside
    the speaker's clause must not leave a "which"/"how" clause open; one at a break ends it."""
    if _OPEN_END.search(head) or (inside and _OPEN_CLAUSE.search(head)):
        return False
    return not (_WANTS_OBJECT.search(head) and _CLAUSE_OPENER.match(text, len(head)))


def _user(match: re.Match[str]) -> str:
    who, verb = match["who"].lower(), match["verb"] or ""
    if who == "they" and match["start"] is None:
        return match[0]
    noun = MAKERS if who == "they" else "users"
    if match["start"] is not None:
        noun = noun.capitalize()
    return noun + _AGREEING.get(verb.lower(), verb.lower())


def _as_users(text: str) -> str:
    """ "I can't get it back" -> "users can't get it back": the speaker as the users."""
    return _SUBJECT.sub(_user, text)


# "Why do you need ...?" asks the product; "How do I ...?" asks for the users.
_ASKING = re.compile(
    r"\b(?P<aux>do|does|did|can|could|will|would|should|are|were|am|was|is|have|has|won't|"
    r"can't|don't|doesn't|didn't|isn't|aren't)\s+(?P<who>i|we|you|they)\b(?!')",
    re.IGNORECASE,
)
_OF_ONE = {
    "do": "does",
    "are": "is",
    "were": "was",
    "have": "has",
    "don't": "doesn't",
    "aren't": "isn't",
}
_OF_MANY = {
    "does": "do",
    "am": "are",
    "is": "are",
    "was": "were",
    "has": "have",
    "doesn't": "don't",
    "isn't": "aren't",
}


# "Where did my saved searches go?": the subject of a question keeps its article.
_ASKED_SUBJECT = re.compile(
    r"\b(?:do|does|did|is|are|was|were|has|have|can|will|would|could|should)\s+$", re.IGNORECASE
)


def _asked(match: re.Match[str]) -> str:
    aux = match["aux"]
    how = match.string[: match.start()].lower().endswith("how ")  # "How do you ...": anyone
    if match["who"].lower() in {"you", "they"} and not how:
        return f"{_OF_ONE.get(aux.lower(), aux)} the app"
    return f"{_OF_MANY.get(aux.lower(), aux)} users"


_VERBS = frozenset({"does", "gets", "keeps", "goes", "seems", "looks", "takes", "shows", "needs"})


def _plural(word: str | None) -> bool:
    lower = (word or "").lower()
    return len(lower) > 3 and plural_noun(lower)


def _possessive(match: re.Match[str]) -> str:
    many = _plural(match["next"]) or (_plural(match["then"]) and match["then"] not in _VERBS)
    asked = _ASKED_SUBJECT.search(match.string, 0, match.start())
    if match["drop"] is None and (not many or asked):
        return "the "
    return match["drop"] or ""


def trim(text: str) -> str:
    """Without the dangling words (\"and\", \"the\", \"when\") a cut leaves at its end; a
    relative clause keeps its own last preposition ("which bin the order belonged to")."""
    previous = None
    while previous != text:
        previous = text
        text = text.rstrip(" ,;:-–")
        if not _STRANDED.search(text):
            text = _DANGLING.sub("", text)
    return text


def impersonal(text: str) -> str:
    """`text` with no word naming the speaker (see the module's docstring)."""
    if not _SPEAKER_WORD.search(text):
        return text  # most findings name none: every rewrite below needs one
    text = _COLON_LEAD.sub("", text)  # "What we value: X" -> "X"
    if text.rstrip().endswith("?") or text[:4].lower() == "how ":
        text = _ASKING.sub(_asked, text)
    text = _WOULD_PAY.sub(_worth_paying, text)
    text = _OWN.sub(_custom, text)
    text = _LOVE_HOW.sub("users ", text)
    text = _ALL_SEEN.sub(r"\g<what> is all that shows", text)
    text = _SPEAKER_CLAUSE.sub(lambda m: " ever" if m[1] else "", text)
    text = _as_gerunds(text)
    text = _SUBJECT.sub(_user, text, count=1) if _SUBJECT.match(text) else text
    text = _POSSESSIVE_DEVICE.sub(r"\1 a ", text)
    text = _PREPOSITION_POSSESSIVE.sub(r"\1 the", text)  # "into our warehouse"
    text = _POSSESSIVE.sub(_possessive, text)
    text = _LET.sub(r"\1 users", text)
    text = _OBJECT.sub("users", text)
    return _cut_at_speaker(text)

"""Headlines a product manager would write: subject first, no filler, at most 90 characters."""

from __future__ import annotations

import re
from collections.abc import Callable

from .cues import content_of
from .impersonal import impersonal, trim
from .result import Kind
from .tense import base_form, present, third_person
from .terms import GENERIC
from .text import EXPECTED, LEXICONS

MAX_LENGTH = 90
_MIN_CUT = 25  # characters a shortened headline keeps at the least

_LEADING_FILLER = re.compile(
    # "Yeah and ...": a lone "yeah" is filler; "no" only with punctuation ("No error" stays).
    r"^(?:(?:no|nope)\s*[,.!:;-]+|(?:yeah|yep|yes|okay|ok|and|but|so|also|well|oh|honestly|"
    r"to be honest|basically|actually|hands down|"
    r"i think(?: that)?|i feel like|i feel(?: that)?|i guess|i mean|i'd say|like|um+|uh+|erm|"
    r"you know|anyway|plus|however|then again|the thing is(?: that)?|one thing is(?: that)?|"
    r"to be fair|for me|personally|really|just|again|overall|otherwise|(?:the )?main thing is|"
    r"(?:my|the|our) (?:biggest |main |only |other |real |one )?(?:issue|problem|complaint|"
    r"gripe|concern|frustration|pain point) (?:is|was)(?: that)?|"
    r"(?:the )?(?:problem|issue) (?:is|was)(?: that)?|i(?:'ve)? noticed(?: that)?|"
    r"it seems(?: like| that)?|i find(?: that)?|i found(?: that)?|unfortunately|sadly|"
    r"hi|hello|hey|dear \w+|first(?:ly)?|second(?:ly)?|lastly|finally|maybe|perhaps|"
    # "Currently the chart ...", "Now it won't save": when it is said, not what happens.
    r"currently|right now|at the moment|lately|all in all|for example|for instance|e\.g\.|"
    r"i(?:'ll| will| must| have to| should) (?:warn|say|admit|add|mention)(?: that)?|"
    r"(?:now|then)(?=,|\s+(?:it|the|this|my|our|i|we|they|you)\b)|"
    # A ticket's asides: "Just wanted to say", "Only thing:", "One thing that would help:".
    r"(?:just )?wanted to (?:say|mention|let you know)(?: that)?|"
    r"(?:the )?only (?:thing|issue|problem)(?: is)?(?=\s*:)|"
    r"one (?:more )?thing(?: that would (?:make it|help)[\w ]{0,15})?(?=\s*:))\b)[,:;.!\s-]*",
    re.IGNORECASE,
)
_INNER_FILLER = re.compile(
    r"\b(?:um+|uh+|erm|you know|i mean|kind of|sort of|honestly|basically|literally|"
    r"actually|just|really)\b\s*,?\s*|\blike,\s*",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    # "The export (should) group by team": what the product should do, a clause to put in
    # the present tense; every other ask is a thing or an imperative.
    r"(?:would|'d) (?:\w+ )?(?:be )?(?:really |so |very )?(?:nice|nicer|great|good|awesome|"
    r"helpful|useful|cool|better|amazing|ideal|handy|perfect|help)(?: a lot| so much)? "
    r"(?:if|to)\s+(?P<y>.+)|"
    r"(?:^|i )wish(?:ed)?\s+(?:that\s+)?(?P<z>.+)|if only\s+(?P<t>.+)|"
    r"\bwish(?:ed)? (?:that )?(?:i|we) could\s+(?P<h>.+)|"  # "Love it, wish I could pin X"
    r"(?:please|can you|could you|would you|can we|could we|can i|could i|hope (?:you|they)"
    r"(?: guys)?(?: will| can| could)?|(?:you|they|devs?|developers?|the app|it)"
    r"(?: guys| all| folks)? (?:really )?should)\s+(?:please\s+)?(?:try to\s+)?"
    r"(?P<verb>add|include|allow|bring back|let|give|support|implement|introduce|enable|provide|"
    r"offer|integrate|make|consider adding|create|put|get(?! rid))\s+(?P<x>.+)|"
    r"why (?:is there no|are there no|isn't there an?|no)\s+(?P<s>.+)|"
    r"(?:^would|(?:i|we)(?:'d| would)) (?:really |definitely |also )?(?:love|like|want) "
    r"(?:to (?:see|have|get)\s+|it if\s+|if\s+)?(?P<w>.+)|"
    r"(?:^|(?:i|we) )(?:really |also |just )?want to\s+(?P<o>.+)|"
    r"(?:^|there )should be\s+(?P<v>.+)|"  # "No files should be written" asks for no files
    r"(?:^|(?:i|we) )(?:really |also |just )?needs?\s+(?P<u>.+)|"
    r"^(?:should have|could (?:do with|use))\s+(?P<n>.+)|"
    r"^any plans? (?:for|on)\s+(?P<m>.+)|"
    # A study's count taken off ("4 of 12 asked for a way to reprint labels"): what they asked.
    r"^(?:asked|asks|requested|wanted|wants)(?: for)?\s+(?P<e>.+)|"
    r"^(?:it|that) (?:should|would|could) be possible to\s+(?P<l>.+)|"
    # "A widget for X would be nice", "Support for Y would save us hours": the thing asked
    # for is said first, then why; "X is something we need".
    r"^(?P<k>(?!(?:it|this|that|there|which|what|i|we|you|they|users|people|customers|"
    r"everyone|most|many|some of|all of)\b)[^,;]{3,80}?)"
    r" (?:would|'d) (?!not\b)\w+|"
    r"^(?P<j>.{3,80}?) is (?:something|a feature|one thing) (?:that )?(?:we|i|users|people)\b|"
    # "If we could schedule the export, ..." and "To approve invoices from a phone would ...":
    # the ask is the clause itself.
    r"\bif (?:only )?(?:we|i|you|they|users|people) could\s+(?P<q>.+)|"
    r"^let (?:me|us)\s+(?P<p>.+)|"
    r"^to (?P<r>.+?) would (?:\w+ )?(?:help|save|be|make)\b",
    re.IGNORECASE,
)
_CLAUSE_ASKS = ("y", "z", "t")
_WISHED_OF_IT = re.compile(r"^(?:it|they)\s+(?:also\s+|just\s+)?(?P<verb>[a-z]+)\b", re.IGNORECASE)
_REQUEST_SUBJECT = re.compile(
    r"^(?:it|that) (?:was|were|is|would be) possible to\s+|"
    r"^(?:the app|the product|the tool|it|you|they|there|i|we|users?)\s+(?:could|would|can|will|"
    r"did|was|were|had|has|have|to|guys could)\s+(?:be able to\s+|have\s+|let (?:me|us) )?|"
    r"^(?:you|they)(?: guys)?\s+(?=\w)|"  # "(if) you add a PDF export"
    r"^(?:(?:to |being )?be(?:ing)? able to|to have|to see|to get|to(?= \w)|the ability to|"
    r"an? (?:option|way|setting) to|"
    r"the option to|ability to|some way to)\s+|"
    r"^for (?:it|the app|you|them) to\s+|"  # "I would like for it to calculate ..."
    r"^(?:add|include|implement|introduce|offer|provide|support for|support|enable|"
    r"an? option for|have)\s+|^(?:an?|the|some|this|that|these|those)\s+|"
    r"^(?:me|us|users|people)\s+(?=\w)",  # "let me export ...": the ask is "export ..."
    re.IGNORECASE,
)
_TRAILING_PLEA = re.compile(
    r"[,.;!\s-]*(?:(?:please|pls|plz)(?: (?:fix(?: it| this)?|help|advise))?|thanks?(?: you)?|"
    r"asap|urgently|thx)[.!\s]*$",
    re.IGNORECASE,
)
# "Thank you so much for the quick reply": the thanks is the register; what it is for is the
# finding ("Quick reply").
_THANKS_FOR = re.compile(
    r"^(?:thank you|thanks|many thanks|big thanks)(?: (?:so|very) much| a lot| again)?"
    # Not small talk: "Thanks for having me", "for making time today".
    r"(?: guys| team| all| everyone)?,? for\s+(?=\w)(?![^.!?]*\b(?:me|us|time)\b)",
    re.IGNORECASE,
)
# "It connected in the end, but the schedule screen is hard to use": the complaint or the
# wish is after the contrast.
_CONTRAST = re.compile(r",?\s+(?:but|however)\s+", re.IGNORECASE)
# "Would be 5 stars if it didn't crash every time": the finding is its condition, "Crashes
# every time"; "... if you added a dark mode" asks for "Dark mode". The rating is the register.
_RATED_IF = re.compile(
    r"^(?:it |this |the app )?(?:would|could|'d|should|will) (?:have )?be(?:en)? (?:a )?"
    r"(?:\d+|one|two|three|four|five|full)(?: |-)?stars?(?: app| game)?,? (?:if|when) "
    r"(?P<condition>.+)$",
    re.IGNORECASE,
)
_DID_NOT = re.compile(
    r"^(?:it|the app|this|the game) (?:didn'?t|did not|wouldn'?t|would not) (?P<verb>[a-z]+)",
    re.IGNORECASE,
)
_ADDED = re.compile(
    r"^(?:you|they|it|the app|the devs) (?:would |could )?(?:add(?:ed)?|had|have|include[ds]?|"
    r"support(?:ed)?|offer(?:ed)?|brought back) (?:an? |the |some )?",
    re.IGNORECASE,
)
_BLANKS = re.compile(r"\s+")
_LEADING_PLEASE = re.compile(r"^(?:please|pls|plz)[,!]?\s+", re.IGNORECASE)
# "This is the best tracker" keeps its subject.
_LEADING_ARTICLE = re.compile(
    r"^(?:the|this|that)\s+(?!(?:is|was|has|does|will|can|isn't|wasn't|doesn't|won't)\b)(?=\w)",
    re.IGNORECASE,
)
# A bare "which" starts the object ("listed which rows were skipped"); ", which" ends it.
_REQUEST_END = re.compile(r",\s|;\s|\s[-–]\s|\s(?:so|because|since)\s")
# "Hope you add subtitles soon", "Give us a dark theme already": the ask's impatience.
_IMPATIENT = re.compile(r"\s+(?:soon|already|(?:as soon as possible))$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r",\s|;\s|\s[-–]\s|\s(?:but|because|which|so|and|(?:even )?(?:al)?though|until|unless|"
    r"while)\s"
)
# Where a clause that only says more of a noun starts: cut there rather than mid-clause.
_RELATIVE = re.compile(r"\s(?:that|which|who|where|what|whose)\s", re.IGNORECASE)
_OPEN_QUESTION = re.compile(r"\b(?:what|which|how|where|whether)(?:\s+\S+){0,2}$", re.IGNORECASE)

_CONDITION = re.compile(
    r"^(?P<sub>when|whenever|every time|each time|if|after|once|before|(?:ever )?since)\s+"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
_NO_SHOWN = re.compile(
    r"^(?P<a>[^,]+?),?\s+there(?:'s| is| are) no (?P<none>[\w -]+?)"
    r"(?: at all| whatsoever| shown)?(?:,|$)",
    re.IGNORECASE,
)
# Where a main clause may start when no comma says so, and what it must not follow.
_MAIN_START = frozenset(
    {
        "the",
        "it",
        "this",
        "i",
        "we",
        "you",
        "my",
        "our",
        "every",
        "all",
        "nothing",
        "everything",
        "none",
    }
)
_DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "my",
        "our",
        "your",
        "their",
        "every",
        "all",
        "some",
        "no",
        "each",
    }
)
_OPEN_END = frozenset(
    {
        "to",
        "in",
        "on",
        "at",
        "of",
        "for",
        "with",
        "from",
        "into",
        "by",
        "up",
        "out",
        "off",
        "and",
        "or",
        *_DETERMINERS,
    }
)
_ASKING_WORDS = frozenset({"how", "what", "where", "why", "which", "whether"})
_FINITE = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "keeps",
        "won't",
        "can't",
        "cannot",
        "doesn't",
        "didn't",
        "don't",
        "isn't",
        "wasn't",
        "never",
        "just",
        "always",
        "still",
        "will",
        "would",
        "could",
        "can",
        "should",
    }
)
# "When will you support Wear OS?": the question is about what the product does.
_ASKED = re.compile(
    r"^(?:(?:when |how soon )?(?:will|do|does|can|are|is)|any plans? to) (?:you|they|we)(?: guys)? "
    r"(?:ever |plan to |planning to |going to )*(?=(?:support|add|offer|integrate|have|release|"
    r"fix|bring|make)\b)",
    re.IGNORECASE,
)
_LEADING_TO = re.compile(r"^to\s+(?=\w)", re.IGNORECASE)
# A pronoun subject after a lead-in ("Yeah and when it times out"): the one write.py resolves.
PRONOUN_SUBJECT = re.compile(
    r"^(?P<lead>(?:(?:yeah|yes|so|and|but|also|well|honestly|plus|then|when|whenever|if|"
    r"every time|once|after|because|since),?\s+){0,4})(?:it|this|that|they)\s+(?=\w)",
    re.IGNORECASE,
)
# What the participants of a study saw or hit, said of them with no noun after the count.
_WITNESSED = re.compile(
    r"^(?:saw|watched|noticed|hit|had|got|ran into|experienced|reported|encountered|faced)\s+",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"^(?:(?:\d+|most|many|several|some|all|half|a few|few) (?:of|out of) (?:the )?\d* ?"
    r"|(?:most|many|several|some|all) (?=\w+s\b))",
    re.IGNORECASE,
)


# What an issue form or markdown puts around the author's words: a leading heading ("**Describe
# the bug**", "### Steps to reproduce", "Expected behavior:"), dropped when it is the form's
# own words (cues.content_of leaves nothing of it), else kept as words.
_LEADING_HEADING = re.compile(
    # A bold heading the sentence splitter cut in two ("...a problem? Please describe.**")
    # ends in its closing "**".
    r"^\s*(?:#{1,6}\s+(?P<md>[^\n]+?)\s*(?:\n|$)|\*\*(?P<bold>[^*]+)\*\*:?|"
    r"(?P<tail>[^*\n]{1,70}?)\*\*:?|(?P<plain>[A-Za-z][^.!?:\n]{2,70}?)(?::\s|[?.]\s|\n))\s*"
)
# A tracker's tag before the title: "[Bug]", "BUG:", "Feature request -", "Re:", "Request to".
_TAG = re.compile(
    r"^(?:\[[^\]\n]{1,30}\]\s*[:-]?\s*|(?:bug(?: report)?|feature(?: request)?|enhancement|"
    r"question|proposal|suggestion|idea|regression|docs?|request|urgent|re|fwd?|aw|ps)\s*"
    r"(?::|\s[-–]\s?)\s*|(?:feature )?request (?:to|for)\s+(?=\w))",
    re.IGNORECASE,
)
_SECTION_WORDS = 4
_MARKUP = re.compile(r"\*\*|__|`+|^#{1,6}\s+|</?(?:details|summary)>|!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]+\)")


def _without_template_heading(text: str) -> str:
    found = _LEADING_HEADING.match(text)
    if found is None:
        return text
    heading = found["md"] or found["bold"] or found["tail"] or found["plain"] or ""
    rest = text[found.end() :]
    if not any(char.isalpha() for char in content_of(heading)):
        return rest
    if found["plain"] is not None:
        return text  # "Only thing: the permissions screen is confusing" is one sentence
    # A short marked-up heading before the words is a section's title ("### Bug description").
    return rest if rest and len(heading.split()) <= _SECTION_WORDS else f"{heading} {rest}"


def _unmarked(text: str) -> str:
    """The words an author wrote, without markdown, a template's headings or a tracker's
    tags: what a headline reads (quotes keep the original characters)."""
    text = _strip_leading(_TAG, _strip_leading(_without_template_heading, text))
    text = _LINK.sub(r"\1", _MARKUP.sub("", text))
    return _BLANKS.sub(" ", text).strip()


PRONOUN_START = re.compile(r"^(?:it|this|that|they)\s+", re.IGNORECASE)
_VERB = re.compile(
    r"\s+(?:is|are|was|were|has|have|had|keeps?|does|doesn't|don't|didn't|can't|cannot|won't|"
    r"isn't|aren't|takes?|seems?|feels?|looks?|crash\w*|fails?|failed|needs?|should|could|"
    r"would|will|gets?|got|shows?|never|always|stopped|started)\b",
    re.IGNORECASE,
)


def subject_of(text: str) -> str | None:
    """The noun phrase a sentence opens with ("the CSV export" in "the CSV export is slow")."""
    cleaned = _without_filler(text.strip())
    verb = _VERB.search(cleaned)
    if verb is None:
        return None
    found = cleaned[: verb.start()].strip(" ,")
    words = found.split()
    if (
        not 1 <= len(words) <= 5
        or PRONOUN_START.match(found + " ")
        or words[0].lower() in {"i", "we", "you"}
    ):
        return None
    return found


def _strip_leading(pattern: re.Pattern[str] | Callable[[str], str], text: str) -> str:
    """`text` without its opening matches of `pattern` (or what a function cuts off its
    start), removed one at a time until none is left."""
    cut = pattern if callable(pattern) else lambda rest: pattern.sub("", rest, count=1)
    previous = None
    while previous != text:
        previous, text = text, cut(text).strip()
    return text


def _strip_leading_filler(text: str) -> str:
    return _strip_leading(_LEADING_FILLER, text)


def _without_filler(text: str) -> str:
    """Leading filler ("Honestly, I think") and inner filler ("um", "kind of") removed."""
    return _INNER_FILLER.sub("", _strip_leading_filler(text))


def _request_object(text: str) -> tuple[str, bool] | None:
    """What a request asks for, and whether it is a clause (what the product should do)."""
    match = _REQUEST.search(text)
    if match is None:
        return None
    found = next(group for group in match.groups() if group and group != match["verb"])
    if (match["verb"] or "").lower() in {"bring back", "make"}:
        # What was taken away, what should change: the verb is the request.
        found = f"{match['verb'].lower()} {found}"
    found = _strip_leading(_REQUEST_SUBJECT, found)
    found = found.rstrip(" ?!.")
    head = _REQUEST_END.split(found, maxsplit=1)[0]
    found = head if len(head.split()) >= 2 else found
    if match.lastgroup == "k" and len(found.split()) < 2:
        return None  # "Two would switch banks": who would, not what
    # "Option" alone says nothing; "a widget" does.
    if len(found.split()) >= 2 or (found.isalpha() and found.lower() not in GENERIC):
        return found, match.lastgroup in _CLAUSE_ASKS
    return None


def _asked_for(text: str) -> str:
    """A request's headline: the thing or the action asked for; a wished-for behaviour
    ("if the console showed X") in the present tense, and a sentence with no ask too."""
    found = _request_object(text)
    if found is None:
        return present(text)
    asked, clause = found
    asked = _IMPATIENT.sub("", asked)
    if not clause:
        return asked
    wished = _WISHED_OF_IT.match(asked)
    verb = base_form(wished["verb"].lower()) if wished else None
    # "(if) it remembered the last filter": what "it" is the sentence does not say; the ask
    # is the behaviour, "Remember the last filter".
    return f"{verb}{asked[wished.end() :]}" if wished and verb else present(asked)


def _cuts(pattern: re.Pattern[str], text: str) -> list[int]:
    """Where `pattern` may cut `text`: leaving enough to say something, and no more than fits."""
    return [m.start() for m in pattern.finditer(text) if _MIN_CUT <= m.start() <= MAX_LENGTH]


def _shorten(text: str) -> str:
    """At most MAX_LENGTH characters, never trailing off: cut at the last clause break that
    fits, else after the last whole word that fits, dangling words dropped."""
    if len(text) <= MAX_LENGTH:
        return text
    breaks = _cuts(_CLAUSE_BREAK, text)
    if breaks:
        return trim(text[: breaks[-1]])
    cut = trim(text[: MAX_LENGTH + 1].rsplit(" ", 1)[0])
    if not _OPEN_QUESTION.search(cut):
        return cut
    # "exercises that don't include half of what users": the clause is cut open; the first
    # relative clause says more of a noun and ends where it starts.
    relative = _cuts(_RELATIVE, text)
    return trim(text[: relative[0]]) if relative else cut


def _verb_like(words: list[str], index: int) -> bool:
    """Could `words[index]` be a subject's verb ("crashes", "kept", "is"; not "settings the")?"""
    word = words[index].lower().strip(",")
    if word in _FINITE or base_form(word) is not None:
        return True
    after = words[index + 1].lower() if index + 1 < len(words) else ""
    # "the totals are off": a plural noun before the verb, not a verb before its object.
    return word.endswith("s") and after not in _DETERMINERS and after not in _FINITE


def _main_clause_at(words: list[str], start: int) -> bool:
    """Does a main clause (a subject, then its verb) start at `words[start]`?"""
    first = words[start].lower()
    if first not in _DETERMINERS:
        return start + 1 < len(words)  # a pronoun: "it says error 500"
    for index in range(start + 1, min(start + 5, len(words))):
        if words[index].lower() in _OPEN_END:
            return False
        if _verb_like(words, index):
            return index > start + 1 or first not in {"the", "a", "an", "my", "our"}
    return False


def _unpunctuated_split(rest: str) -> tuple[str, str] | None:
    """ "I rotate my phone the video restarts" -> ("I rotate my phone", "the video restarts")."""
    words = rest.split(" ")
    for start in range(1, len(words) - 1):
        if (
            words[start].lower() in _MAIN_START
            and words[start - 1].lower().strip(",") not in _OPEN_END
            and words[start - 1].lower() not in _ASKING_WORDS  # "how I can see": one clause
            and _main_clause_at(words, start)
        ):
            return " ".join(words[:start]), " ".join(words[start:])
    return None


def _condition_last(text: str) -> tuple[str, str]:
    """The main clause and the condition to say after it: "When X, Y" -> ("Y", "when X");
    "When the export times out there's no error" -> ("the export times out", "with no error").
    The subject first; the condition stays whole (no speaker clause cut from it)."""
    found = _CONDITION.match(text.rstrip(" .!"))
    if found is None:
        return text, ""
    sub, rest = found["sub"].lower(), found["rest"]
    shown = _NO_SHOWN.match(rest)
    if shown:
        return shown["a"], f"with no {shown['none']}"
    condition, comma, main = rest.partition(", ")
    if not comma:
        split = _unpunctuated_split(rest)
        if split is None:
            return text, ""
        condition, main = split
    return main, f"{sub} {condition}"


def _share_subject(text: str) -> str:
    """ "8 of 14 admins were confused" -> "admins were confused": the count sets severity.
    With no one named, what they saw is the subject: "2 of 12 saw the app crash" -> "the app
    crash"."""
    rest = _SHARE.sub("", text, count=1)
    return _WITNESSED.sub("", rest, count=1) if rest != text else text


def _unrated(text: str, kind: Kind) -> str:
    """A rating's condition as the finding or the ask it names (_RATED_IF), else `text`."""
    rated = _RATED_IF.match(text.rstrip(" .!"))
    if rated is None:
        return text
    condition = rated["condition"]
    added = _ADDED.match(condition)
    if added:
        return condition[added.end() :]
    did_not = _DID_NOT.match(condition)
    if did_not is None:
        # "... if the widget showed the total" wishes for a behaviour, read as the wish it is
        # ("would help if ..."); "... if it worked" is no headline for a problem.
        return f"would help if {condition}" if kind == "feature_request" else text
    return third_person(did_not["verb"].lower()) + condition[did_not.end() :]


def _after_contrast(text: str, kind: Kind) -> str:
    lower = text.lower()
    if kind == "praise" or ("but" not in lower and "however" not in lower):
        return text
    parts = _CONTRAST.split(text, maxsplit=1)
    if len(parts) < 2 or len(parts[1].split()) < 3:
        return text
    if EXPECTED.search(parts[0]):
        # "X should do A but does B": a request asks for A; a problem is both halves.
        return parts[0] if kind == "feature_request" else text
    return parts[1]


_TYPED = frozenset(
    {
        "wont",
        "cant",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "couldnt",
        "wouldnt",
        "shouldnt",
        "havent",
        "hasnt",
    }
)
_TYPED_WORD = re.compile(r"\b(" + "|".join(word[:-1] for word in _TYPED) + r")t\b", re.IGNORECASE)
_REPEATED_MARK = re.compile(r"([?!])[?!]+")


def _spelled(text: str) -> str:
    """ "Wont" -> "Won't", "doesnt" -> "doesn't", "???" -> "?": typed in a hurry."""
    if not _TYPED.isdisjoint(word.strip(".,;:!?") for word in text.lower().split()):
        text = _TYPED_WORD.sub(r"\1't", text)
    if "??" in text or "!!" in text or "?!" in text or "!?" in text:
        text = _REPEATED_MARK.sub(r"\1", text)
    return text


def _clause(text: str) -> str:
    """A clause without its lead-in, article or speaker."""
    text = _LEADING_TO.sub("", _LEADING_PLEASE.sub("", text))
    return _LEADING_ARTICLE.sub("", impersonal(text))


def _finding(text: str) -> str:
    """A problem or praise: the main clause in the present tense, then its condition."""
    main, condition = _condition_last(_share_subject(text))
    main = _clause(main)
    if not main.rstrip().endswith("?"):
        main = present(main)
    return f"{main} {impersonal(condition)}" if condition else main


def _unquoted(text: str) -> str:
    """Without the quote marks around the whole text; a quoted name inside keeps both."""
    if len(text) > 1 and text[0] == text[-1] == '"' and text.count('"') == 2:
        return text[1:-1]
    return text


# What a cut leaves dangling: "even tho", "no matter how", an unclosed "(though".
_DANGLING_TAIL = re.compile(
    r"(?:\s+(?:even )?(?:tho|though|altho|although)|\s+no matter (?:how|what|where|when))$|"
    r"\s*\([^)]*$",
    re.IGNORECASE,
)
_QUESTION_WORD = re.compile(
    r"^(?:how|what|why|when|where|which|who|is|are|can|could|would|will|do|does|did|any|"
    r"should|has|have)\b",
    re.IGNORECASE,
)


def _tidy_tail(text: str, kind: Kind) -> str:
    """Without a dangling tail; an ask put as a question ("Maybe add X?") said plainly."""
    untied = _DANGLING_TAIL.sub("", text)
    if untied != text:  # "in" may end a sentence ("built in"); only what the cut left goes
        text = trim(untied) or text
    if kind == "feature_request" and text.endswith("?") and not _QUESTION_WORD.match(text):
        text = text.rstrip(" ?")
    return text


def _load_names() -> dict[str, str]:
    lines = (LEXICONS / "names.txt").read_text(encoding="utf-8").splitlines()
    return {line.lower(): line for line in map(str.strip, lines) if line and line[0] != "#"}


_NAMES = _load_names()
_NAME = re.compile(
    # Not inside code: "--json", "api.py", "my_csv".
    r"(?<![-\w./])(?:"
    + "|".join(sorted(map(re.escape, _NAMES), key=len, reverse=True))
    + r")(?![-\w./]\w)",
    re.IGNORECASE,
)


def _named(match: re.Match[str]) -> str:
    found = match[0]
    # Typed all lowercase ("google drive"), or capitalized only at the start ("Ios"): the
    # owner's spelling; "Garmin connect" is already a choice of case, kept.
    if found.islower() or (found[1:].islower() and " " not in found):
        return _NAMES[found.lower()]
    return found


def _capitalized(text: str) -> str:
    """The first letter up, unless the first word is a name spelled with a small letter
    first ("iOS widget", "macOS installer")."""
    first = text.split(" ", 1)[0]
    if first[1:] != first[1:].lower() and first[:1].islower():
        return text
    return text[:1].upper() + text[1:]


def headline(text: str, kind: Kind) -> str:
    text = _without_filler(_spelled(_unquoted(_unmarked(text.strip())))).strip()
    text = _after_contrast(_unrated(text, kind), kind)
    text = _strip_leading_filler(_TRAILING_PLEA.sub("", text))
    text = _THANKS_FOR.sub("", text, count=1)
    asked = _ASKED.sub("", text)
    text = asked.rstrip(" ?") if asked != text else text  # "When will you add X?" asks for X
    # "(it would help if) the console showed X" is a wish: the headline says what it does.
    if kind == "feature_request":
        text = _clause(_asked_for(_share_subject(text)))
    else:
        text = _finding(text)
    text = _tidy_tail(_shorten(_BLANKS.sub(" ", text).strip()), kind)
    text = _NAME.sub(_named, text.rstrip(" .!,;:"))
    return _capitalized(text) if text else "Customer feedback"

"""A text that is one help-seeking item: a GitHub issue or forum post whose title or opening
sentence asks how to do something ("How do I ...", "Is there a way to ...", "Is this
expected?", "Why do I get KeyError ...?"), or, in one passage, closes on one after
describing its situation ("... What am I doing wrong?"). Its other sentences describe what
is asked about (the error met, what was tried), which reads like a bug or a missing feature
sentence by sentence; as a whole the text is a question, and a PM who publishes its drafts
as bugs or requests files a support answer as a defect. An author who doubts their own
setup anywhere in it ("Not sure if I'm doing something wrong") asks for help too.

Failures stated as such keep their kind: a title that states the failure is not a question,
nor is a question about fixing something broken ("How do I fix the login loop?"), a
regression ("... since the update") or a complaint ("Why does it keep crashing?!"); an ask
phrased as a question ("Is it possible to add dark mode?") stays a request, and a review's
complaint beside its question ("How do I cancel? I was charged twice") stays a problem. A
batch of reviews is never one item, nor is an interview: each review, each answer is judged
on its own, and its question leaves the others alone."""

from __future__ import annotations

import re

from .classify import Judged
from .cues import content_of, is_small_talk
from .result import PROBLEMS, Kind
from .segment import Unit

_ASIDE_WORDS = 5
# Cheap test before the patterns (speed budget): the lowered opening starts with one of these.
_OPENERS = (
    "how ",
    "is it ",
    "is there ",
    "is this ",
    "is that ",
    "what",
    "does any",
    "does some",
    "can any",
    "can some",
    "could any",
    "could some",
    "anyone know",
    "anybody know",
    "why ",
    "where ",
    "question",
    "[question]",
    "help",
    "need help",
    "has any",
    "have any",
)
# Cheap test before the self-doubt pattern: words every one of its phrasings holds.
_DOUBT_WORDS = ("wrong", "miss", "user error")
# Whether what the author sees is meant to be: a help question as an opening or a closing one.
_EXPECTED = r"is (?:this|that|it) (?:the )?(?:expected|normal|intended|by design)\b"
_HELP_QUESTION = re.compile(
    r"^(?:\[?question\]?\s*[:-]?\s*|q:\s*|help(?: needed| wanted)?\s*[:-]\s*|need help\s*[:-]?\s*)?"
    r"(?:how (?:do|can|should|would|could|does) (?:i|we|one|you|someone)\b|how to\b|"
    r"how (?:does|do) (?:\w+ ){1,4}?work\b|"
    r"is it (?:possible|safe|ok|okay|advisable|recommended|normal) (?:to|for|that)\b|"
    r"is there (?:a|an|any) (?:(?:\w+ )?way|option|setting|flag|config\w*|method|api|command|"
    r"function|equivalent|workaround|guide|example|docs?|documentation)\b|"
    rf"{_EXPECTED}|is (?:this|that|it) a bug or\b|"
    r"what(?:'s| is| are) the (?:recommended|right|best|correct|proper|preferred|idiomatic|"
    r"suggested|official|easiest) (?:way|approach|practice|method|pattern|setup)s?\b|"
    r"what(?:'s| is) the difference between\b|"
    r"(?:does|do) (?:any|some)(?:one|body) know\b|any(?:one|body) know\b|"
    r"(?:has|have) (?:any|some)(?:one|body) (?:managed|figured|got)\b|"
    r"(?:can|could) (?:any|some)(?:one|body) (?:explain|help|tell|point|clarify|shed|advise)\b|"
    r"why (?:do|am|did) (?:i|we) (?:get|getting|see|seeing|receive|receiving|hit|hitting)\b|"
    r"where (?:do|can|should) (?:i|we) (?:find|set|configure|put|change|get)\b)",
    re.IGNORECASE,
)
# "Why do I get X" asks for help only about an error message, not about a product's behaviour.
_ERROR_ASKED = re.compile(
    r"\b(?:error|exception|warning|traceback|errno|undefined|null|none|nan)\b|`|\b\w+(?:Error|"
    r"Exception)\b|\b[45]\d\d\b",
    re.IGNORECASE,
)
# The question is a complaint, a request or a broken thing's fix, not a how-to.
_NOT_HELP = re.compile(
    r"\?\s*!|!\s*\?|!!|\b(?:keeps?|kept|always|constantly|anymore|any more|every ?time|still|"
    r"again|fix|repair|solve|resolve|get rid of|work ?around|get (?:\w+ ){0,2}back|"
    r"add|adding|implement|plans?|roadmap|feature|please|pls|plz|would be (?:nice|great|good|"
    r"helpful)|in the future|future (?:release|version|update)|someday)\b",
    re.IGNORECASE,
)
# An author who suspects their own setup ("what am I missing?", "not sure if I'm doing
# something wrong"), anywhere in the item: the failure they describe is in doubt, even after
# an update.
_SELF_DOUBT = re.compile(
    r"\b(?:what am i (?:doing wrong|missing)|(?:am i|are we) (?:missing\b|doing (?:something|"
    r"anything|\w+) wrong|using (?:it|this) wrong)|did i (?:miss|misconfigure|misunderstand)|"
    r"not sure (?:if|whether) (?:i'm|i am|we're|we are) doing (?:something|it) (?:wrong|right)|"
    r"(?:probably|maybe|must be) (?:a )?user error)",
    re.IGNORECASE,
)
# A closing question whether what the author sees is meant to be.
_ASKS_EXPECTED = re.compile(
    rf"^(?:{_EXPECTED}|is (?:this|that) (?:how|what) it(?:'s| is) supposed to)"
)
# A failure the author states as a regression or a bug is reported, whatever they ask.
_REPORTED = re.compile(
    r"\b(?:used to work|worked (?:fine |well )?(?:before|in|until|with)|stopped working|"
    r"regression|(?:is|looks like|must be) a bug\b(?! or)|since (?:the |this |last |latest "
    r"|recent |today's )*(?:update|upgrade|release|version)|after (?:the |last |latest |recent )*"
    r"(?:update|upgrad\w*))",
    re.IGNORECASE,
)
# A suggestion-forum post asks "Is there a way to ...?" and then says it wants one: a request.
_REQUESTED = re.compile(
    r"\b(?:would be (?:\w+ )?(?:nice|great|good|helpful|useful|awesome|amazing|handy)|"
    r"(?:i'd|i would|we'd|we would) (?:\w+ )?(?:love|like) (?:to (?:see|have)|it if|the ability|"
    r"an option)|please (?:\w+ )?(?:add|consider|make|allow|let|implement|support)|"
    r"consider adding|could (?:this|it|that|you) be added|feature request|suggestion|"
    r"it would (?:really )?help)",
    re.IGNORECASE,
)
# A reviewer's anger, money or a crash: what a developer asking for help rarely writes.
_COMPLAINT = re.compile(
    r"!!|\b(?:scam\w*|useless|terrible|awful|horrible|worst|garbage|rubbish|pathetic|"
    r"ridiculous|unacceptable|waste of|rip ?off|fed up|hate|disappoint\w*|frustrat\w*|"
    r"annoy\w*|crash\w*|charged|refund\w*|overcharg\w*)\b",
    re.IGNORECASE,
)
# Marks of one issue or post rather than a batch of reviews: code, a stack trace, a template
# heading, an environment line, a greeting to the forum or a sign-off.
_ONE_POST = re.compile(
    r"`|^\s*traceback\b|^\s*at [\w.$<>]+\(|^\s*File \"|^#{1,6} |^\*\*[^*\n]{2,40}\*\*\s*$|"
    r"^(?:os|version|platform|environment|python|node|browser|device|app version|"
    r"operating system)\s*:|^(?:hi|hello|hey)\b[^\n.!?]{0,30}[,!]?$|"
    r"^(?:thanks|thank you|thx|cheers|regards|best regards)\b[^\n]{0,30}$",
    re.IGNORECASE | re.MULTILINE,
)


def _is_help_question(text: str) -> bool:
    text = text.lower()
    if not text.startswith(_OPENERS):  # the cheap test first (speed budget)
        return False
    text = content_of(text)
    if not _HELP_QUESTION.match(text):
        return False
    if text.startswith("why") and not _ERROR_ASKED.search(text):
        return False
    return not _NOT_HELP.search(text)


def _aside(unit: Unit) -> bool:
    """A greeting or thanks ("Hi all,", "Thanks in advance"): short, and words of no one's
    feedback (the length test first: most units are longer)."""
    return len(unit.text.split()) <= _ASIDE_WORDS and is_small_talk(unit.text)


def _closing(units: list[Unit]) -> Unit | None:
    """The last question of a text, when only asides follow it."""
    for unit in reversed(units):
        if unit.text.rstrip().endswith("?"):
            return unit
        if not _aside(unit):
            return None
    return None


def _closing_asks_help(closing: Unit, text: str) -> bool:
    """A post that closes on a help question after describing its situation: the author
    asks whether what they see is meant to be ("Is this expected?"), or asks how to in a
    developer's post (code, a stack trace, an environment line). A review that closes on
    "how do I ...?" after a failure reports the failure."""
    lowered = closing.text.lower()
    if _ASKS_EXPECTED.match(lowered):
        return not _NOT_HELP.search(lowered)
    return _is_help_question(closing.text) and _ONE_POST.search(text) is not None


def _doubting(text: str, units: list[Unit]) -> Unit | None:
    """The first sentence whose author suspects their own setup, unless it complains."""
    lowered = text.lower()
    if not any(word in lowered for word in _DOUBT_WORDS):  # the cheap test first (speed)
        return None
    for unit in units:
        sentence = unit.text.lower()
        if _SELF_DOUBT.search(sentence) and not _NOT_HELP.search(sentence):
            return unit
    return None


def is_one_item(text: str, units: list[Unit]) -> bool:
    """One passage (a single review, post or paragraph), a title line and its body, or
    passages carrying the marks of one issue or post: a pasted batch of reviews has none."""
    sources = {unit.source for unit in units}
    titled = len(sources) == 2 and units[1].source != units[0].source
    return len(sources) == 1 or titled or _ONE_POST.search(text) is not None


def _help_question(text: str, units: list[Unit]) -> Unit | None:
    """The question of one help-seeking item (`units`, all of `text`): its opening, or a
    closing one in a single passage after its situation, unless the text reports a
    regression; else a sentence in which the author doubts their own setup (that doubt
    outranks a stated regression: "after the upgrade ... not sure if I'm doing it wrong")."""
    opening = next((unit for unit in units if not _aside(unit)), None)
    if opening is None or not is_one_item(text, units):
        return None
    asked = opening if _is_help_question(opening.text) else None
    if asked is None and "?" in text:
        closing = _closing(units)
        if closing is not None and closing is not opening and closing.source == opening.source:
            asked = closing if _closing_asks_help(closing, text) else None
    if asked is not None and not _REPORTED.search(text):
        return asked
    return _doubting(text, units)


def _items(text: str, judged: list[Judged], whole: bool) -> list[tuple[str, list[Judged]]]:
    """The help-seeking items of a text, each with its words: the whole text when it reads
    as one issue, post or ticket, else each stretch of one author's words (a review of a
    batch, a customer's answer to one interview question, a report's sentence), so that a
    question leaves the asks and failures of the customer's other answers alone."""
    if whole and is_one_item(text, [one.unit for one in judged]):
        return [(text, judged)]
    passages: dict[tuple[int, int], list[Judged]] = {}
    for one in judged:
        passages.setdefault((one.unit.source, one.unit.turn), []).append(one)
    return [("\n".join(one.unit.text for one in passage), passage) for passage in passages.values()]


def settle_help_seeking(text: str, judged: list[Judged], whole: bool) -> None:
    """Each item that asks for help (`whole`: the text may be one item, as a GitHub issue,
    forum post or ticket is) drafts its question, not the errors it describes."""
    for words, item in _items(text, judged, whole):
        asked = _help_question(words, [one.unit for one in item])
        if asked is not None:
            _settle_as_question(words, item, asked)


def _complains(one: Judged) -> bool:
    """A review's complaint beside its question ("How do I cancel? I was charged twice"):
    a problem of its own, where a developer's post would describe what it asks about."""
    return _COMPLAINT.search(one.unit.text) is not None


def _settle_as_question(text: str, judged: list[Judged], asked: Unit) -> None:
    """The question is the draft; the bug and request sentences around it describe what is
    asked about, so they are context ("other"), not findings of their own, unless a review
    (no marks of a post) complains. An author who says they want what they ask about ("It
    would be really useful") asks for a feature."""
    requested = _REQUESTED.search(text) is not None
    review = _ONE_POST.search(text) is None
    for one in judged:
        if one.unit is asked:
            one.kind = Kind.FEATURE_REQUEST if requested else Kind.QUESTION
            one.severity = "low"
        elif one.kind in PROBLEMS:
            one.kind = one.kind if review and _complains(one) else "other"
        elif one.kind == Kind.FEATURE_REQUEST and not requested:
            one.kind = "other"

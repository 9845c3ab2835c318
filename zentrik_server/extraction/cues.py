"""Linguistic cues that generalise across products: modal requests, negated capability,
failure verbs, error codes, frustration and praise words. Each adds weight to a kind; the
learned model adds its own evidence on top (see classify.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .result import Kind
from .text import LEXICONS, load_words, tokens


@dataclass(frozen=True)
class Cue:
    kind: Kind
    weight: float
    pattern: re.Pattern[str]


_NEG = (
    r"(?:can't|cant|cannot|can not|couldn't|couldnt|won't|wont|will not|wouldn't|wouldnt|"
    r"doesn't|doesnt|does not|don't|dont|do not|didn't|didnt|did not|isn't|isnt|aren't|arent|"
    r"hasn't|hasnt|haven't|havent|dosent|dosen't|doesnot|dosnt|not(?: be| being)? able to|not|"
    r"no longer|never|unable to|fails? to|"
    r"failed to|stopped)"
)
# Verbs only (no "-er" nouns: "doesn't have an o2 reader" is a missing feature, not a bug).
_ACTION = (
    r"(?:(?:work|load|open|sync|synch|connect|pair|upload|download|updat|show|display|record|"
    r"track|count|start|launch|send|receiv|register|install|export|import|respond|refresh|play|"
    r"charg|detect|link|measur|read|run|runn|accept|print|scan|scann|transfer|transferr|restor|"
    r"sav|us|let|allow|access|locat|view|see)(?:e|es|s|ed|d|ing)?|synchroni[sz]\w*|log ?in|"
    r"sign ?in|turn on|back ?up|find my)"
)

# The words naming a problem, shared by the denied and resolved patterns. No two of their
# words can match at the same place, so the order a pattern adds its own in changes nothing.
_PROBLEM_NOUN = r"problems?|issues?|bugs?|crash\w*|glitch\w*|errors?|lag\w*"
# A problem that is denied ("no issues", "never crashes") is praise, not a bug: these spans
# are removed before the problem cues run.
DENIED_PROBLEM = re.compile(
    r"\b(?:no|zero|never|without(?: any)?|not (?:a single|one|any)|hasn't|haven't|hardly any|"
    r"didn't have any|don't have any|no more)\s+(?:\w+\s+){0,2}?"
    r"(?:" + _PROBLEM_NOUN + r"|complaints?|hiccups?|freez\w*|troubles?|disconnect\w*)\b"
    # ... and the problems listed after it: "never a glitch or problem".
    r"(?:(?:,| or| nor| and) (?:an? )?"
    r"(?:" + _PROBLEM_NOUN + r")\b)*"
    r"|\bcan(?:'t|not|t) wait\b|\bnever lets? (?:me|us) down\b|\bnever fails? to\b"
    # Praise said with a negation: "can't stop playing", "couldn't be happier".
    r"|\b(?:can(?:'t|not|t)|couldn'?t|could not) (?:stop \w+ing|live without|imagine (?:\w+ ){0,3}?"
    r"without|be happier|ask for (?:a |an |anything )?(?:better|more)|complain|go wrong|"
    r"recommend (?:\w+ ){0,2}?enough|put it down)\b",
    re.IGNORECASE,
)
# A fix the author tried ("I reinstalled twice", "tried clearing the cache, no luck") reports
# the attempt, not a failure: the failure, when there is one, is named in its own words.
_ATTEMPT = re.compile(
    r"\b(?:tried|trying|try) (?:\w+ ){0,4}?(?:re-?install\w*|uninstall\w*|reset\w*|restart\w*|"
    r"reboot\w*|clear\w*|delet\w*|updat\w*|downgrad\w*|roll\w* back|log\w* (?:out|in)|"
    r"disabl\w*|re-?pair\w*)(?:(?!\bbut\b|\bstill\b|\bwhen\b|\bthen\b)[^.;!?])*"
    r"|\b(?:re-?installed|uninstalled|restarted|rebooted|reset) (?:\w+ ){0,2}?(?:twice|again|"
    r"already|\w+ times|several times|multiple times)\b"
    # ... and its outcome: "disabling the antivirus didn't change anything".
    r"|^\w+ing (?:\w+ ){0,5}?(?:didn't|did not|doesn't|does not) (?:change anything|help|"
    r"make (?:a|any) difference|fix (?:it|anything|the (?:issue|problem)))\b",
    re.IGNORECASE,
)
_ATTEMPT_WORDS = (
    "try",
    "tried",
    "trying",
    "installed",
    "restarted",
    "rebooted",
    "reset",
    "didn't",
    "did not",
    "doesn't",
    "does not",
)
# A problem that is over ("solved my sync problem", "finally fixed the login loop", "used to
# freeze but now runs smoothly", "doesn't lag anymore") is praise of the fix, as a denied one
# is: these spans are removed before the problem cues run. Not a fix hoped for or denied
# ("hasn't been fixed", "please get it fixed", "no longer works").
# ... unless it came back: "fixed in 3.0 but it's back".
_NOT_BACK = (
    r"(?!(?:[^.!?]|\.(?=\d))*\b(?:(?:is|it's|are|came|comes|come|coming) back|back again|again|"
    r"returned|reappeared|regressed)\b)"
)
RESOLVED_PROBLEM = re.compile(
    r"\b(?=fixed|solved|resolved|sorted)(?<!not )(?<!n't )(?<!never )(?<!been )(?<!be )"
    r"(?<!please )(?<!pls )(?<!plz )(?<!to )(?<!get it )(?<!get this )(?<!get that )(?<!gets )"
    r"(?<!if )(?<!when )(?<!until )(?<!still )(?<!yet )(?<!needs )"
    r"(?:fixed|solved|resolved|sorted(?: out)?)\b(?! yet| soon| asap)"
    + _NOT_BACK
    + r"(?: (?:my|the|our|that|this|all|those|these|every|a|an)(?: \w+){0,2}? (?:"
    + _PROBLEM_NOUN
    + r"|freez\w*|drain|leak|loop))?"
    r"|\b(?:" + _PROBLEM_NOUN + r"|freez\w*)\b(?: \w+){0,5}? "
    r"(?:is|are|seems?|has been|have been|was|were) (?:now |finally |completely |all )?"
    r"(?:gone|fixed|resolved|solved|sorted)\b"
    + _NOT_BACK
    + r"|\bused to (?:\w+ ){0,3}?(?:crash\w*|freez\w*|lag\w*|glitch\w*|fail\w*|hang|stutter\w*|"
    r"disconnect\w*|drop\w*|be (?:buggy|slow|laggy|unstable))[^.!?]*?\b(?:but|now)\b"
    r"(?:(?!n't|\bnot\b|\bnever\b|\bstill\b)[^.!?])*?\b(?:works?|working|runs?|fine|fixed|great|"
    r"perfect\w*|smooth\w*|stable|solid|flawless\w*)\b"
    r"|\b(?:no longer|doesn't|does not|don't|do not|isn't|aren't|never) (?!stop|keep|quit)(?:\w+ )?"
    r"(?:crash\w*|freez\w*|lag\w*|glitch\w*|stutter\w*|overheat\w*|disconnect\w*|hangs?|"
    r"drains? (?:my |the )?battery)\b(?: (?:\w+ ){0,3}?(?:any ?more|these days))?"
    r"|\bno more (?:\w+ ){0,2}?(?:log ?outs?|logouts?|pop-?ups|ads|freezes|stutter\w*|dropouts?|"
    r"timeouts?|battery drain|spinners?|loading screens?)\b(?: (?:since|after) (?:the |this |that |"
    r"last |latest |recent |an? )*(?:update|upgrade|patch|fix|release)\b)?"
    r"|\b(?:haven't|hasn't|have not|has not|not|never) (?:had|seen|experienced|noticed|"
    r"encountered|hit|run into) (?:a single|one single|even one|one|any) (?:\w+ )?"
    r"(?:" + _PROBLEM_NOUN + r"|freez\w*|drop\w*|disconnect\w*|hiccups?)\b",
    re.IGNORECASE,
)
_RESOLVED_WORDS = ("fixed", "solved", "resolved", "sorted", "gone", "used to", "no more")
# ... a denied one needs a negation and a problem word both.
_DENIAL_WORDS = ("n't", "not", "never", "longer")
_PROBLEM_STEMS = (
    "crash",
    "freez",
    "lag",
    "glitch",
    "stutter",
    "overheat",
    "disconnect",
    "hang",
    "drain",
    "error",
    "issue",
    "problem",
    "bug",
    "hiccup",
    "drop",
)


def _may_be_resolved(lowered: str) -> bool:
    """The cheap word test before RESOLVED_PROBLEM runs (speed budget)."""
    if any(word in lowered for word in _RESOLVED_WORDS):
        return True
    return any(w in lowered for w in _DENIAL_WORDS) and any(w in lowered for w in _PROBLEM_STEMS)


# What the product does when all is well, said with a failure's words: behaviour as designed
# ("returns None when the key is missing, as documented", "by default the linter ignores
# build/"), what happens if something fails ("if the payment fails, the order stays in your
# cart"), a fear ("I was worried about battery drain", a clause of its own before "but it
# barely uses any"), an error message praised, a chore the product spares ("it would take me
# hours by hand") and an update praised ("after the update the calendar is much cleaner").
# Removed before the problem cues run; a problem named in words of its own is still reported.
NORMAL_BEHAVIOUR = re.compile(
    r"\b(?:as (?:documented|expected|intended|designed|described in the docs)|by design|"
    r"(?:works?|working|behaves?) (?:as|like) (?:expected|intended|designed|documented)|"
    r"(?:is|is the|seems to be the) (?:expected|intended|documented) behaviou?r)\b"
    r"|^by default\b[^.!?]*"
    r"|^(?:if|when|whenever|in case) (?:the |a |an |your |any |my )?(?:\w+ ){1,2}(?:fails?|"
    r"errors? out|times? out|is missing|goes offline|is declined|is rejected)\b[^,;]*,"
    r"|\b(?:was|were|i'd been|i had been) (?:\w+ )?(?:worried|afraid|concerned|scared|nervous) "
    r"(?:about|that)\b[^.!?]*?(?:\bbut\b|$)"
    r"|\berror messages? (?:told|tells|explain\w*|(?:is|are|was|were) (?:so |very |really )?"
    r"(?:clear|helpful|useful|great|descriptive)|point\w* (?:me|you|us))\b[^.!?]*"
    r"|\b(?:would|'d|it'd) (?:\w+ )?take (?:me |us |them )?(?:hours|ages|forever|days|weeks)\b"
    r"|\b(?:since|after) (?:the |this |last |latest |recent )*(?:update|upgrade)\b[^.!?]*?"
    r"\b(?:so much |much |a lot |way |even )?(?:better|cleaner|faster|smoother|easier|nicer|"
    r"improved|snappier)\b",
    re.IGNORECASE,
)
_NORMAL_WORDS = (
    "document",
    "expected",
    "intended",
    "design",
    "default",
    "if ",
    "when",
    "in case",
    "worried",
    "afraid",
    "concerned",
    "scared",
    "nervous",
    "but",
    "error message",
    "take",
    "update",
    "upgrade",
)


def _normal_behaviour(lowered: str) -> bool:
    return any(word in lowered for word in _NORMAL_WORDS) and bool(NORMAL_BEHAVIOUR.search(lowered))


# Game and app slang praise: "the graphics are sick", "insane soundtrack". Not "sick of the
# ads" nor "the amount of ads is insane": only praise of what the product does or shows.
SLANG_PRAISE = re.compile(
    r"\b(?:graphics|visuals|gameplay|soundtrack|sound|music|animations?|art|design|features?|"
    r"app|game|camera|quality|speed|controls|update|mode|levels?|boss fights?|this|it)"
    r"(?:'s| is| are| looks?| feels?| sounds?)? (?:so |absolutely |pretty |just |literally |"
    r"honestly )?(?:sick|insane|nuts|dope|fire|unreal)\b(?! of)"
    r"|\b(?:sick|insane|unreal|dope) (?:graphics|visuals|gameplay|soundtrack|music|game|app|"
    r"update|features?|levels?|camera|quality|animations?)\b"
    r"|\binsanely (?:good|fun|fast|smooth|useful|accurate|addictive|well|easy|helpful)\b",
    re.IGNORECASE,
)
_SLANG_WORDS = ("sick", "insane", "nuts", "dope", "fire", "unreal")
# Ask words that ask nothing of the product: a wish about the past or for someone ("wish I'd
# found it sooner", "wishing the team a great holiday"), a hypothetical verdict ("would
# recommend", "would give more stars", "would be lost without it"), a plea to the person
# answering ("please help", "please respond", "let us know if you need logs") and a need the
# product already meets ("I need it for my job"). Removed before the request cues run.
NOT_ASKED = re.compile(
    r"\bwish(?:ed)? (?:i|we) (?:had |would have |'d |could have )?(?:found|discovered|known|"
    r"downloaded|bought|tried|started|got|gotten|switched|joined|heard of|come across)\b"
    r"[^.!?]*"
    r"|\bwish(?:ed)? (?:i|we) (?:could|can) (?:give|rate)\b[^.!?,]*"
    r"|\bwish(?:ed|ing)? (?:you|u|y'all|everyone|all|me|myself|the (?:\w+ )?team|the devs|them|"
    r"\w+ and \w+) (?:\w+ ){0,2}?(?:luck|best|happy|merry|success|well|a (?:great|good|nice|happy)|"
    r"many|more|all)\b[^.!?,]*"
    # ... the verdict's modal only: "recommend" stays praise; "would recommend adding" asks.
    r"|\b(?:would|'d|will|i'd) (?:\w+ )?(?=recommend\b(?! (?:to (?:have|add|make|include|get)|"
    r"that|adding|having|making|including)\b))"
    r"|\b(?:would|'d|will|i'd) (?:\w+ )?(?:buy (?:it |this )?again|use (?:it |this )?again|"
    r"be lost without|never go back|not go back|pay for (?:it|this))\b"
    r"|\b(?:would|'d) (?:\w+ )?give (?:it |this |them )?(?:\w+ ){0,2}?(?:stars?|\d+/\d+)\b"
    r"(?! (?:if|when|once|as soon|after))"
    r"|\b(?:\d+|zero|no|negative) stars? if (?:i|we) could\b"
    r"|\b(?:please|pls|plz|kindly) (?:someone |somebody |anyone |guys |devs |team )?(?:help|"
    r"respond|reply|answer|advise|contact|get back|call|email|tell me|explain|assist)\b"
    r"|\blet (?:me|us) know (?:if|whether|what|when|how)\b[^.!?]*"
    r"|\b(?:i|we) (?:really |just |still |also |do |basically )?need(?:ed)? (?:it|this|that|them|"
    r"the (?:app|program|service|tool|site|device|software)|this (?:app|program|tool|service))"
    r"(?: \w+)? (?:for (?:my |our |work|school|class|the |a |business)|every ?day|daily|to "
    r"(?:run|do my|do our|manage|track|keep track|get through|pay|stay))\b",
    re.IGNORECASE,
)
_NOT_ASKED_WORDS = (
    "wish",
    "would",
    "'d",
    "please",
    "pls",
    "plz",
    "kindly",
    "let ",
    "need",
    "could",
)
# A plea for an answer ("any guidance would be appreciated") asks for help, not a feature.
_HELP_PLEA = re.compile(
    r"\bany (?:help|guidance|advice|pointers|tips|ideas|input|hints?|suggestions)\b"
    r"(?: \S+){0,8}? (?:would be|is|are) (?:\w+ )?(?:appreciated|welcome)",
    re.IGNORECASE,
)
# Sentences around an ask that are not the ask: its rationale ("This would save us hours",
# "That way nobody has to..."), news of a release ("They added widgets in 3.0") and guidance
# to another user ("Go to Settings > Sync and..."). A request there needs its own words.
NOT_AN_ASK = re.compile(
    r"^(?:and |so |but |also )?(?:that way|this way|then (?:we|you|i|they|users|people|\w+s) "
    r"(?:could|can|would)|this (?:would|will|could) (?:also |really |definitely )?(?:save|let|"
    r"make|help|allow|mean|reduce|give|bring|remove|cut|stop|prevent|enable|improve|benefit)|"
    r"(?:it|that) (?:would|will) (?:also )?(?:save|reduce|cut|let|mean|make (?:life|things))|"
    r"(?:many|a lot of|lots of|most|other) (?:\w+ )?(?:users|people|customers|teams|tools|apps) "
    r"(?:would|already)|if (?:this|that|it) (?:were|was|is|gets?|got) (?:\w+ )?(?:added|"
    r"implemented|done|built)|(?:they|the (?:new |latest |last |recent )?(?:version|update|"
    r"release|team|devs?|developers)|this (?:update|release)|version [\d.]+) (?:\w+ ){0,2}?"
    r"(?:added|introduced|brought|released|shipped)\b|(?:go|navigate|head) to\b|make sure\b|"
    r"have you tried\b|try (?:\w+ing|holding|to)\b|you can (?:work|get) around\b)",
    re.IGNORECASE,
)
# "(would be great) if the sync just worked": the product should work and does not.
WORKED_IF = (
    r"\bif (?:[\w']+ ){1,3}?(?:(?:actually|just|only|at least) (?:work|works|worked|function\w*)"
    # "if it (just) synced with my calendar" asks for a sync; "if it synced" wants it to work.
    r"|(?:(?:actually|just|only|at least) )?(?:work|works|worked|function\w*|(?:load|open|sync)\w*)"
    r"(?=\s*(?:[,.;!?]|$|and\b|but\b|properly|correctly|reliably|every time|at all|"
    r"as (?:it should|advertised|promised|described))))"
)
# "The widget should update hourly but it stays on yesterday": what ought to happen, then what
# does.
SHOULD_BUT = (
    r"\b(?:should|(?:is|are) supposed to|(?:is|are) meant to) (?:\w+ ){1,8}?but "
    r"(?:it|they|instead|the \w+|nothing|all)\b"
)
# Request words that ask for no capability: a rating verdict alone ("should be 5 stars"), a wish
# that the product worked ("would be great if it actually worked", "5 stars if it didn't
# crash"), expected behaviour set against what happens ("should show my balance but it shows
# zero"), a demand for money back, a call for a fix ("needs to be fixed"), guidance ("for
# this to work") and scorn ("should be ashamed").
NOT_A_REQUEST = re.compile(
    r"\b(?:should|would|could|will|'d|deserves?) (?:\w+ )?(?:be|get|earn|have been|give it) "
    # ... a verdict alone: "would be 5 stars if I could record offline" asks for something.
    r"(?:a |an )?(?:\d+|one|two|three|four|five|full|zero)(?: |-)?stars?(?: app| game| rating)?"
    r"[\s.!]*$"
    rf"|{WORKED_IF}"
    r"|\bif (?:it|this|the app|the game) (?:didn'?t|did not|wouldn'?t|would not|wasn'?t|was not|"
    r"weren'?t) (?:\w+ )?(?:crash\w*|freez\w*|lag\w*|glitch\w*|close\w*|drain\w*|buggy|slow|"
    r"so slow|kick\w*|log\w* (?:me|us) out|stop\w*|break\w*|broken)"
    rf"|{SHOULD_BUT}"
    r"|^expected (?:behaviou?r|result|outcome)\b"
    r"|\b(?:want|like|get|see|need|demand|give (?:me|us)) (?:a |my |our )?(?:full )?"
    r"(?:refund|money back)\b"
    r"|\bneeds? to be (?:fixed|repaired|looked (?:at|into)|addressed|sorted(?: out)?)\b"
    r"|\b(?:in order )?for (?:this|it|that|the app) to work\b"
    r"|\bshould be (?:ashamed|embarrassed)\b",
    re.IGNORECASE,
)
# A problem the product caught for the customer is praise: "it flagged a double charge".
CAUGHT_PROBLEM = re.compile(
    r"\b(?:caught|catches|flagged|flags|spotted|detected|blocked|prevented|stopped) "
    r"(?:\w+ ){0,3}?(?:duplicate\w*|double \w+|fraud\w*|suspicious \w+|errors?|mistakes?|"
    r"typos?)\b",
    re.IGNORECASE,
)
_CAUGHT_WEIGHT = 2.0
_SECTION = re.compile(r"^\[(\w+) ([\d.]+)\]$")


_SHARED = {"NEG": _NEG, "ACTION": _ACTION, "WORKED_IF": WORKED_IF, "SHOULD_BUT": SHOULD_BUT}


def _expanded(pattern: str) -> str:
    """A cues.txt pattern with its shared alternations ({NEG}, {ACTION}, ...) filled in."""
    for name, value in _SHARED.items():
        pattern = pattern.replace(f"{{{name}}}", value)
    return pattern


def _load_cues() -> tuple[Cue, ...]:
    """Cues from lexicons/cues.txt: a `[kind weight]` header, then one pattern a line."""
    cues: list[Cue] = []
    kind: Kind = "other"
    weight = 0.0
    patterns: list[str] = []

    def close() -> None:
        if patterns:
            joined = r"\b(?:" + "|".join(patterns) + ")"
            cues.append(Cue(kind, weight, re.compile(joined)))  # run on lowercased text

    for line in (LEXICONS / "cues.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        header = _SECTION.match(line)
        if header:
            close()
            kind, weight, patterns = header[1], float(header[2]), []  # type: ignore[assignment]
        else:
            patterns.append(_expanded(line.strip()))
    close()
    return tuple(cues)


CUES = _load_cues()

# A unit made only of these words is small talk (greetings, thanks, weather, fillers).
SMALL_TALK_WORDS = load_words("small_talk")

HIGH_SEVERITY = re.compile(
    r"\b(?:crash\w*|data loss|lost (?:all|my|the)|deleted|wiped|corrupt\w*|can't (?:log|sign|"
    r"access|use|pay|open)|cannot (?:log|sign|access|use|pay|open)|unable to (?:log|sign|access|"
    r"use|pay)|security|breach|leak\w*|charged twice|double charged|outage|down for|blocker|"
    r"blocking|urgent|asap|critical|unusable|completely|totally|every ?time|all (?:my|of my|our)|"
    r"nothing works|cancel\w*|refund|switch(?:ing)? to|[5]\d\d (?:error|status)|http 5\d\d|"
    r"missed (?:a |our |the |my )?deadline|lost (?:\w+ ){0,2}(?:orders|customers|sales|revenue|"
    r"money|deals|clients))\b",
    re.IGNORECASE,
)
LOW_SEVERITY = re.compile(
    r"\b(?:minor|small|slight\w*|cosmetic|typo|tiny|a bit|a little|occasionally|sometimes|"
    r"once in a while|nice to have|not a big deal|nitpick)\b",
    re.IGNORECASE,
)
PRODUCT_QUESTION = re.compile(
    r"^(?:how (?:do|can|should|would) (?:i|we|you|one)|how to|is it (?:possible|safe|ok|okay)|"
    r"is there|are there|can (?:i|we)|should (?:i|we)|which|what(?:'s| is) the (?:best|right|"
    r"recommended|correct|difference)|"
    r"can you(?! (?:please )?(?:look|check|help|fix|advise|confirm|investigate|escalate|let))|"
    r"does (?:it|the|"
    r"this)|do you (?:have|support|plan|offer)|will (?:there|it|you)|why (?:does|is|can't|doesn't|"
    r"did|do|isn't|won't)|where (?:is|do|can)|what (?:happens|is the|does))\b",
    re.IGNORECASE,
)


# The words an issue or forum template puts in every post ("**Describe the bug**", "### Expected
# behavior", "Is your feature request related to a problem?") and markdown markup: the form's,
# not the customer's, so judged as if absent (a feature request's template names a "problem").
_BOILERPLATE = re.compile(
    r"(?:\bdescribe the (?:bug|issue|problem)\b|\bbug report\b|\bsteps to reproduce(?: the "
    r"(?:behaviou?r|issue|problem|bug))?|\bto reproduce\b|\b(?:expected|actual|current|observed) "
    r"(?:behaviou?r|results?|outcome)\b|\bis your feature request related to an? problem\??|"
    r"\bplease describe\.?|\bdescribe the solution you'?d like\b|\bdescribe alternatives "
    r"you'?ve considered\b|\badditional (?:context|information)\b|\ba clear and concise "
    r"description of what (?:the (?:bug|problem|issue) is|you (?:expected|want) to happen)\.?|"
    r"\badd any other context (?:or screenshots )?about the (?:problem|feature request) here\.?|"
    r"\bif applicable, add screenshots to help explain your problem\.?|\bsystem information\b|"
    r"\(please complete the following information\):?|"
    r"^\s*(?:#{1,6}|[-*] \[[ x]\])|\*\*|`{3}\w*|<\/?details>|<\/?summary>)",
    re.IGNORECASE | re.MULTILINE,
)
# Words one of which every template or markup match holds: most texts have none, and checking
# for them is ten times cheaper than running the pattern (speed budget: 1,000 reviews/s).
_BOILERPLATE_WORDS = (
    "describe",
    "report",
    "reproduce",
    "behavio",
    "result",
    "outcome",
    "additional",
    "context",
    "system information",
    "please complete",
    "#",
    "**",
    "```",
    "<",
    "[",
)
_ECHO_WORDS = ("same", "me too", "+1", "still")
# "Same problem here", "+1", "still happening for me": another poster's report echoed, which
# reports nothing of its own.
_ECHO = re.compile(
    r"\b(?:(?:i'm |i am |we're |we are )?(?:having |seeing |getting |experiencing )?"
    r"(?:i have |we have |i've got |i get |i had )?(?:the |a |exactly the )?(?:exact |very )?"
    r"same (?:problem|issue|error|bug|thing)(?: here| too| as (?:\w+ ){0,2}?(?:above|you|op|"
    r"everyone))?|me too|\+1|still (?:happening|seeing (?:this|it)|the same)(?: for me| here)?)\b"
    r"|(?<!\w)\+1\b",
    re.IGNORECASE,
)


# Which template the author picked says what they meant to file, as a report heading does.
_TEMPLATE_KINDS: tuple[tuple[re.Pattern[str], Kind], ...] = (
    (re.compile(r"\bdescribe the bug\b|\bsteps to reproduce\b|\bbug report\b", re.I), "bug"),
    (
        re.compile(r"\bfeature request related to\b|\bdescribe the solution you'?d like\b", re.I),
        "feature_request",
    ),
)


def template_kind(text: str) -> Kind | None:
    lowered = text.lower()
    if not any(word in lowered for word in ("describe", "reproduce", "report", "request")):
        return None  # the cheap test first (speed budget)
    return next((kind for pattern, kind in _TEMPLATE_KINDS if pattern.search(text)), None)


def content_of(text: str) -> str:
    """The text without template words and markup: what the author wrote themselves."""
    lowered = text.lower()
    if any(word in lowered for word in _BOILERPLATE_WORDS):
        text = _BOILERPLATE.sub(" ", text)
    return text.strip(" :*#-\n")


def asks_nothing(text: str) -> bool:
    """Holds a wish, verdict, plea or met need that asks nothing of the product (NOT_ASKED)."""
    lowered = text.lower()
    return any(word in lowered for word in _NOT_ASKED_WORDS) and bool(NOT_ASKED.search(lowered))


def problem_resolved(text: str) -> bool:
    """Says a problem is over (RESOLVED_PROBLEM), never happened (DENIED_PROBLEM) or is the
    product working as meant (NORMAL_BEHAVIOUR)."""
    lowered = text.lower()
    if _may_be_resolved(lowered) and RESOLVED_PROBLEM.search(lowered):
        return True
    if _normal_behaviour(lowered):
        return True
    return DENIED_PROBLEM.search(lowered) is not None


# Spans no cue reads, in this order, each behind the words one of which all its matches hold
# (the cheap test first, speed budget): an echoed report, a plea for an answer, ask words
# asking nothing, a fix attempted, the product behaving as meant.
_UNREAD: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_ECHO, _ECHO_WORDS),
    (_HELP_PLEA, ("appreciated", "welcome")),
    (NOT_ASKED, _NOT_ASKED_WORDS),
    (_ATTEMPT, _ATTEMPT_WORDS),
    (NORMAL_BEHAVIOUR, _NORMAL_WORDS),
)


def cue_scores(text: str) -> dict[Kind, float]:
    """Summed weights per kind of the cues found in the text (denied problems removed)."""
    scores: dict[Kind, float] = {}
    lowered = text.lower()
    denied = CAUGHT_PROBLEM.sub(" fine ", DENIED_PROBLEM.sub(" fine ", lowered))
    # The cheap word tests first (speed budget): most texts hold none of these constructions.
    if _may_be_resolved(denied):
        denied = RESOLVED_PROBLEM.sub(" fine ", denied)
    if any(word in denied for word in _SLANG_WORDS):
        denied = SLANG_PRAISE.sub(" great ", denied)
    cleaned = denied
    for pattern, words in _UNREAD:
        if any(word in cleaned for word in words):
            cleaned = pattern.sub(" ", cleaned)
    for cue in CUES:
        if cue.pattern.search(cleaned):
            scores[cue.kind] = scores.get(cue.kind, 0.0) + cue.weight
    if denied != lowered:
        scores["praise"] = scores.get("praise", 0.0) + 1.0
    if CAUGHT_PROBLEM.search(lowered):
        scores["praise"] += _CAUGHT_WEIGHT
    return scores


# Talk about the conversation itself (audio checks, screens, "could you repeat that") and
# asks of the person answering ("please escalate", "let me know"): never customer evidence.
_CONVERSATION = re.compile(
    r"\b(?:(?:can|could) you (?:hear|see)(?: me| it| my screen)?|hear (?:me|you)|"
    r"see (?:my|your|the) screen|share (?:my|your) screen|(?:on|you're on|i'm on) mute|"
    r"repeat (?:that|the (?:last )?question)|say that again|loud and clear|coming through|"
    r"how long (?:is|will) (?:this|the) (?:call|meeting|interview|session)(?: (?:going to|"
    r"gonna) (?:be|take))?|what do you mean|does that (?:answer|make sense)|breaking up|"
    r"escalate(?: (?:this|it|the (?:issue|ticket|case)))?(?: to (?:\w+ ){0,2}?\w+)?|"
    r"look into (?:this|it)|let (?:me|us) know|keep (?:me|us) (?:posted|updated)|"
    r"get back to (?:me|us)|any updates?)\b",
    re.IGNORECASE,
)
# Words of a plea or a polite question that carry no feedback once the plea is removed.
_PLEA_WORDS = frozenset(
    {"can", "could", "would", "you", "please", "pls", "kindly", "it", "to", "be", "going"}
)


def is_small_talk(text: str) -> bool:
    words = tokens(_CONVERSATION.sub(" ", text))
    return all(word in SMALL_TALK_WORDS or word in _PLEA_WORDS for word in words)


# A capability said to be missing: "I can't export to PDF", "there is no way to mute a
# thread", "doesn't support Apple Watch", "lacks a word count", "wish it could sync". Beside
# a request for it, it is the request's motive, not a failure (see asks.settle_lacks). The
# named group is the capability, in the words a request would use.
LACK = re.compile(
    r"\b(?:(?:can't|cant|cannot|can not|unable to|not (?:be )?able to|(?:not|isn't|is not) "
    r"possible to|impossible to|no (?:way|option|setting|ability|button|place) to|"
    r"wish (?:it|you|the app|this app|i|we) could) (?:currently |yet |even )?"
    r"(?:find (?:a|any) way to )?(?P<act>[^,;.!?]+)"
    r"|(?:doesn't|doesnt|does not|don't|dont|do not) (?:yet |currently |even )?"
    r"(?:have|offer|include|provide) (?:any )?(?P<thing>[^,;.!?]+)"
    r"|(?:doesn't|doesnt|does not|don't|dont|do not) (?:yet |currently |even )?support "
    r"(?P<supported>[^,;.!?]+?)(?: (?:yet|either|at all))?(?=$|[,;.!?]| [-–—] )"
    r"|(?:there(?:'s| is| are)|^) ?no (?:(?:way|option|setting|ability|button|place) (?:for|to) )?"
    r"(?P<absent>[^,;.!?]+)"
    r"|(?:lacks?|lacking|(?:is|are) missing) (?!for\b)(?P<lacked>[^,;.!?]+)"
    r"|^(?:the |a |an )?(?P<missed>\w+(?: \w+){0,2}) (?:is|are) (?:still )?missing\b)",
    re.IGNORECASE,
)
# What a lack never is: a failure, an error, lost data, a crash, slowness, a regression, or a
# core action refused ("can't log in", "won't open").
FAILURE = re.compile(
    r"\b(?:crash\w*|freez\w*|froze|errors?|\w+error|exceptions?|fail\w*|broken|broke|bugs?|"
    r"buggy|glitch\w*|slow\w*|lag\w*|hangs?|stuck|lost|los(?:e|es|ing) (?:my|all|the|data)|"
    r"deleted|wiped|corrupt\w*|disappear\w*|vanish\w*|not working|(?:doesn't|does not|won't|"
    r"isn't) work\w*|stopped|no longer|any ?more|since (?:the |an? |this |last )?(?:update|"
    r"upgrade)|used to|timed? ?out|times out|drain\w*|\d{3}|won't|wont|will not|fix\w*|"
    r"(?:actually|properly) works?|(?:can't|cannot|can not|unable to|not (?:be )?able to) "
    r"(?:even )?(?:open|load|log ?in|sign ?in|login|launch|start|install|connect|access|reach|"
    r"play|use|see|sync|pair|retrieve|recover|restore|get (?:in|past|into)))\b",
    re.IGNORECASE,
)


_ARTICLE = re.compile(r"^(?:an?|the|any) ", re.IGNORECASE)


def lacked(text: str) -> str | None:
    """The capability `text` says is missing ("export to PDF", "Apple Watch support"), None if
    it says none or names a failure (FAILURE)."""
    found = LACK.search(text)
    if found is None or FAILURE.search(text):
        return None
    supported = found["supported"]
    capability = (
        f"{supported} support" if supported else next(group for group in found.groups() if group)
    )
    return _ARTICLE.sub("", capability.strip())

"""Linguistic cues that generalise across products: modal requests, negated capability,
failure verbs, error codes, frustration and praise words. Each adds weight to a kind; the
learned model adds its own evidence on top (see classify.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .result import Kind
from .text import load_words, tokens


@dataclass(frozen=True)
class Cue:
    kind: Kind
    weight: float
    pattern: re.Pattern[str]


def _cue(kind: Kind, weight: float, *alternatives: str) -> Cue:
    return Cue(kind, weight, re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE))


_NEG = (
    r"(?:can't|cant|cannot|can not|couldn't|couldnt|won't|wont|doesn't|doesnt|does not|didn't|"
    r"didnt|isn't|isnt|aren't|arent|not|no longer|never|unable to|fails? to|failed to|stopped)"
)
_ACTION = (
    r"(?:work|working|load|loading|open|opening|sync|syncing|synch|connect|connecting|pair|"
    r"pairing|log ?in|login|sign ?in|save|saving|upload|download|update|updating|show|showing|"
    r"display|record|recording|track|tracking|count|counting|start|launch|send|sending|receive|"
    r"register|install|export|import|load up|respond|refresh|play|charge|detect|find my|turn on)"
)

# A problem that is denied ("no issues", "never crashes") is praise, not a bug: these spans
# are removed before the problem cues run.
DENIED_PROBLEM = re.compile(
    r"\b(?:no|zero|never|without(?: any)?|not (?:a single|one|any)|hasn't|haven't|hardly any|"
    r"didn't have any|don't have any|no more)\s+(?:\w+\s+){0,2}?"
    r"(?:problems?|issues?|bugs?|crash\w*|glitch\w*|errors?|complaints?|hiccups?|lag\w*|"
    r"freez\w*|troubles?|disconnect\w*)\b",
    re.IGNORECASE,
)

CUES: tuple[Cue, ...] = (
    # Something is broken.
    _cue(
        "bug",
        2.5,
        r"crash\w*",
        r"freez\w*",
        r"froze",
        r"force clos\w*",
        r"glitch\w*",
        r"bugs?\b",
        r"buggy",
        r"broken",
        r"\bbroke\b",
        r"error\w*",
        r"exception",
        r"not working",
        r"stopped working",
        r"stop working",
        r"stops working",
        r"doesn't work",
        r"doesnt work",
        r"does not work",
        r"don't work",
        r"dont work",
        r"didn't work",
        r"won't work",
        r"isn't working",
        r"aren't working",
        r"not work\b",
        r"fail\w*",
        r"malfunction\w*",
        r"blank (?:screen|page)",
        r"white screen",
        r"black screen",
        r"timed? ?out",
        r"times out",
        r"hangs?\b",
        r"stuck\b",
        r"keeps? (?:crashing|freezing|closing|disconnecting|restarting|logging me out|"
        r"resetting|dropping|losing)",
        r"disappear\w*",
        r"vanish\w*",
        r"lost (?:all |my |the )",
        r"wiped",
        r"deleted my",
        r"corrupt\w*",
        r"out of sync",
        r"incorrect\w*",
        r"inaccura\w*",
        r"wrong (?:data|number|time|date|value|reading|count|info)\w*",
        r"[45]\d\d (?:error|status)",
        r"http [45]\d\d",
        r"err_\w+",
    ),
    _cue(
        "bug",
        2.0,
        rf"{_NEG} (?:\w+ ){{0,2}}{_ACTION}\b",
        r"unable to\b",
        r"can't (?:even )?get",
        r"no longer",
        r"not (?:syncing|loading|showing|connecting|updating|recording|"
        r"counting|tracking|responding|opening|saving|registering|receiving)",
        r"(?:since|after) (?:the |this |last |latest |recent |an? )*(?:update|upgrade)",
        r"reinstall\w*",
        r"re-install\w*",
        r"uninstall\w*",
        r"drains? (?:my |the )?battery",
        r"battery drain",
        r"won't let me",
        r"doesn't let me",
        r"nothing happens",
        r"logs? me out",
        r"reset\w* (?:itself|my)",
        r"duplicate\w*",
        r"charged twice",
        r"double charged",
    ),
    # It works, but it hurts.
    _cue(
        "pain_point",
        2.0,
        r"frustrat\w*",
        r"annoy\w*",
        r"confus\w*",
        r"hard to",
        r"difficult",
        r"tedious",
        r"cumbersome",
        r"clunky",
        r"painful",
        r"a pain",
        r"a hassle",
        r"hassle",
        r"time.consuming",
        r"waste of (?:time|money)",
        r"takes (?:forever|ages|too long|so long)",
        r"too (?:slow|many|much|long|expensive|complicated|small|big|hard|often)",
        r"so slow",
        r"very slow",
        r"really slow",
        r"slow\w*",
        r"laggy",
        r"\blags?\b",
        r"not intuitive",
        r"unintuitive",
        r"counter.?intuitive",
        r"can't figure out",
        r"can't find",
        r"couldn't find",
        r"hard to find",
        r"no way to",
        r"there's no way",
        r"have to (?:manually|keep|constantly|go back|re-?\w+|reset|restart|log)",
        r"every single time",
        r"each time",
        r"every time",
        r"manually",
        r"overpriced",
        r"expensive",
        r"pricey",
        r"paywall\w*",
        r"too many ads",
        r"\bads\b",
        r"spam\w*",
        r"useless",
        r"terrible",
        r"awful",
        r"horrible",
        r"worst",
        r"disappoint\w*",
        r"\bhate\b",
        r"unreliabl\w*",
        r"inconsistent\w*",
        r"struggl\w*",
        r"unusable",
        r"pointless",
        r"garbage",
        r"rubbish",
        r"poor(?:ly)?\b",
        r"mess\b",
        r"complicated",
        r"overwhelm\w*",
        r"cluttered",
        r"workaround",
        r"fed up",
        r"sick of",
        r"tired of",
        r"not happy",
        r"unhappy",
        r"no response",
        r"no reply",
        r"still waiting",
        r"sometimes (?:it |the )?(?:doesn't|won't|fails|does not|loses|drops)",
        r"(?:cancel|cancell?ing|leaving|switch(?:ing)? to|moving to)\b",
    ),
    # Asking for something new.
    _cue(
        "feature_request",
        3.0,
        r"please (?:\w+ )?(?:add|make|include|allow|bring|let|give|"
        r"consider|implement|support|introduce|enable|provide|create|put|offer|integrate)",
        r"(?:would|'d|it'd) (?:be )?(?:really |so |very )?(?:nice|great|good|awesome|helpful|"
        r"useful|cool|better|amazing|fantastic|ideal|handy|perfect) (?:if|to|for)",
        r"(?:would|'d) (?:really )?(?:love|like) (?:to (?:see|have|be able)|it if|if|a |an |"
        r"the |some |more |an option|the option|the ability)",
        r"i wish",
        r"wish (?:there|it|"
        r"you|they|the|we|i)",
        r"if only",
        r"feature request",
        r"(?:option|ability|setting) to",
        r"(?:add|adding) (?:an? |the |more |support|option|feature|ability|setting|dark)",
        r"bring back",
        r"(?:allow|let) (?:me|us|users|you|people) ",
        r"support for",
        r"integrat\w+ with",
        r"can you (?:please )?(?:add|make|include|allow|give)",
        r"could you (?:please )?(?:add|make|include|allow|give)",
        r"(?:should|needs? to|must) (?:have|add|allow|include|support|offer|show|be able|"
        r"let|give|provide|display)",
        r"(?:there )?should be (?:an?|the|more|some)",
        r"need (?:an?|the|more|better|some) (?:option|way|feature|setting|ability|mode|button|"
        r"filter|export|integration)",
        r"missing (?:an? |the )?(?:feature|option|setting|ability)",
        r"is there (?:a|any) way to",
        r"is there an option",
        r"(?:hope|hoping) (?:you|they|"
        r"the devs|garmin|this) (?:will |can |could )?(?:add|fix|bring|implement|include)",
        r"suggest\w*",
        r"would be (?:great|nice|good|useful|helpful)",
        r"lacks?\b",
        r"lacking",
        r"no (?:option|way|setting|feature|ability) (?:to|for)",
        r"doesn't have (?:an?|the|any) (?:option|way|setting|feature)",
        r"want(?:ed)? (?:to be able|the ability|an option|the option)",
        r"needs? (?:more|better|an? )",
        r"request\w*",
    ),
    # It works and they like it.
    _cue(
        "praise",
        1.5,
        r"love\w*",
        r"great\b",
        r"awesome",
        r"excellent",
        r"amazing",
        r"fantastic",
        r"perfect\w*",
        r"best\b",
        r"helpful",
        r"easy to",
        r"works (?:great|well|"
        r"perfectly|fine|flawlessly)",
        r"recommend\w*",
        r"useful",
        r"intuitive",
        r"smooth\w*",
        r"lifesaver",
        r"game.?changer",
        r"saves? (?:me |us )?(?:a lot of )?time",
        r"brilliant",
        r"impressive",
        r"impressed",
        r"reliable",
        r"accurate",
        r"happy with",
        r"well done",
        r"good job",
        r"nice\b",
        r"good\b",
        r"thank you for",
        r"thanks for",
    ),
)

# A unit made only of these words is small talk (greetings, thanks, weather, fillers).
SMALL_TALK_WORDS = load_words("small_talk")

HIGH_SEVERITY = re.compile(
    r"\b(?:crash\w*|data loss|lost (?:all|my|the)|deleted|wiped|corrupt\w*|can't (?:log|sign|"
    r"access|use|pay|open)|cannot (?:log|sign|access|use|pay|open)|unable to (?:log|sign|access|"
    r"use|pay)|security|breach|leak\w*|charged twice|double charged|outage|down for|blocker|"
    r"blocking|urgent|asap|critical|unusable|completely|totally|every ?time|all (?:my|of my|our)|"
    r"nothing works|cancel\w*|refund|switch(?:ing)? to|[5]\d\d (?:error|status)|http 5\d\d)\b",
    re.IGNORECASE,
)
LOW_SEVERITY = re.compile(
    r"\b(?:minor|small|slight\w*|cosmetic|typo|tiny|a bit|a little|occasionally|sometimes|"
    r"once in a while|nice to have|not a big deal|nitpick)\b",
    re.IGNORECASE,
)
PRODUCT_QUESTION = re.compile(
    r"^(?:how (?:do|can|should) (?:i|we|you)|is there|are there|can (?:i|we|you)|does (?:it|the|"
    r"this)|do you (?:have|support|plan|offer)|will (?:there|it|you)|why (?:does|is|can't|doesn't|"
    r"did|do|isn't|won't)|where (?:is|do|can)|what (?:happens|is the|does))\b",
    re.IGNORECASE,
)


def cue_scores(text: str) -> dict[Kind, float]:
    """Summed weights per kind of the cues found in the text (denied problems removed)."""
    scores: dict[Kind, float] = {}
    cleaned = DENIED_PROBLEM.sub(" fine ", text)
    for cue in CUES:
        if cue.pattern.search(cleaned):
            scores[cue.kind] = scores.get(cue.kind, 0.0) + cue.weight
    if cleaned != text:
        scores["praise"] = scores.get("praise", 0.0) + 1.0
    return scores


def is_small_talk(text: str) -> bool:
    words = tokens(text)
    return not words or all(word in SMALL_TALK_WORDS for word in words)

"""Two asks in one sentence are two drafts: "Please add a dark mode and let me pin recipes to
the home screen" is cut before the second ask, each piece a unit of its own. A missing
capability said beside its request is one draft: "I can't export to PDF. Please add it"."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from .classify import Judged, severity_of
from .cues import FAILURE, LACK, cue_scores, lacked
from .result import PROBLEMS, Kind
from .segment import Unit
from .terms import term_vector

_ASKING = re.compile(
    r"\b(?:please|pls|plz|add|wish|would (?:love|like)|could you|can you|need|want|should)\b",
    re.IGNORECASE,
)
_SECOND_ASK = re.compile(
    r"(?:,\s*|\s+)(?:and|also|plus)\s+(?:also\s+)?(?=(?:please\s+)?(?:add|let (?:me|us|users)|"
    r"make|allow|give|support|show|include|bring back|could you|can you|an? (?:option|way))\b)",
    re.IGNORECASE,
)
_MIN_WORDS = 3


def _pieces(text: str) -> list[str]:
    found = _SECOND_ASK.search(text)
    if found is None or not _ASKING.search(text[: found.start()]):
        return [text]
    head, rest = text[: found.start()].strip(), text[found.end() :].strip()
    if len(head.split()) < _MIN_WORDS or len(rest.split()) < _MIN_WORDS:
        return [text]
    return [head, *_pieces(rest)]


def split_asks(units: list[Unit]) -> list[Unit]:
    """The units, each sentence holding two asks replaced by one unit per ask."""
    return [replace(unit, text=piece) for unit in units for piece in _pieces(unit.text)]


# A lack may read as a problem, as a request of its own ("no option to") or as nothing.
_LACK_KINDS: frozenset[Kind] = PROBLEMS | {Kind.FEATURE_REQUEST, Kind.OTHER}
# A request whose object points back at what was said before it: "please add it".
_POINTS_BACK = re.compile(r"\b(?:it|this|that|one|them|these|those)\b", re.IGNORECASE)


def _content(text: str) -> set[str]:
    return {term for term, weight in term_vector(text).items() if weight == 1.0}


def points_back(ask: str) -> bool:
    """The request names nothing itself ("would be nice to have") or points back at what was
    said before it ("please add it"); a lack inside the sentence is not its own words."""
    ask = LACK.sub(" ", ask)
    return not _content(ask) or _POINTS_BACK.search(ask) is not None


def _asks(text: str) -> bool:
    """Holds a request (a plea for help or a fix is none)."""
    return "feature_request" in cue_scores(text) and FAILURE.search(text) is None


def _asks_for(ask: str, lack: str, after: bool) -> bool:
    """The request is about the missing capability: they share a content word, or the
    request, said after the lack, points back at it. "Please update so it works" is a plea
    for a fix, never a capability's request."""
    if FAILURE.search(ask):
        return False
    return bool(_content(ask) & _content(lack)) or (after and points_back(ask))


def _as_motive(lack: Judged, kind: Kind) -> None:
    """Judged as the motive of the request beside it (group.py gives the two one draft,
    named after the request), with the request's severity rather than a failure's."""
    lack.kind = kind
    lack.severity = severity_of("feature_request", lack.unit.text, lack.sentiment, None)


def settle_lacks(judged: list[Judged]) -> None:
    """A capability said to be missing (cues.lacked), judged a problem, next to a request
    for it in the same turn is that request's motive, not a problem of its own: "There is
    no way to mute a thread. Would love a mute button." One sentence holding both is the
    request. A lack naming a failure, an error or slowness stays a problem."""
    for one in judged:
        text = one.unit.text
        if one.kind in PROBLEMS and lacked(text) and _asks(LACK.sub(" ", text)):
            _as_motive(one, "feature_request")
    for before, after in pairwise(judged):
        if (before.unit.source, before.unit.turn) != (after.unit.source, after.unit.turn):
            continue
        for lack, ask, ask_after in ((before, after, True), (after, before, False)):
            if (
                lack.kind in _LACK_KINDS
                and ask.kind == "feature_request"
                and lacked(lack.unit.text) is not None
                and LACK.search(ask.unit.text) is None  # two lacks are two asks
                and _asks_for(ask.unit.text, lack.unit.text, ask_after)
            ):
                _as_motive(lack, "pain_point")

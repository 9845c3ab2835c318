"""The offline engine: segment by profile, judge each unit, group, write insights."""

from __future__ import annotations

from itertools import pairwise

from zentrik_server.vocabulary import SignalType

from .asks import settle_lacks, split_asks
from .classify import judge
from .context import infer_context
from .group import group_units
from .headline import PRONOUN_SUBJECT, subject_of
from .help_seeking import settle_help_seeking
from .result import SEVERITY_RANK, Extraction
from .segment import Unit, resolve_signal_type, units_of
from .spans import locate
from .text import normalize
from .write import write_insight

_ONE_ITEM_PROFILES = frozenset({SignalType.REVIEW, SignalType.SUPPORT_TICKET})


def extract_offline(
    text: str, signal_type: str | None, additional_context: str | None = None
) -> Extraction:
    original, text = text, normalize(text)
    profile = resolve_signal_type(text, signal_type)
    units = split_asks(units_of(text, profile, additional_context))
    for unit, span in zip(units, locate(original, [unit.text for unit in units]), strict=True):
        unit.span = span
    _resolve_antecedents(units)
    judged = [judge(unit) for unit in units]
    # A GitHub question or forum post reads as one item; interviews and reports never do.
    settle_help_seeking(text, judged, whole=profile in _ONE_ITEM_PROFILES)
    settle_lacks(judged)
    groups = group_units(judged, whole_sources=profile is SignalType.SUPPORT_TICKET)
    insights = [write_insight(group, profile, original) for group in groups]
    # Most severe and most mentioned first: the order a PM triages in.
    insights.sort(key=lambda i: (-SEVERITY_RANK[i.severity], -len(i.evidence)))
    return Extraction(
        context=infer_context(profile, judged),
        insights=insights,
    )


def _resolve_antecedents(units: list[Unit]) -> None:
    """A sentence opening on "it" after one of the same turn borrows its subject for the
    headline ("So the weekly report matters. When it fails ..."), whether or not that
    sentence is itself a finding."""
    for before, unit in pairwise(units):
        if (before.source, before.turn) == (unit.source, unit.turn) and PRONOUN_SUBJECT.match(
            unit.text
        ):
            unit.antecedent = subject_of(before.text) or before.antecedent

"""The offline engine: segment by profile, judge each unit, group, write insights."""

from __future__ import annotations

from zentrik_server.vocabulary import SignalType

from .classify import judge
from .context import infer_context
from .group import group_units
from .result import SEVERITY_RANK, Extraction
from .segment import resolve_signal_type, units_of
from .text import normalize
from .write import write_insight


def extract_offline(
    text: str, signal_type: str | None, additional_context: str | None = None
) -> Extraction:
    text = normalize(text)
    profile = resolve_signal_type(text, signal_type)
    judged = [judge(unit) for unit in units_of(text, profile, additional_context)]
    groups = group_units(judged, whole_sources=profile is SignalType.SUPPORT_TICKET)
    insights = [write_insight(group, profile) for group in groups]
    # Most severe and most mentioned first: the order a PM triages in.
    insights.sort(key=lambda i: (-SEVERITY_RANK[i.severity], -len(i.evidence)))
    return Extraction(context=infer_context(profile, judged), insights=insights)

"""Applying a workspace model (learning.py) to what the engine found in one signal.

Each draft's evidence is re-scored: a draft the workspace says is not its kind is relabelled
when it says it is another, else dropped. Then the signal's units no draft quotes are scored:
one the workspace calls a kind, with the kind's `finds` above one half, becomes a draft the
engine missed. A kind's scorer whose weight is at most one half never overrules the engine,
so an untrained workspace changes nothing (and an engine's draft is dropped only on the
strength of the PM's decisions)."""

from __future__ import annotations

from dataclasses import replace

from zentrik_server.vocabulary import SignalType

from .headline import headline
from .learning import WorkspaceModel
from .profiles import PROFILES
from .result import PROBLEMS, Evidence, ExtractedInsight, Extraction, Kind
from .segment import resolve_signal_type, units_of
from .text import normalize

ENGINE = "workspace"  # marks a draft the workspace's model changed or found
# A unit the engine passed over becomes a draft of a kind that `finds` only at this
# probability: the decisions never show the model the plain sentences a PM never saw, so no
# cross-validation can set it (measured on Mini-BAR: 0.7 adds more false feature requests than
# it finds; 0.9 a few of each).
RECOVER = 0.9


def _label(kind: Kind) -> str:
    return kind.replace("_", " ").capitalize()


def _relabel(insight: ExtractedInsight, kind: Kind) -> ExtractedInsight:
    old = _label(insight.kind)
    description = insight.description
    if description.startswith(old):
        description = _label(kind) + description[len(old) :]
    acted_on = kind in PROBLEMS or kind == "feature_request"
    return replace(
        insight,
        kind=kind,
        description=description,
        severity=insight.severity if acted_on else "low",
        engine=f"{insight.engine}+{ENGINE}",
    )


def _revise(
    insight: ExtractedInsight, model: WorkspaceModel, probabilities: dict[Kind, float]
) -> ExtractedInsight | None:
    """The draft as the workspace sees it: kept, relabelled, or None (dropped)."""
    scores = model.blend(probabilities, {insight.kind})
    current = scores.get(insight.kind, 1.0)  # a kind it has not learned: the engine stands
    best = max(scores, key=scores.__getitem__, default=insight.kind)
    if best != insight.kind and scores[best] >= 0.5 and scores[best] > current:
        return _relabel(insight, best)
    return insight if current >= 0.5 else None


def _found(unit: Evidence, kind: Kind, profile: SignalType) -> ExtractedInsight:
    name = headline(unit.text, kind)
    quote = f'- {unit.speaker}: "{unit.text}"' if unit.speaker else f'- "{unit.text}"'
    return ExtractedInsight(
        kind=kind,
        name=name,
        description=f"{_label(kind)} (as this workspace's triage reads it): {name}.\n\n"
        f"Evidence:\n{quote}",
        type=PROFILES[profile].insight_type,
        severity="medium" if kind == "bug" else "low",
        sentiment=0.0,
        evidence=[unit.text],
        quotes=[unit],
        engine=ENGINE,
    )


def _profile(text: str, signal_type: str | None) -> SignalType:
    return resolve_signal_type(normalize(text), signal_type)


def _unquoted(
    extraction: Extraction, text: str, signal_type: str | None, additional_context: str | None
) -> list[Evidence]:
    """The units of the signal no draft quotes: the offline engine's own; an LLM's answer
    carries none, so the signal is cut here."""
    units = extraction.units or [
        Evidence(unit.text, unit.speaker, unit.source)
        for unit in units_of(normalize(text), _profile(text, signal_type), additional_context)
    ]
    quoted = {quote for insight in extraction.insights for quote in insight.evidence}
    return [unit for unit in units if unit.text not in quoted]


def _missed(
    units: list[Evidence],
    probabilities: list[dict[Kind, float]],
    finding: frozenset[Kind],
    text: str,
    signal_type: str | None,
) -> list[ExtractedInsight]:
    found = []
    for unit, chances in zip(units, probabilities, strict=True):
        kind = max(finding, key=chances.__getitem__)
        if chances[kind] >= RECOVER:
            found.append(_found(unit, kind, _profile(text, signal_type)))
    return found


def adapt(
    extraction: Extraction,
    text: str,
    signal_type: str | None,
    additional_context: str | None,
    model: WorkspaceModel,
) -> Extraction:
    if not model.learned:
        return extraction
    drafts = extraction.insights if model.overrules else []
    units = _unquoted(extraction, text, signal_type, additional_context) if model.finding else []
    # Every text of the signal the model reads, scored in one pass.
    evidence = [" ".join(insight.evidence) or insight.name for insight in drafts]
    probabilities = model.probabilities(evidence + [unit.text for unit in units])
    revised = [_revise(i, model, p) for i, p in zip(drafts, probabilities, strict=False)]
    kept = [i for i in revised if i is not None] if drafts else extraction.insights
    missed = _missed(units, probabilities[len(drafts) :], model.finding, text, signal_type)
    return replace(extraction, insights=kept + missed)

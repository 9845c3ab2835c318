"""An insight's kind and severity: what the extraction engine judged it to be, kept in its
`aiSuggestions` (`{"kind", "severity", "sentiment", "evidence", "engine"}`), shown in the order
a product manager reads them, and editable by a PM in Triage without losing the rest of that
object."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from zentrik_ui.models import InsightKind, Severity

# The engine's kinds as a PM reads them, keyed by their wire strings (what a widget offers).
KIND_LABELS: dict[str, str] = {
    kind.value: kind.value.replace("_", " ").capitalize() for kind in InsightKind
}
SEVERITIES: tuple[str, ...] = tuple(severity.value for severity in Severity)
UNCLASSIFIED = "Unclassified"  # an insight without a kind (typed by hand, or another server's)


def kind_label(kind: object, severity: object = None) -> str:
    """The screen name of a kind ("Bug", or "Bug · high" with a severity); unknown kinds as
    the server spelled them, made readable."""
    if not isinstance(kind, str) or not kind:
        return UNCLASSIFIED
    label = KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())
    return f"{label} · {severity}" if isinstance(severity, str) and severity else label


def kind_order(labels: list[str]) -> list[str]:
    """`labels` in the known kinds' order, then any others, then Unclassified."""
    known = [label for label in KIND_LABELS.values() if label in labels]
    rest = sorted(set(labels) - set(known) - {UNCLASSIFIED})
    return known + rest + ([UNCLASSIFIED] if UNCLASSIFIED in labels else [])


def with_kind(ai_suggestions: Any, kind: str | None, severity: str | None) -> dict[str, Any]:
    """`ai_suggestions` with the kind and severity a PM chose and every other key kept (an
    object that is not one becomes one; None leaves that key as it was)."""
    kept = dict(ai_suggestions) if isinstance(ai_suggestions, Mapping) else {}
    chosen = {"kind": kind, "severity": severity}
    return kept | {key: value for key, value in chosen.items() if value is not None}


def kind_of(ai_suggestions: Any) -> tuple[str | None, str | None]:
    """(kind, severity) as stored; (None, None) where aiSuggestions holds none."""
    stored = ai_suggestions if isinstance(ai_suggestions, Mapping) else {}
    return stored.get("kind"), stored.get("severity")


def kind_changes(ai_suggestions: Any, kind: str | None, severity: str | None) -> dict[str, Any]:
    """The update fields that set this kind and severity: none when they are what is stored,
    so a save that changes only the name leaves aiSuggestions alone."""
    updated = with_kind(ai_suggestions, kind, severity)
    return {} if updated == ai_suggestions else {"ai_suggestions": updated}

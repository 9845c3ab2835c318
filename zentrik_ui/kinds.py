"""The kinds of insight the extraction tells apart (`aiSuggestions.kind`), in the order a
product manager reads them, with their names on screen."""

from __future__ import annotations

KIND_LABELS: dict[str, str] = {
    "bug": "Bug",
    "pain_point": "Pain point",
    "feature_request": "Feature request",
    "praise": "Praise",
    "question": "Question",
    "other": "Other",
}
UNCLASSIFIED = "Unclassified"  # an insight without a kind (typed by hand, or another server's)


def kind_label(kind: object) -> str:
    """The screen name of a kind; unknown kinds as the server spelled them, made readable."""
    if not isinstance(kind, str) or not kind:
        return UNCLASSIFIED
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def kind_order(labels: list[str]) -> list[str]:
    """`labels` in the known kinds' order, then any others, then Unclassified."""
    known = [label for label in KIND_LABELS.values() if label in labels]
    rest = sorted(set(labels) - set(known) - {UNCLASSIFIED})
    return known + rest + ([UNCLASSIFIED] if UNCLASSIFIED in labels else [])

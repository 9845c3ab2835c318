"""What the engine drafts from a text, for the tests that judge only the drafts' kinds."""

from __future__ import annotations

from zentrik_server.extraction import extract


def kinds_of(text: str, signal_type: str = "review") -> list[str]:
    """The kinds of the drafts of `text`, in the engine's order (most severe first)."""
    return [insight.kind for insight in extract(text, signal_type).insights]

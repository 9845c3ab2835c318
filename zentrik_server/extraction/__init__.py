"""Offline insight extraction: text of a signal in, draft insights out.

`extract()` is a pure function (no database, no HTTP unless an LLM is configured through
ZENTRIK_LLM_* variables, see llm.py); start-up cost is paid once, at import.
"""

from __future__ import annotations

from .llm import LLMConfig, extract_with_llm
from .offline import extract_offline
from .result import Evidence, ExtractedInsight, Extraction, ExtractionInputError

__all__ = ["Evidence", "ExtractedInsight", "Extraction", "ExtractionInputError", "extract"]


def extract(
    text: str, signal_type: str | None, additional_context: str | None = None
) -> Extraction:
    """Insights found in `text`, read with the profile of `signal_type` (None: guessed)."""
    if not isinstance(text, str):
        raise ExtractionInputError(f"text must be a string, not {type(text).__name__}")
    if not text.strip():
        raise ExtractionInputError("text is empty")
    if "\x00" in text:
        raise ExtractionInputError("text contains binary data")
    config = LLMConfig.from_env()
    if config is not None:
        answer = extract_with_llm(config, text, signal_type, additional_context)
        if answer is not None:
            return answer
    return extract_offline(text, signal_type, additional_context)

"""Offline insight extraction: text of a signal in, draft insights out.

`extract()` is a pure function (no database; no HTTP unless it is given an enabled LLM
configuration, `Settings.llm`, see llm.py, with the offline engine as fallback). Start-up cost
(lexicons, the classifier artifact, VADER) is paid once, at import.

The offline pipeline (offline.py):
  segment.py / transcript.py  the profile of the signal type cuts the text into units
                              (customer sentences; interviewer turns and timestamps dropped)
  classify.py                 each unit: kind from cues (lexicons/cues.txt) plus the linear
                              model (model.py, trained on training/*.jsonl), VADER sentiment,
                              severity
  group.py                    units about the same thing, by word overlap within the signal
  write.py / headline.py      one insight per group: headline, description quoting evidence
  context.py                  the signal's context

Rebuild the classifier after editing training/*.jsonl:
    python -m zentrik_server.extraction.training.build_model
Measure: bench/extraction_quality.py and bench/extraction_speed.py.
"""

from __future__ import annotations

from zentrik_server.config import LLMSettings

from .learning import WorkspaceModel
from .llm import extract_with_llm
from .model import active_model, model_replaced
from .offline import extract_offline
from .result import Evidence, ExtractedInsight, Extraction, ExtractionInputError
from .signal_type import guess_from_shape
from .text import normalize

__all__ = [
    "Evidence",
    "ExtractedInsight",
    "Extraction",
    "ExtractionInputError",
    "extract",
    "guess_signal_type",
]


def guess_signal_type(text: str, default: str = "review") -> str:
    """The signal type a text's shape says (signal_type.py); `default` when it says none."""
    return guess_from_shape(normalize(text), default)


def extract(
    text: str,
    signal_type: str | None,
    additional_context: str | None = None,
    llm: LLMSettings | None = None,
    *,
    workspace_model: WorkspaceModel | None = None,
) -> Extraction:
    """Insights found in `text`, read with the profile of `signal_type` (None: guessed), the
    offline engine judging with the workspace's correction of its model (learning.py) when one
    is given, which also drops the drafts (an LLM's too) it overrules.

    With an enabled `llm`, the model is asked first; the offline engine answers otherwise.
    """
    if workspace_model is None:
        return _extract(text, signal_type, additional_context, llm)
    engine = active_model()
    with model_replaced(workspace_model.tuned(engine)):
        found = _extract(text, signal_type, additional_context, llm)
    return workspace_model.kept(found, engine)


def _extract(
    text: str, signal_type: str | None, additional_context: str | None, llm: LLMSettings | None
) -> Extraction:
    if not isinstance(text, str):
        raise ExtractionInputError(f"text must be a string, not {type(text).__name__}")
    if not text.strip():
        raise ExtractionInputError("text is empty")
    if "\x00" in text:
        raise ExtractionInputError("text contains binary data")
    if llm is not None and llm.enabled:
        answer = extract_with_llm(llm, text, signal_type, additional_context)
        if answer is not None:
            return answer
    return extract_offline(text, signal_type, additional_context)

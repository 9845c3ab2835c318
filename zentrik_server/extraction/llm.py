"""Optional LLM engine: an OpenAI-compatible chat endpoint asked for the same structure.

Configured by `Settings.llm` (ZENTRIK_LLM_BASE_URL, e.g. http://127.0.0.1:8000/v1,
ZENTRIK_LLM_MODEL, and optionally ZENTRIK_LLM_API_KEY and ZENTRIK_LLM_TIMEOUT), which the
caller passes in. The answer is validated with pydantic; any error or invalid answer returns
None so the caller falls back to the offline engine. The key is sent as a bearer token and
never logged.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable

import httpx
from pydantic import BaseModel, Field, ValidationError, field_validator

from zentrik_server.config import LLMSettings
from zentrik_server.vocabulary import SignalType

from .headline import MAX_LENGTH
from .offline import extract_offline
from .profiles import PROFILES
from .result import Evidence, ExtractedInsight, Extraction, Kind, Severity
from .segment import resolve_signal_type
from .spans import find_span
from .terms import term_vector
from .text import normalize

log = logging.getLogger(__name__)

_MAX_TEXT = 40_000
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")
# The kinds a model is asked for: "other" is the offline engine's word for what is not feedback.
_ASKED_KINDS = tuple(kind for kind in Kind if kind is not Kind.OTHER)


def _choices(values: tuple[str, ...]) -> str:
    return " | ".join(f'"{value}"' for value in values)


_SYSTEM = """You turn customer feedback into product insights for a product manager.
Answer with one JSON object only, no prose:
{"context": one of "user_interview", "support_request", "feature_feedback", "bug_report",
  "churn_risk", "pricing_feedback", "onboarding", "general_feedback", "market_research",
 "insights": [{"kind": KINDS,
   "name": headline, at most 90 characters, subject first, no filler,
   "description": a summary that quotes the evidence with the speaker,
   "severity": SEVERITIES, "sentiment": number from -1 to 1,
   "evidence": [{"text": exact quote copied from the input, "speaker": name or null}]}]}
Group statements about the same thing into one insight. Ignore what an interviewer asks.
Small talk or text without feedback gives "insights": [].""".replace(
    "KINDS", _choices(_ASKED_KINDS)
).replace("SEVERITIES", _choices(tuple(Severity)))


class _Quote(BaseModel):
    text: str = Field(min_length=1)
    speaker: str | None = None


class _Insight(BaseModel):
    kind: Kind
    name: str = Field(min_length=1)
    description: str = ""
    severity: Severity = Severity.MEDIUM
    sentiment: float = Field(default=0.0, ge=-1.0, le=1.0)
    evidence: list[_Quote] = Field(min_length=1)

    @field_validator("kind")
    @classmethod
    def _asked(cls, kind: Kind) -> Kind:
        if kind not in _ASKED_KINDS:
            raise ValueError(f"not one of the kinds asked for: {_choices(_ASKED_KINDS)}")
        return kind


class _Answer(BaseModel):
    context: str = Field(min_length=1, max_length=64)
    insights: list[_Insight]


def _endpoint(base_url: str) -> str:
    """The chat completions URL, whether the base URL names it, ends in /v1, or neither."""
    base = base_url.rstrip("/")
    if base.endswith("/chat/completions"):
        return base
    return f"{base}/chat/completions" if base.endswith("/v1") else f"{base}/v1/chat/completions"


def _ask(config: LLMSettings, text: str, profile: str, additional_context: str | None) -> str:
    prompt = f"Signal type: {profile}\n"
    if additional_context:
        prompt += f"Context from the product manager: {additional_context}\n"
    prompt += f"Text:\n{text[:_MAX_TEXT]}"
    key = config.api_key.get_secret_value() if config.api_key else ""
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    body = {
        "model": config.model,
        "temperature": 0,
        "response_format": {"type": "json_object"},
        "messages": [{"role": "system", "content": _SYSTEM}, {"role": "user", "content": prompt}],
    }
    response = httpx.post(
        _endpoint(config.base_url), json=body, headers=headers, timeout=config.timeout
    )
    response.raise_for_status()
    return str(response.json()["choices"][0]["message"]["content"])


def _verbatim(quotes: list[_Quote], text: str) -> list[Evidence] | None:
    """The quotes with their offsets, or None when any is not a span of the text (blanks
    and quote marks may be spelled differently: the quote becomes the text's own)."""
    found: list[Evidence] = []
    for quote in quotes:
        span = find_span(text, quote.text.strip())
        if span is None:
            return None
        start, end = span
        found.append(Evidence(text[start:end], quote.speaker, 0, start, end))
    return found


def _insight(
    found: _Insight, quotes: list[Evidence], profile: SignalType, engine: str
) -> ExtractedInsight:
    return ExtractedInsight(
        kind=found.kind,
        name=found.name.strip()[:MAX_LENGTH],
        description=found.description.strip() or "\n".join(q.text for q in quotes),
        type=PROFILES[profile].insight_type,
        severity=found.severity,
        sentiment=found.sentiment,
        evidence=[quote.text for quote in quotes],
        quotes=quotes,
        engine=engine,
    )


def _overlaps(insight: ExtractedInsight, taken: list[tuple[int, int]]) -> bool:
    return any(
        q.start is not None and q.end is not None and q.start < end and start < q.end
        for q in insight.quotes
        for start, end in taken
    )


def _words(texts: list[str]) -> set[str]:
    """Content terms ("please", "add" and other generic words weigh less and are left out)."""
    return {term for text in texts for term, weight in term_vector(text).items() if weight == 1.0}


def _stands_in(insight: ExtractedInsight, rejected: list[set[str]]) -> bool:
    """Says what a rejected insight misquoted: half of its quote's words are in this one's."""
    said = _words(insight.evidence)
    return any(words and len(words & said) * 2 >= len(words) for words in rejected)


def _to_extraction(
    answer: _Answer,
    text: str,
    fallback: Callable[[], Extraction],
    engine: str,
    profile: SignalType,
) -> Extraction:
    """The model's insights whose quotes are all verbatim spans of `text`. An insight with a
    quote that is not (paraphrased or invented) is rejected; the offline engine's
    (`fallback`) insight about the same words, on a passage no accepted insight quotes,
    stands in for it."""
    insights: list[ExtractedInsight] = []
    rejected: list[set[str]] = []
    for found in answer.insights:
        quotes = _verbatim(found.evidence, text)
        if quotes is None:
            rejected.append(_words([quote.text for quote in found.evidence]))
        else:
            insights.append(_insight(found, quotes, profile, engine))
    if rejected:
        taken = [(q.start, q.end) for i in insights for q in i.quotes if q.start is not None]
        insights += [
            i
            for i in fallback().insights
            if not _overlaps(i, taken) and _stands_in(i, rejected)  # type: ignore[arg-type]
        ]
    return Extraction(context=answer.context, insights=insights, engine=engine)


def extract_with_llm(
    config: LLMSettings, text: str, signal_type: str | None, additional_context: str | None
) -> Extraction | None:
    """The model's extraction, or None on any failure (the caller falls back)."""
    profile = resolve_signal_type(normalize(text), signal_type)
    engine = f"llm:{config.model}"
    try:
        content = _ask(config, normalize(text), profile, additional_context)
        answer = _Answer.model_validate(json.loads(_FENCE.sub("", content.strip())))
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError, ValidationError) as exc:
        log.warning("LLM extraction failed (%s), using the offline engine", type(exc).__name__)
        return None

    def offline() -> Extraction:
        return extract_offline(text, profile, additional_context)

    return _to_extraction(answer, text, offline, engine, profile)

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

import httpx
from pydantic import BaseModel, Field, ValidationError, field_validator

from zentrik_server.config import LLMSettings
from zentrik_server.vocabulary import SignalType

from .headline import MAX_LENGTH
from .profiles import PROFILES
from .result import Evidence, ExtractedInsight, Extraction, Kind, Severity
from .segment import resolve_signal_type
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


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


def _to_extraction(answer: _Answer, text: str, profile: SignalType, engine: str) -> Extraction:
    """Insights whose quotes are really in the text; invented quotes are dropped."""
    haystack = _squash(text)
    insights: list[ExtractedInsight] = []
    for found in answer.insights:
        quotes = [
            Evidence(quote.text, quote.speaker)
            for quote in found.evidence
            if _squash(quote.text) in haystack
        ]
        if not quotes:
            continue
        insights.append(
            ExtractedInsight(
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
        )
    return Extraction(context=answer.context, insights=insights, engine=engine)


def extract_with_llm(
    config: LLMSettings, text: str, signal_type: str | None, additional_context: str | None
) -> Extraction | None:
    """The model's extraction, or None on any failure (the caller falls back)."""
    text = normalize(text)
    profile = resolve_signal_type(text, signal_type)
    engine = f"llm:{config.model}"
    try:
        content = _ask(config, text, profile, additional_context)
        answer = _Answer.model_validate(json.loads(_FENCE.sub("", content.strip())))
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError, ValidationError) as exc:
        log.warning("LLM extraction failed (%s), using the offline engine", type(exc).__name__)
        return None
    return _to_extraction(answer, text, profile, engine)

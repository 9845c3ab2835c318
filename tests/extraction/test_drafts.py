"""Drafts that read like a PM wrote them (tests/extraction/drafts/): one finding one draft,
headlines a PM would publish, praise of what the product did, no drafts from small talk,
evidence whose offsets point at the quote, LLM quotes checked against the text, and the
signal type guessed from the text's shape."""

from __future__ import annotations

import json
import re
from itertools import islice
from pathlib import Path

import pytest

from zentrik_server.config import LLMSettings
from zentrik_server.extraction import ExtractedInsight, extract, guess_signal_type, llm
from zentrik_server.extraction.headline import headline

HERE = Path(__file__).parent
DRAFTS = HERE / "drafts"
ALL_TEXTS = sorted(
    path for folder in ("golden", "realistic", "drafts") for path in (HERE / folder).iterdir()
)
TRAINING = Path(llm.__file__).parent / "training"
LEAD_IN = re.compile(
    r"^(?:yeah|yes|so|and|but|well|honestly|if we could|if i could|to |can you|could you|"
    r"please|when|hi|hello)\b",
    re.IGNORECASE,
)
SPEAKER = re.compile(r"\b(?:i|i'm|i've|me|my|we|we're|us|our|you|your|they|them|their)\b", re.I)


def _insights(name: str, signal_type: str | None) -> list[ExtractedInsight]:
    return extract((DRAFTS / name).read_text(encoding="utf-8"), signal_type).insights


def _of_kind(insights: list[ExtractedInsight], kind: str) -> list[ExtractedInsight]:
    return [insight for insight in insights if insight.kind == kind]


def _quoted(insights: list[ExtractedInsight]) -> str:
    return " ".join(e for insight in insights for e in insight.evidence).lower()


def headline_problems(name: str) -> list[str]:
    """What a PM would have to fix in this headline before publishing it."""
    problems = []
    if len(name) > 90:
        problems.append("longer than 90 characters")
    if LEAD_IN.search(name):
        problems.append("opens on filler or a lead-in")
    if SPEAKER.search(name.replace("US", "")):
        problems.append("names the speaker")
    if name.endswith(("…", "...")):
        problems.append("trails off")
    if not (name[:1].isupper() or name[:1].isdigit()):
        problems.append("does not start with a capital")
    return problems


def test_an_interview_merges_one_bug_splits_two_asks_and_praises_what_the_product_did() -> None:
    insights = _insights("interview.txt", "transcript")
    assert len(insights) == 4, [(i.kind, i.name) for i in insights]
    (bug,) = _of_kind(insights, "bug")
    assert bug.severity == "high"
    assert "fails to load" in bug.name and bug.name.startswith("Weekly report")
    assert any("stays blank" in e for e in bug.evidence)
    asks = sorted(i.name for i in _of_kind(insights, "feature_request"))
    assert asks[0].startswith("Filter the report by region")
    assert asks[1].startswith("Send the weekly report straight to the Slack channel")
    (praise,) = _of_kind(insights, "praise")
    assert any("fraudulent refund" in e for e in praise.evidence)
    quoted = _quoted(insights)
    assert "hear you fine" not in quoted and "how long is this call" not in quoted


def test_a_ticket_gives_its_bug_and_its_request_and_no_escalation() -> None:
    insights = _insights("ticket.txt", "support_ticket")
    assert [i.kind for i in insights] == ["bug", "feature_request"]
    bug, request = insights
    assert bug.severity == "high" and bug.name.startswith("Payroll sync")
    assert request.name.startswith("Sync status page lists")
    assert "escalate" not in _quoted(insights)


def test_reviews_split_two_asks_and_praise_what_the_app_caught() -> None:
    insights = _insights("reviews.txt", "review")
    asks = sorted(i.name for i in _of_kind(insights, "feature_request"))
    assert len(asks) == 2 and asks[0] == "Dark mode"
    assert asks[1].startswith("Pin favourite recipes to the home screen")
    praise = _of_kind(insights, "praise")
    assert any(i.name.startswith("Best recipe app") for i in praise)
    assert any("flagged a mistake" in e for i in praise for e in i.evidence)
    assert not _of_kind(insights, "bug") and "thanks" not in _quoted(insights)


def test_a_reports_findings_make_present_tense_headlines_and_its_next_steps_nothing() -> None:
    insights = _insights("report.md", "discovery_report")
    top = insights[0]
    assert top.kind == "pain_point" and top.severity == "high"
    assert top.name.startswith("Shoppers abandon the cart") and "shipping costs" in top.name
    promo = next(i for i in insights if "promo code" in i.name)
    assert promo.name.startswith("Shoppers can't find") and promo.severity == "medium"
    assert any("payment form" in i.name for i in _of_kind(insights, "praise"))
    assert "wishlist" not in _quoted(insights) and "product page" not in _quoted(insights)


def test_small_talk_audio_checks_thanks_and_questions_to_the_interviewer_give_nothing() -> None:
    assert _insights("small_talk.txt", "transcript") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("interview.txt", "transcript"),
        ("ticket.txt", "support_ticket"),
        ("reviews.txt", "review"),
        ("report.md", "discovery_report"),
    ],
)
def test_the_signal_type_is_guessed_from_the_texts_shape(name: str, expected: str) -> None:
    text = (DRAFTS / name).read_text(encoding="utf-8")
    assert guess_signal_type(text) == expected
    guessed = [(i.kind, i.name) for i in extract(text, None).insights]
    assert guessed == [(i.kind, i.name) for i in extract(text, expected).insights]


def test_a_sign_off_greeting_or_error_code_makes_a_ticket() -> None:
    text = "Hello,\nSince Tuesday every upload fails with error 4012.\nThanks,\nBob"
    assert guess_signal_type(text) == "support_ticket"
    assert guess_signal_type("Crashes on launch.\nPlease add dark mode.") == "review"


@pytest.mark.parametrize("path", ALL_TEXTS, ids=[p.name for p in ALL_TEXTS])
def test_every_headline_and_quote_of_every_text_is_publishable(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for insight in extract(text, None).insights:
        assert headline_problems(insight.name) == [], insight.name
        for quote in insight.quotes:
            assert quote.start is not None and quote.end is not None, quote
            assert text[quote.start : quote.end] == quote.text
        assert insight.ai_suggestions()["evidence"][0]["start"] == insight.quotes[0].start


def _training_sentences(per_kind: int) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for path in sorted(TRAINING.glob("*.jsonl")):
        rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
        found.extend((row["text"], row["kind"]) for row in islice(rows, 0, None, 3))
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for text, kind in found:
        by_kind.setdefault(kind, []).append((text, kind))
    return [pair for pairs in by_kind.values() for pair in pairs[:per_kind]]


def test_headlines_of_hundreds_of_training_sentences_are_publishable() -> None:
    sentences = _training_sentences(per_kind=80)
    assert len(sentences) >= 300
    named = [(text, headline(text, kind)) for text, kind in sentences]
    bad = [(text, name, headline_problems(name)) for text, name in named if headline_problems(name)]
    assert not bad, f"{len(bad)} of {len(named)}: {bad[:10]}"


def test_an_llm_insight_quoting_words_not_in_the_text_falls_back_to_the_offline_engine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "The  sync crashes on every launch.\nPlease add a  dark mode."
    answer = {
        "context": "bug_report",
        "insights": [
            {
                "kind": "bug",
                "name": "Sync crashes on launch",
                "severity": "high",
                "evidence": [{"text": "The sync crashes on every launch."}],
            },
            {
                "kind": "feature_request",
                "name": "Dark mode option",
                "severity": "low",
                "evidence": [{"text": "Please add a dark mode option."}],
            },
        ],
    }
    monkeypatch.setattr(llm, "_ask", lambda *args: json.dumps(answer))
    config = LLMSettings(base_url="http://127.0.0.1:9/v1", model="fake")
    result = extract(text, "review", llm=config)
    assert [(i.name, i.engine) for i in result.insights] == [
        ("Sync crashes on launch", "llm:fake"),
        ("Dark mode", "offline"),
    ]
    for insight in result.insights:
        for quote in insight.quotes:
            assert quote.start is not None and text[quote.start : quote.end] == quote.text

"""The score suggestion grows with evidence, breadth, recency and severity."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from zentrik_ui.scoring import Evidence, evidence_from_records, suggest_score

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def ev(i: int, signal: str, severity: str | None = "high", age_days: int = 0) -> Evidence:
    return Evidence(f"i{i}", (signal,), severity, NOW - timedelta(days=age_days))


def test_no_evidence_suggests_zero() -> None:
    result = suggest_score([], NOW)
    assert (result.score, result.insights, result.signals, result.newest) == (0, 0, 0, None)


def test_more_signals_beat_the_same_insights_from_one_signal() -> None:
    one_source = suggest_score([ev(i, "s1") for i in range(5)], NOW)
    many_sources = suggest_score([ev(i, f"s{i}") for i in range(5)], NOW)
    assert many_sources.score > one_source.score
    assert (many_sources.insights, many_sources.signals) == (5, 5)


def test_old_and_mild_evidence_weighs_less() -> None:
    fresh = suggest_score([ev(1, "s1")], NOW)
    stale = suggest_score([ev(1, "s1", age_days=90)], NOW)
    mild = suggest_score([ev(1, "s1", severity="low")], NOW)
    assert fresh.score > stale.score
    assert fresh.score > mild.score
    assert stale.evidence == 0.12  # 1.0 x 0.5^(90/30)


def test_duplicates_count_once_and_score_stays_within_0_100() -> None:
    heavy = suggest_score([ev(i, f"s{i}") for i in range(200)] * 2, NOW)
    assert heavy.insights == 200
    assert 0 <= heavy.score <= 100
    assert heavy.score == 100


def test_only_published_insights_are_evidence() -> None:
    records = {
        "a": {"status": "published", "signal_ids": ["s1"], "severity": "low", "created_at": NOW},
        "b": {"status": "draft", "signal_ids": ["s2"], "severity": None, "created_at": NOW},
    }  # fmt: skip
    found = evidence_from_records(["a", "b", "missing", "a"], records)
    assert [(e.insight_id, e.severity) for e in found] == [("a", "low")]

"""Shape the loaders' frames into what each screen shows: pure pandas, no Streamlit.

Input frames have the columns of the `zentrik_ui.session` loaders (SIGNAL_COLUMNS,
INSIGHT_COLUMNS, ...), present even when a frame is empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from zentrik_ui.formatting import clean, escape_markdown, joined, plural
from zentrik_ui.kinds import kind_label, kind_order
from zentrik_ui.models import SignalStatus
from zentrik_ui.scoring import (
    ScoreSuggestion,
    contributions,
    evidence_from_records,
    suggest_score,
)

ACTIVE_SIGNAL_STATUSES = (SignalStatus.PENDING.value, SignalStatus.PROCESSING.value)

# ---------------------------------------------------------------- signals (Inbox)

SIGNAL_VIEW_COLUMNS = (
    "public_id", "name", "status", "signal_type", "created_at", "n_insights", "last_error", "id",
)  # fmt: skip


def signal_table(signals: pd.DataFrame) -> pd.DataFrame:
    """The live status table (newest first, as loaded)."""
    return signals.reindex(columns=list(SIGNAL_VIEW_COLUMNS)).reset_index(drop=True)


def has_active(signals: pd.DataFrame) -> bool:
    """Whether any signal is still pending or processing (the live view keeps polling)."""
    return bool(signals["status"].isin(ACTIVE_SIGNAL_STATUSES).any())


def settled_ids(signals: pd.DataFrame) -> set[str]:
    """Ids of the signals whose processing is over (processed or failed)."""
    return set(signals.loc[~signals["status"].isin(ACTIVE_SIGNAL_STATUSES), "id"])


def signal_refs(table: pd.DataFrame, rows: Iterable[int]) -> list[str]:
    """What to call the selected rows of `signal_table` by: the publicId, else the id."""
    public_ids, ids = table["public_id"].tolist(), table["id"].tolist()
    return [clean(public_ids[r]) or ids[r] for r in rows if r < len(table)]


def creation_note(signals: pd.DataFrame, ref: str) -> tuple[str, str] | None:
    """(level, markdown message) about a signal just created (`ref`: the publicId or id the
    server answered), as its processing goes: info while it runs, success or error once it
    settled; None if it is gone. The server's error text is escaped."""
    found = signals[(signals["public_id"] == ref) | (signals["id"] == ref)]
    if found.empty:
        return None
    signal = found.iloc[0]
    if signal["status"] in ACTIVE_SIGNAL_STATUSES:
        return "info", f"Created {ref}: it is being processed into draft insights."
    if signal["status"] == SignalStatus.FAILED.value:
        return (
            "error",
            f"{ref} could not be processed: {escape_markdown(clean(signal['last_error']))}",
        )
    found_insights = plural(int(signal["n_insights"]), "insight")
    return "success", f"{ref} is processed: {found_insights} found. Review the drafts in Triage."


def rows_seen(frame: pd.DataFrame) -> str:
    """Changes when rows come, go or change: part of a cached read's key, so that read is
    asked again once what it depends on moves."""
    return f"{len(frame)}:{frame['updated_at'].max()}"


def search_signals(table: pd.DataFrame, words: str, text_ids: set[str] | None) -> pd.DataFrame:
    """Rows of `signal_table` whose publicId or name contains `words` (any case), or whose id
    the server found `words` in the text of (`text_ids`; None where it cannot search text)."""
    needle = words.strip()
    if not needle:
        return table
    names = table["public_id"].fillna("") + "\n" + table["name"].fillna("")
    keep = names.str.contains(needle, case=False, regex=False) | table["id"].isin(text_ids or ())
    return table[keep.to_numpy(dtype=bool)].reset_index(drop=True)


def signal_insights(insights: pd.DataFrame, signal_id: str) -> pd.DataFrame:
    """The insights drawn from one signal: name, kind (with severity), type and status."""
    mine = insights.loc[np.array([signal_id in ids for ids in insights["signal_ids"]], bool)]
    return pd.DataFrame(
        {
            "name": mine["name"].array,
            "kind": [kind_label(k, s) for k, s in zip(mine["kind"], mine["severity"], strict=True)],
            "type": mine["type"].array,
            "status": mine["status"].array,
        }
    )


def signal_labels(signals: pd.DataFrame) -> dict[str, str]:
    """id → "SIGNAL-3 Interview — Maria", for pickers."""
    return {
        sid: f"{clean(public_id)} {clean(name)}".strip()
        for sid, public_id, name in zip(
            signals["id"], signals["public_id"], signals["name"], strict=True
        )
    }


def status_counts(frame: pd.DataFrame) -> dict[str, int]:
    return {str(k): int(v) for k, v in frame["status"].value_counts().items()}


# ---------------------------------------------------------------- insights (Triage)


def insight_table(insights: pd.DataFrame, signals: pd.DataFrame) -> pd.DataFrame:
    """Insights with where they came from: source signal names and the quoted evidence."""
    names = dict(zip(signals["id"], signals["name"], strict=True))
    public = dict(zip(signals["id"], signals["public_id"], strict=True))
    signal_ids = insights["signal_ids"].tolist()
    table = insights[
        ["id", "name", "description", "status", "type", "product_id", "kind", "severity"]
    ].reset_index(drop=True)
    # Plain list comprehensions: several times faster than Series.map(lambda) at 10k rows.
    table["kind_label"] = [
        kind_label(k, s) for k, s in zip(insights["kind"], insights["severity"], strict=True)
    ]
    table["tags"] = [joined(tags) for tags in insights["tag_ids"]]
    table["source"] = [joined(names.get(i, i) for i in ids) for ids in signal_ids]
    table["source_ids"] = [joined(public.get(i) or i for i in ids) for ids in signal_ids]
    table["signal_ids"] = signal_ids
    table["evidence"] = insights["evidence"].to_numpy()
    table["n_new_mentions"] = insights["n_new_mentions"].to_numpy()
    table["opportunities"] = insights["n_opportunities"].to_numpy()
    table["ideas"] = insights["n_ideas"].to_numpy()
    table["created_at"] = insights["created_at"].array
    return table


@dataclass(frozen=True)
class InsightFilter:
    status: str = "draft"
    types: Sequence[str] = ()
    products: Sequence[str] = ()
    signal_ids: Sequence[str] = ()
    search: str = ""


def filter_insights(table: pd.DataFrame, rules: InsightFilter) -> pd.DataFrame:
    keep = (table["status"] == rules.status).to_numpy(dtype=bool, copy=True)
    if rules.types:
        keep &= table["type"].isin(rules.types).to_numpy()
    if rules.products:
        keep &= table["product_id"].isin(rules.products).to_numpy()
    if rules.signal_ids:
        wanted = set(rules.signal_ids)
        keep &= np.array([bool(wanted.intersection(ids)) for ids in table["signal_ids"]], bool)
    if rules.search.strip():
        needle = rules.search.strip()
        haystack = table["name"].fillna("") + "\n" + table["description"].fillna("")
        haystack += "\n" + table["evidence"].fillna("")
        keep &= haystack.str.contains(needle, case=False, regex=False).to_numpy()
    if keep.all():
        return table  # nothing filtered out: no copy
    return table[keep].reset_index(drop=True)


def options(values: Iterable[Any], chosen: Iterable[str] = ()) -> list[str]:
    """Distinct non-empty values, sorted, for filter widgets; `chosen` (the widget's current
    value) stays among them, so a filter does not clear itself once its rows move away."""
    present = {str(v) for v in values if v is not None and not pd.isna(v) and str(v)}
    return sorted(present | set(chosen))


# ---------------------------------------------------------------- opportunities


def published_ids(insights: pd.DataFrame) -> list[str]:
    return insights.loc[insights["status"] == "published", "id"].tolist()


def insight_records(insights: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Published insights keyed by id with what scoring needs (only published ones count)."""
    published = insights[insights["status"] == "published"]
    created = published["created_at"].dt.to_pydatetime()
    return {
        row_id: {"status": "published", "signal_ids": ids, "severity": severity, "created_at": at}
        for row_id, ids, severity, at in zip(
            published["id"], published["signal_ids"], published["severity"], created, strict=True
        )
    }


EVIDENCE_COLUMNS = (
    "id", "name", "score", "suggested", "status", "published_insights", "signals",
    "linked_insights", "ideas", "product_id", "description",
)  # fmt: skip


def opportunity_evidence(
    opportunities: pd.DataFrame, insights: pd.DataFrame, now: datetime | None = None
) -> pd.DataFrame:
    """One row per opportunity: score, evidence counts and the suggested score."""
    now = now or datetime.now(UTC)
    records = insight_records(insights)
    suggestions = [
        suggest_score(evidence_from_records(ids, records), now)
        for ids in opportunities["insight_ids"]
    ]
    table = opportunities[["id", "name", "score", "status", "product_id", "description"]].copy()
    table["status"] = table["status"].fillna("discovery")
    table["suggested"] = pd.Series([s.score for s in suggestions], index=table.index, dtype="int64")
    table["published_insights"] = pd.Series(
        [s.insights for s in suggestions], index=table.index, dtype="int64"
    )
    table["signals"] = pd.Series([s.signals for s in suggestions], index=table.index, dtype="int64")
    table["linked_insights"] = opportunities["n_insights"]
    table["ideas"] = opportunities["n_ideas"]
    return table.reindex(columns=list(EVIDENCE_COLUMNS))


# Not "name"/"severity": those name the linked-insights table further down the same page.
EVIDENCE_BEHIND_COLUMNS = ("insight", "kind", "rated", "created_at", "recency", "weight")


def evidence_behind(
    insight_ids: Iterable[str], insights: pd.DataFrame, now: datetime, limit: int = 5
) -> tuple[ScoreSuggestion, pd.DataFrame]:
    """One opportunity's suggestion and the published insights that weigh most in its E:
    insight (name), kind, rated (severity), created_at, recency (0–1) and weight
    (severity weight × recency)."""
    evidence = evidence_from_records(insight_ids, insight_records(insights))
    parts = contributions(evidence, now)[:limit]
    by_id = insights.set_index("id")
    rows = [
        {
            "insight": clean(by_id.at[part.insight_id, "name"]) or "(unnamed)",
            "kind": kind_label(by_id.at[part.insight_id, "kind"]),
            "rated": clean(by_id.at[part.insight_id, "severity"]) or "unknown",
            "created_at": by_id.at[part.insight_id, "created_at"],
            "recency": round(part.recency, 2),
            "weight": round(part.weight, 2),
        }
        for part in parts
    ]
    return suggest_score(evidence, now), pd.DataFrame(rows, columns=list(EVIDENCE_BEHIND_COLUMNS))


def top_opportunities(evidence: pd.DataFrame, limit: int = 10) -> pd.DataFrame:
    """The opportunities the evidence backs most (suggested score, then your score); those
    with neither a score nor any evidence are left out."""
    ranked = evidence[evidence["score"].notna() | (evidence["suggested"] > 0)]
    return ranked.sort_values(["suggested", "score"], ascending=False).head(limit)


# ---------------------------------------------------------------- overview


def new_by_kind(insights: pd.DataFrame, now: datetime, days: int = 7) -> pd.DataFrame:
    """Per kind: insights created in the last `days` days and in the `days` before that
    (columns kind, recent, before), known kinds first; kinds with neither are left out."""
    created = insights["created_at"]
    recent = (created > now - timedelta(days=days)).to_numpy()
    before = ((created > now - timedelta(days=2 * days)) & ~recent).to_numpy()
    frame = pd.DataFrame(
        {"kind": [kind_label(k) for k in insights["kind"]], "recent": recent, "before": before}
    )
    counts = frame.groupby("kind")[["recent", "before"]].sum().astype("int64")
    counts = counts[(counts["recent"] > 0) | (counts["before"] > 0)]
    return counts.reindex(kind_order(counts.index.tolist())).reset_index()


def idea_table(ideas: pd.DataFrame, opportunities: pd.DataFrame) -> pd.DataFrame:
    """Ideas with `opportunities`: the names of the opportunities each one addresses."""
    names = dict(zip(opportunities["id"], opportunities["name"], strict=True))
    return ideas.assign(
        opportunities=[
            joined((clean(names[i]) or "(unnamed)") if i in names else i for i in ids)
            for ids in ideas["opportunity_ids"]
        ]
    )


def labels_by_id(frame: pd.DataFrame) -> dict[str, str]:
    """id → name for pickers, with a short id suffix so equal names stay distinguishable."""
    return {
        str(row_id): f"{name or '(unnamed)'} · {str(row_id)[:8]}"
        for row_id, name in zip(frame["id"], frame["name"], strict=True)
    }


def union(existing: Iterable[str], added: Iterable[str]) -> list[str]:
    """Existing ids followed by the new ones, each once (a link list to PATCH)."""
    return list(dict.fromkeys([*existing, *added]))

"""Chart builders: plain data in, a plotly Figure out. No Streamlit, no I/O.

Each builder takes the snake_case frames the loaders return (or a frame built from them in
`zentrik_ui.views`) and, when there is nothing to draw, still returns a titled figure with
labelled axes and a note saying what would fill it.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from zentrik_ui.kinds import kind_label, kind_order
from zentrik_ui.models import IdeaStatus, InsightStatus, OpportunityStatus

IDEA_STAGES: tuple[str, ...] = tuple(IdeaStatus)
OPPORTUNITY_STATUSES: tuple[str, ...] = tuple(OpportunityStatus)
INSIGHT_STATUSES: tuple[str, ...] = tuple(InsightStatus)
_HEIGHT = 380


def _empty(title: str, x_title: str, y_title: str, note: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        title=title,
        xaxis={"title": x_title, "showticklabels": False, "zeroline": False},
        yaxis={"title": y_title, "showticklabels": False, "zeroline": False},
        height=_HEIGHT,
        annotations=[
            {"text": note, "showarrow": False, "xref": "paper", "yref": "paper",
             "x": 0.5, "y": 0.5, "font": {"size": 14}}
        ],
    )  # fmt: skip
    return fig


def _whole_numbers(fig: go.Figure, axis: str, largest: float) -> None:
    """Counts are whole: no 0.2-steps on a small axis."""
    if largest <= 10:
        fig.update_layout({f"{axis}axis": {"dtick": 1, "tick0": 0, "rangemode": "tozero"}})


def _ordered(values: pd.Series, known: tuple[str, ...]) -> list[str]:
    """Known categories in their natural order, then any others the server sent."""
    present = [str(v) for v in values.dropna().unique()]
    return [k for k in known if k in present] + sorted(set(present) - set(known))


def opportunity_evidence_scatter(evidence: pd.DataFrame) -> go.Figure:
    """Score against linked published insights; bubble size = linked ideas.

    `evidence` has columns name, score, status, published_insights, ideas (see
    `views.opportunity_evidence`)."""
    title = "Score vs. evidence"
    x_title, y_title = "Linked published insights", "Score"
    scored = evidence.dropna(subset=["score"]) if not evidence.empty else evidence
    if scored.empty:
        return _empty(title, x_title, y_title, "No scored opportunities yet")
    plotted = scored.assign(bubble=scored["ideas"] + 1)
    fig = px.scatter(
        plotted,
        x="published_insights",
        y="score",
        size="bubble",
        color="status",
        hover_name="name",
        hover_data={"bubble": False, "ideas": True, "published_insights": True, "score": True},
        labels={
            "published_insights": x_title,
            "score": y_title,
            "ideas": "Linked ideas",
            "status": "Status",
        },
        title=f"{title} (bubble size = linked ideas)",
        category_orders={"status": _ordered(plotted["status"], OPPORTUNITY_STATUSES)},
        size_max=40,
    )
    # Room around the edges for a whole bubble: one at 0 insights (or a score of 0 or 100)
    # would otherwise be cut in half by the axis.
    largest = plotted["published_insights"].max()
    pad = max(0.5, largest * 0.08)
    fig.update_xaxes(range=[-pad, largest + pad])
    fig.update_yaxes(range=[-10, 110])
    _whole_numbers(fig, "x", largest)
    fig.update_layout(height=_HEIGHT)
    return fig


def opportunity_ranking(evidence: pd.DataFrame, top: int = 15) -> go.Figure:
    title, x_title, y_title = "Top opportunities by score", "Score", "Opportunity"
    scored = evidence.dropna(subset=["score"]) if not evidence.empty else evidence
    if scored.empty:
        return _empty(title, x_title, y_title, "No scored opportunities yet")
    ranked = scored.nlargest(top, "score").iloc[::-1]  # highest at the top of the bars
    # Bars sit on a category axis: two opportunities with one name must not share a bar.
    repeated = ranked["name"].duplicated(keep=False)
    labels = ranked["name"].where(~repeated, ranked["name"] + " · " + ranked["id"].str[:6])
    ranked = ranked.assign(label=labels)
    fig = px.bar(
        ranked,
        x="score",
        y="label",
        orientation="h",
        color="status",
        labels={"score": x_title, "label": y_title, "status": "Status"},
        title=title,
        hover_data={"published_insights": True, "ideas": True},
        category_orders={"status": _ordered(ranked["status"], OPPORTUNITY_STATUSES)},
    )
    fig.update_xaxes(range=[0, 100])
    # One trace per status: without an explicit order plotly stacks the categories trace by
    # trace, grouping bars by status instead of ranking them by score.
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=list(ranked["label"]))
    fig.update_layout(height=max(_HEIGHT, 28 * len(ranked) + 120))
    return fig


def counts_by_status(
    frame: pd.DataFrame, title: str, known: tuple[str, ...] = OPPORTUNITY_STATUSES
) -> go.Figure:
    if frame.empty:
        return _empty(title, "Status", "Count", "Nothing here yet")
    order = _ordered(frame["status"], known)
    counts = frame["status"].value_counts().reindex(order, fill_value=0)
    fig = px.bar(
        x=counts.index,
        y=counts.values,
        labels={"x": "Status", "y": "Count"},
        title=title,
        text=counts.values,
    )
    _whole_numbers(fig, "y", counts.max())
    fig.update_layout(height=_HEIGHT)
    return fig


def idea_funnel(ideas: pd.DataFrame) -> go.Figure:
    """Ideas per stage, evaluating → released; archived ideas are counted but last."""
    title = "Ideas by stage"
    if ideas.empty:
        return _empty(title, "Ideas", "Stage", "No ideas yet")
    order = _ordered(ideas["status"], IDEA_STAGES)
    counts = ideas["status"].value_counts().reindex(order, fill_value=0)
    # Bars from a zero baseline on a counted axis, so their lengths compare as the counts do
    # (a funnel centres its bars and hides the axis that says how long they are).
    fig = px.bar(
        x=counts.values,
        y=counts.index,
        orientation="h",
        text=counts.values,
        labels={"x": "Ideas", "y": "Stage"},
        title=title,
    )
    # The first stage on top.
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1])
    fig.update_xaxes(rangemode="tozero")
    _whole_numbers(fig, "x", counts.max())
    fig.update_layout(height=_HEIGHT)
    return fig


def signals_over_time(signals: pd.DataFrame) -> go.Figure:
    """Signals per day (per week past 90 days of history), stacked by signal type."""
    title, x_title, y_title = "Signals over time", "Created", "Signals"
    if signals.empty:
        return _empty(title, x_title, y_title, "No signals yet — add some in the Inbox")
    created = pd.to_datetime(signals["created_at"], utc=True)
    span_days = (created.max() - created.min()).days
    freq, unit, step = ("W", "week", 7) if span_days > 90 else ("D", "day", 1)
    bucketed = pd.DataFrame(
        {
            "period": created.dt.tz_convert(None).dt.to_period(freq).dt.start_time,
            "type": signals["signal_type"].fillna("other (raw)").astype(str),
        }
    )
    counts = bucketed.groupby(["period", "type"]).size().reset_index(name="signals")
    fig = px.bar(
        counts,
        x="period",
        y="signals",
        color="type",
        labels={"period": f"{x_title} ({unit})", "signals": y_title, "type": "Signal type"},
        title=f"{title} (per {unit}, by type)",
    )
    # A date axis with at least a week either side, so one day of data is not stretched
    # into sub-second ticks.
    first, last = counts["period"].min(), counts["period"].max()
    pad = pd.Timedelta(days=max(step, (7 - span_days) // 2 + step))
    fig.update_xaxes(type="date", tickformat="%b %d", range=[first - pad, last + pad])
    _whole_numbers(fig, "y", counts.groupby("period")["signals"].sum().max())
    fig.update_layout(height=_HEIGHT, barmode="stack")
    return fig


def insights_by_status_and_type(insights: pd.DataFrame) -> go.Figure:
    title = "Insights by status and type"
    if insights.empty:
        return _empty(title, "Status", "Insights", "No insights yet")
    frame = pd.DataFrame(
        {
            "status": insights["status"].astype(str),
            "type": insights["type"].fillna("unset").astype(str),
        }
    )
    counts = frame.groupby(["status", "type"]).size().reset_index(name="insights")
    fig = px.bar(
        counts,
        x="status",
        y="insights",
        color="type",
        barmode="group",
        labels={"status": "Status", "insights": "Insights", "type": "Insight type"},
        title=title,
        category_orders={"status": _ordered(frame["status"], INSIGHT_STATUSES)},
    )
    _whole_numbers(fig, "y", counts["insights"].max())
    fig.update_layout(height=_HEIGHT)
    return fig


def _kinds(insights: pd.DataFrame) -> pd.Series:
    return pd.Series([kind_label(k) for k in insights["kind"]], index=insights.index, dtype=str)


def insights_by_kind(insights: pd.DataFrame) -> go.Figure:
    """How many bugs, pain points, requests, praise…: one bar per kind, split by status."""
    title, x_title, y_title = "Insights by kind", "Insights", "Kind"
    if insights.empty:
        return _empty(title, x_title, y_title, "No insights yet — add signals in the Inbox")
    frame = pd.DataFrame({"kind": _kinds(insights), "status": insights["status"].astype(str)})
    counts = frame.groupby(["kind", "status"]).size().reset_index(name="insights")
    order = kind_order(counts["kind"].unique().tolist())
    fig = px.bar(
        counts,
        x="insights",
        y="kind",
        color="status",
        orientation="h",
        text="insights",
        labels={"insights": x_title, "kind": y_title, "status": "Status"},
        title=f"{title} (by status)",
        category_orders={"status": _ordered(frame["status"], INSIGHT_STATUSES)},
    )
    # The first kind (bugs) on top.
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order[::-1])
    fig.update_xaxes(rangemode="tozero")
    _whole_numbers(fig, "x", frame["kind"].value_counts().max())
    fig.update_layout(height=_HEIGHT, barmode="stack")
    return fig


def insights_per_week(insights: pd.DataFrame, today: date, weeks: int = 8) -> go.Figure:
    """New insights in each of the last `weeks` weeks up to `today`'s (Monday to Sunday, UTC),
    stacked by kind; weeks without any are drawn empty so the gaps show."""
    title, x_title, y_title = "New insights per week", "Week of", "Insights"
    # Periods ending on Sunday start on Monday.
    this_week = pd.Timestamp(today).to_period("W-SUN").start_time
    starts = pd.date_range(end=this_week, periods=weeks, freq="7D")
    if insights.empty:
        return _empty(title, x_title, y_title, "No insights yet")
    created = pd.to_datetime(insights["created_at"], utc=True).dt.tz_convert(None)
    week = created.dt.to_period("W-SUN").dt.start_time
    frame = pd.DataFrame({"week": week, "kind": _kinds(insights)})
    frame = frame[frame["week"] >= starts[0]]
    counts = frame.groupby(["week", "kind"]).size().reset_index(name="insights")
    labels = [f"{start:%b} {start.day}" for start in starts]
    counts["label"] = [f"{w:%b} {w.day}" for w in counts["week"]]
    fig = px.bar(
        counts,
        x="label",
        y="insights",
        color="kind",
        labels={"label": x_title, "insights": y_title, "kind": "Kind"},
        title=f"{title} (last {weeks} weeks, by kind)",
        category_orders={"kind": kind_order(counts["kind"].unique().tolist())},
    )
    # Every week on the axis, oldest first, even one without insights.
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=labels, range=[-0.5, weeks - 0.5]
    )
    per_week = counts.groupby("week")["insights"].sum()
    _whole_numbers(fig, "y", per_week.max() if len(per_week) else 0)
    fig.update_layout(height=_HEIGHT, barmode="stack")
    return fig


def theme_trend(weekly: pd.DataFrame) -> go.Figure:
    """Mentions per week of each theme, a line each; `weekly` as `themes.weekly_mentions`."""
    title, x_title, y_title = "Theme mentions per week", "Week of", "Mentions"
    if weekly.empty:
        return _empty(title, x_title, y_title, "No themes yet: they need two similar insights")
    weeks = weekly["week"].nunique()
    fig = px.line(
        weekly.assign(label=[f"{w:%b} {w.day}" for w in weekly["week"]]),
        x="label",
        y="mentions",
        color="theme",
        markers=True,
        labels={"label": x_title, "mentions": y_title, "theme": "Theme"},
        title=f"{title} (last {weeks} weeks)",
    )
    fig.update_xaxes(type="category")
    _whole_numbers(fig, "y", weekly["mentions"].max())
    fig.update_layout(height=_HEIGHT)
    return fig

"""Every chart draws data, and says what is missing when there is none."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd

from zentrik_ui import charts

EVIDENCE = pd.DataFrame(
    {
        "id": ["o1-aaaaaa", "o2-bbbbbb", "o3-cccccc"],
        "name": ["Exports", "Billing", "Onboarding"],
        "score": [80.0, 40.0, None],
        "status": ["validated", "discovery", "discovery"],
        "published_insights": [5, 1, 0],
        "ideas": [2, 0, 0],
    }
)
EMPTY_EVIDENCE = EVIDENCE.iloc[0:0]


def annotation(fig) -> str:
    return fig.layout.annotations[0].text


def test_scatter_plots_scored_opportunities_with_idea_bubbles() -> None:
    fig = charts.opportunity_evidence_scatter(EVIDENCE)
    names = [n for trace in fig.data for n in trace.hovertext]
    assert sorted(names) == ["Billing", "Exports"]
    assert "bubble size = linked ideas" in fig.layout.title.text
    assert fig.layout.xaxis.title.text == "Linked published insights"


def test_ranking_puts_the_highest_score_on_top() -> None:
    fig = charts.opportunity_ranking(EVIDENCE)
    ys = [y for trace in fig.data for y in trace.y]
    assert set(ys) == {"Exports", "Billing"}


def test_ranking_keeps_apart_opportunities_with_one_name() -> None:
    twins = EVIDENCE.assign(name=["Exports", "Exports", "Other"])
    ys = {y for trace in charts.opportunity_ranking(twins).data for y in trace.y}
    assert ys == {"Exports · o1-aaa", "Exports · o2-bbb"}


def test_status_counts_follow_the_natural_order() -> None:
    fig = charts.counts_by_status(EVIDENCE, "Opportunities by status")
    assert list(fig.data[0].x) == ["discovery", "validated"]
    assert list(fig.data[0].y) == [2, 1]


def test_idea_funnel_orders_stages() -> None:
    ideas = pd.DataFrame({"status": ["released", "evaluating", "evaluating", "weird"]})
    fig = charts.idea_funnel(ideas)
    assert list(fig.data[0].y) == ["evaluating", "released", "weird"]
    assert list(fig.data[0].x) == [2, 1, 1]


def test_signals_over_time_stacks_types_per_day() -> None:
    now = datetime(2025, 3, 11, tzinfo=UTC)
    signals = pd.DataFrame(
        {
            "created_at": [now, now, now + timedelta(days=1)],
            "signal_type": ["review", "transcript", None],
        }
    )
    fig = charts.signals_over_time(signals)
    assert {trace.name for trace in fig.data} == {"review", "transcript", "other (raw)"}
    assert "per day" in fig.layout.title.text


def test_insights_by_status_and_type() -> None:
    insights = pd.DataFrame({"status": ["draft", "published", "draft"],
                             "type": ["feedback", "feedback", None]})  # fmt: skip
    fig = charts.insights_by_status_and_type(insights)
    assert {trace.name for trace in fig.data} == {"feedback", "unset"}


def test_every_chart_is_labelled_when_empty() -> None:
    empty_signals = pd.DataFrame(columns=["created_at", "signal_type"])
    figures = [
        charts.opportunity_evidence_scatter(EMPTY_EVIDENCE),
        charts.opportunity_ranking(EMPTY_EVIDENCE),
        charts.counts_by_status(EMPTY_EVIDENCE, "Opportunities by status"),
        charts.idea_funnel(pd.DataFrame(columns=["status"])),
        charts.signals_over_time(empty_signals),
        charts.insights_by_status_and_type(pd.DataFrame(columns=["status", "type"])),
    ]
    for fig in figures:
        assert fig.layout.title.text
        assert fig.layout.xaxis.title.text
        assert annotation(fig)


def bars_top_down(fig) -> list[str]:
    """The y categories as plotly stacks them on screen, top first."""
    axis = fig.layout.yaxis
    if axis.categoryorder == "array":
        bottom_up = list(axis.categoryarray)
    else:  # plotly's default: categories in the order the traces first mention them
        bottom_up = list(dict.fromkeys(y for trace in fig.data for y in trace.y))
    return bottom_up[::-1]


def test_ranking_orders_bars_by_score_across_statuses() -> None:
    evidence = pd.DataFrame(
        {
            "id": ["o1", "o2", "o3", "o4"],
            "name": ["Exports", "Approvals", "Search", "Onboarding"],
            "score": [80.0, 70.0, 60.0, 20.0],
            "status": ["discovery", "validated", "discovery", "validated"],
            "published_insights": [3, 2, 1, 0],
            "ideas": [1, 0, 0, 0],
        }
    )
    fig = charts.opportunity_ranking(evidence)
    assert bars_top_down(fig) == ["Exports", "Approvals", "Search", "Onboarding"]
    colour = {y: trace.name for trace in fig.data for y in trace.y}
    assert colour == {"Exports": "discovery", "Approvals": "validated",
                      "Search": "discovery", "Onboarding": "validated"}  # fmt: skip


def test_scatter_leaves_room_for_a_whole_bubble_at_zero_evidence() -> None:
    fig = charts.opportunity_evidence_scatter(EVIDENCE)
    low, high = fig.layout.xaxis.range
    assert low <= -0.5 and high >= 5.5  # half a unit either side of 0 and the largest (5)
    bottom, top = fig.layout.yaxis.range
    assert bottom <= -10 and top >= 110


def test_idea_bars_are_as_long_as_their_counts() -> None:
    ideas = pd.DataFrame({"status": ["evaluating"] * 3 + ["backlog", "released"]})
    fig = charts.idea_funnel(ideas)
    (bars,) = fig.data
    assert (bars.type, bars.orientation, bars.base) == ("bar", "h", None)  # from zero
    assert dict(zip(bars.y, bars.x, strict=True)) == {"backlog": 1, "evaluating": 3,
                                                     "released": 1}  # fmt: skip
    assert fig.layout.xaxis.rangemode == "tozero" and fig.layout.xaxis.showticklabels is not False
    assert bars_top_down(fig) == ["evaluating", "backlog", "released"]  # stage order

"""Overview: where the evidence and the scores stand, at a glance."""

from datetime import UTC, datetime

import streamlit as st

from zentrik_ui import memo, views
from zentrik_ui.formatting import escape_markdown
from zentrik_ui.linking import link_insights
from zentrik_ui.session import load_ideas, load_insights, load_opportunities, load_signals
from zentrik_ui.tables import (
    badge_column,
    count_column,
    score_column,
    text_column,
    when_column,
    with_badges,
)
from zentrik_ui.widgets import download_csv, load, require_client, show_flash, write_and_rerun

TOP_THEMES = 8
conn, client = require_client()
st.title("Overview")
show_flash()

signals = load(load_signals, conn)
insights = load(load_insights, conn)
opportunities = load(load_opportunities, conn)
ideas = load(load_ideas, conn)
insight_counts = views.status_counts(insights)
drafts = insight_counts.get("draft", 0)

m1, m2, m3, m4, m5 = st.columns(5)
m1.metric("Signals", len(signals))
m2.metric("Drafts awaiting triage", drafts)
m3.metric("Published insights", insight_counts.get("published", 0))
m4.metric("Opportunities", len(opportunities))
m5.metric("Ideas", len(ideas))

if signals.empty and insights.empty and opportunities.empty:
    st.info(
        "This workspace is empty. Add signals in the Inbox, or load the sample workspace from "
        "Settings to see every screen with realistic data.",
        icon=":material/info:",
    )
    st.page_link("pages/settings.py", label="Open Settings", icon=":material/settings:")
elif drafts:
    st.page_link(
        "pages/triage.py",
        label=f"Triage {drafts} draft insight(s)",
        icon=":material/fact_check:",
    )

now = datetime.now(UTC)
st.subheader("What changed this week")
changes = views.new_by_kind(insights, now)
if changes.empty:
    st.caption("No new insights in the last two weeks.")
else:
    st.caption("New insights in the last 7 days, compared with the 7 days before.")
    for column, change in zip(st.columns(len(changes)), changes.itertuples(), strict=True):
        column.metric(change.kind, change.recent, delta=change.recent - change.before)

left, right = st.columns(2)
left.plotly_chart(memo.insights_by_kind(insights), key="ov_kinds")
right.plotly_chart(memo.insights_per_week(insights, now.date()), key="ov_weeks")

st.subheader("Themes")
found = memo.themes_of(insights)
if found.empty:
    st.caption("No themes yet: a theme is two or more insights about the same subject.")
else:
    top = found.head(TOP_THEMES)
    st.caption(
        f"The {len(top)} most mentioned of {len(found)} themes: insights grouped by the words "
        "their names and quotes share. Mentions are quotes; the chart counts each signal in "
        "the week it occurred."
    )
    st.dataframe(
        top,
        hide_index=True,
        column_order=("theme", "insights", "mentions", "signals"),
        column_config={
            "theme": text_column("Theme", 280, pinned=True),
            "insights": count_column("Insights"),
            "mentions": count_column("Mentions", help="Evidence quotes"),
            "signals": count_column("Signals", help="Distinct source signals"),
        },
        key="ov_themes",
    )
    st.plotly_chart(memo.theme_trend(top, insights, signals, now.date()), key="ov_theme_trend")
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    theme = left.selectbox("Theme", top["theme"], key="ov_theme")
    ids = top.loc[top["theme"] == theme, "insight_ids"].iloc[0]
    if right.button("Make it an opportunity", icon=":material/lightbulb:"):
        write_and_rerun(
            conn,
            "opportunities.create",
            lambda: link_insights(client, "New opportunity", ids, new_name=theme),
            lambda name: (
                f"Opportunity “{escape_markdown(name)}” created, {len(ids)} insights linked."
            ),
        )

st.subheader("Top opportunities by suggested score")
top = views.top_opportunities(memo.opportunity_evidence(opportunities, insights))
if top.empty:
    st.caption("No opportunities with a score or linked evidence yet.")
else:
    st.dataframe(
        with_badges(top, "status"),
        hide_index=True,
        column_order=("name", "suggested", "score", "status", "published_insights", "signals"),
        column_config={
            "name": text_column("Opportunity", 280, pinned=True),
            "suggested": score_column("Suggested", help="From the linked published evidence"),
            "score": score_column("Your score"),
            "status": badge_column("Status", top["status"]),
            "published_insights": count_column("Published", help="Linked published insights"),
            "signals": count_column("Signals", help="Distinct source signals of those insights"),
        },
        key="ov_top",
    )
    download_csv(top, "top-opportunities.csv", key="ov_top_csv")

st.subheader("Drafts awaiting triage")
drafts_frame = insights[insights["status"] == "draft"].head(10)
if drafts_frame.empty:
    st.caption("No drafts waiting.")
else:
    newest = views.insight_table(drafts_frame, signals)
    st.dataframe(
        newest,
        hide_index=True,
        column_order=("name", "type", "severity", "source", "created_at"),
        column_config={
            "name": text_column("Newest drafts", "large"),
            "type": text_column("Type", 125),
            "severity": text_column("Severity", "small"),
            "source": text_column("Source signal", "medium"),
            "created_at": when_column(),
        },
        key="ov_drafts",
    )
    st.caption(f"Showing the newest {len(newest)} of {drafts}. Review them all in Triage.")
    download_csv(newest.drop(columns=["signal_ids"]), "newest-drafts.csv", key="ov_drafts_csv")

signals_tab, status_tab = st.tabs(["Signals over time", "Insights by status and type"])
signals_tab.plotly_chart(memo.signals_over_time(signals), key="ov_signals")
status_tab.plotly_chart(memo.insights_by_status_and_type(insights), key="ov_insights")

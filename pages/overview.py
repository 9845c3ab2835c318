"""Overview: where the evidence and the scores stand, at a glance."""

import streamlit as st

from zentrik_ui import memo, views
from zentrik_ui.session import load_ideas, load_insights, load_opportunities, load_signals
from zentrik_ui.tables import badge_column, score_column, text_column, when_column, with_badges
from zentrik_ui.widgets import download_csv, load, require_connection

conn = require_connection()
st.title("Overview")

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

left, right = st.columns(2)
left.plotly_chart(memo.signals_over_time(signals), key="ov_signals")
right.plotly_chart(memo.insights_by_status_and_type(insights), key="ov_insights")

st.subheader("Top opportunities")
top = views.top_opportunities(memo.opportunity_evidence(opportunities, insights))
if top.empty:
    st.caption("No scored opportunities yet.")
else:
    st.dataframe(
        with_badges(top, "status"),
        hide_index=True,
        column_order=("name", "score", "suggested", "status", "published_insights", "signals"),
        column_config={
            "name": text_column("Opportunity", "large"),
            "score": score_column("Score"),
            "suggested": score_column("Suggested"),
            "status": badge_column("Status", top["status"]),
            "published_insights": st.column_config.NumberColumn("Published insights"),
            "signals": st.column_config.NumberColumn("Source signals"),
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
            "type": text_column("Type", "small"),
            "severity": text_column("Severity", "small"),
            "source": text_column("Source signal", "medium"),
            "created_at": when_column(),
        },
        key="ov_drafts",
    )
    st.caption(f"Showing the newest {len(newest)} of {drafts}. Review them all in Triage.")
    download_csv(newest.drop(columns=["signal_ids"]), "newest-drafts.csv", key="ov_drafts_csv")

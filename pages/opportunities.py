"""Opportunities: problems worth solving, their evidence, scores and linked ideas."""

from datetime import UTC, datetime

import streamlit as st

from zentrik_ui import editing, memo, views
from zentrik_ui.formatting import clean, escape_markdown, index_of, plural
from zentrik_ui.linking import set_links
from zentrik_ui.models import InsightStatus, OpportunityStatus
from zentrik_ui.scoring import FORMULA
from zentrik_ui.session import load_ideas, load_insights, load_opportunities, load_signals
from zentrik_ui.tables import (
    badge_column,
    count_column,
    score_column,
    text_column,
    when_column,
    with_badges,
)
from zentrik_ui.widgets import (
    confirm_delete,
    download_csv,
    link_select,
    load,
    require_client,
    selected_ids,
    show_flash,
    table_key,
    write_and_rerun,
)

conn, client = require_client()
st.title("Opportunities")
st.caption(
    "Problems worth solving, scored 0–100. Back each one with published insights; the "
    "suggested score shows how strong that evidence is."
)
show_flash()

opportunities = load(load_opportunities, conn)
insights = load(load_insights, conn)
ideas = load(load_ideas, conn)
evidence = memo.opportunity_evidence(opportunities, insights)

scatter_tab, ranking_tab, status_tab = st.tabs(["Score vs. evidence", "Ranking", "By status"])
scatter_tab.plotly_chart(memo.opportunity_evidence_scatter(evidence), key="opp_scatter")
ranking_tab.plotly_chart(memo.opportunity_ranking(evidence), key="opp_ranking")
status_tab.plotly_chart(
    memo.counts_by_status(evidence, "Opportunities by status"), key="opp_status"
)

with (
    st.expander("New opportunity", icon=":material/add:"),
    st.form("new_opportunity", clear_on_submit=True),
):
    name = st.text_input("Name *")
    description = st.text_area("Problem statement", height=90)
    left, middle, right = st.columns(3)
    score = left.number_input("Score (0–100)", 0, 100, value=None, step=1)
    status = middle.selectbox("Status", list(OpportunityStatus))
    product = right.text_input("Product id")
    if st.form_submit_button("Create opportunity", type="primary"):
        if not name.strip():
            st.error("Give the opportunity a name.")
        else:
            write_and_rerun(
                conn,
                "opportunities.create",
                lambda: client.opportunities.create(
                    name=name.strip(),
                    description=description or None,
                    score=score,
                    status=status,
                    product_id=product.strip() or None,
                ),
                lambda created: (
                    f"Created opportunity “{escape_markdown(created.name or name.strip())}”."
                ),
            )

if evidence.empty:
    st.info(
        "No opportunities yet. Create one above, or select insights in Triage and link them "
        "to a new opportunity.",
        icon=":material/info:",
    )
    st.stop()

st.dataframe(
    with_badges(evidence, "status"),
    hide_index=True,
    key=table_key("opp_table"),
    on_select="rerun",
    selection_mode="single-row",
    column_order=(
        "name",
        "score",
        "suggested",
        "status",
        "published_insights",
        "signals",
        "linked_insights",
        "ideas",
        "product_id",
    ),
    column_config={
        "name": text_column("Opportunity", 280, pinned=True),
        "score": score_column("Score"),
        "suggested": score_column("Suggested", help="Evidence-based suggestion; see the formula"),
        "status": badge_column("Status", list(OpportunityStatus)),
        "published_insights": count_column("Published", help="Linked published insights"),
        "signals": count_column("Signals", help="Distinct source signals of those insights"),
        "linked_insights": count_column("Linked", help="All linked insights, drafts included"),
        "ideas": count_column("Ideas"),
        "product_id": text_column("Product", "small"),
    },
)
download_csv(evidence, "opportunities.csv", key="opp_csv")

chosen = selected_ids(evidence, table_key("opp_table"))
if not chosen:
    st.caption("Select an opportunity to edit it, see its evidence and its score suggestion.")
    st.stop()

opp_id = chosen[0]
row = evidence[evidence["id"] == opp_id].iloc[0]
source = opportunities[opportunities["id"] == opp_id].iloc[0]
st.subheader("Selected opportunity")
st.text(row["name"])

score_key = f"opp_score:{opp_id}"
current = None if row["score"] != row["score"] else int(row["score"])  # NaN → no score
suggest_col, formula_col = st.columns([1, 2])
with suggest_col:
    st.metric(
        "Suggested score",
        int(row["suggested"]),
        delta=None if current is None else int(row["suggested"]) - current,
        delta_color="off",
        help="Compared with your current score",
    )
    st.caption(
        f"From {plural(int(row['published_insights']), 'published insight')} out of "
        f"{plural(int(row['signals']), 'signal')}. Your score: "
        f"{'not set' if current is None else current}."
    )
    if st.button("Use suggested score", help="Copies it into the form; nothing is saved yet"):
        st.session_state[score_key] = int(row["suggested"])
with (
    formula_col,
    st.expander("How the suggestion is computed", expanded=True, icon=":material/functions:"),
):
    suggestion, behind = views.evidence_behind(source["insight_ids"], insights, datetime.now(UTC))
    st.markdown(suggestion.worked())
    if behind.empty:
        st.caption("No published insight is linked yet, so E and S are 0: link some below.")
    else:
        st.dataframe(
            behind,
            hide_index=True,
            # Narrow enough to show every column beside the suggestion at 1400 px.
            column_order=("insight", "weight", "kind", "rated", "recency"),
            column_config={
                "insight": text_column("Evidence behind E (largest first)", 260, pinned=True),
                "weight": st.column_config.NumberColumn(
                    "Adds to E", format="%.2f", width=75, help="severity × recency"
                ),
                "kind": text_column("Kind", 115),
                "rated": text_column("Severity", 70),
                "recency": st.column_config.NumberColumn(
                    "Recency", format="%.2f", width=70, help="Halves every 30 days"
                ),
            },
            key="opp_behind",
        )
    st.markdown(FORMULA)

form = load(lambda _: editing.opened(client.opportunities, opp_id), conn)
opportunity = form.item
score_from = f"{score_key}:reopened"  # the score box holds the opened version's score
if st.session_state.get(score_from) != form.reopened:
    st.session_state[score_key] = None if opportunity.score is None else int(opportunity.score)
    st.session_state[score_from] = form.reopened
with st.form(form.form_key("edit_opportunity")):
    name = st.text_input("Name", value=clean(opportunity.name))
    description = st.text_area("Problem statement", value=clean(opportunity.description), height=90)
    left, middle, right = st.columns(3)
    score = left.number_input("Your score (0–100)", 0, 100, step=1, key=score_key)
    statuses = list(OpportunityStatus)
    status = middle.selectbox("Status", statuses, index=index_of(statuses, opportunity.status) or 0)
    product = right.text_input("Product id", value=clean(opportunity.product_id))
    if st.form_submit_button("Save changes", type="primary"):
        if not name.strip():
            st.error("The name cannot be empty.")
        else:
            editing.save(
                conn,
                client.opportunities,
                "opportunity",
                {
                    "name": name.strip(),
                    "description": description,
                    "score": score,
                    "status": status,
                    "product_id": product.strip() or None,
                },
                "Opportunity saved.",
            )
editing.show_typed(form)

st.markdown("**Linked insights and ideas**")
with st.form(f"links:{opp_id}"):
    new_insights = link_select(
        "Insights (published ones can be added here; drafts are linked from Triage)",
        views.labels_by_id(insights),
        source["insight_ids"],
        addable=views.published_ids(insights),
    )
    new_ideas = link_select("Ideas", views.labels_by_id(ideas), source["idea_ids"])
    if st.form_submit_button("Save links"):
        write_and_rerun(
            conn,
            "opportunities.update",
            lambda: set_links(
                client, "opportunity", opp_id, insight_ids=new_insights, other_ids=new_ideas
            ),
            "Links saved.",
        )

linked = insights[insights["id"].isin(source["insight_ids"])]
if not linked.empty:
    signals = load(load_signals, conn)
    linked_table = views.insight_table(linked, signals)
    st.dataframe(
        with_badges(linked_table, "status"),
        hide_index=True,
        column_order=("name", "status", "severity", "source", "created_at"),
        column_config={
            "name": text_column("Linked insight", "large", pinned=True),
            "status": badge_column("Status", list(InsightStatus)),
            "severity": text_column("Severity", "small"),
            "source": text_column("Source signal", "medium"),
            "created_at": when_column(),
        },
        key="opp_linked",
    )
    download_csv(linked_table.drop(columns=["signal_ids"]), "linked-insights.csv", "opp_linked_csv")

confirm_delete(
    conn,
    "opportunities",
    "opportunity",
    opp_id,
    row["name"],
    client.opportunities.delete,
    "opp_table",
)

"""Ideas: the solutions considered for opportunities, and where each one stands."""

import streamlit as st

from zentrik_ui import editing, memo, views
from zentrik_ui.formatting import clean, escape_markdown, index_of
from zentrik_ui.linking import set_links
from zentrik_ui.models import IdeaStatus
from zentrik_ui.session import load_ideas, load_insights, load_opportunities
from zentrik_ui.tables import badge_column, count_column, text_column, when_column, with_badges
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
st.title("Ideas")
st.caption("Solutions you are considering, linked to the opportunities they address.")
show_flash()

ideas = load(load_ideas, conn)
opportunities = load(load_opportunities, conn)
insights = load(load_insights, conn)
opp_labels = views.labels_by_id(opportunities)

st.plotly_chart(memo.idea_funnel(ideas), key="idea_funnel")

with (
    st.expander("New idea", icon=":material/add:"),
    st.form("new_idea", clear_on_submit=True),
):
    name = st.text_input("Name *")
    description = st.text_area("Description", height=90)
    left, middle, right = st.columns(3)
    status = left.selectbox("Status", list(IdeaStatus))
    product = middle.text_input("Product id")
    for_opps = right.multiselect("Addresses", list(opp_labels), format_func=opp_labels.get)
    if st.form_submit_button("Create idea", type="primary"):
        if not name.strip():
            st.error("Give the idea a name.")
        else:
            write_and_rerun(
                conn,
                "ideas.create",
                lambda: client.ideas.create(
                    name=name.strip(),
                    description=description or None,
                    status=status,
                    product_id=product.strip() or None,
                    opportunity_ids=for_opps or None,
                ),
                lambda created: f"Created idea “{escape_markdown(created.name or name.strip())}”.",
            )

if ideas.empty:
    st.info("No ideas yet. Create one above.", icon=":material/info:")
    st.stop()

table = views.idea_table(ideas, opportunities)
st.dataframe(
    with_badges(table, "status"),
    hide_index=True,
    key=table_key("idea_table"),
    on_select="rerun",
    selection_mode="single-row",
    column_order=("name", "status", "n_insights", "opportunities", "product_id", "created_at"),
    column_config={
        "name": text_column("Idea", 280, pinned=True),
        "status": badge_column("Status", list(IdeaStatus)),
        "n_insights": count_column("Insights", help="Insights that inspired it"),
        "opportunities": text_column("Addresses", "medium"),
        "product_id": text_column("Product", 70),
        "created_at": when_column(width=135),
    },
)
download_csv(table, "ideas.csv", key="idea_csv")

chosen = selected_ids(table, table_key("idea_table"))
if not chosen:
    st.caption("Select an idea to edit it or change its links.")
    st.stop()

idea_id = chosen[0]
row = table[table["id"] == idea_id].iloc[0]
st.subheader("Selected idea")
form = load(lambda _: editing.opened(client.ideas, idea_id), conn)
idea = form.item
with st.form(form.form_key("edit_idea")):
    name = st.text_input("Name", value=clean(idea.name))
    description = st.text_area("Description", value=clean(idea.description), height=90)
    left, right = st.columns(2)
    statuses = list(IdeaStatus)
    status = left.selectbox("Status", statuses, index=index_of(statuses, idea.status) or 0)
    product = right.text_input("Product id", value=clean(idea.product_id))
    if st.form_submit_button("Save changes", type="primary"):
        if not name.strip():
            st.error("The name cannot be empty.")
        else:
            editing.save(
                conn,
                client.ideas,
                "idea",
                {
                    "name": name.strip(),
                    "description": description,
                    "status": status,
                    "product_id": product.strip() or None,
                },
                "Idea saved.",
            )
editing.show_typed(form)

with st.form(f"idea_links:{idea_id}"):
    st.markdown("**Links**")
    new_opps = link_select("Opportunities it addresses", opp_labels, row["opportunity_ids"])
    new_insights = link_select(
        "Insights that inspired it",
        views.labels_by_id(insights),
        row["insight_ids"],
        addable=views.published_ids(insights),
    )
    if st.form_submit_button("Save links"):
        write_and_rerun(
            conn,
            "ideas.update",
            lambda: set_links(
                client, "idea", idea_id, insight_ids=new_insights, other_ids=new_opps
            ),
            "Links saved.",
        )

confirm_delete(conn, "ideas", "idea", idea_id, row["name"], client.ideas.delete, "idea_table")

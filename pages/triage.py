"""Triage: review draft insights with their evidence; edit, publish, archive and link them."""

import streamlit as st

from zentrik_ui import editing, merge_panels, views
from zentrik_ui.formatting import (
    clean,
    escape_markdown,
    index_of,
    joined,
    plural,
    split_joined,
)
from zentrik_ui.kinds import KIND_LABELS, SEVERITIES, kind_changes, kind_of
from zentrik_ui.linking import LINK_TARGETS, link_insights
from zentrik_ui.models import InsightStatus, InsightType
from zentrik_ui.session import (
    load_ideas,
    load_insights,
    load_opportunities,
    load_signals,
)
from zentrik_ui.tables import badge_column, text_column, when_column, with_badges
from zentrik_ui.widgets import (
    bulk_and_rerun,
    download_csv,
    load,
    require_client,
    selected_ids,
    show_flash,
    table_key,
    write_and_rerun,
)

conn, client = require_client()
st.title("Triage")
st.caption(
    "Draft insights found in your signals. Check each against its evidence, edit it, then "
    "publish what is real and archive the rest. Link published insights to opportunities."
)
show_flash()

insights = load(load_insights, conn)
signals = load(load_signals, conn)
counts = views.status_counts(insights)
drafts_left = counts.get("draft", 0)
m1, m2, m3 = st.columns(3)
m1.metric("Drafts left to triage", drafts_left)
m2.metric("Published", counts.get("published", 0))
m3.metric("Archived", counts.get("archived", 0))

VIEWS = {
    InsightStatus.DRAFT: "Drafts",
    InsightStatus.PUBLISHED: "Published",
    InsightStatus.ARCHIVED: "Archived",
}
status = (
    st.segmented_control(
        "Show", list(VIEWS), default=InsightStatus.DRAFT, format_func=VIEWS.get, key="triage_status"
    )
    or InsightStatus.DRAFT
)

in_status = insights[insights["status"] == status]
table = views.insight_table(in_status, signals)


def kept(key: str) -> list[str]:
    """A filter's current value: kept among its options once its rows are triaged away."""
    return st.session_state.get(key, [])


with st.container(horizontal=True):
    types = st.multiselect(
        "Insight type", views.options(table["type"], kept("triage_types")), key="triage_types"
    )
    products = st.multiselect(
        "Product",
        views.options(table["product_id"], kept("triage_products")),
        key="triage_products",
    )
    signal_labels = views.signal_labels(signals)
    source = st.multiselect(
        "Source signal",
        views.options((i for ids in table["signal_ids"] for i in ids), kept("triage_sources")),
        format_func=lambda sid: signal_labels.get(sid, sid),
        key="triage_sources",
    )
    search = st.text_input("Search", placeholder="words in name, description or evidence")
shown = views.filter_insights(table, views.InsightFilter(status, types, products, source, search))

if shown.empty:
    if status == InsightStatus.DRAFT and drafts_left == 0:
        st.success(
            "No drafts waiting. New drafts appear here once signals from the Inbox are processed.",
            icon=":material/task_alt:",
        )
    else:
        st.info("No insights match these filters.", icon=":material/filter_alt_off:")
    st.stop()

st.caption(f"{plural(len(shown), 'insight')} shown. Select rows (checkbox column) to act on them.")
st.dataframe(
    with_badges(shown, "status"),
    hide_index=True,
    key=table_key("triage_table"),
    on_select="rerun",
    selection_mode="multi-row",
    column_order=(
        "name",
        "status",
        "kind_label",
        "evidence",
        *(["n_new_mentions"] if status == InsightStatus.PUBLISHED else []),
        "source",
        "type",
        "product_id",
        "tags",
        "opportunities",
        "created_at",
    ),
    # In pixels, so that at 1400 px the name, status, kind, quote and source fit on screen and
    # the rest (type, product, tags, links, date) is one short scroll away.
    column_config={
        "name": text_column("Insight", 250, pinned=True),
        "status": badge_column("Status", list(InsightStatus)),
        "kind_label": text_column(
            "Kind", 140, help="What it is (bug, pain point, request…) and how severe"
        ),
        "evidence": text_column("Evidence (quoted)", 230),
        "n_new_mentions": st.column_config.NumberColumn(
            "New mentions", width="small", help="Mentions that joined it since it was published"
        ),
        "source": text_column("Source signal", 170),
        "type": text_column("Insight type", 95, help="The API's insight type"),
        "product_id": text_column("Product", 70),
        "tags": text_column("Tags", 80),
        "opportunities": st.column_config.NumberColumn(
            "Opps", width="small", help="Linked opportunities"
        ),
        "created_at": when_column(width=130),
    },
)
download_csv(shown.drop(columns=["signal_ids"]), f"insights-{status}.csv", key="triage_csv")

chosen = selected_ids(shown, table_key("triage_table"))
if not chosen:
    st.caption("Select one row to edit it, or several to publish, archive or link them at once.")
    st.stop()

st.subheader(f"{plural(len(chosen), 'insight')} selected")
actions = st.container(horizontal=True)
for target in [s for s in InsightStatus if s != status]:
    verb = {"published": "Publish", "archived": "Archive", "draft": "Back to drafts"}[target]
    if actions.button(
        verb, key=f"move:{target}", type="primary" if target == "published" else "secondary"
    ):
        bulk_and_rerun(
            conn,
            "insights.update",
            chosen,
            lambda i, t=target: client.insights.update(i, status=t),
            f"{verb}…",
            lambda done, v=verb: f"{v}: {plural(len(done), 'insight')} done.",
            table="triage_table",
        )

with st.expander("Link selection to an opportunity or idea", icon=":material/link:"):
    target_kind = st.radio("Link to", LINK_TARGETS, horizontal=True, key="link_kind")
    target_id, new_name, new_score = None, "", None
    if target_kind == "New opportunity":
        name_col, score_col = st.columns([3, 1])
        new_name = name_col.text_input("New opportunity name", key="link_new_name")
        new_score = score_col.number_input("Score (optional)", 0, 100, value=None, step=1)
    else:
        loader = load_opportunities if target_kind == "Existing opportunity" else load_ideas
        labels = views.labels_by_id(load(loader, conn))
        target_id = st.selectbox(
            "Which one", list(labels), format_func=labels.get, index=None, key="link_target"
        )
    if st.button("Link", icon=":material/add_link:", disabled=not (target_id or new_name.strip())):
        write_and_rerun(
            conn,
            "opportunities.update" if target_kind != "Existing idea" else "ideas.update",
            lambda: link_insights(client, target_kind, chosen, target_id, new_name, new_score),
            lambda target: (
                f"Linked {plural(len(chosen), 'insight')} to “{escape_markdown(target)}”."
            ),
            table="triage_table",
        )

if len(chosen) > 1 and merge_panels.can_merge(conn, client, chosen[0]):
    names = dict(zip(shown["id"], shown["name"], strict=True))
    merge_panels.merge_selection(conn, client, chosen, names)

if len(chosen) == 1:
    row = shown[shown["id"] == chosen[0]].iloc[0]
    form = load(lambda _: editing.opened(client.insights, chosen[0]), conn)
    insight = form.item
    matches = merge_panels.similar_matches(conn, insight.id, views.rows_seen(insights))
    # Similar insights beside the evidence, on a server that has them.
    evidence_col, similar_col = (
        st.columns([3, 2]) if matches is not None else (st.container(), None)
    )
    with evidence_col:
        st.subheader("Evidence")
        merge_panels.mentions(insight)
        st.text(f"From: {row['source'] or 'no source signal'}")
        if row["evidence"]:
            st.text(row["evidence"])
        else:
            st.caption("No quoted evidence was stored for this insight.")
        if matches is not None:
            merge_panels.unmerge_panel(conn, client, insight, signal_labels)
    if similar_col is not None:
        with similar_col:
            merge_panels.similar_panel(conn, client, insight, matches or [])
    with st.form(form.form_key("edit_insight")):
        st.markdown("**Edit insight**")
        name = st.text_input("Name", value=clean(insight.name))
        description = st.text_area("Description", value=clean(insight.description), height=140)
        kind_col, severity_col, type_col = st.columns(3)
        kinds, severities = list(KIND_LABELS), list(SEVERITIES)
        stored_kind, stored_severity = kind_of(insight.ai_suggestions)
        kind = kind_col.selectbox(
            "Kind", kinds, index=index_of(kinds, stored_kind), format_func=KIND_LABELS.get
        )
        severity = severity_col.selectbox(
            "Severity", severities, index=index_of(severities, stored_severity)
        )
        type_options = list(InsightType)
        new_type = type_col.selectbox(
            "Insight type", type_options, index=index_of(type_options, insight.type)
        )
        left, right = st.columns(2)
        product = left.text_input("Product id", value=clean(insight.product_id))
        tags = right.text_input("Tags (comma separated)", value=joined(insight.tag_ids))
        if st.form_submit_button("Save", type="primary"):
            if not name.strip():
                st.error("The name cannot be empty.")
            else:
                editing.save(
                    conn,
                    client.insights,
                    "insight",
                    {
                        "name": name.strip(),
                        "description": description,
                        "type": new_type,
                        "product_id": product.strip() or None,
                        "tag_ids": split_joined(tags),
                        **kind_changes(insight.ai_suggestions, kind, severity),
                    },
                    f"Saved “{escape_markdown(name.strip())}”.",
                )
    editing.show_typed(form)

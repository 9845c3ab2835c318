"""Inbox: add signals (paste or upload) and watch them being processed into draft insights."""

from datetime import UTC, datetime

import streamlit as st

from zentrik_ui import views
from zentrik_ui.batch import BatchReport, create_signal, run_batch
from zentrik_ui.client import ZentrikError
from zentrik_ui.formatting import escape_markdown
from zentrik_ui.ingest import (
    DEFAULT_SIGNAL_TYPE,
    SIGNAL_TYPE_LABELS,
    SIGNAL_TYPES,
    TABLE_SUFFIXES,
    UPLOAD_SUFFIXES,
    ColumnMapping,
    DraftProblems,
    ParsedUpload,
    guess_mapping,
    parse_uploads,
    pasted_draft,
    preview_frame,
    read_table,
)
from zentrik_ui.reimport import check_drafts, check_text, choose_drafts, remember
from zentrik_ui.session import (
    invalidate,
    invalidate_after,
    load_insights,
    load_signals,
    search_signals,
)
from zentrik_ui.signal_detail import show_signal
from zentrik_ui.signal_type_guess import (
    AUTO,
    TYPE_OPTIONS,
    chosen_type,
    guess_note,
    guess_signal_type,
    option_label,
)
from zentrik_ui.tables import badge_column, text_column, when_column, with_badges
from zentrik_ui.widgets import (
    bulk_and_rerun,
    download_csv,
    keep_selection_with_rows,
    load,
    reasons_in_full,
    require_client,
    rerun_keeping_flash,
    selected_rows,
    show_flash,
    table_key,
    write,
)

POLL_SECONDS = 2
NONE = "(not in the file)"

conn, client = require_client()
st.title("Inbox")
st.caption(
    "Add customer evidence — interview transcripts, support tickets, reviews, discovery "
    "reports. Each signal is processed into draft insights you review in Triage."
)
show_flash()

paste_tab, upload_tab = st.tabs([":material/edit_note: Paste text", ":material/upload: Upload"])

# ---------------------------------------------------------------- paste
PASTE_DEFAULTS = {
    "paste_text": "", "paste_type": AUTO, "paste_name": "", "paste_context": "",
    "paste_day": None, "paste_time": None, "paste_products": "", "paste_account": "",
    "paste_again": False,
}  # fmt: skip

if st.session_state.pop("paste_reset", False):
    # An empty form for the next signal (widget values can only be set before they render).
    st.session_state.update(PASTE_DEFAULTS)

with paste_tab:
    # Text and type stay outside the form, so the guess shows as soon as a text is pasted.
    text = st.text_area(
        "Text *",
        height=180,
        placeholder="Paste a transcript, ticket, review or report…",
        key="paste_text",
    )
    guess = guess_signal_type(text)
    left, right = st.columns(2, vertical_alignment="bottom")
    type_option = left.selectbox(
        "Signal type *",
        TYPE_OPTIONS,
        format_func=option_label,
        key="paste_type",
    )
    if note := guess_note(type_option, guess, text):
        right.caption(note)
    new_text = not text.strip() or choose_drafts(
        load(lambda c: check_text(c, text), conn), "paste_again"
    )

with paste_tab, st.form("paste", border=False):
    name = st.text_input(
        "Name",
        placeholder="Taken from the text when empty: a ticket's subject, a speaker, first words",
        key="paste_name",
    )
    with st.expander("Optional details: context, when it happened, products, account"):
        context = st.text_area(
            "Additional context",
            height=68,
            placeholder="Where the text came from, which batch, any analyst note",
            key="paste_context",
        )
        date_col, time_col, product_col, account_col = st.columns(4)
        day = date_col.date_input(
            "Occurred on", value=None, help="When it happened (UTC)", key="paste_day"
        )
        moment = time_col.time_input("at (UTC)", value=None, key="paste_time")
        products = product_col.text_input(
            "Product ids",
            placeholder="comma separated",
            help="The signal keeps every product. Its insights take the first one: the API gives "
            "an insight a single productId.",
            key="paste_products",
        )
        account = account_col.text_input("Account id", key="paste_account")
    if st.form_submit_button("Add signal", type="primary", icon=":material/add:"):
        occurred = datetime.combine(day, moment or datetime.min.time(), tzinfo=UTC) if day else None
        try:
            draft = pasted_draft(
                text=text,
                signal_type=chosen_type(type_option, guess),
                name=name,
                additional_context=context,
                occurred_at=occurred,
                product_ids=products,
                account_id=account,
            )
        except DraftProblems as problems:
            st.error(str(problems))
        else:
            if not new_text:
                st.warning("Not added: tick “Import them again anyway” to add this text again.")
            elif public_id := write(conn, "signals.create", lambda: create_signal(client, draft)):
                remember([draft])
                st.session_state["paste_reset"] = True
                st.session_state["inbox_created"] = public_id  # followed live below, until settled
                st.rerun()

# ---------------------------------------------------------------- upload


def mapping_form(filename: str, columns: list[str]) -> ColumnMapping:
    guess = guess_mapping(columns)
    choices = [NONE, *columns]

    def pick(label: str, guessed: str | None, col) -> str | None:
        chosen = col.selectbox(
            label, choices, index=choices.index(guessed or NONE), key=f"map:{filename}:{label}"
        )
        return None if chosen == NONE else chosen

    cols = st.columns(4)
    return ColumnMapping(
        text=pick("Text column *", guess.text, cols[0]),
        name=pick("Name column", guess.name, cols[1]),
        date=pick("Date column", guess.date, cols[2]),
        type=pick("Type column", guess.type, cols[3]),
    )


def run_and_report(drafts, invalid=()) -> BatchReport:
    bar = st.progress(0.0, text="Creating signals…")
    report = run_batch(
        drafts,
        lambda draft: create_signal(client, draft),
        errors=(ZentrikError,),
        invalid=invalid,
        on_progress=lambda done, total, label: bar.progress(
            done / max(total, 1),
            text=f"Created {done} of {total}" + (f" — {label}" if label else ""),
        ),
    )
    invalidate_after("signals.create", conn)
    remember(outcome.draft for outcome in report.created)
    return report


with upload_tab:
    files = st.file_uploader(
        "Files",
        type=[suffix.lstrip(".") for suffix in UPLOAD_SUFFIXES],
        accept_multiple_files=True,
        help=".txt .md .vtt .srt .docx: one signal per file (subtitle timestamps and speakers "
        "are kept). .csv .json: one signal per row, with the columns you map below.",
    )
    default_type = st.selectbox(
        "Signal type (for files and rows that do not say)",
        SIGNAL_TYPES,
        format_func=SIGNAL_TYPE_LABELS.get,
        index=SIGNAL_TYPES.index(DEFAULT_SIGNAL_TYPE),
        key="upload_type",
    )
    uploads = [(f.name, f.getvalue()) for f in files or []]
    mappings: dict[str, ColumnMapping] = {}
    for filename, data in uploads:
        if filename.lower().endswith(TABLE_SUFFIXES):
            try:
                columns = list(read_table(filename, data).columns)
            except ValueError:
                continue  # reported with its reason in the preview below
            st.markdown(f"**Columns of** {escape_markdown(filename)}")
            mappings[filename] = mapping_form(filename, columns)
    parsed: ParsedUpload = parse_uploads(uploads, default_type, mappings)
    if uploads:
        preview = preview_frame(parsed)
        st.dataframe(
            preview,
            hide_index=True,
            column_order=("source", "will be created", "problem", "name", "type", "text"),
            column_config={
                "source": st.column_config.TextColumn("Source", width="medium", pinned=True),
                "will be created": st.column_config.CheckboxColumn("Created?", width="small"),
                "problem": text_column("Problem", "large"),
                "name": text_column("Name", "medium"),
                "type": text_column("Type", "small"),
                "text": text_column("Text", "medium"),
            },
            key="upload_preview",
        )
        st.caption(
            f"{len(parsed.drafts)} signal(s) will be created; "
            f"{len(parsed.problems)} row(s) cannot be and are listed with the reason."
        )
        reasons_in_full("Rows that cannot be created", preview, "source", "problem")
        download_csv(preview, "upload-preview.csv", key="upload_preview_csv")
        recognised = load(lambda c: check_drafts(c, parsed.drafts), conn)
        new_drafts = choose_drafts(recognised, "upload_again")
        if st.button(
            f"Create {len(new_drafts)} signal(s)",
            type="primary",
            disabled=not new_drafts,
            icon=":material/send:",
        ):
            st.session_state["upload_report"] = run_and_report(new_drafts, parsed.problems)

    report: BatchReport | None = st.session_state.get("upload_report")
    if report is not None:
        st.subheader("Upload report")
        created, failed = len(report.created), len(report.failed)
        (st.success if not failed else st.warning)(
            f"{created} created, {failed} not created."
            + (" Rows the server refused can be retried." if report.retryable() else "")
        )
        report_frame = report.to_frame()
        st.dataframe(
            report_frame,
            hide_index=True,
            column_config={
                "source": st.column_config.TextColumn("Source", width="medium", pinned=True),
                "result": text_column("Result", "small"),
                "signal": text_column("Signal", "small"),
                "reason": text_column("Reason", "large"),
            },
            key="upload_report_table",
        )
        reasons_in_full("Why rows were not created", report_frame, "source", "reason")
        left, right = st.columns([1, 4])
        retry = report.retryable()
        if retry and left.button(f"Retry {len(retry)} failed row(s)", icon=":material/replay:"):
            st.session_state["upload_report"] = report.merge(run_and_report(retry))
            st.rerun()
        with right:
            download_csv(report_frame, "upload-report.csv", key="upload_report_csv")

# ---------------------------------------------------------------- live status

st.subheader("Recent signals")
active_at_start = views.has_active(load(load_signals, conn))


NOTE_BOXES = {"info": st.info, "success": st.success, "error": st.error}


@st.fragment(run_every=POLL_SECONDS if active_at_start else None)
def live_status() -> None:
    if active_at_start:
        invalidate("signals", conn=conn)
    signals = load(load_signals, conn)
    settled = views.settled_ids(signals)
    if settled - st.session_state.get("inbox_settled", set()):
        invalidate("insights", conn=conn)  # newly processed signals brought new drafts
    st.session_state["inbox_settled"] = settled
    if active_at_start and not views.has_active(signals):
        rerun_keeping_flash()  # all settled: a full run re-declares this fragment, not polling
    created = st.session_state.get("inbox_created")
    if created and (note := views.creation_note(signals, created)):
        NOTE_BOXES[note[0]](note[1])
    if signals.empty:
        st.info(
            "No signals yet. Paste or upload some above, or load the sample workspace in "
            "Settings to see the product working.",
            icon=":material/info:",
        )
        return
    counts = views.status_counts(signals)
    st.caption(
        " · ".join(f"{n} {status}" for status, n in counts.items())
        + (f" — refreshing every {POLL_SECONDS} s" if active_at_start else "")
    )
    table = views.signal_table(signals)
    failed = counts.get("failed", 0)
    if failed:
        st.warning(
            f"{failed} signal(s) failed: the reason is in the Last error column. Fix the cause "
            "if it names one, then select them and Re-process.",
            icon=":material/error:",
        )
    words = st.text_input(
        "Search signals", placeholder="Words in the name or text", key="inbox_search"
    ).strip()
    if words:
        seen = views.rows_seen(signals)
        text_ids = load(lambda c: search_signals(c, words, seen), conn)
        table = views.search_signals(table, words, text_ids)
        st.caption(
            f"{len(table)} of {len(signals)} signals match."
            + (" This server cannot search signal text: names only." if text_ids is None else "")
        )
    keep_selection_with_rows("inbox_signals", table["id"])
    st.dataframe(
        with_badges(table, "status"),
        hide_index=True,
        key=table_key("inbox_signals"),
        on_select="rerun",
        selection_mode="multi-row",
        column_config={
            "public_id": st.column_config.TextColumn("Signal", width="small", pinned=True),
            "name": text_column("Name", "medium"),
            "status": badge_column("Status", table["status"].dropna()),
            "signal_type": text_column("Type", "small"),
            "created_at": when_column(),
            "n_insights": st.column_config.NumberColumn("Insights", width="small"),
            "last_error": text_column("Last error", "medium"),
            "id": None,
        },
    )
    rows = selected_rows(table_key("inbox_signals"))
    chosen = views.signal_refs(table, rows)
    left, right = st.columns([1, 4])
    if left.button(
        f"Re-process {len(chosen)} selected" if chosen else "Re-process selected",
        disabled=not chosen,
        icon=":material/refresh:",
        help="Queue processing again; drafts nobody edited are replaced, never duplicated.",
    ):
        bulk_and_rerun(
            conn,
            "signals.process",
            chosen,
            client.signals.process,
            "Queueing…",
            lambda queued: f"Queued {', '.join(queued)} for processing.",
            table="inbox_signals",
        )
    with right:
        download_csv(table, "signals.csv", key="signals_csv")
    if len(rows) == 1 and rows[0] < len(table):
        opened = signals[signals["id"] == table["id"].iloc[rows[0]]].iloc[0]
        show_signal(conn, client, opened, load(load_insights, conn), "inbox_signals")
    elif not rows:
        st.caption("Select a signal to read its text and see the insights drawn from it.")


live_status()

"""Settings: which Zentrik the workbench talks to, API keys, where data lives, sample data."""

import time

import streamlit as st

from zentrik_ui.client import ZentrikError
from zentrik_ui.config import clear_session_connection, current_connection, session_connection
from zentrik_ui.connect import ConnectProblem, connect_session
from zentrik_ui.formatting import escape_markdown
from zentrik_ui.keys import SCOPES, keys_frame, own_key, revocable_labels, workspace_keys
from zentrik_ui.sample_data import load_sample_workspace
from zentrik_ui.session import (
    get_admin,
    get_client,
    invalidate,
    load_api_keys,
    load_server_info,
    load_signals,
    show_error,
)
from zentrik_ui.tables import text_column, when_column
from zentrik_ui.widgets import download_csv, flash, show_flash, write, write_and_rerun
from zentrik_ui.workspace_model import show_workspace_model

st.title("Settings")
show_flash()

# ---------------------------------------------------------------- connection
st.subheader("Server")
try:
    conn = current_connection()
except ZentrikError as exc:
    show_error(exc)
    conn = None

if conn is not None:
    if conn.mode == "embedded":
        st.text("The built-in local Zentrik server (runs inside this app; no account needed).")
    else:
        origin = {
            "session": "entered below, for this browser session only",
            "secrets": "from .streamlit/secrets.toml",
            "env": "from the environment",
        }.get(conn.source, conn.source)
        st.text(f"A Zentrik workspace at {conn.base_url} ({origin}).")
    if st.button("Test connection", icon=":material/network_check:"):
        started = time.perf_counter()
        try:
            get_client(conn).signals.list(limit=1)
            elapsed = (time.perf_counter() - started) * 1000
            st.success(f"Connected: the API answered in {elapsed:.0f} ms.")
        except ZentrikError as exc:
            show_error(exc)

with st.expander("Use another Zentrik workspace", icon=":material/swap_horiz:"):
    st.caption(
        "The URL and key you enter stay in this browser session only: they are never written "
        "to disk or logs, and closing the tab forgets them."
    )
    with st.form("remote"):
        url = st.text_input("API URL", placeholder="https://api.zentrik.com")
        key = st.text_input("API key", type="password")
        if st.form_submit_button("Connect", type="primary"):
            try:
                connected = connect_session(url, key)
            except ConnectProblem as exc:
                st.error(
                    f"{escape_markdown(str(exc))}\n\n"
                    "Not connected: this session keeps its previous connection."
                )
            else:
                flash(
                    f"Connected for this session to {connected.connection.base_url}: the API "
                    f"answered in {connected.elapsed_ms:.0f} ms."
                )
                st.rerun()
    if session_connection() is not None and st.button("Forget it and use the default"):
        clear_session_connection()
        st.rerun()

if conn is None:
    st.stop()

# ---------------------------------------------------------------- sample workspace
st.subheader("Sample workspace")
st.caption(
    "Adds 9 realistic signals (interviews, tickets, reviews, a discovery report) for a "
    "fictional invoicing product, plus 3 opportunities and 4 ideas, so you can try every "
    "screen. Once the signals are processed into insights, those about each opportunity are "
    "published and linked to it as its evidence; the rest stay drafts for you to triage."
)
try:
    existing = len(load_signals(conn))
except ZentrikError:
    existing = 0  # the connection test above tells the user what is wrong
if existing:
    st.caption(f"This workspace already has {existing} signal(s): the sample is added beside them.")
if st.button("Load sample workspace", icon=":material/dataset:"):
    with st.status("Loading the sample workspace…", expanded=True) as status:
        bar = st.progress(0.0)
        try:
            result = load_sample_workspace(
                get_client(conn),
                on_progress=lambda done, total, label: bar.progress(
                    done / total, text=label or "Done"
                ),
            )
            status.update(label="Sample workspace loaded", state="complete", expanded=True)
            st.success(
                f"Loaded {len(result.signals)} signals ({', '.join(result.signals)}), "
                f"{result.opportunities} opportunities and {result.ideas} ideas, and linked "
                f"{result.linked} published insights to the opportunities as evidence. "
                "Triage the remaining drafts next."
            )
        except ZentrikError as exc:
            status.update(label="The sample workspace could not be loaded", state="error")
            show_error(exc)
        finally:
            invalidate("signals", "insights", "opportunities", "ideas", conn=conn)
    st.page_link("pages/triage.py", label="Go to Triage", icon=":material/fact_check:")

# ---------------------------------------------------------------- where data lives
st.subheader("Where the data lives")
admin = get_admin(conn)
if conn.mode == "embedded":
    st.caption("On this computer, in the built-in server's own database.")
elif conn.mode == "remote":
    st.caption("In the Zentrik workspace at the URL above; this app keeps only a short cache.")
if admin is not None or conn.data_dir is not None:
    # Paths and database URLs are for whoever backs up or debugs the server, not daily use.
    with st.expander("Storage details", icon=":material/storage:"):
        if conn.mode == "embedded" and conn.data_dir is not None:
            st.text(f"Data directory: {conn.data_dir}")
        if admin is not None:
            try:
                info = load_server_info(conn)
                st.text(
                    f"Database: {info.database or 'unknown'}\nServer version: {info.version or '?'}"
                )
            except ZentrikError as exc:
                show_error(exc)

# ---------------------------------------------------------------- API keys
st.subheader("API keys")
workspace: str | None = None  # the workbench key's workspace, known through the admin API
if admin is None:
    st.caption(
        "Keys of a Zentrik workspace are managed in that workspace's own Settings → API keys."
    )
else:
    try:
        records = load_api_keys(conn)
    except ZentrikError as exc:
        show_error(exc)
        records = []
    mine = own_key(records, conn.api_key)
    workspace = mine.workspace if mine else None
    shown = workspace_keys(records, workspace)

    new_key = st.session_state.get("created_key")
    if new_key:
        st.warning(
            "Copy this key now — it is shown only once. Use the copy icon at the right.",
            icon=":material/key:",
        )
        st.code(new_key, language=None)
        if st.button("I have copied it"):
            del st.session_state["created_key"]
            st.rerun()

    with st.form("new_key", clear_on_submit=True):
        st.markdown("**Create a key**")
        name = st.text_input("Name", placeholder="e.g. Zapier import")
        scopes = st.multiselect("Scopes", SCOPES, default=list(SCOPES))
        if st.form_submit_button("Create key", type="primary"):
            if not scopes:
                st.error("Choose at least one scope.")
            elif workspace is None:
                st.error("The workbench's own key was not found, so the workspace is unknown.")
            else:
                created = write(
                    conn,
                    "keys.create",
                    lambda: admin.keys.create(workspace, scopes, name.strip() or None),
                )
                if created:
                    st.session_state["created_key"] = created.key
                    st.rerun()

    table = keys_frame(shown, mine.id if mine else None)
    st.dataframe(
        table,
        hide_index=True,
        key="keys_table",
        # Revoked next to the name: whether a key still works is what a PM looks for.
        column_order=("name", "revoked_at", "prefix", "last_used_at", "created_at", "scopes"),
        column_config={
            "name": text_column("Name", 240, pinned=True),
            "revoked_at": when_column("Revoked", width="small"),
            "prefix": text_column("Starts with", "small"),
            "last_used_at": when_column("Last used", width="small"),
            "created_at": when_column("Created", width="small"),
            "scopes": text_column("Scopes", "medium"),
        },
    )
    download_csv(table.drop(columns=["id"]), "api-keys.csv", key="keys_csv")
    revocable = revocable_labels(shown, mine)
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    to_revoke = left.selectbox(
        "Revoke a key (the workbench's own key is not listed)",
        list(revocable),
        format_func=revocable.get,
        index=None,
        placeholder="Choose a key",
    )
    revoke = right.button("Revoke", disabled=to_revoke is None, icon=":material/block:")
    if revoke:
        write_and_rerun(
            conn,
            "keys.revoke",
            lambda: admin.keys.revoke(to_revoke),
            "Key revoked: requests with it are now refused.",
        )

# ---------------------------------------------------------------- learning from triage
if admin is not None and workspace is not None:
    show_workspace_model(admin, workspace)

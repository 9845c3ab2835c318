"""The Zentrik workbench: page config, the connection, and the navigation over the screens."""

import streamlit as st

from zentrik_ui.client import ZentrikError
from zentrik_ui.config import current_connection
from zentrik_ui.formatting import escape_markdown

st.set_page_config(page_title="Zentrik workbench", page_icon=":material/hub:", layout="wide")

navigation = st.navigation(
    {
        "Discovery": [
            st.Page("pages/inbox.py", title="Inbox", icon=":material/inbox:", default=True),
            st.Page("pages/triage.py", title="Triage", icon=":material/fact_check:"),
            st.Page("pages/opportunities.py", title="Opportunities", icon=":material/flag:"),
            st.Page("pages/ideas.py", title="Ideas", icon=":material/lightbulb:"),
            st.Page("pages/overview.py", title="Overview", icon=":material/monitoring:"),
        ],
        "Workspace": [
            st.Page("pages/settings.py", title="Settings", icon=":material/settings:"),
        ],
    }
)

with st.sidebar:
    try:
        conn = current_connection()
        where = "Built-in local server" if conn.mode == "embedded" else conn.base_url
        st.caption(f"Connected to: {escape_markdown(where)}")
    except ZentrikError:
        st.caption("Not connected — see Settings")

navigation.run()

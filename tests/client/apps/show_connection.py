"""A one-line app for AppTest: shows which connection `resolve_connection()` picked."""

import streamlit as st

from zentrik_ui.config import current_connection

conn = current_connection()
st.text(f"{conn.source} {conn.mode} {conn.base_url} {conn.fingerprint}")

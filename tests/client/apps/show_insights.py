"""A one-line app for AppTest: the insight ids this browser session's connection loads."""

import streamlit as st

from zentrik_ui.config import current_connection
from zentrik_ui.session import load_insights

st.text(" ".join(load_insights(current_connection())["id"]))

import streamlit as st

st.title("opportunities")

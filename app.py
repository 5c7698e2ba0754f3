"""SwapWatch: the entry point — page setup, navigation, the shared filter sidebar and the data banner."""

import streamlit as st

from swapwatch import ui

st.set_page_config(page_title="SwapWatch", page_icon="🔁", layout="wide")

pages = [
    st.Page("pages/overview.py", title="Overview", icon="📊", default=True),
]
navigation = st.navigation(pages)

db = ui.database()
filters = ui.sidebar_filters()
ui.set_current(db, filters)
ui.problems_banner(db)
navigation.run()

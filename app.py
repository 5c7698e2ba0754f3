"""SwapWatch: the entry point — page setup, navigation, the shared filter sidebar and the data banner."""

import streamlit as st

from swapwatch import ui

st.set_page_config(page_title="SwapWatch", page_icon="🔁", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon="📊", default=True),
    st.Page("pages/exchanges.py", title="Exchanges", icon="🔁"),
    st.Page("pages/people.py", title="People", icon="👤"),
    st.Page("pages/quotes.py", title="Quotes", icon="💬"),
    st.Page("pages/map.py", title="Map", icon="🗺️"),
    st.Page("pages/sources.py", title="Sources", icon="📚"),
    st.Page("pages/health.py", title="Data health", icon="🩺"),
]
presenting = ui.presenting()
navigation = st.navigation(PAGES, position="hidden" if presenting else "sidebar")
if presenting:
    ui.presenter_style()

db = ui.database()
st.session_state["_data_stamp"] = ui.current_stamp()  # what this run shows; the watcher compares
filters = ui.sidebar_filters()
ui.set_current(db, filters)
ui.problems_banner(db)
ui.watch_data()
navigation.run()

"""SwapWatch: the entry point — page setup, navigation, the shared filter sidebar and the data banner."""

from pathlib import Path

import streamlit as st

from swapwatch import ui

st.set_page_config(page_title="SwapWatch", page_icon=str(Path(__file__).parent / "static" / "favicon.png"), layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/exchanges.py", title="Exchanges", icon=":material/swap_horiz:"),
    st.Page("pages/people.py", title="People", icon=":material/group:"),
    st.Page("pages/quotes.py", title="Quotes", icon=":material/format_quote:"),
    st.Page("pages/map.py", title="Map", icon=":material/public:"),
    st.Page("pages/sources.py", title="Sources", icon=":material/menu_book:"),
    st.Page("pages/health.py", title="Data health", icon=":material/health_and_safety:"),
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

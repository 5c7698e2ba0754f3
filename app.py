"""SwapWatch: the entry point — page setup, sign-in gate, navigation, shared filter sidebar, data banner."""

from pathlib import Path

import streamlit as st

from swapwatch import gate, ui

presenting = ui.presenting()
st.set_page_config(page_title="SwapWatch", page_icon=str(Path(__file__).parent / "static" / "favicon.png"), layout="wide",
                   initial_sidebar_state="collapsed" if presenting else "auto")  # no flash of controls on screen
gate.require_sign_in()  # when sign-in is on, nothing below runs (no page, no sidebar, no query) until signed in

PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("views/exchanges.py", title="Exchanges", icon=":material/swap_horiz:"),
    st.Page("views/people.py", title="People", icon=":material/group:"),
    st.Page("views/quotes.py", title="Quotes", icon=":material/format_quote:"),
    st.Page("views/map.py", title="Map", icon=":material/public:"),
    st.Page("views/sources.py", title="Sources", icon=":material/menu_book:"),
    st.Page("views/health.py", title="Data health", icon=":material/health_and_safety:"),
]
navigation = st.navigation(PAGES, position="hidden" if presenting else "sidebar")
ui.relabel_link(navigation)
ui.base_style()
if presenting:
    ui.presenter_style()

db = ui.begin_run()  # the data as this run shows it (the watcher compares later looks with it)
filters = ui.sidebar_filters()
link_place = st.sidebar.empty()  # filled after the page ran, when every bound widget is in the URL
gate.account(st.sidebar)
ui.set_current(db, filters)
ui.problems_banner(db, compact=presenting)
ui.watch_data()
if not presenting:
    ui.link_to_view(link_place)
navigation.run()

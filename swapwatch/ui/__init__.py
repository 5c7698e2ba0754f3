"""The dashboard's Streamlit modules (with gate.py and takeaway.py, the only ones): what pages and app.py call.

data: the store, cached queries and a page's declared queries started early; links: widgets bound to the URL;
sidebar: the global filters; show: figures, charts, captions, presenter mode; tables: tables and downloads.
Everything else in the package is UI-free and unit-tested without a server.
"""

from swapwatch.ui.data import begin_run, current, database, run_data, set_current, start, watch_data
from swapwatch.ui.links import PAGE_DEFAULTS, choice, link_to_view, page_number, relabel_link
from swapwatch.ui.show import (base_style, chart, figure, nothing_matches, on_click, on_phone, people_by_category,
                               presenter_style, presenting, problems_banner, showing, undated_note)
from swapwatch.ui.sidebar import sidebar_filters
from swapwatch.ui.tables import download_buttons, pager, pages, plain_table, show_table

__all__ = ["begin_run", "current", "database", "run_data", "set_current", "start", "watch_data", "PAGE_DEFAULTS",
           "choice", "link_to_view", "page_number", "relabel_link", "base_style", "chart", "figure",
           "nothing_matches", "on_click", "on_phone", "people_by_category", "presenter_style", "presenting",
           "problems_banner", "showing", "undated_note", "sidebar_filters", "download_buttons", "pager", "pages",
           "plain_table", "show_table"]

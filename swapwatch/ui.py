"""The one module that imports Streamlit: cached data access and the shared sidebar.

Everything else in the package is UI-free and unit-tested without a server.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from swapwatch import config
from swapwatch.db import Database
from swapwatch.filters import ROLE_CHOICES, Filters, make_filters
from swapwatch.load import Store
from swapwatch.records import EVENT_KINDS, EVENT_STATUSES
from swapwatch.text import md

FILTER_KEYS = ("dates", "country", "role", "kind", "status", "person")


@st.cache_resource(max_entries=4, show_spinner=False)
def _store(data_dir: str) -> Store:
    return Store(Path(data_dir))


def database() -> Database:
    """The database of the data as it is now (re-read only where a file changed)."""
    return _store(str(config.data_dir())).database()


@st.cache_data(max_entries=512, show_spinner=False)
def _run(data_dir: str, stamp: tuple, name: str, params: tuple) -> pd.DataFrame:
    return _store(data_dir).database().run(name, **dict(params))


def run(name: str, **params) -> pd.DataFrame:
    """Run a query on the current data version, cached per version and parameters."""
    data_dir = str(config.data_dir())
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    frame = _run(data_dir, _store(data_dir).stamp(), name, frozen)
    return frame.copy()


def run_filtered(name: str, filters: Filters, **extra) -> pd.DataFrame:
    """Run a query that takes the global filters (plus any extra parameters)."""
    params = {k: tuple(v) if isinstance(v, list) else v for k, v in filters.params().items()}
    return run(name, **params, **extra)


def sidebar_filters() -> Filters:
    """Draw the global filters in the sidebar (bound to the URL) and return their value."""
    options = run("filter_options")
    names = dict(zip(options["code"], options["name"]))
    first = options["first_date"].iloc[0] if len(options) else None
    last = options["last_date"].iloc[0] if len(options) else None
    raw = {key: st.query_params.get_all(key) for key in FILTER_KEYS if key in st.query_params}
    with st.sidebar:
        st.header("Filters")
        dates = st.date_input(
            "Date range", value=(), min_value=_as_date(first, dt.date(2000, 1, 1)),
            max_value=_as_date(last, dt.date.today()), key="dates", bind="query-params",
            help="Keep events whose dates overlap this range. Leave empty for all dates.")
        countries = st.multiselect("Countries", list(names), format_func=lambda c: names.get(c, c),
                                   key="country", bind="query-params", placeholder="All countries")
        role = st.selectbox("…in the role", ROLE_CHOICES, key="role", bind="query-params",
                            help="Only count a country when it played this role in the event.")
        kinds = st.multiselect("Kinds of event", EVENT_KINDS, key="kind", bind="query-params",
                               placeholder="All kinds")
        statuses = st.multiselect("Status", EVENT_STATUSES, key="status", bind="query-params",
                                  placeholder="Any status")
        person = st.text_input("Person", key="person", bind="query-params", max_chars=200,
                               placeholder="Name or part of a name",
                               help="Events involving a person whose name or alias contains this text.")
        st.button("Reset filters", on_click=_reset, width="stretch")
    filters = make_filters(dates, countries, role, kinds, statuses, person, set(names))
    notices = list(filters.notices) + _ignored_link_values(raw, dict(
        dates=[d.isoformat() for d in dates or ()], country=countries, role=[role], kind=kinds, status=statuses,
        person=[person]))
    if notices and not st.session_state.get("_link_checked"):
        for notice in notices:
            st.toast(notice, icon="ℹ️")
    st.session_state["_link_checked"] = True
    return filters


def _ignored_link_values(raw: dict[str, list[str]], used: dict[str, list]) -> list[str]:
    """A notice for each value in the page's link that the filters could not use."""
    ignored = []
    for key, values in raw.items():
        kept = {str(v) for v in used.get(key, []) if v not in (None, "")}
        ignored += [f"{key}={value[:40]}" for value in values if value and value not in kept]
    if not ignored:
        return []
    return ["Ignored from the link (not a valid choice here): " + ", ".join(ignored[:6])]


def _as_date(value, fallback: dt.date) -> dt.date:
    if value is None or pd.isna(value):
        return fallback
    return pd.Timestamp(value).date()


def _reset() -> None:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)


def problems_banner(db: Database) -> None:
    """A warning naming the first problems in the data, when there are any."""
    errors = db.dataset.errors
    if not errors:
        return
    shown = "\n".join(f"- {md(p.file)}:{p.line} {p.code}: {md(p.message)}" for p in errors[:5])
    more = f"\n\n…and {len(errors) - 5} more (see Data health)." if len(errors) > 5 else ""
    st.warning(f"**{len(errors)} problem{'s' * (len(errors) != 1)} in the data**: the records concerned are "
               f"left out until fixed.\n\n{shown}{more}", icon="⚠️")


def set_current(db: Database, filters: Filters) -> None:
    """Remember this run's database and filters for the page that app.py runs next."""
    st.session_state["_current"] = (db, filters)


def current() -> tuple[Database, Filters]:
    """This run's database and filters (set by app.py before the page runs)."""
    if "_current" not in st.session_state:
        db = database()
        return db, Filters()
    return st.session_state["_current"]


def country_names() -> dict[str, str]:
    """Display names of the countries in the data, by code."""
    options = run("filter_options")
    return dict(zip(options["code"], options["name"]))


PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stMainMenu"], [data-testid="stDownloadButton"], .stTextInput, .stMultiSelect, .stSelectbox,
.stRadio, .stSegmentedControl, .stDateInput, .stButton, .stCheckbox, .stToggle,
[data-testid="stElementToolbar"], .modebar { display: none !important; }
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
[data-testid="stMetricValue"] { font-size: 3.4rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.3rem !important; }
h1 { font-size: 3rem !important; } h2, h3 { font-size: 2.1rem !important; }
[data-testid="stCaptionContainer"] { font-size: 1.3rem !important; }
.block-container { padding-top: 1.5rem !important; max-width: 100% !important; }
</style>
"""


def presenting() -> bool:
    """Whether the URL asks for presenter mode (?present=1): no controls, large type."""
    return st.query_params.get("present", "") in ("1", "true", "yes")


def presenter_style() -> None:
    """Apply presenter mode's look: hide sidebar, widgets and Streamlit's chrome; enlarge type."""
    st.html(PRESENTER_CSS)


def show_table(frame: pd.DataFrame, table: str, filters: Filters, **dataframe_args) -> None:
    """A table with CSV and Excel downloads of exactly these rows."""
    st.dataframe(frame, hide_index=True, width="stretch", **dataframe_args)
    download_buttons(frame, table, filters)


def download_buttons(frame: pd.DataFrame, table: str, filters: Filters) -> None:
    """CSV and Excel downloads of frame, named after the table, the filters and today's date."""
    from swapwatch import exports

    left, right, _ = st.columns([1, 1, 4])
    for column, fmt, label in ((left, "csv", "⬇ CSV"), (right, "xlsx", "⬇ Excel")):
        column.download_button(
            label, data=lambda fmt=fmt: exports.export(frame, fmt, sheet=table),
            file_name=exports.file_name(table, filters, fmt),
            mime=exports.MIME[fmt], key=f"download-{table}-{fmt}", on_click="ignore",
            help=f"Download these {len(frame)} rows as {fmt.upper()}")


WATCH_SECONDS = 2


@st.fragment(run_every=WATCH_SECONDS)
def watch_data() -> None:
    """Every few seconds, rerun the whole page if a data file changed since this page was drawn."""
    stamp = current_stamp()
    seen = st.session_state.setdefault("_data_stamp", stamp)
    if stamp != seen:
        st.session_state["_data_stamp"] = stamp
        st.rerun(scope="app")


def current_stamp() -> tuple:
    """The version of the data as this run sees it (names, sizes and modification times of its files)."""
    return _store(str(config.data_dir())).stamp()

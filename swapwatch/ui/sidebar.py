"""The shared filter sidebar: the global filters bound to the URL, the notice of a link's unusable values, Reset."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from swapwatch.filters import ROLE_CHOICES, Filters, make_filters
from swapwatch.records import EVENT_KINDS, EVENT_STATUSES
from swapwatch.text import md
from swapwatch.ui.data import shared
from swapwatch.ui.links import FILTER_DEFAULTS, FILTER_KEYS, PAGE_DEFAULTS, choice

# The date picker accepts any range in these bounds, so a link's range survives data growing or shrinking.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


def sidebar_filters() -> Filters:
    """Draw the global filters in the sidebar (bound to the URL) and return their value."""
    options = shared("filter_options")
    names = dict(zip(options["code"], options["name"]))
    raw = {key: st.query_params.get_all(key) for key in FILTER_KEYS if key in st.query_params}
    with st.sidebar:
        st.header("Filters")
        dates = st.date_input(
            "Date range", value=(), min_value=EARLIEST, max_value=LATEST, key="dates", bind="query-params",
            help="Keep events whose dates overlap this range. Leave empty for all dates.")
        countries = choice(st.multiselect, "Countries", names, key="country", placeholder="All countries")
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
        dates=[d.isoformat() for d in dates or ()], country=[names.get(c, c) for c in countries] + list(countries), role=[role], kind=kinds, status=statuses,
        person=[person]))
    if notices and not st.session_state.get("_link_checked"):
        for notice in notices:
            # stays until dismissed: a notice gone in 4 s while the page is still drawing is easily missed.
            # It quotes the link, which anyone can write: text, not Markdown.
            st.toast(md(notice), icon="ℹ️", duration="infinite")
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


KEPT_ON_RESET = ("present",)  # how the view is shown, not what it shows


def _reset() -> None:
    """Clear every filter and page choice. A widget bound to the URL takes its parameter out of the link when
    it returns to its default value (Streamlit refuses to clear a bound parameter directly)."""
    from streamlit.errors import StreamlitAPIException

    for key, value in (FILTER_DEFAULTS | PAGE_DEFAULTS).items():
        st.session_state[key] = value
    st.session_state.pop("profile", None)
    for key in [key for key in st.query_params if key not in KEPT_ON_RESET]:
        try:  # another page's choices (and any stray value) are in the link unbound here: delete them
            del st.query_params[key]
        except StreamlitAPIException:  # bound on this page: cleared by its value, above
            pass

"""The view's link: choice widgets bound to the URL, the link's values a page could not use, links that name
choices by id, and the link that reopens this view."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from swapwatch.worldmap import MEASURES
from swapwatch.display import CHANNELS
from swapwatch.filters import CUSTODY_LABELS
from swapwatch.text import isolate_direction, md
from swapwatch.ui.data import shared

# Each global filter (its widget key and URL parameter) and its value when nothing is chosen.
FILTER_DEFAULTS = {"dates": (), "country": [], "role": "any", "kind": [], "status": [], "person": ""}
FILTER_KEYS = tuple(FILTER_DEFAULTS)
# The pages' own choices (bound to the URL too) and their values when nothing is chosen; the person
# profiled has none (the first of the list is shown), so Reset forgets it instead.
PAGE_DEFAULTS = {"period": "year", "custody": "detainee", "measure": "events", "q": "", "speaker": "", "topic": "",
                 "channel": "", "page": 1, "disputes-page": 1}


def choice(widget, label: str, labels: dict[str, str], key: str, **kwargs):
    """A choice widget (selectbox, multiselect, segmented control) bound to the URL.

    ``labels`` maps each option's id (what the code uses) to the label shown; Streamlit keeps the
    label in the URL (``country=Ukraine``). Links that use ids are relabelled by ``relabel_link``.
    A label with direction controls in it is isolated, so that they end with it.
    """
    raw = link_values(key)
    value = widget(label, list(labels), format_func=lambda v: isolate_direction(labels.get(v, v)), key=key,
                   bind="query-params", **kwargs)
    if key not in FILTER_KEYS:  # (the sidebar's own notice covers the global filters)
        chosen = value if isinstance(value, list) else [value]
        note_ignored(key, raw, {str(v) for v in chosen if v is not None} | {labels.get(v, v) for v in chosen if v})
    return value


def link_values(key: str) -> list[str]:
    """The values the link gave ``key`` when its widget was first drawn in this session ([] afterwards)."""
    if f"_linked-{key}" in st.session_state:
        return []
    st.session_state[f"_linked-{key}"] = True
    return st.query_params.get_all(key)


def note_ignored(key: str, raw: list[str], accepted: set[str]) -> None:
    """A notice (until dismissed) for each of the link's values of ``key`` that the page could not use."""
    ignored = [value for value in raw if value and value not in accepted]
    if ignored:
        st.toast(md("Ignored from the link (not a valid choice here): "
                    + ", ".join(f"{key}={value[:40]}" for value in ignored[:3])), icon="ℹ️", duration="infinite")


def page_number(key: str) -> int:
    """The page of a long list asked for: the pager's choice, or the link's on a first run (1 if neither)."""
    value = st.session_state.get(key) or st.query_params.get(key, "1")
    return int(value) if str(value).isdigit() and int(value) >= 1 else 1


def relabel_link(page) -> None:
    """Let a link name choices by id (``country=UKR``, ``profile=marc-fogel``) as well as by label.

    Streamlit seeds a bound widget from the URL by the option's *label*. On a session's first run,
    before any widget is bound, a link holding ids is reopened once with the ids replaced by labels.
    """
    if st.session_state.get("_link_relabelled"):
        return
    st.session_state["_link_relabelled"] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    labels = {key: {value: isolate_direction(text) for value, text in rows} for key, rows in _link_labels(params).items()}
    fixed = {key: [labels.get(key, {}).get(v, v) for v in values] for key, values in params.items()}
    if fixed != params:
        st.switch_page(page, query_params=fixed)


LOOKED_UP_KEYS = ("country", "profile", "speaker")  # the link parameters link_labels.sql knows


def _link_labels(params: dict[str, list[str]]) -> dict[str, list[tuple[str, str]]]:
    """Labels for the ids this link holds (only those are looked up: a link names a few, the data has many)."""
    values = tuple(v for key in LOOKED_UP_KEYS for v in params.get(key, []) if v)
    found = {}
    if values:
        frame = shared("link_labels", link=values)
        found = {key: list(zip(rows["value"], rows["label"])) for key, rows in frame.groupby("param")}
    found["channel"] = [(value, CHANNELS[value]) for value in params.get("channel", []) if value in CHANNELS]
    found["custody"] = list(CUSTODY_LABELS.items())
    found["measure"] = list(MEASURES.items())
    return found


def link_to_view(place) -> None:
    """Write the link that reopens this exact view (and its presenter-mode twin) into ``place``."""
    base = st.context.url
    if not base:
        return
    params = [(k, v) for k in st.query_params for v in st.query_params.get_all(k) if k != "present"]
    link = base + ("?" + urlencode(params) if params else "")
    presenter = base + "?" + urlencode(params + [("present", "1")])
    with place.container():
        st.caption("Link to this view (copy with the icon):")
        st.code(link, language=None, wrap_lines=True)
        st.caption("…the same view in presenter mode:")
        st.code(presenter, language=None, wrap_lines=True)

"""Drawing what a page says: figures, charts, captions, the empty state, the data banner, presenter mode's look."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from swapwatch import charts, figures, presenter
from swapwatch.db import Database
from swapwatch.filters import Filters, describe_view
from swapwatch.text import md
from swapwatch.ui.data import current, shared
from swapwatch.ui.links import link_values, note_ignored

PHONE_CSS = Path(__file__).resolve().parents[2] / "static" / "phone.css"

THEMES = ("light", "dark")
PRESENTER_FONT_SIZE = 22


def presenting() -> bool:
    """Whether the URL asks for presenter mode (?present=1): no controls, large type."""
    return st.query_params.get("present", "") in ("1", "true", "yes")


def dark() -> bool:
    """Whether the link asks for the dark projector theme (?theme=dark, in presenter mode)."""
    note_ignored("theme", link_values("theme"), set(THEMES))
    return presenting() and st.query_params.get("theme", "") == "dark"


def base_style() -> None:
    """Apply the style every view has (readable captions; a layout that fits a phone: static/phone.css)."""
    st.html(presenter.BASE_CSS)
    st.html(PHONE_CSS)


def presenter_style() -> None:
    """Apply presenter mode's look: hide sidebar, widgets and Streamlit's chrome; enlarge type."""
    st.html(presenter.css(dark()))


def on_phone() -> bool:
    """Whether the browser says it is a phone (its user agent names a mobile device)."""
    agent = st.context.headers.get("User-Agent", "") if st.context.headers else ""
    return "Mobi" in agent or "Android" in agent


def problems_banner(db: Database, compact: bool = False) -> None:
    """A warning naming the first problems in the data, when there are any (one line when presenting)."""
    errors = db.errors
    if not errors:
        return
    head = f"**{len(errors)} problem{'s' * (len(errors) != 1)} in the data**"
    if compact:  # a room needs to know, not where: no file names or paths on a presenter's screen
        st.warning(f"{head}: the records concerned are left out until fixed (Data health lists them).", icon="⚠️")
        return
    shown = "\n".join(f"- {md(p.file)}:{p.line} {p.code}: {md(p.message)}" for p in errors[:5])
    more = f"\n\n…and {len(errors) - 5} more (see Data health)." if len(errors) > 5 else ""
    st.warning(f"{head}: the records concerned are left out until fixed.\n\n{shown}{more}", icon="⚠️")


def figure(place, key, value: str) -> None:
    """A figure (a swapwatch.figures.Figure, or a headline figure's key) under its one label, with its one
    definition as help."""
    shown = figures.BY_KEY[key] if isinstance(key, str) else key
    place.metric(shown.label, value, help=f"{shown.help} Definitions: {figures.DOCS}.")


GROUP_NAMES = {"pows": "prisoners of war", "prisoners": "prisoners", "civilians": "civilians",
               "wounded": "wounded", "children": "children", "bodies": "bodies"}


def people_by_category(filters: Filters) -> None:
    """A caption saying what "People exchanged" is made of: each category, its range, disputed legs."""
    groups = shared("people_by_group", filters)
    if groups.empty:
        return
    parts = []
    for row in groups.itertuples():
        text = (f"{figures.amount(int(row.people), int(row.people_low), figures.upper(row.people_high))} "
                f"{GROUP_NAMES.get(row.grp, row.grp)}")
        if row.people_disputed:
            text += f" ({int(row.people_disputed):,} in legs whose direction, count or category sources dispute)"
        parts.append(text + (" — not counted as people exchanged" if row.grp == "bodies" else ""))
    st.caption("People exchanged, by category: " + "; ".join(parts) + ".")


def undated_note(filters: Filters) -> None:
    """Under a date range, say how many records it left out because no date is recorded for them."""
    if filters.date_from is None and filters.date_to is None:
        return
    left = shared("undated_left_out", filters).iloc[0]
    if int(left["people"]):
        held = f", {int(left['people_still_held']):,} of them still held" if int(left["people_still_held"]) else ""
        st.caption(f"Left out by the date range: {int(left['people']):,} people with no date in the records "
                   f"(no dated spell in custody, leg, release or quote){held}.")


def nothing_matches(what: str) -> None:
    """The empty state of a page: what matched nothing, and what to do (no sidebar when presenting); stops."""
    if presenting():
        st.info(f"No {what} match this view's filters.")
    else:
        st.info(f"No {what} match these filters. Widen the date range or clear a filter "
                "(Reset filters, in the sidebar).")
    undated_note(current()[1])
    st.stop()


def country_names() -> dict[str, str]:
    """Display names of the countries in the data, by code."""
    options = shared("filter_options")
    return dict(zip(options["code"], options["name"]))


def showing(place, filters: Filters, choices: list[tuple[str, str]] | tuple = ()) -> None:
    """The caption naming what the view shows: every filter and the page's own choices."""
    place.caption("Showing: " + md(describe_view(filters, country_names(), choices)))


def chart(figure, config: dict | None = None, **select) -> object:
    """A Plotly figure; when presenting, its type is enlarged to match the page (and drawn on the dark theme
    when asked for). ``select`` (key, on_select, selection_mode) makes it clickable; returns the selection."""
    config = {"displaylogo": False, "scrollZoom": False, **(config or {})}
    if presenting():
        charts.readable(figure, PRESENTER_FONT_SIZE)
        config["displayModeBar"] = False
        select = {}
        if dark():
            charts.on_dark(figure)
            return st.plotly_chart(figure, config=config, theme=None)
    return st.plotly_chart(figure, config=config, **select)


def on_click(key: str, values: list, target: str) -> dict:
    """Arguments for st.plotly_chart (selection_mode "points") or st.dataframe (a row) that set the widget
    ``target`` (the Countries filter "country", the profile "profile") to what is clicked: the i-th of
    ``values`` for the i-th row of a table; for a chart, the value of ``values`` in the clicked point's
    customdata (charts.py and worldmap.py put a country's code there). The widget is bound to the link, so
    the choice goes into it, as if made in the sidebar."""
    allowed = set(values)

    def choose() -> None:
        selection = (st.session_state.get(key) or {}).get("selection") or {}
        chosen = [values[i] for i in selection.get("rows", []) if isinstance(i, int) and 0 <= i < len(values)]
        for point in selection.get("points", []):
            data = point.get("customdata")
            chosen += [v for v in (data if isinstance(data, list) else [data]) if isinstance(v, str) and v in allowed]
        if chosen and target == "country":
            st.session_state["country"] = list(dict.fromkeys(chosen))
        elif chosen:
            st.session_state[target] = chosen[0]

    return dict(key=key, on_select=choose)

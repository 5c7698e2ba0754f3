"""The one module that imports Streamlit: cached data access and the shared sidebar.

Everything else in the package is UI-free and unit-tested without a server.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode
from pathlib import Path

import pandas as pd
import streamlit as st

from swapwatch import config
from swapwatch.db import Database
from swapwatch.charts import MEASURES
from swapwatch.filters import CUSTODY_LABELS, ROLE_CHOICES, Filters, make_filters
from swapwatch.live import Store
from swapwatch.records import EVENT_KINDS, EVENT_STATUSES
from swapwatch.text import isolate_direction, md

# Each global filter (its widget key and URL parameter) and its value when nothing is chosen.
FILTER_DEFAULTS = {"dates": (), "country": [], "role": "any", "kind": [], "status": [], "person": ""}
FILTER_KEYS = tuple(FILTER_DEFAULTS)
# The date picker accepts any range in these bounds, so a link's range survives data growing or shrinking.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


@st.cache_resource(max_entries=4, show_spinner=False)
def _store(data_dir: str) -> Store:
    return Store(Path(data_dir))


def database() -> Database:
    """The database of the data as it is now (re-read only where a file changed)."""
    return _store(str(config.data_dir())).database()


def begin_run() -> Database:
    """The database for this run, looking at the data files once (a look costs a stat of every file).

    Every query of the run is keyed by the stamp seen here, and the watcher compares later stamps with it.
    """
    db, stamp = _store(str(config.data_dir())).snapshot()
    st.session_state["_run_data"] = (db, _version(stamp))
    st.session_state["_data_stamp"] = stamp
    st.session_state["_looked_at"] = time.monotonic()
    return db


def _version(stamp: tuple) -> str:
    """A short key for a stamp: the query cache hashes its arguments on every call, and a stamp lists
    every file (hashing 400 of them took 35 ms a query)."""
    return hashlib.blake2b(repr(stamp).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _run_data() -> tuple[Database, str]:
    """This run's database and data version (set by app.py; looked up afresh when a page runs on its own)."""
    if "_run_data" in st.session_state:
        return st.session_state["_run_data"]
    db, stamp = _store(str(config.data_dir())).snapshot()
    return db, _version(stamp)


def run_data() -> tuple[Database, str]:
    """This run's database and data version."""
    return _run_data()


@st.cache_data(max_entries=512, show_spinner=False)
def _run(data_dir: str, version: str, name: str, params: tuple, _db: Database) -> pd.DataFrame:
    return _missing_as_none(_db.run(name, **dict(params)))


def _missing_as_none(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns with None for a missing value (pandas' NaN would print as 'nan' and count as true)."""
    for column in frame.select_dtypes(include=["object", "string"]).columns:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def _call(name: str, params: dict) -> tuple:
    """The arguments of the cached query call for `name` with `params` on this run's data."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    db, version = _run_data()
    return str(config.data_dir()), version, name, frozen, db


def run(name: str, **params) -> pd.DataFrame:
    """Run a query on the current data version, cached per version and parameters (each call gets its own
    copy of the frame: st.cache_data hands out a new one every time)."""
    return _run(*_call(name, params))


def run_filtered(name: str, filters: Filters, **extra) -> pd.DataFrame:
    """Run a query that takes the global filters (plus any extra parameters)."""
    return run(name, **filters.params(), **extra)


# Queries a page starts before it needs them run here, side by side (DuckDB runs a query of 100,000 rows
# on about one core: two at once take little more than one). Threads that touch no Streamlit element.
_AHEAD = ThreadPoolExecutor(max_workers=4, thread_name_prefix="swapwatch-query")


def start(name: str, filters: Filters | None = None, **extra) -> None:
    """Start ``run_filtered(name, filters, **extra)`` (``run(name, **extra)`` without filters) now, on
    another thread, for the page to read below.

    The page's own call then finds the result cached, waits for it to finish, or (if it has not
    begun) runs it itself; a query that fails is run again there and reports its error as usual.
    A query already cached is only looked up.
    """
    _AHEAD.submit(_run, *_call(name, extra if filters is None else {**filters.params(), **extra}))


def start_page(name: str, filters: Filters | None = None, rows: int | None = None, **extra) -> None:
    """Start what ``page_of(name, filters, rows, **extra)`` will read (see start)."""
    start(name, filters, limit=rows or ROWS_SHOWN, **extra)


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
    values = sorted({v for key in LOOKED_UP_KEYS for v in params.get(key, []) if v})
    found = {}
    if values:
        frame = run("link_labels", values=values)
        found = {key: list(zip(rows["value"], rows["label"])) for key, rows in frame.groupby("param")}
    from swapwatch.display import CHANNELS

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


def sidebar_filters() -> Filters:
    """Draw the global filters in the sidebar (bound to the URL) and return their value."""
    options = run("filter_options")
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
# The pages' own choices (bound to the URL too) and their values when nothing is chosen; the person
# profiled has none (the first of the list is shown), so Reset forgets it instead.
PAGE_DEFAULTS = {"period": "year", "custody": "detainee", "measure": "events", "q": "", "speaker": "", "topic": "",
                 "channel": "", "page": 1, "disputes-page": 1}


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


def set_current(db: Database, filters: Filters) -> None:
    """Remember this run's database and filters for the page that app.py runs next."""
    st.session_state["_current"] = (db, filters)


def current() -> tuple[Database, Filters]:
    """This run's database and filters (set by app.py before the page runs)."""
    if "_current" not in st.session_state:
        db = database()
        return db, Filters()
    return st.session_state["_current"]


def figure(place, key, value: str) -> None:
    """A figure (a swapwatch.figures.Figure, or a headline figure's key) under its one label, with its one
    definition as help."""
    from swapwatch import figures

    shown = figures.BY_KEY[key] if isinstance(key, str) else key
    place.metric(shown.label, value, help=f"{shown.help} Definitions: {figures.DOCS}.")


GROUP_NAMES = {"pows": "prisoners of war", "prisoners": "prisoners", "civilians": "civilians",
               "wounded": "wounded", "children": "children", "bodies": "bodies"}


def people_by_category(filters: Filters) -> None:
    """A caption saying what "People exchanged" is made of: each category, its range, disputed legs."""
    from swapwatch import figures

    groups = run_filtered("people_by_group", filters)
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
    left = run_filtered("undated_left_out", filters).iloc[0]
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
    options = run("filter_options")
    return dict(zip(options["code"], options["name"]))


def presenting() -> bool:
    """Whether the URL asks for presenter mode (?present=1): no controls, large type."""
    return st.query_params.get("present", "") in ("1", "true", "yes")


THEMES = ("light", "dark")


def dark() -> bool:
    """Whether the link asks for the dark projector theme (?theme=dark, in presenter mode)."""
    note_ignored("theme", link_values("theme"), set(THEMES))
    return presenting() and st.query_params.get("theme", "") == "dark"


def base_style() -> None:
    """Apply the style every view has (readable captions; a layout that fits a phone: static/phone.css)."""
    from swapwatch import presenter

    st.html(presenter.BASE_CSS)
    st.html(Path(__file__).resolve().parent.parent / "static" / "phone.css")


def presenter_style() -> None:
    """Apply presenter mode's look: hide sidebar, widgets and Streamlit's chrome; enlarge type."""
    from swapwatch import presenter

    st.html(presenter.css(dark()))


PRESENTER_FONT_SIZE = 22
PRESENTER_ROWS = 15  # rows of a table drawn whole in presenter mode (a room reads a screenful, not a scroll)


def chart(figure, config: dict | None = None, **select) -> object:
    """A Plotly figure; when presenting, its type is enlarged to match the page (and drawn on the dark theme
    when asked for). ``select`` (key, on_select, selection_mode) makes it clickable; returns the selection."""
    from swapwatch import charts

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
    customdata (charts.py puts a country's code there). The widget is bound to the link, so the choice
    goes into it, as if made in the sidebar."""
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


def on_phone() -> bool:
    """Whether the browser says it is a phone (its user agent names a mobile device)."""
    agent = st.context.headers.get("User-Agent", "") if st.context.headers else ""
    return "Mobi" in agent or "Android" in agent


def showing(place, filters: Filters, choices: list[tuple[str, str]] | tuple = ()) -> None:
    """The caption naming what the view shows: every filter and the page's own choices."""
    from swapwatch.filters import describe_view

    place.caption("Showing: " + md(describe_view(filters, country_names(), choices)))


ROWS_SHOWN = 500  # rows a table sends to the browser; the download holds every row


def page_of(name: str, filters: Filters | None = None, rows: int | None = None,
            **extra) -> tuple[pd.DataFrame, int]:
    """The first `rows` (ROWS_SHOWN) rows of a paged query (under the filters, if given), and how many it
    has in all."""
    extra["limit"] = rows or ROWS_SHOWN
    frame = run(name, **extra) if filters is None else run_filtered(name, filters, **extra)
    total = int(frame["total_rows"].iloc[0]) if len(frame) else 0
    return frame.drop(columns="total_rows"), total


def show_table(frame: pd.DataFrame, table: str, filters: Filters, total: int | None = None,
               download: tuple[str, dict] | None = None, style=None, **dataframe_args) -> None:
    """A table with CSV and Excel downloads of the whole filtered table, built when clicked.

    ``frame`` is what the page shows: all rows, or the first of ``total`` rows. ``download`` names
    the query (and its parameters beyond the filters) that gives every row with its sources; without
    it the frame itself is downloaded. ``style`` turns the shown frame into a pandas Styler (cell colours).
    """
    from swapwatch.exporting import shown

    frame = shown(table, frame)
    total = len(frame) if total is None else total
    left_out = download is not None and "sources" in frame.columns and not frame["sources"].astype(bool).any()
    if left_out:
        frame = frame.drop(columns="sources")  # left out of the page's query: it is in the download
    from swapwatch import headers

    config = {column: headers.header(table, column) for column in frame.columns}  # as the download heads them
    config.update(dataframe_args.pop("column_config", None) or {})
    text = frame.select_dtypes(include=["object", "string"]).columns
    display = frame.astype({column: object for column in text}).fillna({column: "" for column in text})
    if presenting():
        whole_table(display, config, total, table)
        return
    st.dataframe(display if style is None else style(display), hide_index=True, width="stretch",
                 column_config=config, **dataframe_args)
    notes = []
    if total > len(frame):
        notes.append(f"Showing the first {len(frame):,} of {total:,} rows; the download holds all of them. "
                     "Narrow the filters to see others here.")
    if left_out:
        notes.append("The download gives the sources of every row.")
    if notes:
        st.caption(" ".join(notes))
    download_buttons(table, filters, f"all {total:,} rows", download if download is not None else frame)


def whole_table(display: pd.DataFrame, config: dict, total: int, table: str = "") -> None:
    """A table drawn whole, as text (presenter mode): its first PRESENTER_ROWS rows under readable headers."""
    from swapwatch import headers

    def header(column: str) -> str:
        shown = config.get(column, column)
        label = shown if isinstance(shown, str) else (shown or {}).get("label")
        return label if label and label != column else headers.header(table, column)

    kept = [c for c in display.columns if config.get(c, "") is not None and c != "sources"]
    part = display[kept].head(PRESENTER_ROWS).rename(columns={c: header(c) for c in kept})
    st.table(part.astype(object).where(part.notna(), ""), hide_index=True)
    if total > len(part):
        st.caption(f"The first {len(part):,} of {total:,} rows.")


def page_number(key: str) -> int:
    """The page of a long list asked for: the pager's choice, or the link's on a first run (1 if neither)."""
    value = st.session_state.get(key) or st.query_params.get(key, "1")
    return int(value) if str(value).isdigit() and int(value) >= 1 else 1


def pages(total: int, per_page: int) -> int:
    """How many pages of ``per_page`` a list of ``total`` makes (at least one)."""
    return max(1, -(-total // per_page))


def pager(key: str, total: int, per_page: int, first: int, what: str, order: str = "") -> None:
    """Which rows of a long list are shown, and (when there are more pages) the choice of page, in the link."""
    last = min(total, first + per_page)
    st.caption(f"{what.capitalize()} {first + 1:,}–{last:,} of {total:,}{order}; the download holds all of them.")
    raw = link_values(key)
    if pages(total, per_page) > 1:
        st.selectbox(f"Page of {what}", list(range(1, pages(total, per_page) + 1)), key=key, bind="query-params",
                     help=f"{per_page} {what} a page")
    note_ignored(key, raw, {str(n) for n in range(1, pages(total, per_page) + 1)})


def plain_table(frame: pd.DataFrame, table: str, **dataframe_args) -> None:
    """A small table with no download (a profile's timeline, Data health's counts) under human headers."""
    from swapwatch import headers

    if presenting():
        whole_table(frame, {}, len(frame), table)
        return
    config = {column: headers.header(table, column) for column in frame.columns}
    config.update(dataframe_args.pop("column_config", None) or {})
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config, **dataframe_args)


def download_buttons(table: str, filters: Filters, what: str, data: pd.DataFrame | tuple[str, dict]) -> None:
    """CSV and Excel downloads of ``what`` ("all 40 rows"), named after the table, the filters and the date.

    ``data`` is the frame to download, or a query and its extra parameters: the query is then run
    (under the filters, every row, with sources) only when a button is clicked.
    """
    from swapwatch import exports
    from swapwatch.exporting import shown

    if presenting():
        return  # no controls on a presenter's screen
    if isinstance(data, tuple):
        from swapwatch.db import load_query

        (db, _), (name, extra) = _run_data(), data
        params = {**{k: list(v) if isinstance(v, tuple) else v for k, v in filters.params().items()}, **extra}
        params = {k: v for k, v in params.items() if k in load_query(name).params}

        def whole() -> pd.DataFrame:
            return shown(table, _missing_as_none(db.run(name, **params)))
    else:
        frame = shown(table, data)

        def whole() -> pd.DataFrame:
            return frame
    left, right, _ = st.columns([1, 1, 4])
    for column, fmt, label in ((left, "csv", "⬇ CSV"), (right, "xlsx", "⬇ Excel")):
        column.download_button(
            label, data=lambda fmt=fmt: exports.export(whole(), fmt, sheet=table, table=table),
            file_name=exports.file_name(table, filters, fmt, choices=data[1] if isinstance(data, tuple) else None),
            mime=exports.MIME[fmt], key=f"download-{table}-{fmt}", on_click="ignore",
            help=f"Download {what} as {fmt.upper()}")


WATCH_SECONDS = 2


@st.fragment(run_every=WATCH_SECONDS)
def watch_data() -> None:
    """Every few seconds, rerun the whole page if a data file changed since this page was drawn.

    An idle tab costs the server this run every WATCH_SECONDS: it draws nothing, and the look at the files
    is shared by every tab of the server (Store.recent_stamp).
    """
    if time.monotonic() - st.session_state.get("_looked_at", 0.0) < WATCH_SECONDS / 2:
        return  # drawn as part of a run that has just looked at the files
    stamp = _store(str(config.data_dir())).recent_stamp(WATCH_SECONDS / 2)
    seen = st.session_state.setdefault("_data_stamp", stamp)
    if stamp != seen:
        st.session_state["_data_stamp"] = stamp
        st.rerun(scope="app")


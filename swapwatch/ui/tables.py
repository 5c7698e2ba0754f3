"""Tables as a page shows them (human headers, a screenful, drawn whole when presenting), long lists' pagers,
and the CSV and Excel downloads of a whole table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from swapwatch import exports, headers
from swapwatch.db import load_query
from swapwatch.catalog import shown
from swapwatch.filters import Filters
from swapwatch.ui.data import missing_as_none, run_data
from swapwatch.ui.links import link_values, note_ignored
from swapwatch.ui.show import presenting

PRESENTER_ROWS = 15  # rows of a table drawn whole in presenter mode (a room reads a screenful, not a scroll)


def show_table(frame: pd.DataFrame, table: str, filters: Filters, total: int | None = None,
               download: tuple[str, dict] | None = None, style=None, **dataframe_args) -> None:
    """A table with CSV and Excel downloads of the whole filtered table, built when clicked.

    ``frame`` is what the page shows: all rows, or the first of ``total`` rows. ``download`` names
    the query (and its parameters beyond the filters) that gives every row with its sources; without
    it the frame itself is downloaded. ``style`` turns the shown frame into a pandas Styler (cell colours).
    """
    frame = shown(table, frame)
    total = len(frame) if total is None else total
    left_out = download is not None and "sources" in frame.columns and not frame["sources"].astype(bool).any()
    if left_out:
        frame = frame.drop(columns="sources")  # left out of the page's query: it is in the download
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
    def header(column: str) -> str:
        label = config.get(column, column)
        label = label if isinstance(label, str) else (label or {}).get("label")
        return label if label and label != column else headers.header(table, column)

    kept = [c for c in display.columns if config.get(c, "") is not None and c != "sources"]
    part = display[kept].head(PRESENTER_ROWS).rename(columns={c: header(c) for c in kept})
    st.table(part.astype(object).where(part.notna(), ""), hide_index=True)
    if total > len(part):
        st.caption(f"The first {len(part):,} of {total:,} rows.")


def plain_table(frame: pd.DataFrame, table: str, **dataframe_args) -> None:
    """A small table with no download (a profile's timeline, Data health's counts) under human headers."""
    if presenting():
        whole_table(frame, {}, len(frame), table)
        return
    config = {column: headers.header(table, column) for column in frame.columns}
    config.update(dataframe_args.pop("column_config", None) or {})
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config, **dataframe_args)


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


def download_buttons(table: str, filters: Filters, what: str, data: pd.DataFrame | tuple[str, dict]) -> None:
    """CSV and Excel downloads of ``what`` ("all 40 rows"), named after the table, the filters and the date.

    ``data`` is the frame to download, or a query and its extra parameters: the query is then run
    (under the filters, every row, with sources) only when a button is clicked.
    """
    if presenting():
        return  # no controls on a presenter's screen
    if isinstance(data, tuple):
        (db, _), (name, extra) = run_data(), data
        params = {**{k: list(v) if isinstance(v, tuple) else v for k, v in filters.params().items()}, **extra}
        params = {k: v for k, v in params.items() if k in load_query(name).params}

        def whole() -> pd.DataFrame:
            return shown(table, missing_as_none(db.run(name, **params)))
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

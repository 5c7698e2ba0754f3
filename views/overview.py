"""Overview: headline figures, a timeline of the filtered events coloured by kind, and the latest events."""

import streamlit as st

from swapwatch import charts, takeaway, ui
from swapwatch.figures import FIGURES
from swapwatch.text import md

db, filters = ui.current()
st.title("SwapWatch — overview")
st.caption("Showing: " + md(filters.describe(ui.country_names())))
takeaway.box("overview", filters)  # briefing pack and data URLs of this view
# The page's queries run side by side; each call below reads its own.
ui.start("overview_figures", filters)
ui.start("released_by_side", filters, with_sources=False)
ui.start_page("events_timeline", filters)
ui.start("events_over_time", filters)

figures = ui.run_filtered("overview_figures", filters).iloc[0]
for row in (list(FIGURES)[:4], list(FIGURES)[4:]):  # labels and help from swapwatch.figures, as the pack has them
    for column, key in zip(st.columns(4), row):
        column.metric(FIGURES[key].label, f"{int(figures[key]):,}", help=FIGURES[key].definition)

sides = ui.run_filtered("released_by_side", filters, with_sources=False)
if not sides.empty:
    st.caption("People freed by each side in these exchanges: " + "; ".join(
        f"{md(row.country)} released {row.released:,}, received {row.received:,}" for row in sides.head(6).itertuples()))

events, total = ui.page_of("events_timeline", filters)
if events.empty:
    st.info("No events match these filters. Widen the date range or clear a filter (Reset filters, in the sidebar).")
    st.stop()

st.subheader("Timeline")
ui.chart(charts.timeline(ui.run_filtered("events_over_time", filters)))

st.subheader("Latest events")
for row in events.head(5).itertuples():
    disputed = " · ⚠ sources disagree" if row.disputed else ""
    st.markdown(f"**{md(row.date)}** — {md(row.title)}  \n{row.kind}, {row.status} · {md(row.countries)}{disputed}")
files = ui.run("data_files")
if len(files):
    newest = files.iloc[0]
    st.caption(f"Records last changed {newest['modified']:%Y-%m-%d %H:%M} (server time), in {md(newest['file'])}; "
               "the page updates by itself when a curator saves a file.")

st.subheader("All events")
ui.show_table(
    events,
    "events", filters, total=total, download=("events_timeline", {}),
    column_config={"people_moved": st.column_config.NumberColumn("People moved"),
                   "disputed": st.column_config.CheckboxColumn("Disputed")},
)

"""Overview: headline figures, a timeline of the filtered events coloured by kind, and the latest events."""

import streamlit as st

from swapwatch import charts, pagequeries, takeaway, ui
from swapwatch import figures as headline
from swapwatch.text import md

db, filters = ui.current()
st.title("SwapWatch — overview")
ui.showing(st, filters)
takeaway.box("overview", filters)  # briefing pack and data URLs of this view
queries = ui.start(pagequeries.overview(filters))  # side by side, while the page lays out

figures = queries.read("overview_figures").iloc[0]
columns = st.columns(4)
ui.figure(columns[0], "exchanges_completed", f"{int(figures['exchanges_completed']):,}")
ui.figure(columns[1], "people_exchanged", headline.people_exchanged(figures))
ui.figure(columns[2], "proposals_pending", f"{int(figures['proposals_pending']):,}")
ui.figure(columns[3], "people_still_held", f"{int(figures['people_still_held']):,}")
columns = st.columns(4)
for column, key in zip(columns, ("events", "countries_involved", "quotes", "disagreements")):
    ui.figure(column, key, f"{int(figures[key]):,}")
ui.people_by_category(filters)
ui.undated_note(filters)
ui.download_buttons("figures", filters, "these figures with their definitions", ("overview_figures", {}))

sides = queries.read("released_by_side")
if not sides.empty:
    st.caption("People freed by each side in these exchanges: " + "; ".join(
        f"{md(row.country)} released {row.released:,}, received {row.received:,}" for row in sides.head(6).itertuples()))

events, total = queries.page("events_timeline")
if events.empty:
    ui.nothing_matches("events")

st.header("Timeline")
ui.chart(charts.timeline(queries.read("events_over_time")))

st.header("Latest events")
for row in events.head(5).itertuples():
    disputed = " · ⚠ sources disagree" if row.disputed else ""
    st.markdown(f"**{md(row.date)}** — {md(row.title)}  \n{row.kind}, {row.status} · {md(row.countries)}{disputed}")
files = queries.read("data_files")
if len(files):
    newest = files.iloc[0]
    st.caption(f"Records last changed {newest['modified']:%Y-%m-%d %H:%M} (server time), in {md(newest['file'])}; "
               "the page updates by itself when a curator saves a file.")

st.header("All events")
ui.show_table(
    events,
    "events", filters, total=total, download=("events_timeline", {}),
    column_config={"people_moved": st.column_config.NumberColumn("People moved"),
                   "title": st.column_config.TextColumn("Title", width="large"),
                   "disputed": st.column_config.CheckboxColumn("Disputed")},
)

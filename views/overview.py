"""Overview: headline figures, a timeline of the filtered events coloured by kind, and the latest events."""

import streamlit as st

from swapwatch import charts, ui
from swapwatch.text import md

db, filters = ui.current()
st.title("SwapWatch — overview")
st.caption("Showing: " + md(filters.describe(ui.country_names())))
# The page's queries run side by side; each call below reads its own.
ui.start("overview_figures", filters)
ui.start("released_by_side", filters, with_sources=False)
ui.start_page("events_timeline", filters)
ui.start("events_over_time", filters)

figures = ui.run_filtered("overview_figures", filters).iloc[0]
columns = st.columns(4)
columns[0].metric("Exchanges completed", f"{int(figures['exchanges_completed']):,}")
columns[1].metric("People exchanged", f"{int(figures['people_exchanged']):,}",
                  help="People moved in completed exchanges, all sides together (bodies not counted).")
columns[2].metric("Proposals pending", f"{int(figures['proposals_pending']):,}",
                  help="Events proposed, announced or agreed but not yet carried out.")
columns[3].metric("People still held", f"{int(figures['people_still_held']):,}",
                  help="Named detainees with no recorded release (including any whose release sources dispute: "
                       "the People page marks them).")
columns = st.columns(4)
columns[0].metric("Events", f"{int(figures['events']):,}")
columns[1].metric("Countries involved", f"{int(figures['countries_involved']):,}")
columns[2].metric("Quotes", f"{int(figures['quotes']):,}")
columns[3].metric("Disputed facts", f"{int(figures['disagreements']):,}",
                  help="Facts about these events on which sources disagree; see Sources.")

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

"""Data health: validation status, row counts and when each data file last changed."""

import streamlit as st

from swapwatch import config, pagequeries, takeaway, ui
from swapwatch.text import md

db, filters = ui.current()
st.title("Data health")
ui.showing(st, filters)
if not ui.presenting():  # a server path is no business of a room
    st.caption("Data folder: " + md(config.data_dir()))
takeaway.box("health", filters)  # briefing pack and data URLs of this view

queries = ui.start(pagequeries.health(filters))
problems = queries.read("data_problems")
errors, warnings, total = (int(problems[c].iloc[0]) if len(problems) else 0 for c in ("errors", "warnings", "total_rows"))
if not errors:
    st.success(f"The data is valid: no errors ({warnings:,} warning{'s' * (warnings != 1)}).")
else:
    st.error(f"{errors:,} error{'s' * (errors != 1)}: the records concerned are left out until fixed. "
             "Run `python -m swapwatch validate` for the same list.")
if total:
    ui.show_table(problems, "data-problems", filters, total=total, download=("data_problems", {}))

files = queries.read("data_files")
columns = st.columns(3)
counts = queries.read("table_counts")
columns[0].metric("Files", f"{len(files):,}")
records = int(counts[counts["table_name"].isin(["sources", "people", "events", "quotes"])]["row_count"].sum())
columns[1].metric("Records", f"{records:,}")
columns[2].metric("Last change", files["modified"].max().strftime("%Y-%m-%d %H:%M:%S") if len(files) else "—")

left, right = st.columns(2)
with left:
    st.header("Rows per table")
    ui.plain_table(counts, "table-counts")
with right:
    st.header("Data files")
    ui.plain_table(files, "data-files")

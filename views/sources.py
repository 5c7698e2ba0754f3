"""Sources: the bibliography with how many records cite each source, and the register of disagreements."""

import streamlit as st

from swapwatch import takeaway, ui
from swapwatch.text import md

DISPUTES_SHOWN = 50  # disputed facts written out; the download holds all

db, filters = ui.current()
st.title("Sources and disagreements")
st.caption("Showing: " + md(filters.describe(ui.country_names())))
takeaway.box("sources", filters)  # briefing pack and data URLs of this view

ui.start_page("sources_table", filters)  # the bibliography runs while the disagreements are read
ui.start("reconciliation", filters)

st.header("Where sources disagree")
register = ui.run_filtered("disagreements_table", filters, limit=DISPUTES_SHOWN)
if register.empty:
    st.info("No disagreements among sources for the records that match these filters.")
else:
    disputed = int(register["disputes"].iloc[0])
    st.metric("Disputed facts", f"{disputed:,}")
    if disputed > DISPUTES_SHOWN:
        st.caption(f"Showing the first {DISPUTES_SHOWN} of {disputed:,}; the download holds all of them.")
    for _, rows in register.groupby("disagreement_id", sort=False):
        first = rows.iloc[0]
        with st.container(border=True):
            st.markdown(f"**{md(first.topic)}** — {first.record_type} *{md(first.record)}* (field {md(first.field)})")
            for row in rows.itertuples():
                st.markdown(f"- **{md(row.value)}** — {md(row.sources)}")
            if first.note:
                st.caption(md(first.note))
    ui.download_buttons("disagreements", filters, f"all {disputed:,} disputed facts", ("disagreements_table", {}))

st.header("Stated totals the recorded legs do not reach")
totals = ui.run_filtered("reconciliation", filters)
apart = totals[totals["series"].isna() & totals["contradicts"].fillna(False)] if len(totals) else totals
if apart.empty:
    st.caption("No total that sources state for an exchange in view contradicts its recorded legs (where "
               "numbers were withheld the legs fall short of it: the Exchanges page shows each gap, and running "
               "totals of a series).")
else:
    st.caption("Totals that sources state for one exchange or programme, where the recorded legs add up to "
               "another figure (validate reports each as legs-vs-reported, with its line).")
    ui.show_table(apart, "reconciliation", filters, download=("reconciliation", {}),
                  column_config={"as_of": "Date", "what": "What is counted", "claimed": "Sources state",
                                 "recorded": "Recorded legs (best)", "recorded_low": "Recorded (low)",
                                 "recorded_high": "Recorded (high)", "events_counted": "Events counted"})

st.header("Bibliography")
sources, total = ui.page_of("sources_table", filters)
if sources.empty:
    st.info("No sources are cited by the records that match these filters.")
    st.stop()
st.metric("Sources", f"{total:,}")
ui.show_table(sources, "sources", filters, total=total, download=("sources_table", {}),
              column_config={"url": st.column_config.LinkColumn("URL"),
                             "records_citing": st.column_config.NumberColumn("Records citing"),
                             "citing_in_view": st.column_config.NumberColumn("Citing in this view")})

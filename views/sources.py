"""Sources: the bibliography with how many records cite each source, and the register of disagreements."""

import streamlit as st

from swapwatch import ui
from swapwatch.text import md

db, filters = ui.current()
st.title("Sources and disagreements")
st.caption("Showing: " + md(filters.describe(ui.country_names())))

st.header("Where sources disagree")
register = ui.run_filtered("disagreements_table", filters)
if register.empty:
    st.info("No disagreements among sources for the records that match these filters.")
else:
    disputed = register["disagreement_id"].unique()
    st.metric("Disputed facts", len(disputed))
    if len(disputed) > 50:
        st.caption(f"Showing the first 50 of {len(disputed)}; the download holds all of them.")
    shown = register[register["disagreement_id"].isin(disputed[:50])]
    for _, rows in shown.groupby("disagreement_id", sort=False):
        first = rows.iloc[0]
        with st.container(border=True):
            st.markdown(f"**{md(first.topic)}** — {first.record_type} *{md(first.record)}* (field {md(first.field)})")
            for row in rows.itertuples():
                st.markdown(f"- **{md(row.value)}** — {md(row.sources)}")
            if first.note:
                st.caption(md(first.note))
    ui.download_buttons(register, "disagreements", filters)

st.header("Bibliography")
sources = ui.run_filtered("sources_table", filters)
if sources.empty:
    st.info("No sources are cited by the records that match these filters.")
    st.stop()
st.metric("Sources", len(sources))
ui.show_table(sources, "sources", filters,
              column_config={"url": st.column_config.LinkColumn("URL"),
                             "records_citing": st.column_config.NumberColumn("Records citing"),
                             "citing_in_view": st.column_config.NumberColumn("Citing in this view")})

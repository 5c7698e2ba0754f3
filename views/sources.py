"""Sources: the bibliography with how many records cite each source, and the register of disagreements."""

import streamlit as st

from swapwatch import display, pagequeries, takeaway, ui
from swapwatch.pagequeries import DISPUTES_PER_PAGE as PER_PAGE
from swapwatch.text import md

db, filters = ui.current()
st.title("Sources and disagreements")
ui.showing(st, filters)
takeaway.box("sources", filters)  # briefing pack and data URLs of this view

number = ui.page_number("disputes-page")  # the page of the register asked for (the link's, on a first run)
queries = ui.start(pagequeries.sources(filters, number))  # the register is read beside the bibliography

st.header("Bibliography")
sources, total = queries.page("sources_table")
if sources.empty:
    st.info("No sources are cited by the records that match these filters.")
    st.stop()
st.metric("Sources", f"{total:,}")
if display.address_titles(sources).any():
    st.caption(f"A title marked {display.ADDRESS_TITLE}, in grey, is the words of the page's address: the page's "
               "headline is not recorded. A title in [brackets] is our description of the page.")
ui.show_table(display.mark_address_titles(sources), "sources", filters, total=total, download=("sources_table", {}),
              style=display.muted_address_titles,
              column_config={"url": st.column_config.LinkColumn("Link", display_text="open"), "id": None,
                             "title": st.column_config.TextColumn("Title", width="large"),
                             "records_citing": st.column_config.NumberColumn("Records citing"),
                             "citing_in_view": st.column_config.NumberColumn("Citing in this view")})

st.header("Stated totals the recorded legs do not reach")
totals = queries.read("reconciliation")
apart = totals[totals["series"].isna() & totals["contradicts"].fillna(False)] if len(totals) else totals
if apart.empty:
    st.caption("No total that sources state for an exchange in view contradicts its recorded legs (where "
               "numbers were withheld the legs fall short of it: the Exchanges page shows each gap, and running "
               "totals of a series).")
else:
    st.caption("Totals that sources state for one exchange or programme, where the recorded legs add up to "
               "another figure (validate reports each as legs-vs-reported, with its line).")
    ui.show_table(apart, "reconciliation", filters, download=("reconciliation", {}))

st.header("Where sources disagree")
register = queries.read("disagreements_table")
if register.empty:
    st.info("No disagreements among sources for the records that match these filters.")
    st.stop()
disputed = int(register["disputes"].iloc[0])
st.metric("Disputed facts", f"{disputed:,}")
groups = list(register.groupby("disagreement_id", sort=False))
first = (min(number, ui.pages(disputed, PER_PAGE)) - 1) * PER_PAGE
for _, rows in groups[first:first + PER_PAGE]:
    head = rows.iloc[0]
    with st.container(border=True):
        st.markdown(f"**{md(head.topic)}** — {head.record_type} *{md(head.record)}*")
        for row in rows.itertuples():
            st.markdown(f"- **{md(row.value)}** — {md(row.sources)}")
        if head.note:
            st.caption(md(head.note))
ui.pager("disputes-page", disputed, PER_PAGE, first, "disputed facts")
ui.download_buttons("disagreements", filters, f"all {disputed:,} disputed facts", ("disagreements_table", {}))

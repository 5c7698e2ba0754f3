"""People: the participant table, filterable by custody status, and a profile of any one person."""

import streamlit as st

from swapwatch import ui
from swapwatch.filters import CUSTODY_LABELS
from swapwatch.text import md

db, filters = ui.current()
st.title("People")
st.caption("Showing: " + md(filters.describe(ui.country_names())))

status = ui.choice(st.segmented_control, "Status", CUSTODY_LABELS, key="custody", default="detainee") or ""
people = ui.run_filtered("participants", filters, status=status)
if people.empty:
    st.info("No people match these filters. Clear the status or a filter (Reset filters, in the sidebar).")
    st.stop()

st.metric(CUSTODY_LABELS[status], len(people))
ui.show_table(
    people, "people", filters,
    column_config={"name": st.column_config.TextColumn("Name", pinned=True),
                   "exchanged_in": "Exchanged in", "exchanged_for": "Exchanged for", "held_by": "Held by"},
)

st.header("Profile")
names = dict(zip(people["id"], people["name"]))
chosen = ui.choice(st.selectbox, "Person", names, key="profile")
if chosen is None:
    st.stop()
profile = ui.run("person_profile", person_id=chosen).iloc[0]
st.subheader(md(profile["name"]))
facts = [profile["title"], profile["nationalities"], profile["roles"],
         f"also written {profile['aliases']}" if profile["aliases"] else None]
st.caption(" · ".join(md(f) for f in facts if f))
st.markdown(md(profile["description"]))

timeline = ui.run("person_timeline", person_id=chosen)
if not timeline.empty:
    st.markdown("**Timeline**")
    st.dataframe(timeline[["date", "what", "detail"]], hide_index=True, width="stretch")

quotes = ui.run("quotes_table", date_from=None, date_to=None, countries=(), country_role="any", kinds=(),
                statuses=(), person="", search="", speaker=chosen, topic="", channel="")
if not quotes.empty:
    st.markdown(f"**Quotes** ({len(quotes)})")
    for row in quotes.itertuples():
        st.markdown(f"> {md(row.text)}\n\n— {md(row.date)}, {row.channel}. {md(row.context)}")

st.markdown("**Sources**")
sources = ui.run("record_sources", record_type="person", record_id=chosen)
st.dataframe(sources, hide_index=True, width="stretch",
             column_config={"url": st.column_config.LinkColumn("URL")})

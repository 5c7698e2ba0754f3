"""People: the participant table, filterable by custody status, and a profile of any one person."""

import streamlit as st

from swapwatch import takeaway, ui
from swapwatch.filters import CUSTODY_LABELS
from swapwatch.text import md

QUOTES_SHOWN = 20  # a person's quotes written out in the profile


def start_profile(person_id: str) -> None:
    """Start the queries of a person's profile, to run side by side (and beside the table)."""
    ui.start("person_profile", person_id=person_id)
    ui.start("person_timeline", person_id=person_id)
    ui.start_page("person_quotes", rows=QUOTES_SHOWN, person_id=person_id)
    ui.start("record_sources", record_type="person", record_id=person_id)


db, filters = ui.current()
st.title("People")
st.caption("Showing: " + md(filters.describe(ui.country_names())))
takeaway.box("people", filters)  # briefing pack and data URLs of this view

status = ui.choice(st.segmented_control, "Status", CUSTODY_LABELS, key="custody",
                   default=ui.PAGE_DEFAULTS["custody"]) or ""
shown_before = st.session_state.get("profile")  # on a rerun, the person profiled so far
if shown_before:
    start_profile(shown_before)
people, total = ui.page_of("participants", filters, status=status)
if people.empty:
    ui.nothing_matches("people")

st.metric(CUSTODY_LABELS[status], f"{total:,}")
ui.undated_note(filters)
ui.show_table(
    people, "people", filters, total=total, download=("participants", {"status": status}),
    column_config={"name": st.column_config.TextColumn("Name", pinned=True),
                   "exchanged_in": "Exchanged in", "exchanged_for": "Exchanged for", "held_by": "Held by"},
)

st.header("Profile")
names = dict(zip(people["id"], people["name"]))
if total > len(people):
    st.caption(f"The list holds the {len(people):,} people in the table above; to reach another of the {total:,}, "
               "type part of the name in the Person filter (sidebar).")
chosen = ui.choice(st.selectbox, "Person", names, key="profile")
if chosen is None:
    st.stop()
if chosen != shown_before:
    start_profile(chosen)
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

quotes, said = ui.page_of("person_quotes", rows=QUOTES_SHOWN, person_id=chosen)  # whatever the filters
if not quotes.empty:
    st.markdown(f"**Quotes** ({said:,})")
    for row in quotes.itertuples():
        st.markdown(f"> {md(row.text)}\n\n— {md(row.date)}, {row.channel}. {md(row.context)}")
    if said > QUOTES_SHOWN:
        st.caption(f"The {QUOTES_SHOWN} newest; the Quotes page has all of them (search for the name there).")

st.markdown("**Sources**")
sources = ui.run("record_sources", record_type="person", record_id=chosen)
st.dataframe(sources, hide_index=True, width="stretch",
             column_config={"url": st.column_config.LinkColumn("URL")})

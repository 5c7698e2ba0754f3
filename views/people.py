"""People: the participant table, filterable by custody status, and a profile of any one person."""

import streamlit as st

from swapwatch import pagequeries, takeaway, ui
from swapwatch.filters import CUSTODY_LABELS
from swapwatch.display import cited
from swapwatch.pagequeries import QUOTES_SHOWN
from swapwatch.text import md

db, filters = ui.current()
st.title("People")
caption = st.empty()  # filled once the page's choices are read
takeaway.box("people", filters)  # briefing pack and data URLs of this view

status = ui.choice(st.segmented_control, "Status", CUSTODY_LABELS, key="custody",
                   default=ui.PAGE_DEFAULTS["custody"]) or ""
choices = [("people", CUSTODY_LABELS[status].lower())]
ui.showing(caption, filters, choices)
shown_before = st.session_state.get("profile")  # on a rerun, the person profiled so far: run beside the table
queries = ui.start(pagequeries.people(filters, status, shown_before))
people, total = queries.page("participants")
if people.empty:
    ui.nothing_matches("people")

st.metric(CUSTODY_LABELS[status], f"{total:,}")
ui.undated_note(filters)
ui.show_table(
    people, "people", filters, total=total, download=("participants", {"status": status}), selection_mode="single-row",
    **ui.on_click("rows-people", list(people["id"]), "profile"),
    column_config={"name": st.column_config.TextColumn("Name", width="medium"),
                   "charge": st.column_config.TextColumn("Charge", width="large")},
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
    queries = ui.start(pagequeries.people(filters, status, chosen))
profile = queries.read("person_profile").iloc[0]
ui.showing(caption, filters, choices + [("profile", profile["name"])])
st.subheader(md(profile["name"]))
facts = [profile["title"], profile["nationalities"], profile["roles"],
         f"also written {profile['aliases']}" if profile["aliases"] else None]
st.caption(" · ".join(md(f) for f in facts if f))
st.markdown(md(profile["description"]))

timeline = queries.read("person_timeline")
if not timeline.empty:
    st.markdown("**Timeline**")
    ui.plain_table(timeline[["date", "what", "detail"]], "timeline")

quotes, said = queries.page("person_quotes")  # whatever the filters
if not quotes.empty:
    st.markdown(f"**Quotes** ({said:,})")
    for row in quotes.itertuples():
        st.markdown(f"> {md(row.text)}\n\n— {md(row.date)}, {row.channel}. {md(row.context)}")
    if said > QUOTES_SHOWN:
        st.caption(f"The {QUOTES_SHOWN} newest; the Quotes page has all of them (search for the name there).")

st.markdown("**Sources**")
sources = queries.read("record_sources")
ui.plain_table(cited(sources), "sources", column_config={"url": st.column_config.LinkColumn("Link")})

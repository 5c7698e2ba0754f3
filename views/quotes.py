"""Quotes: search what was said (case- and accent-insensitive) by speaker, date, topic and channel."""

import streamlit as st

from swapwatch import pagequeries, takeaway, ui
from swapwatch.display import channel_name, quote_text
from swapwatch.pagequeries import OPTIONS_SHOWN, QUOTES_PER_PAGE as PER_PAGE
from swapwatch.text import md

WIDGETS = {"search": "q", "speaker": "speaker", "topic": "topic", "channel": "channel"}  # parameter: widget key

db, filters = ui.current()
st.title("Quotes")
caption = st.empty()  # filled once the page's choices are read
takeaway.box("quotes", filters)  # briefing pack and data URLs of this view
number = ui.page_number("page")  # the page of the list asked for (the link's, on a first run)
# On a rerun, the quotes asked for so far run beside the facets the widgets need (unknown on a first run).
before = ({name: st.session_state[key] or "" for name, key in WIDGETS.items()}
          if all(key in st.session_state for key in WIDGETS.values()) else None)
facets = ui.start(pagequeries.quotes(filters, number, before)).read("quote_facets")


def choices(facet: str) -> dict[str, str]:
    rows = facets[facets["facet"] == facet]
    labels = rows["label"].map(channel_name) if facet == "channel" else rows["label"]
    return {"": f"Any {facet}"} | dict(zip(rows["value"], labels))


def options(facet: str) -> int:
    rows = facets[facets["facet"] == facet]
    return int(rows["options"].iloc[0]) if len(rows) else 0


speakers, topics, channels = choices("speaker"), choices("topic"), choices("channel")
search = st.text_input("Search the words, speaker or context", key="q", bind="query-params", max_chars=200,
                       placeholder="e.g. prisoner, Zelensky, Istanbul")
left, middle, right = st.columns(3)
with left:
    speaker = ui.choice(st.selectbox, "Speaker", speakers, key="speaker")
with middle:
    topic = ui.choice(st.selectbox, "Topic", topics, key="topic")
with right:
    channel = ui.choice(st.selectbox, "Channel", channels, key="channel")
if options("speaker") > OPTIONS_SHOWN:
    st.caption(f"The speaker list holds the {OPTIONS_SHOWN} most quoted of {options('speaker'):,} speakers; "
               "search finds any speaker by name.")

asked = dict(search=search or "", speaker=speaker or "", topic=topic or "", channel=channel or "")
picked = (("speaker", speakers, speaker), ("topic", topics, topic), ("channel", channels, channel))
ui.showing(caption, filters, [("search", f"“{search}”" if search else "")]
           + [(facet, labels.get(value, value)) for facet, labels, value in picked if value])
quotes, total = ui.start(pagequeries.quotes(filters, number, asked)).page("quotes_table")
if any(asked.values()):  # the page's own choices narrow what the overview's "Quotes" counts: another label
    st.metric("Quotes matching these choices", f"{total:,}",
              help="Quotes in view that also match the search, speaker, topic and channel chosen here.")
else:
    ui.figure(st, "quotes", f"{total:,}")
if quotes.empty:
    st.info("No quotes match. Try a shorter search, or clear the speaker, topic or a filter.")
    st.stop()

first = (min(number, ui.pages(total, PER_PAGE)) - 1) * PER_PAGE
if first >= len(quotes):  # a page past the end (the link's, or the list shrank): the first page
    quotes, total = ui.start(pagequeries.quotes(filters, 1, asked)).page("quotes_table")
    first = 0
for row in quotes.iloc[first:first + PER_PAGE].itertuples():
    with st.container(border=True):
        st.markdown(f"**“{md(quote_text(row.text))}”**")
        translated = f" · {md(row.translation)}" if row.translation else ""
        place = f" · {md(row.place)}" if row.place else ""
        st.markdown(f"{md(row.speaker)} · {md(row.date)} · {md(channel_name(row.channel))}{place}{translated}")
        st.caption(md(row.context) + (f" — about: {md(row.event)}" if row.event else ""))
        st.caption(f"Sources: {md(row.sources)}")
ui.pager("page", total, PER_PAGE, first, "quotes", ", newest first")
ui.download_buttons("quotes", filters, f"all {total:,} quotes", ("quotes_table", asked))

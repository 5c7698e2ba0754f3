"""Exchanges: swap counts by period, country pair and status; people released per side; stages; who for whom."""

import streamlit as st

from swapwatch import charts, pagequeries, takeaway, ui
from swapwatch import figures as headline
from swapwatch.pagequeries import WHO_FOR_WHOM_SHOWN
from swapwatch.text import md

db, filters = ui.current()
st.title("Exchanges")
caption = st.empty()  # filled once the page's choices are read
takeaway.box("exchanges", filters)  # briefing pack and data URLs of this view

period = ui.choice(st.segmented_control, "Count by", {"month": "month", "year": "year"}, key="period",
                   default=ui.PAGE_DEFAULTS["period"]) or "year"
ui.showing(caption, filters, [("counted by", period)])
queries = ui.start(pagequeries.exchanges(filters, period))  # side by side, while the page lays out
by_period = queries.read("exchanges_by_period")
if by_period.empty:
    ui.nothing_matches("exchanges")

figures = queries.read("overview_figures").iloc[0]
for column, (figure, value) in zip(st.columns(3), headline.exchange_figures(by_period, figures)):
    ui.figure(column, figure, value)
ui.people_by_category(filters)

left, right = st.columns([2, 1])
with left:
    st.header(f"Exchanges per {period}")
    frame = by_period.assign(period=by_period["period"].dt.strftime("%Y" if period == "year" else "%Y-%m"))
    ui.chart(charts.exchanges_per_period(frame, period))
with right:
    st.header("By status")
    by_status = queries.read("exchanges_by_status")
    if len(by_status) > 2:
        ui.chart(charts.bar(by_status, "status", "exchanges", horizontal=True, title_x="Exchanges"))
    else:  # one or two statuses: a sentence says it better than a bar or two
        st.markdown(md(charts.statuses_in_words(by_status)))

st.header("People released and received in exchanges, by country")
st.caption("People each country released and received in the exchanges in view (bodies not counted; one-way "
           "releases are on the Map page, which counts every release).")
sides = queries.read("released_by_side")
if len(sides) > 15:
    st.caption(f"The chart shows the 15 countries that moved most people, of {len(sides)}; the table has all.")
ui.chart(charts.bar(sides.head(15), "country", ["released", "received"], horizontal=True,
                    names={"released": "released", "received": "received"}, colours=(charts.RELEASING, charts.RECEIVING), keys="code",
                    title_x="People (each gridline 10× the last)" if charts.needs_log(sides.head(15), ["released", "received"])
                    else "People"), **ui.on_click("click-sides", list(sides.head(15)["code"]), "country"),
         selection_mode="points")
ui.show_table(sides, "people-by-country", filters, download=("released_by_side", {}), selection_mode="single-row",
              **ui.on_click("rows-sides", list(sides["code"]), "country"))

st.header("By country pair")
pairs, total = queries.page("exchanges_by_pair")
ui.show_table(pairs, "exchanges-by-pair", filters, total=total, download=("exchanges_by_pair", {}))

st.header("Numbered series and reported totals")
numbered = queries.read("numbered_exchanges")
if numbered.empty:
    st.caption("No exchange in view is numbered in a series (such as the UAE's count of its mediations).")
else:
    ui.show_table(numbered, "numbered-exchanges", filters, download=("numbered_exchanges", {}))
reconciliation = queries.read("reconciliation")
if reconciliation.empty:
    st.caption("No source states a total for the events in view.")
else:
    st.caption("Totals that sources state, beside what the recorded legs add up to: a running total of a series "
               "against the legs of the series' exchanges up to its date; an exchange's own total against its "
               "legs (and its stages'). The gap is what the sources claim beyond the recorded legs.")
    ui.show_table(reconciliation, "reconciliation", filters, download=("reconciliation", {}))

st.header("Who was freed for whom")
named = queries.read("who_for_whom")
if named.empty:
    st.caption("No named people in these exchanges.")
else:
    swaps = int(named["swaps"].iloc[0])
    if swaps > WHO_FOR_WHOM_SHOWN:
        st.caption(f"The {WHO_FOR_WHOM_SHOWN} latest of {swaps:,} swaps with named people; the download holds all.")
    for event_id, rows in named.groupby("event_id", sort=False):
        first = rows.iloc[0]
        sides_text = "  \n".join(f"→ **{md(r.received_by)}** received {md(r.people)} (from {md(r.released_by)})"
                                 for r in rows.itertuples())
        st.markdown(f"**{md(first.event_date)} — {md(first.title)}**  \n{sides_text}")
    ui.download_buttons("who-for-whom", filters, f"all {swaps:,} swaps", ("who_for_whom", {}))

st.header("Every leg and stage, with releases and repatriations")
st.caption("One row per stage and direction (a multi-day swap shows each day's numbers) of every exchange, one-way "
           "release and repatriation of bodies in view, bodies included. The charts and tables above count exchanges "
           "only and leave bodies out: one-way releases and repatriations are listed here but not drawn as "
           "exchanges (the Map page counts every release).")
legs, total = queries.page("exchange_legs")
ui.show_table(legs, "exchange-legs", filters, total=total, download=("exchange_legs", {}),
              column_config={"stage": st.column_config.NumberColumn("Stage"),
                             "stages": st.column_config.NumberColumn("Of stages")})

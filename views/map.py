"""Map: involved countries coloured by a measure, arrows from releasing to receiving countries, mediators marked."""

import streamlit as st

from swapwatch import pagequeries, takeaway, ui, worldmap

db, filters = ui.current()
st.title("Map of involved countries")
caption = st.empty()  # filled once the page's choices are read
takeaway.box("map", filters)  # briefing pack and data URLs of this view

measure = ui.choice(st.segmented_control, "Colour countries by", worldmap.MEASURES, key="measure",
                    default=ui.PAGE_DEFAULTS["measure"]) or ui.PAGE_DEFAULTS["measure"]
ui.showing(caption, filters, [("countries coloured by", worldmap.MEASURES[measure].lower())])
queries = ui.start(pagequeries.map_page(filters))  # the flows are drawn while the countries are counted
countries = queries.read("map_countries")
if countries.empty:
    st.info("No countries are involved in the events that match these filters. Widen the filters to see the map.")
    st.stop()
flows, total = queries.page("map_flows")
ui.chart(worldmap.world_map(countries, flows, measure, phone=ui.on_phone()), worldmap.MAP_CONFIG,
         selection_mode="points", **ui.on_click("click-map", list(countries["code"]), "country"))
shown = f"the {worldmap.MAX_ARROWS} largest of {total:,} flows" if total > worldmap.MAX_ARROWS else "every flow"
st.caption(f"Arrows run from the releasing to the receiving country's capital, thicker for more people ({shown}); "
           "green stars mark mediators, hosts and venues."
           + ("" if ui.presenting() else " Click a country (on the map or in the table) to filter by it."))

left, right = st.columns(2)
with left:
    st.header("Countries")
    ui.show_table(countries, "map-countries", filters, download=("map_countries", {}), selection_mode="single-row",
                  **ui.on_click("rows-map", list(countries["code"]), "country"))
with right:
    st.header("Flows of people")
    ui.show_table(flows, "map-flows", filters, total=total, download=("map_flows", {}))

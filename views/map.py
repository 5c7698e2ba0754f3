"""Map: involved countries coloured by a measure, arrows from releasing to receiving countries, mediators marked."""

import streamlit as st

from swapwatch import charts, takeaway, ui
from swapwatch.text import md

db, filters = ui.current()
st.title("Map of involved countries")
st.caption("Showing: " + md(filters.describe(ui.country_names())))
takeaway.box("map", filters)  # briefing pack and data URLs of this view

measure = ui.choice(st.segmented_control, "Colour countries by", charts.MEASURES, key="measure",
                    default=ui.PAGE_DEFAULTS["measure"]) or ui.PAGE_DEFAULTS["measure"]
ui.start_page("map_flows", filters, with_sources=False)  # runs while the countries are counted
countries = ui.run_filtered("map_countries", filters, with_sources=False)
if countries.empty:
    st.info("No countries are involved in the events that match these filters. Widen the filters to see the map.")
    st.stop()
flows, total = ui.page_of("map_flows", filters, with_sources=False)
ui.chart(charts.world_map(countries, flows, measure), charts.MAP_CONFIG)
shown = f"the {charts.MAX_ARROWS} largest of {total:,} flows" if total > charts.MAX_ARROWS else "every flow"
st.caption(f"Arrows run from the releasing to the receiving country, thicker for more people ({shown}); "
           "green stars mark mediators, hosts and venues.")

left, right = st.columns(2)
with left:
    st.subheader("Countries")
    ui.show_table(countries, "map-countries", filters, download=("map_countries", {}),
                  column_config={"released": charts.MEASURES["released"], "received": charts.MEASURES["received"]})
with right:
    st.subheader("Flows of people")
    ui.show_table(flows, "map-flows", filters, total=total, download=("map_flows", {}))

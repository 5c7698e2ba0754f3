"""Charts: what a figure shows and says on hover, whatever the text of the records."""

import datetime as dt

import pandas as pd

from swapwatch import charts, worldmap
from swapwatch.records import EVENT_KINDS


def points(*rows, period="month"):
    """Rows as the events_over_time query returns them."""
    return pd.DataFrame(rows, columns=["kind", "x", "events", "title", "status", "date"]).astype(
        {"x": "datetime64[us]"}).assign(period=period)


def test_the_timeline_has_one_row_per_kind_present_in_the_order_of_the_kinds_each_in_its_colour():
    kinds = [EVENT_KINDS[2], EVENT_KINDS[0]]
    figure = charts.timeline(points(*[(k, dt.datetime(2024, 1, 5), 1, "t", "completed", "2024-01-05") for k in kinds]))
    assert list(figure.layout.yaxis.categoryarray) == [EVENT_KINDS[2], EVENT_KINDS[0]]  # drawn top to bottom
    (trace,) = figure.data
    assert list(trace.y) == kinds
    scale = dict((round(value * trace.marker.cmax), colour) for value, colour in trace.marker.colorscale)
    assert [scale[value] for value in trace.marker.color] == [charts.KIND_COLOURS[k] for k in kinds]


def test_an_event_alone_is_named_and_a_month_of_events_is_counted_with_its_latest():
    kind = EVENT_KINDS[0]
    figure = charts.timeline(points(
        (kind, dt.datetime(2024, 1, 5), 1, "Swap in Abu Dhabi", "completed", "2024-01-05"),
        (kind, dt.datetime(2024, 3, 1), 1234, "Exchange 71", "agreed", "2024-03-29"),
    ))
    labels = list(figure.data[0].customdata)
    assert labels == ["Swap in Abu Dhabi</b><br>2024-01-05 · completed",
                      "1,234 events</b> in March 2024<br>latest: Exchange 71 (2024-03-29)"]
    sizes = list(figure.data[0].marker.size)
    assert sizes[0] == 14 and sizes[1] == 30  # the smallest and the largest point


def test_a_quarter_or_a_year_of_events_is_named_as_such():
    kind = EVENT_KINDS[0]
    row = (kind, dt.datetime(2019, 4, 1), 12, "Exchange 9", "completed", "2019-06-02")
    assert list(charts.timeline(points(row, period="quarter")).data[0].customdata) == [
        "12 events</b> in Q2 2019<br>latest: Exchange 9 (2019-06-02)"]
    assert list(charts.timeline(points(row, period="year")).data[0].customdata) == [
        "12 events</b> in 2019<br>latest: Exchange 9 (2019-06-02)"]


def test_record_text_in_a_hover_label_stays_text():
    kind = EVENT_KINDS[0]
    figure = charts.timeline(points(
        (kind, dt.datetime(2024, 1, 5), 1, '<a href="x">A & B</a>', "completed", "2024-01-05"),
        (kind, dt.datetime(2024, 2, 1), 2, "<b>bold</b>", "completed", "2024-02-20"),
    ))
    labels = list(figure.data[0].customdata)
    assert labels[0].startswith('&lt;a href="x"&gt;A &amp; B&lt;/a&gt;</b>')
    assert "latest: &lt;b&gt;bold&lt;/b&gt; (2024-02-20)" in labels[1]


def test_no_events_draw_an_empty_timeline():
    assert all(len(trace.x) == 0 for trace in charts.timeline(points()).data)


def flows(*rows):
    """Rows as the map_flows query returns them (without their sources)."""
    return pd.DataFrame(rows, columns=["from_code", "from_country", "to_code", "to_country", "people", "events"]).astype(
        {"people": "int64", "events": "int64"})


def countries(*codes):
    """Rows as the map_countries query returns them, one event each, no mediator, host or venue."""
    return pd.DataFrame({"code": list(codes), "country": list(codes), "events": 1, "released": 0, "received": 0,
                         "mediated": 0, "hosted": 0, "venues": 0})


def arrows(figure):
    """(from centre, to centre, line width, hover label) of every arrow drawn, each segment of a trace."""
    found = []
    for trace in figure.data:
        if trace.type != "scattergeo" or trace.mode != "lines+markers":
            continue
        ends = list(zip(trace.lon, trace.lat))
        for n in range(0, len(ends), 3):
            assert list(trace.marker.size[n:n + 3]) == [0, 13, 0]  # an arrowhead where it arrives, then a gap
            assert ends[n + 2] == (None, None)
            found.append((ends[n], ends[n + 1], trace.line.width, trace.text[n]))
    return found


def test_each_flow_is_an_arrow_from_the_releasing_to_the_receiving_capital_wider_the_more_it_moved():
    centre = {code: worldmap.anchor(code) for code in ("RUS", "USA", "UKR", "DEU")}
    figure = worldmap.world_map(countries("RUS", "USA", "UKR", "DEU"), flows(
        ("RUS", "Russia", "USA", "United States", 360, 1),
        ("UKR", "Ukraine", "RUS", "Russia", 1000, 12),
        ("DEU", "Germany", "RUS", "Russia", 1, 1),
    ))
    drawn = sorted(arrows(figure), key=lambda a: -a[2])
    assert [(start, end) for start, end, *_ in drawn] == [
        (centre["UKR"], centre["RUS"]), (centre["RUS"], centre["USA"]), (centre["DEU"], centre["RUS"])]
    assert drawn[0][2] == 9.5 and drawn[0][2] > drawn[1][2] > drawn[2][2] == 1.5
    assert [label for *_, label in drawn] == ["Ukraine → Russia: 1,000 people in 12 events",
                                              "Russia → United States: 360 people in 1 event",
                                              "Germany → Russia: 1 people in 1 event"]


def test_the_map_draws_the_largest_flows_only_and_none_for_a_country_it_cannot_place():
    codes = sorted(worldmap.centroids())[:45]
    many = flows(*[(a, a, b, b, 100 + n, 1) for n, (a, b) in enumerate(zip(codes, reversed(codes)))],  # 100..144
                 ("XKX-NOWHERE", "Nowhere", "RUS", "Russia", 10**6, 1))
    drawn = arrows(worldmap.world_map(countries(*codes), many))
    moved = sorted(int(label.split(": ")[1].split(" ")[0]) for *_, label in drawn)
    assert worldmap.MAX_ARROWS == 40 and moved == list(range(106, 145))  # the 40 largest, but Nowhere


def test_a_flow_between_countries_keeps_its_names_as_text_on_hover():
    figure = worldmap.world_map(countries("RUS", "USA"), flows(("RUS", "<b>R</b> & co", "USA", "U", 2, 2)))
    ((*_, label),) = arrows(figure)
    assert label == "&lt;b&gt;R&lt;/b&gt; &amp; co → U: 2 people in 2 events"


def test_a_map_with_no_flows_draws_no_arrows():
    assert arrows(worldmap.world_map(countries("RUS"), flows())) == []


def test_an_arrow_names_whole_events_even_when_the_frame_holds_them_as_floats():
    moved = flows(("UKR", "Ukraine", "RUS", "Russia", 2897, 12))
    moved["events"] = moved["events"].astype(float)  # as a frame holding a missing value makes it
    [(*_, label)] = arrows(worldmap.world_map(countries("RUS", "UKR"), moved))
    assert label == "Ukraine → Russia: 2,897 people in 12 events"


def test_arrows_end_at_capitals_of_large_countries_not_at_their_centre_points():
    moscow, washington = worldmap.anchor("RUS"), worldmap.anchor("USA")
    assert abs(moscow[0] - 37.6) < 1 and abs(moscow[1] - 55.8) < 1  # not Siberia (99°E)
    assert abs(washington[0] + 77.0) < 1
    assert worldmap.anchor("MLT") == worldmap.centroids()["MLT"]  # a country not listed: its centre point will do


def test_the_map_is_framed_on_the_countries_in_view_so_europe_is_not_a_few_pixels_wide():
    figure = worldmap.world_map(countries("UKR", "DEU", "POL", "BLR"), flows())
    lon, lat = figure.layout.geo.lonaxis.range, figure.layout.geo.lataxis.range
    assert lon[1] - lon[0] < 60 and lat[1] - lat[0] < 40
    assert lon[0] < 13 < 31 < lon[1] and lat[0] < 50 < 54 < lat[1]  # Berlin to Kyiv, Minsk inside
    wide = worldmap.world_map(countries("USA", "RUS", "ARE"), flows()).layout.geo.lonaxis.range
    assert wide[0] < -77 and wide[1] > 54 and wide[1] - wide[0] < 180  # from Washington to Abu Dhabi, not the globe


def test_country_labels_never_overlap_each_other_or_another_country_s_point():
    items = [("Saudi Arabia", 46.7, 24.7), ("United Arab Emirates", 54.4, 24.5), ("Qatar", 51.5, 25.3),
             ("Germany", 13.4, 52.5), ("Poland", 21.0, 52.2), ("Belarus", 27.6, 53.9), ("Ukraine", 30.5, 50.5)]
    scale = 0.1  # degrees per pixel
    positions = worldmap.place_labels(items, scale)
    boxes = []
    for (name, lon, lat), position in zip(items, positions):
        if position is None:
            continue
        width, height = len(name) * 0.56 * worldmap.LABEL_SIZE * scale, 1.25 * worldmap.LABEL_SIZE * scale
        x0 = {"top center": lon - width / 2, "bottom center": lon - width / 2, "middle right": lon + 0.6,
              "middle left": lon - 0.6 - width}[position]
        y0 = {"top center": lat + 0.6, "bottom center": lat - 0.6 - height, "middle right": lat - height / 2,
              "middle left": lat - height / 2}[position]
        boxes.append((x0, y0, x0 + width, y0 + height))
    assert len(boxes) >= 5  # most countries are named
    assert not any(worldmap._overlap(a, b) for n, a in enumerate(boxes) for b in boxes[n + 1:])


def test_releasing_and_receiving_sides_are_drawn_in_different_colours():
    figure = worldmap.world_map(countries("RUS", "USA"), flows(("RUS", "Russia", "USA", "United States", 5, 1)))
    released = worldmap.world_map(countries("RUS", "USA"), flows(), "released").data[0].colorscale
    received = worldmap.world_map(countries("RUS", "USA"), flows(), "received").data[0].colorscale
    assert released[-1][1] == "#e6550d" and received[-1][1] == "#3182bd"  # oranges and blues
    (arrow,) = [t for t in figure.data if t.type == "scattergeo" and t.mode == "lines+markers"]
    assert arrow.marker.color == charts.RECEIVING and arrow.line.color.startswith("rgba(213,94,0")  # vermillion line


def test_small_counts_stay_visible_beside_large_ones_on_a_logarithmic_axis_with_every_bar_labelled():
    frame = pd.DataFrame({"country": ["Russia", "Ukraine", "United States"], "released": [5000, 4800, 3],
                          "received": [4700, 5100, 2]})
    figure = charts.bar(frame, "country", ["released", "received"], horizontal=True)
    assert figure.layout.xaxis.type == "log"
    assert all(trace.texttemplate == "%{text:,d}" and list(trace.text) for trace in figure.data)
    assert figure.layout.legend.y >= 1 and figure.layout.legend.yanchor == "bottom"  # above the bars, not on them
    small = charts.bar(frame.assign(released=[3, 2, 1], received=[1, 2, 3]), "country", ["released", "received"])
    assert small.layout.yaxis.type != "log" and small.layout.yaxis.dtick == 1  # no tick at half a person


def test_exchanges_per_period_are_one_series_when_every_exchange_is_completed():
    frame = pd.DataFrame({"period": ["2024", "2025"], "exchanges": [3, 5], "completed": [3, 5]})
    bars = [t for t in charts.exchanges_per_period(frame, "year").data if t.type == "bar"]
    assert [t.name for t in bars] == ["completed"]
    frame = frame.assign(completed=[2, 5])
    bars = [t for t in charts.exchanges_per_period(frame, "year").data if t.type == "bar"]
    assert len(bars) == 2 and list(bars[1].y) == [1, 0]


def test_a_status_breakdown_of_one_or_two_statuses_is_a_sentence():
    frame = pd.DataFrame({"status": ["completed", "cancelled"], "exchanges": [86, 1]})
    assert charts.statuses_in_words(frame) == "Of 87 exchanges in view: 86 completed, 1 cancelled."
    assert charts.statuses_in_words(frame.head(1)) == "All 86 exchanges in view are completed."


def test_country_labels_stay_inside_the_map_s_frame_so_no_name_is_cut_by_its_edge():
    items = [("Russian Federation", 37.62, 55.75), ("United States", -77.04, 38.90),
             ("United Arab Emirates", 54.37, 24.45)]
    frame = (-86.0, 10.0, 70.0, 70.0)  # west, south, east, north: each capital inside, near an edge
    free = worldmap.place_labels(items, 0.43)
    framed = worldmap.place_labels(items, 0.43, frame=frame)
    assert free != framed  # unframed, some name would run past an edge
    assert framed[1] in ("middle right", None)  # Washington is by the west edge: its name runs east or is left out
    assert framed[0] != "middle right" and framed[2] != "middle right"  # Moscow, Abu Dhabi: by the east edge

"""Charts: what a figure shows and says on hover, whatever the text of the records."""

import datetime as dt

import pandas as pd

from swapwatch import charts
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
        if trace.type != "scattergeo":
            continue
        ends = list(zip(trace.lon, trace.lat))
        for n in range(0, len(ends), 3):
            assert list(trace.marker.size[n:n + 3]) == [0, 11, 0]  # an arrowhead where it arrives, then a gap
            assert ends[n + 2] == (None, None)
            found.append((ends[n], ends[n + 1], trace.line.width, trace.text[n]))
    return found


def test_each_flow_is_an_arrow_from_the_releasing_to_the_receiving_country_wider_the_more_it_moved():
    centre = charts.centroids()
    figure = charts.world_map(countries("RUS", "USA", "UKR", "DEU"), flows(
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
    codes = sorted(charts.centroids())[:45]
    many = flows(*[(a, a, b, b, 100 + n, 1) for n, (a, b) in enumerate(zip(codes, reversed(codes)))],  # 100..144
                 ("XKX-NOWHERE", "Nowhere", "RUS", "Russia", 10**6, 1))
    drawn = arrows(charts.world_map(countries(*codes), many))
    moved = sorted(int(label.split(": ")[1].split(" ")[0]) for *_, label in drawn)
    assert charts.MAX_ARROWS == 40 and moved == list(range(106, 145))  # the 40 largest, but Nowhere


def test_a_flow_between_countries_keeps_its_names_as_text_on_hover():
    figure = charts.world_map(countries("RUS", "USA"), flows(("RUS", "<b>R</b> & co", "USA", "U", 2, 2)))
    ((*_, label),) = arrows(figure)
    assert label == "&lt;b&gt;R&lt;/b&gt; &amp; co → U: 2 people in 2 events"


def test_a_map_with_no_flows_draws_no_arrows():
    assert arrows(charts.world_map(countries("RUS"), flows())) == []


def test_an_arrow_names_whole_events_even_when_the_frame_holds_them_as_floats():
    moved = flows(("UKR", "Ukraine", "RUS", "Russia", 2897, 12))
    moved["events"] = moved["events"].astype(float)  # as a frame holding a missing value makes it
    [(*_, label)] = arrows(charts.world_map(countries("RUS", "UKR"), moved))
    assert label == "Ukraine → Russia: 2,897 people in 12 events"

"""Charts: what a figure shows and says on hover, whatever the text of the records."""

import datetime as dt

import pandas as pd

from swapwatch import charts
from swapwatch.records import EVENT_KINDS


def points(*rows):
    """Rows as the events_by_month query returns them."""
    return pd.DataFrame(rows, columns=["kind", "x", "events", "title", "status", "date"]).astype(
        {"x": "datetime64[us]"})


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

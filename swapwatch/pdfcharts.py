"""The charts of a briefing pack drawn as vector graphics (fpdf2): grouped bars, the timeline, and the map
(swapwatch.pdfmap). ``pdf`` is swapwatch.pdf's Pack."""

from __future__ import annotations

import math

import pandas as pd

from swapwatch.briefing import Chart
from swapwatch.pdf import GREY, INK, LIGHT, heading, text

SERIES = ((0, 114, 178), (230, 159, 0), (0, 158, 115), (204, 121, 167), (86, 180, 233))  # Okabe–Ito
MAP_HEIGHT, MAP_LEAST = 150, 110  # mm: the map and its key, on a landscape A4 page (less: on the next page)


def draw(pdf, chart: Chart) -> None:
    """The chart below the current position (on a new page when it does not fit), titled."""
    if chart.kind == "map":
        _map(pdf, chart)
        return
    if chart.kind == "bars":
        height = 6 + len(chart.frame) * (2.6 * len(chart.values) + 2.5)
    else:
        height = 14 + 7 * chart.frame["kind"].nunique() if len(chart.frame) else 20
    if pdf.will_page_break(height + 8):
        pdf.add_page()
    pdf.para(chart.title, 10.5, bold=True, height=6)
    top = pdf.get_y()
    if chart.frame.empty:
        pdf.para("Nothing to draw under these filters.", 8, colour=GREY)
        return
    if chart.kind == "timeline":
        _timeline(pdf, chart.frame, top, height)
    else:
        _bars(pdf, chart, top, height)
    pdf.set_xy(pdf.l_margin, top + height + 3)


def _map(pdf, chart: Chart) -> None:
    """The map of involved countries shaded by the measure (chart.category), on a page of its own if need be."""
    from swapwatch import pdfmap

    if pdf.page_break_trigger - pdf.get_y() < MAP_LEAST + 8:
        pdf.add_page()
    pdf.para(chart.title, 10.5, bold=True, height=6)
    if chart.frame.empty:
        pdf.para("No countries are involved in the events that match these filters: there is no map to draw.",
                 8, colour=GREY)
        pdf.ln(2)
        return
    top = pdf.get_y()
    height = min(MAP_HEIGHT, pdf.page_break_trigger - top - 2)
    pdfmap.draw(pdf, chart.frame, chart.category, pdf.l_margin, top, pdf.epw, height, chart.flows)
    pdf.set_xy(pdf.l_margin, top + height + 3)


def _nice_top(value: float) -> float:
    """The axis end: 1, 2, 2.5 or 5 times a power of ten at or above value."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def _bars(pdf, chart: Chart, top: float, height: float) -> None:
    """Horizontal grouped bars: one row per category, one bar per value column, the value at its end."""
    frame, values = chart.frame, list(chart.values)
    label_width, left = 55, pdf.l_margin
    plot_left, plot_width = left + label_width, pdf.epw - label_width - 20
    legend = 5
    row = (height - legend) / max(1, len(frame))
    bar = min(2.6, row * 0.8 / len(values))
    end = _nice_top(float(frame[values].to_numpy(float).max()))
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.2)
    pdf.line(plot_left, top + legend, plot_left, top + height)
    for n, name in enumerate(values):  # legend
        pdf.set_fill_color(*SERIES[n % len(SERIES)])
        pdf.rect(plot_left + n * 35, top + 0.8, 3, 3, style="F")
        pdf.set_xy(plot_left + n * 35 + 4, top)
        pdf.font(7.5)
        pdf.cell(30, 4.5, heading(name))
    for r, record in enumerate(frame.itertuples(index=False)):
        y = top + legend + r * row
        pdf.set_xy(left, y + (row - 4) / 2)
        pdf.font(7.5)
        pdf.cell(label_width - 2, 4, _fit(pdf, text(getattr(record, chart.category)), label_width - 2), align="R")
        for n, name in enumerate(values):
            value = float(getattr(record, name) or 0)
            width = plot_width * value / end
            by = y + (row - bar * len(values)) / 2 + n * bar
            pdf.set_fill_color(*SERIES[n % len(SERIES)])
            if width > 0:
                pdf.rect(plot_left, by, width, bar, style="F")
            pdf.set_xy(plot_left + width + 0.8, by + bar / 2 - 1.5)
            pdf.font(6)
            pdf.cell(18, 3, f"{value:,.0f}")


def _timeline(pdf, points: pd.DataFrame, top: float, height: float) -> None:
    """Events on a time axis, a row per kind, a circle per event or per period's events (sized by number)."""
    from swapwatch.charts import KIND_COLOURS

    kinds = [k for k in KIND_COLOURS if k in set(points["kind"])]
    label_width = 30
    plot_left, plot_width = pdf.l_margin + label_width, pdf.epw - label_width - 6
    days = pd.to_datetime(points["x"])
    first, last = days.min(), days.max()
    span = max(1.0, (last - first).days)
    row = (height - 8) / len(kinds)
    largest = max(1, int(points["events"].max()))

    def x_of(day) -> float:
        return plot_left + plot_width * (day - first).days / span

    pdf.set_draw_color(*LIGHT)
    pdf.set_line_width(0.2)
    for year in range(first.year, last.year + 2):  # a line and a label at each new year on the axis
        day = pd.Timestamp(year=year, month=1, day=1)
        if first <= day <= last or year == first.year:
            x = x_of(max(day, first))
            pdf.line(x, top, x, top + height - 6)
            pdf.set_xy(x - 8, top + height - 5.5)
            pdf.font(7, colour=GREY)
            pdf.cell(16, 4, str(year), align="C")
    for r, kind in enumerate(kinds):
        y = top + r * row + row / 2
        pdf.set_xy(pdf.l_margin, y - 2)
        pdf.font(7.5)
        pdf.cell(label_width - 2, 4, kind, align="R")
        colour = tuple(int(KIND_COLOURS[kind][i:i + 2], 16) for i in (1, 3, 5))
        pdf.set_fill_color(*colour)
        pdf.set_draw_color(*INK)
        for day, events in zip(days[points["kind"] == kind], points.loc[points["kind"] == kind, "events"]):
            radius = 1.1 + 1.6 * (int(events) - 1) / max(1, largest - 1)
            pdf.circle(x_of(day), y, radius, style="FD")


def _fit(pdf, value: str, width: float) -> str:
    """value, cut with an ellipsis to fit width at the current font."""
    if pdf.get_string_width(value) <= width:
        return value
    while value and pdf.get_string_width(value + "…") > width:
        value = value[:-1]
    return value + "…"

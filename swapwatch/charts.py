"""Plotly figures built from query results (no Streamlit calls): timeline, bars, and the look they share.

The map is worldmap.py."""

from __future__ import annotations

import calendar

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from swapwatch.records import EVENT_KINDS

# Okabe–Ito and Tableau-like colours that stay distinct for colour-blind viewers and on projectors.
KIND_COLOURS = dict(zip(EVENT_KINDS, (
    "#0072B2", "#009E73", "#D55E00", "#CC79A7", "#882255", "#56B4E9", "#E69F00", "#F0E442", "#999933",
    "#332288", "#117733", "#44AA99", "#AA4499", "#DDCC77", "#88CCEE", "#661100", "#6699CC", "#888888",
)))
FONT_SIZE = 16
KIND_NUMBER = {kind: n for n, kind in enumerate(EVENT_KINDS)}
KIND_SCALE = [[n / (len(EVENT_KINDS) - 1), KIND_COLOURS[kind]] for n, kind in enumerate(EVENT_KINDS)]


def timeline(points: pd.DataFrame) -> go.Figure:
    """Events on a time axis, one row per kind, coloured by kind (from the events_over_time query).

    A point is one event, on its day, or the events of a kind in one period (a month, quarter or year,
    as the query chose for the span), at the period's start and sized by their number; hover names the
    event, or the number and the latest of them.
    """
    figure = go.Figure()
    kinds = points["kind"].to_numpy(object)
    seen = set(kinds)
    present = [k for k in EVENT_KINDS if k in seen]
    largest = max([1] + list(points["events"]))
    # Built column by column: plotly checks a list item by item, an array at once (1,700 points: 78 → 20 ms).
    # Plotly reads tags (<a href>, <b>, <br>) in hover text: a record's title is escaped to stay text.
    title, date = escaped(points["title"]), escaped(points["date"])
    single = (title + "</b><br>" + date + " · " + points["status"].astype(str)).to_numpy(object)
    several = (points["events"].map("{:,}".format) + " events</b> in " + _period_names(points)
               + "<br>latest: " + title + " (" + date + ")").to_numpy(object)
    labels = np.where(points["events"].to_numpy() == 1, single, several)
    sizes = 14 + 16 * (points["events"].to_numpy(float) - 1) / max(1, largest - 1)
    # One trace (no legend: each kind has its own row, named on the axis), coloured by the kind's number
    # on a scale that steps through the kinds' colours (an array of colour names is checked name by name).
    figure.add_trace(go.Scatter(
        x=pd.to_datetime(points["x"]).to_numpy(), y=kinds, mode="markers", name="events",
        marker=dict(size=sizes, color=points["kind"].map(KIND_NUMBER).to_numpy(float), cmin=0,
                    cmax=len(EVENT_KINDS) - 1, colorscale=KIND_SCALE, line=dict(width=1, color="#222")),
        customdata=labels, hovertemplate="<b>%{customdata}<extra></extra>",
    ))
    figure.update_layout(
        height=max(260, 60 + 42 * len(present)), margin=dict(l=10, r=10, t=10, b=10),
        font=dict(size=FONT_SIZE), showlegend=False,
        xaxis=dict(title=None, showgrid=True), yaxis=dict(title=None, categoryorder="array",
                                                         categoryarray=list(reversed(present))),
    )
    return readable(figure)


def _period_names(points: pd.DataFrame) -> pd.Series:
    """How hover names the period each point starts: "March 2024", "Q1 2024" or "2024"."""
    period = points["period"].iloc[0] if "period" in points.columns and len(points) else "month"
    year = points["x"].dt.year.astype(str)
    if period == "year":
        return year
    if period == "quarter":
        return "Q" + points["x"].dt.quarter.astype(str) + " " + year
    month = pd.Series(np.array(calendar.month_name, dtype=object)[points["x"].dt.month.to_numpy(int)],
                      index=points.index)
    return month + " " + year


def escaped(texts: pd.Series) -> pd.Series:
    """Text made safe for Plotly's hover labels (as html.escape(..., quote=False) does)."""
    return texts.astype(str).str.replace("&", "&amp;", regex=False).str.replace("<", "&lt;", regex=False) \
        .str.replace(">", "&gt;", regex=False)


# Okabe–Ito: the releasing side in vermillion, the receiving side in blue, wherever a chart shows both.
RELEASING, RECEIVING, OTHER = "#D55E00", "#0072B2", "#009E73"
PALETTE = (RECEIVING, RELEASING, OTHER, "#CC79A7", "#E69F00", "#56B4E9")
LEGEND_ABOVE = dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom")  # above the plot, never on it
LOG_RATIO = 30  # a largest value this many times the smallest shown: a logarithmic axis, so small ones show


def integer_step(largest: float) -> int:
    """A whole-number tick step giving about five ticks up to ``largest`` (never 0.5 of an exchange)."""
    rough = max(1.0, float(largest) / 5)
    magnitude = 10 ** int(np.floor(np.log10(rough)))
    return int(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough))


def _count_axis(largest: float, title: str, log: bool = False) -> dict:
    if log:
        return dict(type="log", title=title, tickformat=",d", dtick=1, minor=dict(showgrid=False))
    return dict(title=title, tickformat=",d", dtick=integer_step(largest), rangemode="tozero")


def needs_log(frame: pd.DataFrame, columns: list[str]) -> bool:
    """Whether counts span so much (LOG_RATIO) that a linear axis would hide the small ones."""
    values = frame[columns].to_numpy(float) if len(frame) else np.zeros(0)
    positive = values[values > 0]
    return bool(len(positive)) and positive.max() / positive.min() >= LOG_RATIO


def bar(frame: pd.DataFrame, x: str, y: str | list[str], title_x: str = "", title_y: str = "",
        horizontal: bool = False, names: dict[str, str] | None = None, colours: tuple[str, ...] = PALETTE,
        log: bool | None = None, keys: str | None = None) -> go.Figure:
    """A bar chart of counts (several series side by side when y is a list), each bar labelled with its value,
    whole-number ticks, the legend above the plot; ``log`` None chooses a logarithmic count axis when the
    largest value dwarfs the smallest (LOG_RATIO). ``keys`` names the column a click reports (customdata)."""
    figure = go.Figure()
    series = [y] if isinstance(y, str) else list(y)
    values = frame[series].to_numpy(float) if len(frame) else np.zeros((0, len(series)))
    if log is None:
        log = needs_log(frame, series)
    for n, column in enumerate(series):
        data = dict(x=frame[column], y=frame[x]) if horizontal else dict(x=frame[x], y=frame[column])
        figure.add_trace(go.Bar(name=(names or {}).get(column, column.replace("_", " ")),
                                orientation="h" if horizontal else "v", marker_color=colours[n % len(colours)],
                                text=frame[column], texttemplate="%{text:,d}", textposition="outside",
                                cliponaxis=False, customdata=frame[keys] if keys else None, **data))
    largest = float(values.max()) if values.size else 1.0
    counts = _count_axis(largest, title_y if not horizontal else title_x, log)
    categories = dict(title=(title_x if not horizontal else title_y) or None, type="category")
    figure.update_layout(barmode="group", height=max(320, 30 * len(frame) * len(series) + 120) if horizontal else 400,
                         margin=dict(l=10, r=40, t=40 if len(series) > 1 else 10, b=10), font=dict(size=FONT_SIZE),
                         showlegend=len(series) > 1, legend=LEGEND_ABOVE, uniformtext_minsize=12)
    if horizontal:
        figure.update_xaxes(**counts)
        figure.update_yaxes(**categories, autorange="reversed")
    else:
        figure.update_yaxes(**counts)
        figure.update_xaxes(**categories)
    return readable(figure)


def exchanges_per_period(frame: pd.DataFrame, period: str) -> go.Figure:
    """Exchanges per period, stacked: completed and not completed (any other status), the total over each bar
    (from exchanges_by_period; ``period`` already as text). One series when every exchange is completed."""
    figure = go.Figure()
    other = (frame["exchanges"] - frame["completed"]).clip(lower=0)
    figure.add_trace(go.Bar(x=frame["period"], y=frame["completed"], name="completed", marker_color=RECEIVING,
                            hovertemplate="%{x}: %{y:,d} completed<extra></extra>"))
    if other.sum():
        figure.add_trace(go.Bar(x=frame["period"], y=other, name="any other status (proposed … cancelled)",
                                marker_color="#E69F00", hovertemplate="%{x}: %{y:,d} not completed<extra></extra>"))
    figure.add_trace(go.Scatter(x=frame["period"], y=frame["exchanges"], mode="text", text=frame["exchanges"],
                                texttemplate="%{text:,d}", textposition="top center", showlegend=False,
                                hoverinfo="skip", cliponaxis=False))
    figure.update_layout(barmode="stack", height=400, margin=dict(l=10, r=10, t=40, b=10), font=dict(size=FONT_SIZE),
                         legend={**LEGEND_ABOVE, "traceorder": "normal"}, showlegend=bool(other.sum()))
    top = float(frame["exchanges"].max()) if len(frame) else 1.0
    figure.update_yaxes(**_count_axis(top, "Exchanges"), range=[0, top * 1.18])  # room for the totals
    figure.update_xaxes(title=period.capitalize(), type="category")
    return readable(figure)


def statuses_in_words(frame: pd.DataFrame) -> str:
    """Exchanges by status (exchanges_by_status) as a sentence, for when a chart would be one bar."""
    total = int(frame["exchanges"].sum())
    if len(frame) == 1:
        return f"All {total:,} exchanges in view are {frame['status'].iloc[0]}."
    return f"Of {total:,} exchanges in view: " + ", ".join(
        f"{int(n):,} {status}" for status, n in zip(frame["status"], frame["exchanges"])) + "."


def readable(figure: go.Figure, size: int = FONT_SIZE) -> go.Figure:
    """Type large enough to read from the back of a room (Streamlit's theme would shrink it)."""
    figure.update_xaxes(tickfont=dict(size=size), title_font=dict(size=size))
    figure.update_yaxes(tickfont=dict(size=size), title_font=dict(size=size))
    figure.update_layout(font=dict(size=size), legend_font=dict(size=size), hoverlabel=dict(font_size=size))
    return figure


DARK_PAPER, DARK_INK, DARK_GRID = "#0b0f14", "#f2f2f2", "#3a4350"


def on_dark(figure: go.Figure) -> go.Figure:
    """The figure redrawn for the dark projector theme: dark paper, light ink, muted grid and land."""
    figure.update_layout(paper_bgcolor=DARK_PAPER, plot_bgcolor=DARK_PAPER, font_color=DARK_INK,
                         legend_font_color=DARK_INK)
    figure.update_xaxes(gridcolor=DARK_GRID, zerolinecolor=DARK_GRID, linecolor=DARK_GRID, color=DARK_INK)
    figure.update_yaxes(gridcolor=DARK_GRID, zerolinecolor=DARK_GRID, linecolor=DARK_GRID, color=DARK_INK)
    figure.update_geos(bgcolor=DARK_PAPER, landcolor="#2a313b", countrycolor="#7d8794", coastlinecolor="#7d8794",
                       showocean=True, oceancolor=DARK_PAPER, lakecolor=DARK_PAPER)
    figure.update_traces(selector=dict(name="names"), textfont=dict(color=DARK_INK, shadow="0px 0px 3px black"))
    return figure

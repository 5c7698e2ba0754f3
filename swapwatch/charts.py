"""Plotly figures built from query results (no Streamlit calls)."""

from __future__ import annotations

import calendar
import json
from functools import lru_cache
from pathlib import Path

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
    title, date = _escaped(points["title"]), _escaped(points["date"])
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


def _escaped(texts: pd.Series) -> pd.Series:
    """Text made safe for Plotly's hover labels (as html.escape(..., quote=False) does)."""
    return texts.astype(str).str.replace("&", "&amp;", regex=False).str.replace("<", "&lt;", regex=False) \
        .str.replace(">", "&gt;", regex=False)


TOPOJSON_DIR = Path(__file__).resolve().parent.parent / "static" / "topojson"
TOPOJSON_URL = "app/static/topojson/"  # served by Streamlit; relative, so it also works under a base path
MAP_CONFIG = {"displaylogo": False, "topojsonURL": TOPOJSON_URL}
# The map counts every leg of people (exchanges and one-way releases); the exchanges page, exchanges only:
# different definitions, so different labels (docs/figures.md).
MEASURES = {"events": "Events", "released": "People released (exchanges and releases)",
            "received": "People received (exchanges and releases)"}
MAX_ARROWS = 40
ARROW_WIDTHS = 6  # line widths the arrows are drawn in, from 1.5 to 9.5 px (one trace each)
MAX_LABELS = 15


@lru_cache(maxsize=1)
def centroids() -> dict[str, tuple[float, float]]:
    """Country centre points (lon, lat) by ISO alpha-3, from the shipped 1:50m topojson."""
    topology = json.loads((TOPOJSON_DIR / "world_50m.json").read_text(encoding="utf-8"))
    return {g["id"]: tuple(g["properties"]["ct"]) for g in topology["objects"]["countries"]["geometries"]
            if "id" in g and g.get("properties", {}).get("ct")}


def world_map(countries: pd.DataFrame, flows: pd.DataFrame, measure: str = "events") -> go.Figure:
    """Involved countries coloured by a measure, arrows from releasing to receiving country sized by
    the people moved (the MAX_ARROWS largest flows), and mediators and venues marked."""
    figure = go.Figure()
    figure.add_trace(go.Choropleth(
        locations=countries["code"], locationmode="ISO-3", z=countries[measure], text=countries["country"],
        colorscale="Blues", marker_line_color="#333", marker_line_width=0.6,
        colorbar=dict(title=dict(text=MEASURES[measure]), thickness=14),
        hovertemplate="<b>%{text}</b><br>" + MEASURES[measure] + ": %{z}<extra></extra>", name=MEASURES[measure],
    ))
    points = centroids()
    figure.add_traces(_arrows(flows, points))
    marked = countries[(countries["mediated"] > 0) | (countries["hosted"] > 0) | (countries["venues"] > 0)]
    marked = marked[marked["code"].isin(list(points))]
    if len(marked):
        labels = [", ".join(part for part, n in (("mediator", r.mediated), ("host", r.hosted), ("venue", r.venues))
                            if n) for r in marked.itertuples()]
        figure.add_trace(go.Scattergeo(
            lon=[points[c][0] for c in marked["code"]], lat=[points[c][1] for c in marked["code"]],
            mode="markers+text" if len(marked) <= MAX_LABELS else "markers", text=marked["country"],
            textposition="bottom center",
            marker=dict(size=13, symbol="star", color="#009E73", line=dict(width=1, color="#222")),
            customdata=labels, hovertemplate="<b>%{text}</b>: %{customdata}<extra></extra>",
            name="Mediator, host or venue",
        ))
    figure.update_geos(resolution=50, showcountries=True, countrycolor="#999", showland=True, landcolor="#f3f3f3",
                       showframe=False, projection_type="natural earth", fitbounds="locations" if len(countries) else False)
    figure.update_layout(height=620, margin=dict(l=0, r=0, t=0, b=0), font=dict(size=FONT_SIZE),
                         legend=dict(orientation="h", y=0, font=dict(size=FONT_SIZE)))
    return figure


def _arrows(flows: pd.DataFrame, points: dict[str, tuple[float, float]]) -> list[go.Scattergeo]:
    """The MAX_ARROWS largest flows as arrows from releasing to receiving country, wider the more people
    they moved (on a square-root scale), largest first; one trace per width, each arrow a segment
    ending in an arrowhead (a trace per arrow took 15 ms to build for 40 arrows)."""
    shown = flows.nlargest(MAX_ARROWS, "people")
    shown = shown[shown["from_code"].isin(list(points)) & shown["to_code"].isin(list(points))]
    if not len(shown):
        return []
    top = max(1, int(flows["people"].max()))
    level = np.rint((shown["people"].to_numpy(float) / top) ** 0.5 * (ARROW_WIDTHS - 1)).astype(int)
    labels = (_escaped(shown["from_country"]) + " → " + _escaped(shown["to_country"]) + ": "
              + shown["people"].map("{:,}".format) + " people in " + shown["events"].astype(int).map("{:,}".format) + " event"
              + np.where(shown["events"].to_numpy() != 1, "s", "")).to_numpy(object)
    traces = []
    for width in sorted(set(level), reverse=True):
        part = shown[level == width]
        ends = [(points[a], points[b]) for a, b in zip(part["from_code"], part["to_code"])]
        traces.append(go.Scattergeo(  # each arrow: its two ends and a gap (None) before the next
            lon=[x for (x0, _), (x1, _) in ends for x in (x0, x1, None)],
            lat=[y for (_, y0), (_, y1) in ends for y in (y0, y1, None)],
            mode="lines+markers", line=dict(width=1.5 + 8 * width / (ARROW_WIDTHS - 1), color="rgba(213,94,0,0.75)"),
            marker=dict(size=[0, 11, 0] * len(part), symbol="triangle-up", color="#D55E00", angleref="previous"),
            text=[t for label in labels[level == width] for t in (label, label, None)],
            hovertemplate="%{text}<extra></extra>", showlegend=False,
        ))
    return traces


def bar(frame: pd.DataFrame, x: str, y: str | list[str], title_x: str = "", title_y: str = "",
        horizontal: bool = False) -> go.Figure:
    """A plain bar chart (several series side by side when y is a list)."""
    figure = go.Figure()
    palette = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
    for n, column in enumerate([y] if isinstance(y, str) else y):
        values = dict(x=frame[column], y=frame[x]) if horizontal else dict(x=frame[x], y=frame[column])
        figure.add_trace(go.Bar(name=column.replace("_", " "), orientation="h" if horizontal else "v",
                                marker_color=palette[n % len(palette)], **values))
    figure.update_layout(barmode="group", height=max(320, 36 * len(frame)) if horizontal else 380,
                         margin=dict(l=10, r=10, t=10, b=10), font=dict(size=FONT_SIZE),
                         xaxis_title=title_x or None, yaxis_title=title_y or None,
                         legend=dict(orientation="h", y=1.08))
    if horizontal:
        figure.update_yaxes(autorange="reversed")
    return readable(figure)


def readable(figure: go.Figure, size: int = FONT_SIZE) -> go.Figure:
    """Type large enough to read from the back of a room (Streamlit's theme would shrink it)."""
    figure.update_xaxes(tickfont=dict(size=size), title_font=dict(size=size))
    figure.update_yaxes(tickfont=dict(size=size), title_font=dict(size=size))
    figure.update_layout(font=dict(size=size), legend_font=dict(size=size), hoverlabel=dict(font_size=size))
    return figure

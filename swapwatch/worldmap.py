"""The map (no Streamlit calls): involved countries coloured by a measure, arrows between capitals, labels
placed where they fit; drawn on the shipped basemap (static/topojson), never a CDN."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from swapwatch.charts import FONT_SIZE, LOG_RATIO, OTHER, RECEIVING, escaped

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


# Where an arrow ends and a label sits for countries whose centre point is far from where people arrive (Russia's
# is in Siberia, the United States' in Kansas, France's pulled by its overseas departments): the capital.
CAPITALS = {
    "RUS": (37.62, 55.75), "USA": (-77.04, 38.90), "CAN": (-75.70, 45.42), "CHN": (116.40, 39.90),
    "BRA": (-47.88, -15.79), "AUS": (149.13, -35.28), "KAZ": (71.45, 51.17), "IND": (77.21, 28.61),
    "ARG": (-58.38, -34.60), "DZA": (3.06, 36.75), "SAU": (46.72, 24.71), "MEX": (-99.13, 19.43),
    "IDN": (106.85, -6.21), "IRN": (51.39, 35.69), "MNG": (106.92, 47.92), "LBY": (13.19, 32.89),
    "EGY": (31.24, 30.04), "TUR": (32.85, 39.93), "NOR": (10.75, 59.91), "SWE": (18.07, 59.33),
    "FIN": (24.94, 60.17), "FRA": (2.35, 48.86), "GBR": (-0.13, 51.51), "ESP": (-3.70, 40.42),
    "ITA": (12.50, 41.90), "DEU": (13.40, 52.52), "POL": (21.01, 52.23), "UKR": (30.52, 50.45),
    "BLR": (27.56, 53.90), "HUN": (19.04, 47.50), "SVN": (14.51, 46.06), "CHE": (7.45, 46.95),
    "ARE": (54.37, 24.45), "QAT": (51.53, 25.29), "ISR": (35.22, 31.77), "VAT": (12.45, 41.90),
    "AUT": (16.37, 48.21), "GEO": (44.79, 41.72), "ARM": (44.51, 40.18), "AZE": (49.87, 40.41),
    "LTU": (25.28, 54.69), "LVA": (24.11, 56.95), "EST": (24.75, 59.44), "MDA": (28.86, 47.01),
    "ROU": (26.10, 44.43), "BGR": (23.32, 42.70), "SRB": (20.46, 44.79), "CZE": (14.42, 50.09),
    "SVK": (17.11, 48.15), "NLD": (4.90, 52.37), "BEL": (4.35, 50.85), "DNK": (12.57, 55.68),
    "OMN": (58.41, 23.59), "KWT": (47.98, 29.38), "BHR": (50.59, 26.23), "JOR": (35.93, 31.95),
    "IRQ": (44.36, 33.31), "SYR": (36.29, 33.51), "VEN": (-66.90, 10.49), "CHL": (-70.65, -33.45),
    "JPN": (139.69, 35.69), "KOR": (126.98, 37.57), "PRK": (125.75, 39.02), "ZAF": (28.19, -25.75),
}


def anchor(code: str) -> tuple[float, float] | None:
    """Where a country's arrows end and its label sits (lon, lat): its capital when listed, else its centre point."""
    return CAPITALS.get(code) or centroids().get(code)


def frame_of(points: list[tuple[float, float]], tall: bool = False) -> tuple[list[float], list[float]]:
    """Longitude and latitude ranges framing ``points`` with a margin (at least 36° by 22°); ``tall`` (a phone's
    narrow screen) widens the latitudes to about as many degrees as the longitudes, so the map is not a strip."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons) - 9, max(lons) + 16, min(lats) - 7, max(lats) + 9  # names run east
    if east - west < 36:
        middle = (east + west) / 2
        west, east = middle - 18, middle + 18
    least = 0.8 * (east - west) if tall else 22
    if north - south < least:
        middle = (north + south) / 2
        south, north = middle - least / 2, middle + least / 2
    return [max(-180.0, west), min(180.0, east)], [max(-60.0, south), min(84.0, north)]


LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left")
LABEL_SIZE = 15  # px


def place_labels(items: list[tuple[str, float, float]], degrees_per_px: float, size: int = LABEL_SIZE,
                 frame: tuple[float, float, float, float] | None = None) -> list[str | None]:
    """A text position for each (name, lon, lat), most important first, such that no two labels' boxes (or a
    label and another's point) overlap, and each lies inside ``frame`` (west, south, east, north) when given;
    None where no position is free (hover still names the country)."""
    taken: list[tuple[float, float, float, float]] = []
    dot = 4 * degrees_per_px
    boxes_of_points = [(lon - dot, lat - dot, lon + dot, lat + dot) for _, lon, lat in items]
    chosen: list[str | None] = []
    for n, (name, lon, lat) in enumerate(items):
        # a degree of longitude is narrower on the map away from the equator (the Natural Earth projection)
        width = len(name) * 0.56 * size * degrees_per_px / _natural_earth_x(lat)
        height = 1.25 * size * degrees_per_px
        gap = 6 * degrees_per_px
        boxes = {"top center": (lon - width / 2, lat + gap, lon + width / 2, lat + gap + height),
                 "bottom center": (lon - width / 2, lat - gap - height, lon + width / 2, lat - gap),
                 "middle right": (lon + gap, lat - height / 2, lon + gap + width, lat + height / 2),
                 "middle left": (lon - gap - width, lat - height / 2, lon - gap, lat + height / 2)}
        others = taken + [b for m, b in enumerate(boxes_of_points) if m != n]
        position = next((p for p in LABEL_POSITIONS if not any(_overlap(boxes[p], o) for o in others)
                         and (frame is None or _inside(boxes[p], frame))), None)
        if position:
            taken.append(boxes[position])
        chosen.append(position)
    return chosen


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(box: tuple[float, ...], frame: tuple[float, ...]) -> bool:
    return frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]


def _natural_earth_x(lat: float) -> float:
    """The Natural Earth projection's east-west scale at a latitude, relative to the equator's."""
    phi2 = np.radians(lat) ** 2
    return float((0.8707 - 0.131979 * phi2 - 0.013791 * phi2 ** 2 + 0.003971 * phi2 ** 5 - 0.001529 * phi2 ** 6)
                 / 0.8707)


# Light enough at the dark end for a country's name to stay readable on it (the releasing side in oranges, the
# receiving side in blues, events from yellow to blue: all read by colour-blind viewers as light to dark).
MEASURE_SCALES = {"events": [[0, "#fff5c8"], [0.5, "#7fcdbb"], [1, "#2c7fb8"]],
                  "released": [[0, "#fee6ce"], [1, "#e6550d"]], "received": [[0, "#deebf7"], [1, "#3182bd"]]}
MAP_WIDTH_PX = 1000  # the width a map is laid out for (labels are placed for it; narrower screens show fewer)
PHONE_WIDTH_PX = 360


def world_map(countries: pd.DataFrame, flows: pd.DataFrame, measure: str = "events", phone: bool = False) -> go.Figure:
    """Involved countries coloured by a measure (the releasing side in oranges, the receiving side in blues),
    framed on them; arrows from releasing to receiving capital sized by the people moved (the MAX_ARROWS
    largest flows); mediators, hosts and venues starred; every country named where its label has room."""
    figure = go.Figure()
    values = countries[measure].astype(float)
    positive = values[values > 0]
    log = bool(len(positive)) and positive.max() / positive.min() >= LOG_RATIO
    z = np.log10(values.clip(lower=1)) if log else values
    colorbar = dict(title=dict(text=MEASURES[measure], side="top"), orientation="h", x=0.5, xanchor="center",
                    y=-0.02, yanchor="top", len=0.6, thickness=14)
    if log:
        ticks = [10 ** k for k in range(int(np.log10(max(1.0, positive.max()))) + 1)]
        colorbar.update(tickvals=list(np.log10(ticks)), ticktext=[f"{t:,}" for t in ticks])
    figure.add_trace(go.Choropleth(
        locations=countries["code"], locationmode="ISO-3", z=z, text=countries["country"],
        customdata=np.column_stack([values.to_numpy(), countries["code"].to_numpy(object)]).tolist(),
        colorscale=MEASURE_SCALES.get(measure, "Blues"), marker_line_color="#333",
        marker_line_width=0.6, colorbar=colorbar, zmin=0 if log else None,  # customdata: value, code (for clicks)
        hovertemplate="<b>%{text}</b><br>" + MEASURES[measure] + ": %{customdata[0]:,d}<extra></extra>",
        name=MEASURES[measure],
    ))
    placed = {c: anchor(c) for c in countries["code"] if anchor(c)}
    ends = set(flows["from_code"]) | set(flows["to_code"]) if len(flows) else set()
    figure.add_traces(_arrows(flows, {c: anchor(c) for c in ends if anchor(c)}))
    marked = countries[((countries["mediated"] > 0) | (countries["hosted"] > 0) | (countries["venues"] > 0))
                       & countries["code"].isin(list(placed))]
    if len(marked):
        labels = [", ".join(part for part, n in (("mediator", r.mediated), ("host", r.hosted), ("venue", r.venues))
                            if n) for r in marked.itertuples()]
        figure.add_trace(go.Scattergeo(
            lon=[placed[c][0] for c in marked["code"]], lat=[placed[c][1] for c in marked["code"]], mode="markers",
            text=marked["country"], marker=dict(size=14, symbol="star", color=OTHER, line=dict(width=1, color="#222")),
            customdata=[[label, code] for label, code in zip(labels, marked["code"])],
            hovertemplate="<b>%{text}</b>: %{customdata[0]}<extra></extra>",
            name="Mediator, host or venue",
        ))
    lonaxis, lataxis = frame_of(list(placed.values()), tall=phone) if placed else ([-180, 180], [-60, 84])
    named = countries[countries["code"].isin(list(placed))].sort_values(measure, ascending=False)
    items = [(name, *placed[code]) for code, name in zip(named["code"], named["country"])]
    positions = place_labels(items, (lonaxis[1] - lonaxis[0]) / (PHONE_WIDTH_PX if phone else MAP_WIDTH_PX),
                             frame=(lonaxis[0], lataxis[0], lonaxis[1], lataxis[1]))  # no name cut by the edge
    shown = [(item, position) for item, position in zip(items, positions) if position]
    if shown:
        figure.add_trace(go.Scattergeo(
            lon=[i[1] for i, _ in shown], lat=[i[2] for i, _ in shown], mode="text", text=[i[0] for i, _ in shown],
            textposition=[p for _, p in shown], hoverinfo="skip", showlegend=False, name="names",
            textfont=dict(size=LABEL_SIZE, color="#111", shadow="0px 0px 3px white", weight=600),
        ))
    figure.update_geos(resolution=50, showcountries=True, countrycolor="#999", showland=True, landcolor="#f3f3f3",
                       showframe=False, projection_type="natural earth", fitbounds=False,
                       lonaxis_range=lonaxis, lataxis_range=lataxis, projection_rotation_lon=sum(lonaxis) / 2)
    figure.update_layout(height=520, margin=dict(l=0, r=0, t=36, b=70), font=dict(size=FONT_SIZE),
                         legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", font=dict(size=FONT_SIZE)))
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
    labels = (escaped(shown["from_country"]) + " → " + escaped(shown["to_country"]) + ": "
              + shown["people"].map("{:,}".format) + " people in " + shown["events"].astype(int).map("{:,}".format) + " event"
              + np.where(shown["events"].to_numpy() != 1, "s", "")).to_numpy(object)
    traces = []
    for width in sorted(set(level), reverse=True):
        part = shown[level == width]
        ends = [(points[a], points[b]) for a, b in zip(part["from_code"], part["to_code"])]
        traces.append(go.Scattergeo(  # each arrow: its two ends and a gap (None) before the next
            lon=[x for (x0, _), (x1, _) in ends for x in (x0, x1, None)],
            lat=[y for (_, y0), (_, y1) in ends for y in (y0, y1, None)],
            mode="lines+markers", line=dict(width=1.5 + 8 * width / (ARROW_WIDTHS - 1), color="rgba(213,94,0,0.7)"),
            marker=dict(size=[0, 13, 0] * len(part), symbol="triangle-up", color=RECEIVING, angleref="previous",
                        line=dict(width=1, color="white")),
            text=[t for label in labels[level == width] for t in (label, label, None)],
            hovertemplate="%{text}<extra></extra>", showlegend=False,
        ))
    return traces

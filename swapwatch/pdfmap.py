"""The Map page's map in a briefing pack: the involved countries shaded by the page's measure, drawn as vector
paths from the basemap the dashboard ships (static/topojson, Natural Earth 1:50m), framed as the page frames them,
named where a label has room, with a colour key. Offline and without a browser.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

import pandas as pd

from swapwatch.charts import LOG_RATIO, OTHER, RECEIVING, RELEASING
from swapwatch.worldmap import MAX_ARROWS, MEASURE_SCALES, MEASURES, TOPOJSON_DIR, anchor, frame_of, place_labels

LAND, BORDER, INK, HALO = (243, 243, 243), (153, 153, 153), (17, 17, 17), (255, 255, 255)
SEA = (250, 252, 255)
LABEL_PT = 7.5  # a country's name on the map
KEY_HEIGHT = 19  # mm below the map: the colour key and the note on countries not drawn
MIN_STEP = 0.35  # mm: a ring's points closer than this to the last one kept are left out (the page cannot show them)


@lru_cache(maxsize=1)
def outlines() -> dict[str, list[list[tuple[float, float]]]]:
    """Each country's outer rings as (lon, lat) points, by ISO alpha-3, decoded from the shipped topojson."""
    topology = json.loads((TOPOJSON_DIR / "world_50m.json").read_text(encoding="utf-8"))
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # delta-encoded, quantised positions
        x = y = 0
        points = []
        for step_x, step_y in arc:
            x, y = x + step_x, y + step_y
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:  # ~index: the arc reversed; each arc starts where the last one ended
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(part if not points else part[1:])
        if max(p[0] for p in points) - min(p[0] for p in points) > 180:  # across the antimeridian (Chukotka,
            points = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]  # Fiji): east of 180°, not round
        return points

    shapes: dict[str, list[list[tuple[float, float]]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(geometry["type"], [])
        rings = [ring(polygon[0]) for polygon in polygons if polygon]  # holes are drawn over by what fills them
        if "id" in geometry and rings:
            shapes.setdefault(geometry["id"], []).extend(rings)
    return shapes


def colour(scale: list, share: float) -> tuple[int, int, int]:
    """The colour at ``share`` (0 to 1) of a Plotly colour scale ([[position, '#rrggbb'], …]), mixed in RGB as
    Plotly mixes it."""
    share = min(1.0, max(0.0, share))
    stops = [(position, tuple(int(hex_[i:i + 2], 16) for i in (1, 3, 5))) for position, hex_ in scale]
    for (low, a), (high, b) in zip(stops, stops[1:]):
        if share <= high:
            t = 0.0 if high == low else (share - low) / (high - low)
            return tuple(round(x + (y - x) * t) for x, y in zip(a, b))
    return stops[-1][1]


class Shading:
    """A measure's values -> colours, as the page's choropleth shades them (logarithmic when the largest value is
    LOG_RATIO times the smallest positive one or more)."""

    def __init__(self, measure: str, values: pd.Series):
        self.scale = MEASURE_SCALES.get(measure, MEASURE_SCALES["events"])
        values = values.astype(float)
        positive = values[values > 0]
        self.log = bool(len(positive)) and positive.max() / positive.min() >= LOG_RATIO
        z = values.clip(lower=1).map(math.log10) if self.log else values
        self.low, self.high = (0.0 if self.log else float(z.min())), float(z.max())
        self.largest = float(values.max()) if len(values) else 0.0

    def of(self, value: float) -> tuple[int, int, int]:
        z = math.log10(max(1.0, value)) if self.log else float(value)
        return colour(self.scale, 0.5 if self.high == self.low else (z - self.low) / (self.high - self.low))

    def ticks(self) -> list[float]:
        """The values the key names: powers of ten on a logarithmic scale, else the lowest, middle and highest."""
        if self.log:
            return [10.0 ** k for k in range(int(math.log10(max(1.0, self.largest))) + 1)]
        return sorted({self.low, round((self.low + self.high) / 2), self.high})

    def share(self, value: float) -> float:
        z = math.log10(max(1.0, value)) if self.log else value
        return 0.5 if self.high == self.low else (z - self.low) / (self.high - self.low)


class Frame:
    """lon/lat -> page (mm): an equirectangular projection with longitudes shrunk by the cosine of the middle
    latitude, framed on the page's ranges (worldmap.frame_of) and centred in the box."""

    def __init__(self, lons: list[float], lats: list[float], left: float, top: float, width: float, height: float):
        self.lons, self.lats = lons, lats
        self.shrink = math.cos(math.radians((lats[0] + lats[1]) / 2))
        span_x, span_y = (lons[1] - lons[0]) * self.shrink, lats[1] - lats[0]
        self.scale = min(width / span_x, height / span_y)
        self.width, self.height = span_x * self.scale, span_y * self.scale
        self.left, self.top = left + (width - self.width) / 2, top

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.left + (lon - self.lons[0]) * self.shrink * self.scale,
                self.top + (self.lats[1] - lat) * self.scale)

    def meets(self, ring: list[tuple[float, float]]) -> bool:
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
        return (min(lons) <= self.lons[1] and max(lons) >= self.lons[0]
                and min(lats) <= self.lats[1] and max(lats) >= self.lats[0])


def draw(pdf, countries: pd.DataFrame, measure: str, left: float, top: float, width: float, height: float,
         flows: pd.DataFrame | None = None) -> None:
    """The map of ``countries`` (map_countries rows) shaded by ``measure``, in the box, its key beneath it; the
    largest ``flows`` (map_flows rows) as arrows and mediators, hosts and venues starred, as on the page."""
    shapes = outlines()
    placed = {code: anchor(code) for code in countries["code"] if anchor(code)}
    lons, lats = frame_of(list(placed.values())) if placed else ([-180.0, 180.0], [-60.0, 84.0])
    frame = Frame(lons, lats, left, top, width, height - KEY_HEIGHT)
    shading = Shading(measure, countries[measure])
    values = dict(zip(countries["code"], countries[measure].astype(float)))
    pdf.set_fill_color(*SEA)
    pdf.rect(frame.left, frame.top, frame.width, frame.height, style="F")
    with pdf.local_context(), pdf.rect_clip(frame.left, frame.top, frame.width, frame.height):  # (which keeps
        # no state of its own: local_context gives fpdf back its font and colours with the PDF's)
        pdf.set_line_width(0.15)
        pdf.set_draw_color(*BORDER)
        for code, rings in sorted(shapes.items(), key=lambda item: -_area(item[1])):  # enclaves over their hosts
            fill = shading.of(values[code]) if code in values else LAND
            for ring in rings:
                if frame.meets(ring):
                    pdf.set_fill_color(*fill)
                    pdf.polygon(_thinned([frame(lon, lat) for lon, lat in ring]), style="DF")
        _arrows(pdf, flows, frame)
        _stars(pdf, countries, placed, frame)
        _labels(pdf, countries, measure, placed, frame)
    pdf.set_draw_color(*BORDER)
    pdf.rect(frame.left, frame.top, frame.width, frame.height)
    _key(pdf, shading, measure, frame.left, frame.top + frame.height + 2.5)
    missing = [name for code, name in zip(countries["code"], countries["country"]) if code not in shapes]
    if missing:
        pdf.set_xy(frame.left, frame.top + frame.height + 14)
        pdf.font(7, colour=(110, 110, 110))
        pdf.cell(frame.width, 4, "Too small for the basemap, not drawn (in the table below): " + ", ".join(missing))


def _area(rings: list[list[tuple[float, float]]]) -> float:
    return sum(abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]))) / 2 for r in rings)


def _thinned(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    kept = points[:1]
    for x, y in points[1:]:
        if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= MIN_STEP:
            kept.append((x, y))
    return kept if len(kept) >= 3 else points


def _hex(colour_: str) -> tuple[int, int, int]:
    return tuple(int(colour_[i:i + 2], 16) for i in (1, 3, 5))


def _arrows(pdf, flows: pd.DataFrame | None, frame: Frame) -> None:
    """The MAX_ARROWS largest flows from releasing to receiving capital, wider the more people (on a square-root
    scale, as the page's), each ending in an arrowhead."""
    if flows is None or flows.empty:
        return
    top = max(1.0, float(flows["people"].max()))
    for flow in flows.nlargest(MAX_ARROWS, "people").iloc[::-1].itertuples():  # the largest drawn last, on top
        start, end = anchor(flow.from_code), anchor(flow.to_code)
        if not start or not end or start == end:
            continue
        (x0, y0), (x1, y1) = frame(*start), frame(*end)
        width = 0.3 + 1.7 * (float(flow.people) / top) ** 0.5
        length = math.hypot(x1 - x0, y1 - y0)
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        head = 1.6 + width
        with pdf.local_context(stroke_opacity=0.7):
            pdf.set_draw_color(*_hex(RELEASING))
            pdf.set_line_width(width)
            pdf.line(x0, y0, x1 - ux * head, y1 - uy * head)
        pdf.set_fill_color(*_hex(RECEIVING))
        pdf.polygon([(x1, y1), (x1 - ux * head - uy * head / 2, y1 - uy * head + ux * head / 2),
                     (x1 - ux * head + uy * head / 2, y1 - uy * head - ux * head / 2)], style="F")


def _stars(pdf, countries: pd.DataFrame, placed: dict, frame: Frame) -> None:
    """A green star on each mediator, host or venue, as on the page."""
    marked = countries[((countries["mediated"] > 0) | (countries["hosted"] > 0) | (countries["venues"] > 0))]
    pdf.set_fill_color(*_hex(OTHER))
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.15)
    for code in marked["code"]:
        if code in placed:
            pdf.polygon(_star(*frame(*placed[code]), 2.0), style="DF")


def _star(x: float, y: float, radius: float) -> list[tuple[float, float]]:
    return [(x + r * math.sin(math.pi * n / 5), y - r * math.cos(math.pi * n / 5))
            for n, r in zip(range(10), [radius, radius * 0.45] * 5)]


def _labels(pdf, countries: pd.DataFrame, measure: str, placed: dict, frame: Frame) -> None:
    """Each country's name by its capital (or centre), largest measure first, where it overlaps no other name
    (worldmap.place_labels, the page's own rule, in points on the page)."""
    named = countries[countries["code"].isin(list(placed))].sort_values(measure, ascending=False)
    points = {code: frame(*placed[code]) for code in named["code"]}
    pt = 72 / 25.4  # points per mm
    items = [(name, points[code][0] * pt, -points[code][1] * pt) for code, name in zip(named["code"], named["country"])]
    positions = place_labels(items, 1.0, size=LABEL_PT)
    pdf.font(LABEL_PT, bold=True, colour=INK)
    for (name, _, _), code, position in zip(items, named["code"], positions):
        x, y = points[code]
        pdf.set_fill_color(*INK)
        pdf.circle(x, y, 0.5, style="F")
        if position is None:
            continue
        width, gap, half = pdf.get_string_width(name), 1.6, LABEL_PT / pt * 0.62
        box_x, box_y = {"top center": (x - width / 2, y - gap - 2 * half), "bottom center": (x - width / 2, y + gap),
                        "middle right": (x + gap, y - half), "middle left": (x - gap - width, y - half)}[position]
        with pdf.local_context(fill_opacity=0.75):
            pdf.set_fill_color(*HALO)
            pdf.rect(box_x - 0.4, box_y, width + 0.8, 2 * half, style="F")
        pdf.set_xy(box_x, box_y)
        pdf.cell(width, 2 * half, name)


def _key(pdf, shading: Shading, measure: str, left: float, top: float) -> None:
    """A colour bar with the measure's name and its ticks, as the page's colour bar."""
    pdf.set_xy(left, top)
    pdf.font(7.5, bold=True)
    title = MEASURES[measure] + (" (logarithmic scale)" if shading.log else "")
    pdf.cell(pdf.get_string_width(title) + 3, 4, title)
    bar_left, bar_width, steps = pdf.get_x(), 80.0, 40
    for n in range(steps):
        pdf.set_fill_color(*colour(shading.scale, (n + 0.5) / steps))
        pdf.rect(bar_left + n * bar_width / steps, top + 0.5, bar_width / steps + 0.05, 3, style="F")
    pdf.font(6.5)
    for value in shading.ticks():
        x = bar_left + bar_width * min(1.0, max(0.0, shading.share(value)))
        pdf.set_draw_color(*INK)
        pdf.line(x, top + 3.5, x, top + 4.5)
        pdf.set_xy(x - 8, top + 4.5)
        pdf.cell(16, 3, f"{value:,.0f}", align="C")
    pdf.set_xy(left, top + 8)
    pdf.font(7, colour=(110, 110, 110))
    pdf.cell(0, 3.5, "Grey: not involved in the events in view. A dot marks where a name belongs (the capital). "
                     f"Arrows: people moved from the releasing to the receiving country, wider for more (the "
                     f"{MAX_ARROWS} largest flows). Stars: mediators, hosts, venues.")

"""The Map page's pack draws a map: involved countries as vector paths from the shipped basemap, shaded by the
page's measure in the page's colours, named as text, with a key; no picture, no network."""

import io

import pypdf
import pytest
from pypdf.generic import ContentStream

from swapwatch import briefing, pdf, pdfmap
from swapwatch.charts import OTHER, RECEIVING
from swapwatch.worldmap import MAX_ARROWS, MEASURE_SCALES, MEASURES
from swapwatch.filters import Filters
from tests.test_pack import pack_command, pdf_text

LAND = tuple(round(c / 255, 4) for c in pdfmap.LAND)


def rgb(hex_colour: str) -> tuple[float, ...]:
    return tuple(round(int(hex_colour[i:i + 2], 16) / 255, 4) for i in (1, 3, 5))


def map_only(db, filters: Filters, measure: str = "events") -> bytes:
    """The PDF of the Map page's section with its map and no tables (so any country name in it is the map's)."""
    section = briefing.sections(db, ["map"], filters, briefing.Options(measure=measure))[0]
    section.tables = []
    return pdf.build([section], pdf.About("Map", "all records", "now", "v"))


def painted_paths(data: bytes) -> list[tuple[tuple[float, ...], int]]:
    """(fill colour, points) of every path the first page fills (and outlines), in drawing order."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    fill, points, paths = (0.0, 0.0, 0.0), 0, []
    for operands, operator in ContentStream(reader.pages[0].get_contents(), reader).operations:
        if operator == b"rg":
            fill = tuple(round(float(x), 4) for x in operands)
        elif operator in (b"m", b"l"):
            points += 1
        elif operator in (b"B", b"f"):
            paths.append((fill, points))
            points = 0
        elif operator in (b"S", b"n"):
            points = 0
    return paths


@pytest.fixture(scope="module")
def countries(shipped_db):
    return shipped_db.run("map_countries", **Filters().params(), with_sources=False)


def test_the_map_fills_the_most_involved_country_in_the_darkest_colour_of_the_page_scale(shipped_db, countries):
    colours = {fill for fill, points in painted_paths(map_only(shipped_db, Filters())) if points >= 3}
    top, bottom = rgb(MEASURE_SCALES["events"][-1][1]), rgb(MEASURE_SCALES["events"][0][1])
    assert top in colours  # the Russian Federation's 203 events
    assert countries["events"].min() == 1 and bottom in colours  # one event: the light end, on a logarithmic scale
    assert LAND in colours  # countries in view that are not involved: the basemap's grey


def test_the_map_draws_a_filled_path_for_each_involved_country_and_the_basemap_around_them(shipped_db, countries):
    paths = painted_paths(map_only(shipped_db, Filters()))
    shaded = [fill for fill, points in paths if fill != LAND]
    drawn = [code for code in countries["code"] if code in pdfmap.outlines()]
    assert len(shaded) >= len(drawn) == len(countries)  # a ring each at least (islands add more)
    assert sum(1 for fill, _ in paths if fill == LAND) > len(drawn)


def test_the_map_draws_an_arrow_head_per_flow_shown_and_a_star_per_mediator_host_or_venue(shipped_db, countries):
    paths = painted_paths(map_only(shipped_db, Filters()))
    flows = shipped_db.run("map_flows", **Filters().params(), limit=MAX_ARROWS, with_sources=False)
    marked = countries[(countries["mediated"] > 0) | (countries["hosted"] > 0) | (countries["venues"] > 0)]
    assert sum(1 for fill, _ in paths if fill == rgb(RECEIVING)) == len(flows[flows["from_code"] != flows["to_code"]])
    assert sum(1 for fill, _ in paths if fill == rgb(OTHER)) == len(marked) > 0


def test_the_map_names_the_countries_in_view_as_text_and_has_a_key(shipped_db, countries):
    text = " ".join(pdf_text(map_only(shipped_db, Filters())).split())
    for name in countries["country"]:
        assert name in text
    assert "Events (logarithmic scale) 1 10 100" in text


def test_the_map_is_vector_graphics_not_a_picture(shipped_db):
    reader = pypdf.PdfReader(io.BytesIO(map_only(shipped_db, Filters())))
    assert [page.images for page in reader.pages if page.images] == []


def test_the_map_shades_by_the_measure_chosen_on_the_page_in_its_colours(shipped_db):
    data = map_only(shipped_db, Filters(), measure="released")
    colours = {fill for fill, _ in painted_paths(data)}
    assert rgb(MEASURE_SCALES["released"][-1][1]) in colours and rgb(MEASURE_SCALES["events"][-1][1]) not in colours
    assert MEASURES["released"] in " ".join(pdf_text(data).split())


def test_a_map_of_a_filter_with_no_countries_says_so_instead_of_drawing(shipped_db):
    text = pdf_text(map_only(shipped_db, Filters(kinds=("exchange",), person="zz-nobody")))
    assert "No countries are involved in the events that match these filters: there is no map to draw." in text
    assert painted_paths(map_only(shipped_db, Filters(person="zz-nobody"))) == []


def test_the_map_pack_command_follows_the_measure_and_names_it_in_the_filters():
    result = pack_command("--page", "map", "--country", "USA", "--measure", "received", "--out", "-")
    assert result.returncode == 0, result.stderr
    text = pdf_text(result.stdout)
    assert "Filters: United States; countries coloured by people received (exchanges and releases)" in text
    assert "Involved countries, coloured by people received" in text


def test_the_basemap_outlines_are_decoded_to_longitudes_and_latitudes():
    slovenia = [point for ring in pdfmap.outlines()["SVN"] for point in ring]
    assert all(13.3 < lon < 16.7 and 45.3 < lat < 47.0 for lon, lat in slovenia)


def test_a_country_across_the_antimeridian_is_drawn_east_of_it_not_round_the_world():
    for ring in pdfmap.outlines()["RUS"]:
        lons = [lon for lon, _ in ring]
        assert max(lons) - min(lons) < 180


@pytest.mark.parametrize("share, expected", [(0, "#fff5c8"), (0.5, "#7fcdbb"), (1, "#2c7fb8"), (-1, "#fff5c8")])
def test_a_colour_is_read_off_the_page_scale_as_plotly_mixes_it(share, expected):
    assert pdfmap.colour(MEASURE_SCALES["events"], share) == tuple(int(expected[i:i + 2], 16) for i in (1, 3, 5))

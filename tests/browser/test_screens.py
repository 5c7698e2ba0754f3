"""What a briefing screen does in Chromium: click to filter into the link, the map framed on what is in view,
search by any spelling, downloads named by every choice under the page's headers."""

import io
import pandas as pd

from swapwatch.filters import Filters
from swapwatch.headers import header
from swapwatch.load import load_dataset
from tests.browser.conftest import metrics, wait_for_app


def wait_for_link(page, text: str) -> None:
    """Wait until the page's address holds ``text`` (Streamlit rewrites the link in place, without navigating)."""
    page.wait_for_function("t => decodeURIComponent(location.search.replace(/\\+/g, ' ')).includes(t)", arg=text)


def click(page, locator, end: bool = False) -> None:
    """Click the middle of an element (or near its end: a bar on a logarithmic axis starts far off the chart) as a
    person does: the pointer rests on it first (Plotly reports a click on what the pointer hovers)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    x, y = box["x"] + (box["width"] - 15 if end else box["width"] / 2), box["y"] + box["height"] / 2
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y)
    page.wait_for_timeout(400)
    page.mouse.down()
    page.mouse.up()


def _codes(server, query: str, **params) -> list[str]:
    return list(load_dataset(server.data_dir).run(query, **Filters().params(), **params)["code"])


def test_clicking_a_country_on_the_map_sets_the_countries_filter_and_the_link(shipped_server, open_page):
    page = open_page(f"{shipped_server.url}/map")
    codes = _codes(shipped_server, "map_countries", with_sources=False)
    shapes = page.locator(".st-key-click-map .choroplethlocation")
    shapes.first.wait_for()
    click(page, shapes.nth(codes.index("TUR")))
    wait_for_link(page, "country=Türkiye")
    wait_for_app(page)
    assert "Türkiye" in page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.inner_text()
    assert "Showing: Türkiye" in page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()


def test_clicking_a_person_s_row_opens_the_profile_and_puts_it_in_the_link(shipped_server, open_page):
    page = open_page(f"{shipped_server.url}/people?custody=exchanged")
    db = load_dataset(shipped_server.data_dir)
    people = db.run("participants", **Filters().params(), status="exchanged", limit=500)
    grid = page.locator(".st-key-rows-people [data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    row = 2  # the third person
    page.mouse.click(box["x"] + 14, box["y"] + 35 * (row + 1) + 17)  # the row's selection box, under the header
    name = people["name"].iloc[row]
    wait_for_link(page, f"profile={name}")
    wait_for_app(page)
    assert name in [h.inner_text() for h in page.locator('[data-testid="stMain"] h3').all()]


def test_the_map_is_framed_on_the_countries_in_view_and_usable_on_a_phone(shipped_server, open_page):
    from swapwatch import worldmap

    page = open_page(f"{shipped_server.url}/map")
    page.locator(".st-key-click-map .choroplethlocation").first.wait_for()
    (west, east), (south, north) = page.locator(".st-key-click-map .js-plotly-plot").evaluate(
        "e => [e._fullLayout.geo.lonaxis.range, e._fullLayout.geo.lataxis.range]")
    anchors = [worldmap.anchor(code) for code in _codes(shipped_server, "map_countries", with_sources=False)]
    assert all(west <= lon <= east and south <= lat <= north for lon, lat in anchors)  # every country in view
    assert east - west < 200 and south > -30  # and not the whole globe: Europe gets room
    phone = open_page(f"{shipped_server.url}/map", viewport={"width": 390, "height": 844}, is_mobile=True,
                      user_agent="Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                                 "Chrome/130.0 Mobile Safari/537.36")
    drawn = phone.locator(".st-key-click-map .geo .bg rect").first
    drawn.wait_for()
    assert drawn.bounding_box()["height"] >= 250  # not a 90-px strip


def test_a_name_is_found_whatever_its_spelling_in_the_person_filter_and_the_quote_search(shipped_server, open_page):
    events = {spelling: metrics(open_page(f"{shipped_server.url}/?person={spelling}"))["Events"]
              for spelling in ("Gershkovich", "Гершкович", "gershkovich")}
    assert len(set(events.values())) == 1 and int(events["Gershkovich"]) > 0
    found = {spelling: metrics(open_page(f"{shipped_server.url}/quotes?q={spelling}"))["Quotes matching these choices"]
             for spelling in ("Zelensky", "Zelenskyy", "Зеленский", "zelenskiy")}
    assert len(set(found.values())) == 1 and int(found["Zelensky"].replace(",", "")) > 0
    murza = {spelling: metrics(open_page(f"{shipped_server.url}/?person={spelling}"))["Events"]
             for spelling in ("Kara-Murza", "Kara Murza", "murza kara")}
    assert len(set(murza.values())) == 1 and int(murza["Kara-Murza"]) > 0


def test_a_download_is_named_by_every_choice_and_headed_as_the_page_is(shipped_server, open_page):
    page = open_page(f"{shipped_server.url}/people?custody=held&country=RUS")
    button = page.locator(".st-key-download-people-csv").get_by_role("button", name="⬇ CSV")
    button.scroll_into_view_if_needed()
    with page.expect_download() as download:
        button.click()
    assert "_custody-held-RUS_" in download.value.suggested_filename
    frame = pd.read_csv(io.BytesIO(download.value.path().read_bytes()), encoding="utf-8-sig", nrows=1)
    assert list(frame.columns)[:4] == [header("people", c) for c in ("name", "nationality", "roles", "held_by")]
    assert "Sources" in frame.columns
    assert page.locator('[data-testid="stElementToolbar"] button[aria-label="Download as CSV"]').count() == 0


def test_clicking_a_country_s_bar_sets_the_countries_filter_the_link_and_the_figures(shipped_server, open_page):
    page = open_page(f"{shipped_server.url}/exchanges")
    before = metrics(page)
    codes = _codes(shipped_server, "released_by_side", with_sources=False)[:15]
    released = page.locator(".st-key-click-sides .trace.bars").first.locator(".point")
    released.first.wait_for()
    assert released.count() == len(codes)  # one bar a country, in the table's order
    click(page, released.nth(codes.index("USA")), end=True)
    wait_for_link(page, "country=United States")
    wait_for_app(page)
    assert "United States" in page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.inner_text()
    assert "Showing: United States" in page.locator(
        '[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    after = metrics(page)
    assert after != before
    assert int(after["Exchanges, any status"]) < int(before["Exchanges, any status"])

"""What users see in Chromium: the map draws offline, downloads equal the table, presenter mode."""

import io

import openpyxl
import pandas as pd

from swapwatch import exports
from swapwatch.catalog import shown
from swapwatch.filters import Filters
from swapwatch.headers import header
from swapwatch.load import load_dataset
from tests.browser.conftest import metrics
from tests.conftest import PROJECT_DIR


def test_the_map_draws_its_countries_from_the_shipped_basemap(shipped_server, open_page):
    page = open_page(f"{shipped_server.url}/map")
    page.locator(".js-plotly-plot .choroplethlocation").first.wait_for()
    drawn = page.locator(".js-plotly-plot .choroplethlocation").count()
    db = load_dataset(shipped_server.data_dir)
    assert drawn == len(db.run("map_countries", **Filters().params()))
    assert page.locator(".js-plotly-plot .geo .layer.land path, .js-plotly-plot .geo .countries path").count() > 0
    assert any("/app/static/topojson/" in url for url in open_page.requests), "the basemap came from elsewhere"


def test_a_download_holds_exactly_the_filtered_table(shipped_server, open_page):
    filters = Filters(countries=("UKR",), kinds=("exchange",))
    page = open_page(f"{shipped_server.url}/exchanges?country=UKR&kind=exchange")
    db = load_dataset(shipped_server.data_dir)
    expected = shown("exchange-legs", db.run("exchange_legs", **filters.params()))
    assert len(expected) > 0

    button = page.locator(".st-key-download-exchange-legs-csv").get_by_role("button", name="⬇ CSV")
    button.scroll_into_view_if_needed()
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename == exports.file_name("exchange-legs", filters, "csv")
    assert download.value.path().read_bytes() == exports.export(expected, "csv", table="exchange-legs")

    button = page.locator(".st-key-download-exchange-legs-xlsx").get_by_role("button", name="⬇ Excel")
    with page.expect_download() as download:
        button.click()
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [header("exchange-legs", c) for c in expected.columns]  # as the page heads them
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(expected.columns))}{len(expected) + 1}"
    assert len(rows) - 1 == len(expected)
    as_text = pd.read_csv(io.BytesIO(exports.export(expected, "csv", table="exchange-legs")), encoding="utf-8-sig", dtype=str,
                          keep_default_na=False)
    assert [[("" if v is None else str(v)) for v in row] for row in rows[1:]] == as_text.values.tolist()


def test_presenter_mode_hides_the_controls_and_shows_large_type_and_the_filters(shipped_server, open_page):
    normal = open_page(f"{shipped_server.url}/?kind=exchange")
    normal_size = _font_px(normal, '[data-testid="stMetricValue"]')
    page = open_page(f"{shipped_server.url}/?kind=exchange&present=1")
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stToolbar"]').is_visible()
    assert not page.locator('[data-testid="stMainMenu"]').is_visible()
    assert page.locator("input:visible, button:visible").count() == 0
    assert "Showing: kinds: exchange" in page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    # figures a fifth larger than at a desk (whole values such as "at least 14,164" must fit their column);
    # tests/browser/test_presenter.py checks body text, captions and tables at wall and projector sizes
    assert _font_px(page, '[data-testid="stMetricValue"]') >= 1.2 * normal_size
    assert metrics(page) == metrics(normal)


def _font_px(page, selector: str) -> float:
    return float(page.locator(selector).first.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))

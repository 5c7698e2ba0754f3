"""Shared links: every page deep-links on a fresh server, and a link reproduces filters and figures."""

import datetime as dt
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from swapwatch.figures import people_exchanged
from swapwatch.load import load_dataset
from tests.browser.conftest import LOCAL_HOSTS, metrics, wait_for_app

PAGES = {"": "SwapWatch — overview", "exchanges": "Exchanges", "people": "People", "quotes": "Quotes",
         "map": "Map of involved countries", "sources": "Sources and disagreements", "health": "Data health"}


@pytest.mark.parametrize("path", PAGES)
def test_a_deep_link_opens_its_page_with_navigation_and_filters_on_a_fresh_server(start_server, open_page, data_copy,
                                                                                   path):
    server = start_server(data_copy)
    page = open_page(f"{server.url}/{path}")
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(PAGES[path])
    expect(page.locator('[data-testid="stSidebarNav"]')).to_contain_text("Data health")
    expect(page.get_by_role("textbox", name="Person")).to_be_visible()


def test_deep_links_to_every_page_get_no_error_response_on_a_fresh_server(start_server, browser, data_copy):
    server = start_server(data_copy)
    for path, title in PAGES.items():
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).hostname in LOCAL_HOSTS
                      else route.abort())  # the network cut: nothing but this server
        answers = []
        page = context.new_page()
        page.on("response", lambda response: answers.append((response.status, response.url)))
        page.goto(f"{server.url}/{path}?kind=exchange")
        wait_for_app(page)
        expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(title)
        assert "kind=exchange" in page.url and urlparse(page.url).path == f"/{path}"
        assert any(url.endswith("/_stcore/health") for _, url in answers)
        failed = [(status, url) for status, url in answers if status >= 400]
        assert failed == [], f"/{path}: {failed}"
        context.close()
    assert " 404 " not in server.output()


def test_a_shared_link_reopens_the_same_filters_and_figures(start_server, open_page, data_copy):
    server = start_server(data_copy)
    db = load_dataset(data_copy)
    page = open_page(f"{server.url}/exchanges?country=UKR&kind=exchange&dates=2025-01-01&dates=2025-06-30")
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "Ukraine" in sidebar.locator('[data-testid="stMultiSelect"]').first.inner_text()
    assert date_range(page) == ["2025-01-01", "2025-06-30"]
    expected = db.run("exchanges_by_period", date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 6, 30),
                      countries=["UKR"], country_role="any", kinds=["exchange"], statuses=[], person="",
                      period="year")
    figures = db.run("overview_figures", date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 6, 30),
                     countries=["UKR"], country_role="any", kinds=["exchange"], statuses=[], person="").iloc[0]
    shown = metrics(page)
    assert int(shown["Exchanges, any status"]) == int(expected["exchanges"].sum()) > 0
    assert shown["People exchanged"] == people_exchanged(figures)

    link = sidebar.locator('[data-testid="stCode"]').first.inner_text().strip()
    assert link.startswith(f"{server.url}/exchanges?")
    again = open_page(link)  # a fresh browser context: nothing shared but the link
    assert metrics(again) == shown
    assert date_range(again) == ["2025-01-01", "2025-06-30"]


def test_typing_a_person_filters_every_figure_and_goes_into_the_link(shipped_server, open_page):
    page = open_page(shipped_server.url)
    assert int(metrics(page)["Events"]) > 0
    box = page.get_by_role("textbox", name="Person")
    box.fill("zz-nobody-by-this-name")
    box.press("Enter")
    page.get_by_text("No events match these filters").wait_for()
    assert "person=zz-nobody-by-this-name" in page.url
    assert metrics(page)["Events"] == "0"


def test_a_link_with_values_the_data_does_not_know_shows_a_notice_not_an_error(shipped_server, open_page):
    page = open_page(f"{shipped_server.url}/?country=XXX&kind=nonsense&role=boss&dates=2025-13-45")
    page.get_by_text("Ignored from the link").wait_for()
    assert int(metrics(page)["Events"]) > 0


def date_range(page) -> list[str]:
    """The dates the sidebar's date-range picker holds, as ISO text."""
    return page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input[type=date]').evaluate_all(
        "inputs => inputs.map(i => i.value)")


def test_reset_clears_every_filter_and_the_link_of_a_page_opened_from_a_filtered_link(shipped_server, open_page):
    unfiltered = metrics(open_page(f"{shipped_server.url}/exchanges"))
    page = open_page(f"{shipped_server.url}/exchanges?country=UKR&kind=exchange&status=completed&person=a"
                     "&dates=2025-01-01&dates=2025-06-30&role=receiving&period=month&q=istanbul&custody=held")
    assert metrics(page) != unfiltered
    page.get_by_role("button", name="Reset filters").click()
    try:  # (the link changes in place: no navigation to wait for)
        page.wait_for_function("() => location.search === ''", timeout=15_000)
    except Exception:
        raise AssertionError(f"the link still holds a query: {page.url}")
    expect(page.get_by_role("textbox", name="Person")).to_have_value("")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.locator('[data-testid="stMultiSelect"]').first).not_to_contain_text("Ukraine")
    assert date_range(page) == ["", ""]  # the picker empty
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
    assert metrics(page) == unfiltered

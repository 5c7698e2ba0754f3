"""On a phone (390×844): every page fits the screen's width, its figures' text is whole, tables scroll in
their own box, the sidebar starts closed."""

import pytest

from tests.browser.test_links import PAGES

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
                       "Gecko) Version/17.0 Mobile/15E148 Safari/604.1"}

# Text of a Plotly figure that reaches past the figure's box (or a map's frame, or the screen): it is cut off.
CUT_TEXT = """() => {
  const screen = document.documentElement.clientWidth, cut = [];
  for (const plot of document.querySelectorAll('[data-testid=stMain] .js-plotly-plot')) {
    const figure = plot.getBoundingClientRect(), map = plot.querySelector('.geo .bg rect');
    for (const text of plot.querySelectorAll('svg text')) {
      const r = text.getBoundingClientRect();
      if (!text.textContent.trim() || r.width === 0 || text.closest('.modebar')) continue;
      const box = map && text.closest('.geo') ? map.getBoundingClientRect() : figure;
      if (r.left < Math.max(box.left, 0) - 1 || r.right > Math.min(box.right, screen) + 1)
        cut.push(text.textContent.trim());
    }
  }
  return cut;
}"""

# Elements of the page that reach past the screen's right edge, other than what scrolls inside its own box.
PAST_THE_EDGE = """() => {
  const screen = document.documentElement.clientWidth;
  const scrolls = e => { for (let a = e.parentElement; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) && a.getBoundingClientRect().right <= screen + 1)
        return true; }
    return false; };
  return [...document.querySelectorAll('[data-testid=stMain] *')]
    .filter(e => e.getBoundingClientRect().right > screen + 1 && !scrolls(e))
    .map(e => (e.getAttribute('data-testid') || e.tagName) + ': ' + (e.textContent || '').trim().slice(0, 40));
}"""


@pytest.mark.parametrize("path", PAGES)
def test_every_page_fits_a_phone_screen_with_whole_figures_and_a_closed_sidebar(shipped_server, open_page, path):
    page = open_page(f"{shipped_server.url}/{path}", **PHONE)
    main = page.locator('[data-testid="stMain"]')
    width = page.evaluate("() => document.documentElement.clientWidth")
    assert width == 390
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # no sideways scroll
    assert main.evaluate("e => e.scrollWidth") <= width
    assert page.evaluate(PAST_THE_EDGE) == []
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.bounding_box() is None or sidebar.bounding_box()["x"] + sidebar.bounding_box()["width"] <= 0
    for column in page.locator('[data-testid="stMain"] [data-testid="stColumn"]').all():  # columns stack
        assert column.bounding_box()["width"] >= 0.8 * (width - 32)
    for table in page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').all():  # scrolls in its box
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    plots = page.locator('[data-testid="stMain"] .js-plotly-plot')
    for n in range(plots.count()):  # drawn (Plotly lays out text only on screen): then measured
        plots.nth(n).scroll_into_view_if_needed()
        plots.nth(n).locator(".main-svg").first.wait_for()
    assert page.evaluate(CUT_TEXT) == []

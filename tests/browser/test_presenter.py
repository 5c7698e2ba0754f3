"""Presenter mode in Chromium: no control on any page, every choice named, type a room can read, a dark theme."""

import pytest

# Each page with choices of its own in the link, and the words its caption must then hold.
PAGES = {
    "": ("kind=exchange", ["kinds: exchange"]),
    "exchanges": ("kind=exchange&period=month", ["kinds: exchange", "counted by: month"]),
    "people": ("custody=held&profile=marc-fogel", ["people: still held"]),
    "people ": ("custody=exchanged&profile=marc-fogel", ["people: exchanged", "profile: Marc Fogel"]),
    "quotes": ("q=prisoner&speaker=donald-trump&channel=truth-social",
               ["search: “prisoner”", "speaker: Donald Trump", "channel: Truth Social"]),
    "map": ("measure=released", ["countries coloured by: people released"]),
    "sources": ("country=UKR", ["Ukraine"]),
    "health": ("", ["all records"]),
}
# Everything a person could click or type into, wherever it is on the page.
CONTROLS = "input, button, select, textarea, summary, [role=button], [role=combobox], [role=tab], [role=slider]"
VISIBLE = """els => els.filter(e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; })
  .map(e => e.tagName + ' ' + (e.getAttribute('aria-label') || e.innerText || '').slice(0, 40))"""


def presenter(open_page, url: str, width: int, height: int):
    return open_page(url, viewport={"width": width, "height": height})


@pytest.mark.parametrize("path", PAGES)
def test_presenter_mode_shows_no_control_on_any_page_and_names_every_choice(shipped_server, open_page, path):
    query, words = PAGES[path]
    page = presenter(open_page, f"{shipped_server.url}/{path.strip()}?{query}&present=1", 1920, 1080)
    page.mouse.wheel(0, 20000)  # what is drawn further down counts too
    page.wait_for_timeout(300)
    assert page.locator(CONTROLS).evaluate_all(VISIBLE) == []
    caption = page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    assert caption.startswith("Showing:") and all(w in caption for w in words), caption
    assert page.locator('[data-testid="stDataFrame"]').count() == 0  # tables are drawn whole, as text


@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 720)])
def test_presenter_type_is_large_and_consistent_and_tables_do_not_scroll_inside_themselves(
        shipped_server, open_page, width, height):
    page = presenter(open_page, f"{shipped_server.url}/exchanges?present=1", width, height)
    sizes = page.evaluate("""() => {
      const px = sel => [...document.querySelectorAll(sel)]
          .filter(e => e.innerText.trim() && !e.closest('[data-testid="stMetric"]'))  // figures are larger on purpose
          .map(e => parseFloat(getComputedStyle(e).fontSize));
      return {body: px('[data-testid="stMain"] [data-testid="stMarkdownContainer"] p'),
              caption: px('[data-testid="stMain"] [data-testid="stCaptionContainer"] p'),
              table: px('[data-testid="stTable"] td')}; }""")
    smallest = 20
    for kind in ("body", "caption", "table"):
        assert sizes[kind] and min(sizes[kind]) >= smallest - 1, (kind, sizes[kind][:5])
    assert max(sizes["caption"]) <= max(sizes["body"])  # a caption is never larger than the text it explains
    assert len(set(sizes["table"])) == 1 and sizes["table"][0] == max(sizes["body"])
    scrolling = page.locator('[data-testid="stTable"], [data-testid="stTable"] *').evaluate_all(
        "els => els.filter(e => e.scrollHeight > e.clientHeight + 2 && getComputedStyle(e).overflowY !== 'visible'"
        " && getComputedStyle(e).overflowY !== 'hidden').length")
    assert scrolling == 0
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= width  # nothing runs off the side of the screen


def test_the_dark_projector_theme_is_an_option_in_the_link(shipped_server, open_page):
    page = presenter(open_page, f"{shipped_server.url}/map?present=1&theme=dark", 1280, 720)
    background = page.locator(".stApp").evaluate("e => getComputedStyle(e).backgroundColor")
    ink = page.locator('[data-testid="stMain"] h1').first.evaluate("e => getComputedStyle(e).color")
    assert _luminance(background) < 0.05 and _luminance(ink) > 0.8
    paper = page.locator(".js-plotly-plot .main-svg").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert _luminance(paper) < 0.05


def test_presenter_mode_words_an_empty_result_and_data_problems_without_controls_or_paths(
        start_server, open_page, data_copy):
    (data_copy / "zz-broken.yaml").write_text("events:\n  - id: [unclosed\n", encoding="utf-8")
    server = start_server(data_copy)
    page = presenter(open_page, f"{server.url}/exchanges?person=zz-nobody&present=1", 1920, 1080)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "No exchanges match" in text and "sidebar" not in text.lower()
    banner = page.locator('[data-testid="stAlert"]').first.inner_text()
    assert "problem" in banner and ".yaml" not in banner and str(data_copy) not in banner and "/" not in banner


def _luminance(css_colour: str) -> float:
    """Relative luminance (WCAG) of an rgb()/rgba() colour."""
    channels = [int(float(v)) / 255 for v in css_colour[css_colour.index("(") + 1:-1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

"""Live data: a curator's saved edit shows on an open dashboard without a reload; a broken edit keeps the last good data."""

import time

from tests.browser.conftest import metrics

NEW_EVENT = """\
# yaml-language-server: $schema=../schema/swapwatch.schema.json
events:
  - id: 2025-11-20-live-test-talks
    kind: talks
    status: completed
    date: 2025-11-20
    title: Talks added while the dashboard is open
    summary: A record written by the live-data test.
    place: {{country: TUR, city: Istanbul}}
    countries:
      - {{country: RUS, role: party}}
      - {{country: UKR, role: party}}
    sources: [{source}]
"""


def test_a_saved_edit_appears_live_and_a_broken_one_keeps_the_last_good_data(data_copy, start_server, open_page):
    data = data_copy
    source = _first_source_id(data)
    server = start_server(data)
    page = open_page(server.url)
    before = int(metrics(page)["Events"])

    new_file = data / "live-test.yaml"
    new_file.write_text(NEW_EVENT.format(source=source), encoding="utf-8")
    started = time.monotonic()
    page.wait_for_function(
        "n => [...document.querySelectorAll('[data-testid=stMetric]')].some("
        "m => m.innerText.startsWith('Events') && m.innerText.trim().endsWith(String(n)))", arg=before + 1,
        timeout=15_000)
    print(f"edit shown after {time.monotonic() - started:.1f} s")
    assert page.url.rstrip("/") == server.url  # no reload, no navigation

    new_file.write_text(NEW_EVENT.format(source=source).replace("kind: talks", "kind: tlaks"), encoding="utf-8")
    banner = page.locator('[data-testid="stAlert"]').filter(has_text="live-test.yaml:4")
    banner.wait_for(timeout=15_000)
    assert "bad-choice" in banner.inner_text()
    assert int(metrics(page)["Events"]) == before + 1  # the file's last good version is still shown

    new_file.unlink()
    page.wait_for_function(
        "n => [...document.querySelectorAll('[data-testid=stMetric]')].some("
        "m => m.innerText.startsWith('Events') && m.innerText.trim().endsWith(String(n)))", arg=before,
        timeout=15_000)
    assert page.locator('[data-testid="stAlert"]').filter(has_text="live-test.yaml").count() == 0


def _first_source_id(data) -> str:
    for line in (data / "sources-articles.yaml").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("- id: "):
            return line.split("- id: ", 1)[1].strip()
    raise AssertionError("no source in the shipped data")

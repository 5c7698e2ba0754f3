"""axe-core (vendored, tests/browser/vendor/axe-core) finds no accessibility violation on any page, on a desktop,
in presenter mode on a wall screen and on a phone."""

import json

import pytest

from tests.conftest import PROJECT_DIR

AXE = PROJECT_DIR / "tests" / "browser" / "vendor" / "axe-core" / "axe.min.js"
PAGES = ["", "exchanges", "people", "quotes", "map", "sources", "health"]
VIEWS = {"desktop": ({"width": 1440, "height": 900}, ""),
         "presenter": ({"width": 1920, "height": 1080}, "present=1"),
         "phone": ({"width": 390, "height": 844}, "")}
RUN = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v =>
  ({rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}))"""


@pytest.mark.parametrize("view", VIEWS)
def test_no_page_has_an_accessibility_violation(shipped_server, open_page, view):
    viewport, query = VIEWS[view]
    found = {}
    for path in PAGES:
        page = open_page(f"{shipped_server.url}/{path}?{query}", viewport=viewport)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN)
        if violations:
            found[path or "overview"] = violations
        page.context.close()
    assert found == {}, json.dumps(found, indent=1)[:4000]

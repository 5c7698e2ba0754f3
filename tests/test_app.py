"""The dashboard, run headless with Streamlit's AppTest: every page on real data and on an empty result."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import GOOD_DIR, PROJECT_DIR

APP = str(PROJECT_DIR / "app.py")


def run_app(monkeypatch, data_dir, timeout: float = 60, **query) -> AppTest:
    """The app run once from app.py on data_dir, with these link parameters; no exception allowed."""
    monkeypatch.setenv("SWAPWATCH_DATA", str(data_dir))
    app = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def test_overview_shows_true_counts_from_the_shipped_data(monkeypatch, shipped_db):
    app = run_app(monkeypatch, PROJECT_DIR / "data")
    figures = shipped_db.run("overview_figures", date_from=None, date_to=None, countries=[], country_role="any",
                             kinds=[], statuses=[], person="").iloc[0]
    assert app.title[0].value == "SwapWatch — overview"
    assert metric(app, "Exchanges completed") == str(figures["exchanges_completed"])
    assert metric(app, "Events") == str(figures["events"])
    assert int(metric(app, "Events")) > 0


def test_overview_says_so_when_no_event_matches(monkeypatch):
    # AppTest cannot type into a widget bound to the URL, so the filter comes in the link
    # (typing is covered by the browser tests).
    app = run_app(monkeypatch, GOOD_DIR, person="nobody-by-this-name")
    assert metric(app, "Events") == "0"
    assert any("No events match these filters" in info.value for info in app.info)


def test_the_sidebar_offers_every_global_filter(monkeypatch):
    app = run_app(monkeypatch, GOOD_DIR)
    keys = {w.key for w in list(app.sidebar.multiselect) + list(app.sidebar.selectbox)
            + list(app.sidebar.text_input) + list(app.sidebar.date_input)}
    assert {"dates", "country", "role", "kind", "status", "person"} <= keys


def test_a_data_problem_shows_a_banner_naming_file_and_line(monkeypatch, tmp_path):
    (tmp_path / "broken.yaml").write_text("sources:\n  - id: x\n    outlet: X\n    staus: 1\n")
    app = run_app(monkeypatch, tmp_path)
    banner = app.warning[0].value.replace("\\", "")
    assert "broken.yaml:4" in banner and "unknown-field" in banner

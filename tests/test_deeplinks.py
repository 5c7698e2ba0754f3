"""Deep links: every page's address serves Streamlit's page told that the server is at the app's root."""

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from swapwatch import deeplinks


def test_every_page_of_the_navigation_has_an_address():
    app_py = (deeplinks.PAGES_DIR.parent / "app.py").read_text(encoding="utf-8")
    for name in deeplinks.page_paths():
        assert f'st.Page("views/{name}.py"' in app_py
    assert app_py.count("st.Page(") == len(deeplinks.page_paths())


@pytest.mark.parametrize(("base", "expected"), [("", "window.location.origin}"),
                                                ("/team/swaps/", 'window.location.origin + "/team/swaps"}')])
def test_the_backend_base_is_the_root_under_the_configured_base_path(base, expected):
    assert expected in deeplinks.base_setting(base)


def test_a_page_address_answers_streamlits_index_with_the_setting_before_its_script():
    client = TestClient(Starlette(routes=deeplinks.routes()))
    response = client.get("/exchanges")
    assert response.status_code == 200 and response.headers["cache-control"] == "no-cache"
    html = response.text
    assert html.index("window.__streamlit = {BACKEND_BASE_URL") < html.index('<script type="module"')
    assert client.get("/nonsense").status_code == 404


def test_an_index_without_a_head_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="no <head>"):
        deeplinks.with_base_setting("<html></html>", "")

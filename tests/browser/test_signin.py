"""Sign-in, end to end: a server with sign-in required, a small OpenID Connect provider, Chromium between them."""

import json
import shutil
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Server, metrics, wait_for_app
from tests.browser.test_api import export, fetch
from tests.conftest import PROJECT_DIR
from tests.oidc_provider import TEST_USER, OIDCProvider

SIGN_IN_SCREEN = "SwapWatch Sign in to see the dashboard. Sign in".split()
SECRET = "test-cookie-secret-0123456789abcdef0123456789"  # the server's cookie_secret
DEEP_LINKS = ["", "exchanges?period=month", "people?profile=marc-fogel&custody=held", "quotes?q=istanbul",
              "map?kind=exchange&present=1", "sources", "health", "?country=UKR&kind=exchange&dates=2025-01-01"]


@pytest.fixture(scope="module")
def provider():
    provider = OIDCProvider()
    yield provider
    provider.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory, provider):
    """A server that requires sign-in through `provider`, its secrets in a file outside the project.

    Streamlit writes its own port where the redirect URI says {port}; the provider learns the URI
    once the server has its port.
    """
    folder = tmp_path_factory.mktemp("signin")
    shutil.copytree(PROJECT_DIR / "data", folder / "data")
    secrets = folder / "secrets.toml"
    secrets.write_text(provider.secrets("http://localhost:{port}/oauth2callback", SECRET))
    server = Server(folder / "data", args=("--secrets.files", str(secrets)), env={"SWAPWATCH_AUTH": "required"})
    provider.redirect_uris.add(f"{server.url}/oauth2callback")
    yield server
    server.stop()


def sign_in(page, server: Server, provider: OIDCProvider, lands_on=None) -> None:
    """Press Sign in, let the provider approve the test user, and wait for the page drawn at lands_on."""
    before = provider.sign_ins
    # Streamlit's /auth/login, the provider and /oauth2callback are one navigation, ending on the home page.
    with page.expect_navigation(url=f"{server.url}/", timeout=30_000):
        page.get_by_role("button", name="Sign in").click()
    assert provider.sign_ins == before + 1, "the provider issued no token"
    if lands_on:  # the home page sends the tab on to the link the sign-in began from
        page.wait_for_url(lands_on)
    wait_for_app(page)


@pytest.mark.parametrize("link", DEEP_LINKS)
def test_without_signing_in_no_page_filter_link_or_download_is_reachable(server, open_page, link):
    page = open_page(f"{server.url}/{link}")
    assert page.locator('[data-testid="stMain"]').inner_text().split() == SIGN_IN_SCREEN
    for hidden in ("stSidebar", "stSidebarNav", "stMetric", "stDataFrame", "stDownloadButton", "stPlotlyChart"):
        assert page.locator(f'[data-testid="{hidden}"]').count() == 0, hidden
    assert page.locator("input").count() == 0


def test_signing_in_through_the_provider_shows_the_overview(server, provider, open_page):
    page = open_page(server.url)
    sign_in(page, server, provider)
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("SwapWatch — overview")
    assert int(metrics(page)["Events"]) > 0
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text(f"Signed in as {TEST_USER['name']}")
    expect(sidebar.get_by_role("textbox", name="Person")).to_be_visible()


def test_a_presenter_link_opened_before_signing_in_opens_after_signing_in(server, provider, open_page):
    link = f"{server.url}/map?kind=exchange&present=1"
    page = open_page(link)
    sign_in(page, server, provider, link)
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("Map of involved countries")
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first
    assert "Showing: kinds: exchange" in caption.inner_text()
    assert not page.locator('[data-testid="stSidebar"]').is_visible()


def test_a_filtered_link_keeps_its_filters_across_sign_in(server, provider, open_page):
    link = f"{server.url}/exchanges?country=UKR&kind=exchange"
    page = open_page(link)
    sign_in(page, server, provider, lambda url: url.startswith(f"{server.url}/exchanges?"))
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("Exchanges")
    assert "Ukraine" in page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.inner_text()
    assert "kind=exchange" in page.url


def test_signing_out_returns_to_the_sign_in_screen_and_closes_every_page(server, provider, open_page):
    page = open_page(server.url)
    sign_in(page, server, provider)
    with page.expect_navigation(url=f"{server.url}/", timeout=30_000):  # through Streamlit's /auth/logout
        page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Sign out").click()
    wait_for_app(page)
    assert page.locator('[data-testid="stMain"]').inner_text().split() == SIGN_IN_SCREEN
    assert not any(c["name"].startswith("_streamlit_user") for c in page.context.cookies())
    page.goto(f"{server.url}/quotes?q=istanbul")
    wait_for_app(page)
    assert page.locator('[data-testid="stMain"]').inner_text().split() == SIGN_IN_SCREEN


DATA_URLS = ["events.csv", "figures.json", "people.json?country=UKR&custody=held", "nothing.csv",
             "events.csv?kind=bogus", "events/deeper.json"]


def identity_cookie(server: Server, secret: str = SECRET, **payload) -> str:
    """A _streamlit_user cookie as Streamlit's sign-in callback writes one, signed with `secret`."""
    from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

    value = json.dumps({"origin": server.url, "is_logged_in": True, "email": "x@example.org", **payload})
    return "_streamlit_user=" + create_signed_value(secret, "_streamlit_user", value).decode()


@pytest.mark.parametrize("url", DATA_URLS)
def test_without_signing_in_no_data_url_answers_even_with_an_error(server, url):
    status, _, body = fetch(f"{server.url}/api/{url}")
    assert status == 401
    assert json.loads(body) == {"error": "sign in to the dashboard first (open it in a browser); the data URLs "
                                         "then answer with the same browser's cookies"}


@pytest.mark.parametrize("cookie", [
    dict(secret="another-secret-0123456789abcdef0123456789abcdef"),
    dict(is_logged_in=False),
    dict(origin="http://elsewhere.example:8501"),
])
def test_an_identity_cookie_not_signed_by_this_server_for_this_origin_opens_no_data_url(server, cookie):
    request = urllib.request.Request(f"{server.url}/api/events.csv", headers={"Cookie": identity_cookie(server, **cookie)})
    status, _, _ = fetch(request)
    assert status == 401


def test_after_signing_in_the_data_urls_answer_that_browser_with_the_export_command_bytes(server, provider, open_page):
    page = open_page(server.url)
    sign_in(page, server, provider)
    response = page.request.get(f"{server.url}/api/events.csv?country=UKR&kind=exchange")
    assert response.status == 200
    assert response.body() == export(server, "events", "--country", "UKR", "--kind", "exchange")
    assert page.request.get(f"{server.url}/api/events.csv?kind=bogus").status == 400
    signed = urllib.request.Request(f"{server.url}/api/figures.json",  # the browser's cookie, from another client
                                    headers={"Cookie": "; ".join(f"{c['name']}={c['value']}"
                                                                 for c in page.context.cookies())})
    assert fetch(signed)[0] == 200

"""Sign-in: the policy (swapwatch.auth) and the gate in app.py, run headless with AppTest.

The end-to-end flow through a real OpenID Connect provider is in tests/browser/test_signin.py.
"""

import pytest
from streamlit.testing.v1 import AppTest

from swapwatch.auth import SignIn, sign_in
from tests.conftest import GOOD_DIR, PROJECT_DIR

APP = str(PROJECT_DIR / "app.py")
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "c" * 40,
        "client_id": "swapwatch", "client_secret": "very-secret-value",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
SIGN_IN_SCREEN = [("title", "SwapWatch"), ("markdown", "Sign in to see the dashboard."), ("button", "Sign in")]


@pytest.mark.parametrize("mode, auth, required", [
    (None, None, False), ("", None, False), ("auto", None, False), (" Auto ", AUTH, True),
    (None, AUTH, True), ("required", AUTH, True), ("REQUIRED", AUTH, True), ("off", AUTH, False),
])
def test_sign_in_is_required_when_the_secrets_have_an_auth_section_or_the_setting_demands_it(mode, auth, required):
    assert sign_in(mode, auth, authlib_installed=True) == SignIn(required)


@pytest.mark.parametrize("mode, auth, problem", [
    ("required", None, "[auth] lacks redirect_uri, cookie_secret, client_id, client_secret, server_metadata_url"),
    ("required", {**AUTH, "client_secret": ""}, "[auth] lacks client_secret"),
    ("auto", {**AUTH, "cookie_secret": "short"},
     "[auth] cookie_secret must be at least 32 characters of random text"),
    ("auto", {**AUTH, "redirect_uri": "http://localhost:8501/"},
     "[auth] redirect_uri must be the dashboard's absolute URL ending in /oauth2callback"),
    ("auto", {**AUTH, "server_metadata_url": "accounts.example.org"},
     "[auth] server_metadata_url must be an absolute http(s) URL"),
    ("requird", AUTH, "SWAPWATCH_AUTH must be one of auto, required, off, not 'requird'"),
])
def test_incomplete_or_mistyped_settings_keep_sign_in_required_and_name_the_problem(mode, auth, problem):
    rule = sign_in(mode, auth, authlib_installed=True)
    assert rule.required and rule.problems == (problem,)


def test_a_missing_authlib_is_a_problem_not_an_open_dashboard():
    assert sign_in("auto", AUTH, authlib_installed=False).problems == (
        "Authlib is not installed (pip install -r requirements.txt)",)


def test_problems_never_show_a_secret_value():
    rule = sign_in("required", {**AUTH, "cookie_secret": "short-secret", "redirect_uri": "bad"}, True)
    assert rule.problems and not any("short-secret" in p or "bad" in p.split() for p in rule.problems)


def run_app(monkeypatch, *, auth=None, user=None, mode=None, **query) -> AppTest:
    monkeypatch.setenv("SWAPWATCH_DATA", str(GOOD_DIR))
    if mode is None:
        monkeypatch.delenv("SWAPWATCH_AUTH", raising=False)
    else:
        monkeypatch.setenv("SWAPWATCH_AUTH", mode)
    app = AppTest.from_file(APP, default_timeout=60)
    if auth is not None:
        app.secrets["auth"] = auth
    if user is not None:
        app.user = user
    app.query_params.update(query)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def drawn(app: AppTest) -> list[tuple[str, str]]:
    """Every element the run drew, main area and sidebar, as (type, text); scripts left out."""
    found = []
    for element in [*app.main, *app.sidebar]:
        if element.type in ("main", "sidebar", "html"):
            continue
        found.append((element.type, getattr(element, "label", None) or getattr(element, "value", None)))
    return found


@pytest.mark.parametrize("query", [{}, {"present": "1"}, {"profile": "marc-fogel", "custody": "held"},
                                   {"country": "UKR", "kind": "exchange", "dates": "2025-01-01"}])
def test_a_signed_out_user_sees_only_the_sign_in_screen_whatever_the_link(monkeypatch, query):
    app = run_app(monkeypatch, auth=AUTH, user={"is_logged_in": False}, **query)
    assert drawn(app) == SIGN_IN_SCREEN
    # No filter widget was created, no data was read for the page.
    assert not any(key in app.session_state for key in ("dates", "country", "kind", "person", "_current"))


def test_a_signed_in_user_sees_the_dashboard_and_can_sign_out(monkeypatch):
    user = {"is_logged_in": True, "name": "Test *Analyst*", "email": "analyst@example.org"}
    app = run_app(monkeypatch, auth=AUTH, user=user)
    assert app.title[0].value == "SwapWatch — overview"
    assert "Signed in as Test \\*Analyst\\*" in [c.value for c in app.sidebar.caption]
    app.sidebar.button(key="sign-out").click().run()
    assert app.user == {"is_logged_in": False}
    app.run()
    assert drawn(app) == SIGN_IN_SCREEN


def test_required_sign_in_without_settings_keeps_the_dashboard_closed(monkeypatch):
    app = run_app(monkeypatch, mode="required", user={"is_logged_in": True})
    assert [kind for kind, _ in drawn(app)] == ["title", "error"]
    assert "[auth] lacks redirect_uri" in app.error[0].value.replace("\\", "")


def test_with_no_sign_in_settings_the_dashboard_opens_as_before(monkeypatch):
    app = run_app(monkeypatch)
    assert app.title[0].value == "SwapWatch — overview"
    assert "sign-out" not in [b.key for b in app.sidebar.button]


def test_sign_in_can_be_switched_off_even_with_an_auth_section(monkeypatch):
    app = run_app(monkeypatch, auth=AUTH, user={"is_logged_in": False}, mode="off")
    assert app.title[0].value == "SwapWatch — overview"

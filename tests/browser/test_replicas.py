"""make serve with sign-in: Chromium signs in through nginx in front of two replicas."""

import shutil

import pytest

from swapwatch.replicas import ReplicaSet, free_port, nginx_binary
from tests.browser.conftest import metrics
from tests.browser.test_signin import sign_in
from tests.conftest import PROJECT_DIR
from tests.oidc_provider import OIDCProvider


@pytest.fixture()
def provider():
    provider = OIDCProvider()
    yield provider
    provider.stop()


def test_signing_in_through_the_proxy_of_two_replicas_shows_the_overview(tmp_path, provider, open_page):
    try:
        nginx_binary()
    except RuntimeError as error:
        pytest.skip(str(error))
    shutil.copytree(PROJECT_DIR / "data", tmp_path / "data")
    port = free_port()
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(provider.secrets(f"http://localhost:{port}/oauth2callback"))
    replicas = ReplicaSet(2, tmp_path / "data", tmp_path / "work", port=port, auth="required",
                                args=("--secrets.files", str(secrets)))
    try:
        provider.redirect_uris.add(f"{replicas.url}/oauth2callback")
        page = open_page(replicas.url)
        sign_in(page, replicas, provider)
        assert int(metrics(page)["Events"]) > 0
    finally:
        replicas.stop()

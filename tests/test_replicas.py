"""make serve: replicas behind nginx. Two replicas and the proxy on free ports, a session through the proxy."""

from __future__ import annotations

import shutil
import urllib.request
from pathlib import Path

import pytest

from swapwatch.replicas import ReplicaSet, free_port, nginx_binary
from tests.conftest import PROJECT_DIR
from tests.load import Expectations
from tests.load.client import Session


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    try:
        nginx_binary()
    except RuntimeError as error:
        pytest.skip(str(error))
    folder = tmp_path_factory.mktemp("serve")
    shutil.copytree(PROJECT_DIR / "data", folder / "data")
    replicas = ReplicaSet(2, folder / "data", folder / "work", auth="off")
    yield replicas
    replicas.stop()


def first_page(url: str, cookie: str | None = None) -> tuple[str, str]:
    """The route cookie the proxy set (or kept) and the replica that answered the page's first request."""
    request = urllib.request.Request(url + "/", headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        route = next(value.split(";", 1)[0] for value in response.headers.get_all("Set-Cookie")
                     if value.startswith("swapwatch_route="))
        return route, response.headers["X-SwapWatch-Replica"]


def test_a_session_through_the_proxy_is_drawn_with_the_figures_of_the_data(replicas):
    route, _ = first_page(replicas.url)
    session = Session(replicas.url, cookie=route)
    try:
        run = session.open()
        filtered = session.set_filters(kind=["exchange"])
    finally:
        session.close()
    assert run.errors == [] and filtered.errors == []
    expectations = Expectations(replicas.data_dir)
    assert expectations.matching_version({}, run.metrics) == 0
    assert expectations.matching_version({"kind": ["exchange"]}, filtered.metrics) == 0


def test_a_browser_keeps_its_replica_and_browsers_are_spread_over_both(replicas):
    routes = [first_page(replicas.url) for _ in range(12)]
    assert len({replica for _, replica in routes}) == 2, "every new browser was sent to the same replica"
    for route, replica in routes[:4]:
        assert {first_page(replicas.url, route)[1] for _ in range(5)} == {replica}


def test_every_replica_signs_cookies_with_the_same_secret_and_has_its_own_cache(replicas):
    environments = [dict(line.split("=", 1) for line in
                         Path(f"/proc/{process.pid}/environ").read_text(errors="replace").split("\0") if "=" in line)
                    for _, process in replicas.replicas]
    assert len({env["STREAMLIT_SERVER_COOKIE_SECRET"] for env in environments}) == 1
    assert len(environments[0]["STREAMLIT_SERVER_COOKIE_SECRET"]) >= 32
    assert len({env["SWAPWATCH_CACHE"] for env in environments}) == 2
    assert len({env["SWAPWATCH_DATA"] for env in environments}) == 1

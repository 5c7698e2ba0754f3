"""Browser tests: Debian's Chromium, driven by Playwright, against `streamlit run` on a free localhost port.

Every page a test opens has every request outside localhost blocked and recorded; a test fails if
the dashboard tried to reach anything else (a CDN, map tiles, fonts, telemetry).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from swapwatch.replicas import wait_healthy
from tests.conftest import PROJECT_DIR

CHROMIUM = os.environ.get("SWAPWATCH_CHROMIUM", "/usr/bin/chromium")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
START_TIMEOUT = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`streamlit run serve.py` (the dashboard and its data URLs, as `make run` starts them) on a free port,
    serving the records in data_dir.

    Sign-in is off unless `env` turns it on, whatever secrets the developer's machine holds;
    `args` are more options for `streamlit run` (e.g. `--secrets.files`); `project_dir` is the checkout
    whose code runs (another version, for a side-by-side measurement: its app.py if it has no serve.py).
    """

    def __init__(self, data_dir: Path, args: tuple[str, ...] = (), env: dict[str, str] | None = None,
                 project_dir: Path = PROJECT_DIR):
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        env = {**os.environ, "SWAPWATCH_DATA": str(data_dir), "PYTHONPATH": str(project_dir),
               "SWAPWATCH_AUTH": "off", **(env or {})}
        self.log = open(data_dir.parent / f"streamlit-{self.port}.log", "w+", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run",
             "serve.py" if (project_dir / "serve.py").exists() else "app.py", "--server.port", str(self.port),
             "--server.headless", "true", *args],
            cwd=project_dir, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait_until_healthy()

    def _wait_until_healthy(self) -> None:
        try:
            wait_healthy(self.url, self.process, START_TIMEOUT)
        except RuntimeError as error:
            raise RuntimeError(f"{error}:\n{self.output()}") from None

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> None:
        stop_process(self.process, self.log)


def stop_process(process: subprocess.Popen, log=None) -> None:
    """Stop a server process (killed if it has not stopped within 15 s) and close its log."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if log is not None:
        log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}. `make test` installs Debian's chromium package; "
                    "or set SWAPWATCH_CHROMIUM to another Chromium binary.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM,
                                              args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


@pytest.fixture()
def start_server(tmp_path):
    """Start a fresh server on a data folder; every server started is stopped after the test."""
    servers = []

    def start(data_dir: Path, **options) -> Server:
        server = Server(data_dir, **options)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A copy of the shipped data folder that only this test sees."""
    copy = tmp_path / "data"
    shutil.copytree(PROJECT_DIR / "data", copy)
    return copy


@pytest.fixture(scope="module")
def shipped_server(tmp_path_factory):
    """One server on the shipped data for a module's read-only tests."""
    copy = tmp_path_factory.mktemp("shipped") / "data"
    shutil.copytree(PROJECT_DIR / "data", copy)
    server = Server(copy)
    yield server
    server.stop()


@pytest.fixture()
def open_page(browser):
    """A function opening a URL in a fresh browser context that only reaches localhost."""
    contexts, outside, seen = [], [], []

    def open_(url: str, **context_args):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                      **context_args)
        contexts.append(context)

        def route(route):
            seen.append(route.request.url)
            if urlparse(route.request.url).hostname in LOCAL_HOSTS:
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(url)
        wait_for_app(page)
        return page

    open_.requests = seen
    yield open_
    for context in contexts:
        for page in context.pages:
            assert page.locator('[data-testid="stException"]').count() == 0, "a traceback was shown"
            assert page.get_by_text("This app has encountered an error").count() == 0, "an error was shown"
        context.close()
    assert outside == [], f"the dashboard asked for addresses outside localhost: {outside[:5]}"


def wait_for_app(page, timeout: float = 60) -> None:
    """Wait until the app's script run has finished and what it drew has been on screen, unchanged, for 1 s.

    Elements whose code the browser is still fetching show as skeletons (under load this can outlast the
    1 s): a page with any is not finished.
    """
    deadline = time.monotonic() + timeout
    previous, steady = None, 0
    while time.monotonic() < deadline:
        state = page.evaluate("""() => [
            document.querySelector('.stApp')?.getAttribute('data-test-script-state'),
            document.querySelectorAll('[data-stale="true"], [data-testid="stSkeleton"]').length,
            document.querySelectorAll('[data-testid="stMain"] h1').length,
            document.querySelector('[data-testid="stMain"]')?.innerText]""")
        done = state[0] == "notRunning" and state[1] == 0 and state[2] > 0
        steady = steady + 1 if done and state[3] == previous else 0
        if steady >= 5:
            return
        previous = state[3]
        page.wait_for_timeout(200)
    raise AssertionError(f"the page did not finish its run within {timeout} s")


def metrics(page) -> dict[str, str]:
    """The metrics on the page, label -> value as shown (waiting for the first to be drawn)."""
    page.locator('[data-testid="stMetric"]').first.wait_for()
    found = {}
    for card in page.locator('[data-testid="stMetric"]').all():
        label = card.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        found[label] = card.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return found

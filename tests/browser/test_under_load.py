"""Under load: many sessions change filters against one server while a curator edits the data.

This is the suite's shorter variant (25 sessions for 20 s, 150 reruns); the full one
(`python -m tests.load`: 25 sessions for 60 s, 500 reruns) is run before a release and its figures
are in the README's Reliability section.
"""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import Server
from tests.load import EDIT_FILE, Expectations, run_load
from tests.load.client import Session

SESSIONS, SECONDS, RERUNS = 25, 20, 150
MAX_GROWTH_MB = 40


@pytest.fixture()
def server(data_copy):
    server = Server(data_copy)
    yield server
    server.stop()


def test_a_filter_change_over_the_websocket_shows_the_figures_of_those_filters(server, data_copy):
    expectations = Expectations(data_copy)
    session = Session(server.url)
    try:
        everything = session.open()
        country = session.widgets["country"].options[0]
        filtered = session.set_filters(country=[country], kind=["exchange"])
    finally:
        session.close()
    assert everything.errors == [] and filtered.errors == []
    assert filtered.metrics["Events"] != everything.metrics["Events"]
    assert expectations.matching_version(dict(country=[country], kind=["exchange"]), filtered.metrics) == 0


def test_twenty_five_sessions_changing_filters_see_no_error_and_true_figures(server, data_copy):
    report = run_load(server.url, server.process.pid, data_copy, SESSIONS, SECONDS, RERUNS)
    summary = report.summary()
    print(json.dumps(summary))
    assert report.errors == []
    assert report.runs > SESSIONS
    assert (data_copy / EDIT_FILE).exists()
    assert 2 in report.data_versions_seen, "no session saw the curator's last edit"
    assert report.reruns == RERUNS
    assert summary["memory_check"]["rss_growth_mb"] <= MAX_GROWTH_MB, summary

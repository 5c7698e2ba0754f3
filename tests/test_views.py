"""Every page, run from app.py with AppTest: real content on the shipped data, a clear message on an empty result."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from swapwatch.figures import people_exchanged
from swapwatch.filters import Filters
from swapwatch.pagequeries import first_views
from tests.conftest import PROJECT_DIR

APP = str(PROJECT_DIR / "app.py")
NOBODY = "zz-no-such-person"

# page file -> (title, a check on the page's content with the shipped data)
PAGES = {
    "views/overview.py": "SwapWatch — overview",
    "views/exchanges.py": "Exchanges",
    "views/people.py": "People",
    "views/quotes.py": "Quotes",
    "views/map.py": "Map of involved countries",
    "views/sources.py": "Sources and disagreements",
    "views/health.py": "Data health",
}
EMPTY_MESSAGES = {
    "views/overview.py": "No events match these filters",
    "views/exchanges.py": "No exchanges match these filters",
    "views/people.py": "No people match these filters",
    "views/quotes.py": "No quotes match",
    "views/map.py": "No countries are involved",
    "views/sources.py": "No sources are cited",
}


def open_page(monkeypatch, page: str, data_dir=PROJECT_DIR / "data", **query) -> AppTest:
    monkeypatch.setenv("SWAPWATCH_DATA", str(data_dir))
    app = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def texts(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption] + [i.value for i in app.info]
    parts += [m.label + " " + str(m.value) for m in app.metric]
    return "\n".join(parts).replace("\\", "")  # record text is Markdown-escaped; compare the characters shown


def metric(app: AppTest, label: str) -> int:
    return int(str(next(m.value for m in app.metric if m.label == label)).replace(",", ""))


def test_every_page_file_is_in_the_navigation():
    app_text = (PROJECT_DIR / "app.py").read_text(encoding="utf-8")
    listed = set(re.findall(r'st\.Page\("(views/[a-z_]+\.py)"', app_text))
    assert listed == {f"views/{p.name}" for p in (PROJECT_DIR / "views").glob("*.py")} == set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_draws_on_the_shipped_data(monkeypatch, page):
    app = open_page(monkeypatch, page)
    assert app.title[0].value == PAGES[page]
    assert not app.info or page == "views/health.py", [i.value for i in app.info]


@pytest.mark.parametrize("page", EMPTY_MESSAGES)
def test_every_page_says_so_when_nothing_matches(monkeypatch, page):
    app = open_page(monkeypatch, page, person=NOBODY)
    assert EMPTY_MESSAGES[page] in texts(app)


def test_overview_figures_match_the_database(monkeypatch, shipped_db):
    app = open_page(monkeypatch, "views/overview.py", kind="exchange")
    figures = shipped_db.run("overview_figures", date_from=None, date_to=None, countries=[], country_role="any",
                             kinds=["exchange"], statuses=[], person="").iloc[0]
    assert metric(app, "Exchanges completed") == figures["exchanges_completed"] > 0
    assert figures["people_exchanged"] > 0
    shown = next(m.value for m in app.metric if m.label == "People exchanged")
    assert shown == people_exchanged(figures)  # with its range, or "at least" when numbers were withheld
    newest = shipped_db.run("data_files").iloc[0]
    assert f"Records last changed {newest['modified']:%Y-%m-%d %H:%M}" in texts(app)


def test_the_exchanges_page_names_who_was_freed_for_whom(monkeypatch):
    app = open_page(monkeypatch, "views/exchanges.py")
    assert "Evan Gershkovich" in texts(app) and "Vadim Krasikov" in texts(app)


def test_the_people_page_profiles_a_person_with_timeline_quotes_and_sources(monkeypatch):
    app = open_page(monkeypatch, "views/people.py", custody="", profile="donald-trump")
    assert app.subheader[0].value == "Donald Trump" or "Donald Trump" in [s.value for s in app.subheader]
    assert "Quotes" in texts(app) and "Sources" in texts(app)


def test_the_quote_search_ignores_case_and_accents(monkeypatch):
    plain = open_page(monkeypatch, "views/quotes.py", q="erdogan")
    accented = open_page(monkeypatch, "views/quotes.py", q="ERDOĞAN")
    assert metric(plain, "Quotes matching these choices") == metric(accented, "Quotes matching these choices") > 0


def test_the_health_page_reports_valid_shipped_data(monkeypatch):
    app = open_page(monkeypatch, "views/health.py")
    assert app.success and "The data is valid" in app.success[0].value


def test_presenter_mode_hides_navigation_and_keeps_the_filter_caption(monkeypatch):
    app = open_page(monkeypatch, "views/overview.py", present="1", kind="exchange")
    assert "Showing: kinds: exchange" in texts(app)


def test_a_table_longer_than_a_screenful_shows_its_first_rows_and_offers_all_of_them(monkeypatch, shipped_db):
    from swapwatch import pagequeries

    monkeypatch.setattr(pagequeries, "ROWS_SHOWN", 5)
    sources = len(shipped_db.run("sources_table", date_from=None, date_to=None, countries=[], country_role="any",
                                 kinds=[], statuses=[], person=""))
    app = open_page(monkeypatch, "views/sources.py")
    assert len(app.dataframe[0].value) == 5
    assert f"Showing the first 5 of {sources:,} rows; the download holds all of them." in texts(app)
    assert metric(app, "Sources") == sources


def test_aggregate_tables_say_their_download_has_the_sources_and_other_tables_say_nothing(monkeypatch):
    exchanges = open_page(monkeypatch, "views/exchanges.py")
    assert "sources" not in exchanges.dataframe[0].value.columns
    assert "The download gives the sources of every row." in texts(exchanges)
    health = open_page(monkeypatch, "views/health.py")
    assert "sources of every row" not in texts(health)


@pytest.mark.parametrize("page", PAGES)
def test_a_page_runs_each_of_its_queries_once_those_started_ahead_included_and_no_other(monkeypatch, page):
    import streamlit as st

    from swapwatch.db import Database

    app = open_page(monkeypatch, page)
    ran = []
    real_run = Database.run
    monkeypatch.setattr(Database, "run", lambda self, name, **params: ran.append((name, repr(sorted(params.items()))))
                        or real_run(self, name, **params))
    st.cache_data.clear()
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    names = [name for name, _ in ran]
    assert names and len(names) == len(set(names)), sorted(ran)  # (a query started with other parameters runs twice)
    views = first_views(Filters(), "someone", ["someone"])  # what the bench times, and the tests run
    declared, shared = set(views[page.removeprefix("views/").removesuffix(".py")]), set(views["app"])
    assert declared <= set(names) <= declared | shared
    app.run()  # nothing changed: every query, started ahead or not, is read from the cache
    assert len(ran) == len(names), sorted(ran)


@pytest.mark.parametrize("page, key, value", [
    ("views/people.py", "profile", "zz-no-such-person"), ("views/map.py", "measure", "weather"),
    ("views/people.py", "custody", "on-holiday"), ("views/quotes.py", "speaker", "zz-nobody"),
    ("views/quotes.py", "topic", "zz-no-topic"), ("views/quotes.py", "channel", "carrier-pigeon"),
    ("views/exchanges.py", "period", "fortnight"),
])
def test_a_link_value_a_page_cannot_use_is_named_in_a_notice(monkeypatch, page, key, value):
    app = open_page(monkeypatch, page, **{key: value})
    notices = " ".join(t.value for t in app.toast).replace("\\", "")
    assert f"Ignored from the link (not a valid choice here): {key}={value}" in notices, notices


def test_a_theme_presenter_mode_does_not_know_is_named_in_a_notice(monkeypatch):
    monkeypatch.setenv("SWAPWATCH_DATA", str(PROJECT_DIR / "data"))
    app = AppTest.from_file(APP, default_timeout=90)
    app.query_params.update(present="1", theme="neon")
    app.run()
    assert "theme=neon" in " ".join(t.value for t in app.toast).replace("\\", "")


def test_a_page_reading_a_query_it_did_not_declare_is_told_which_it_declared():
    from swapwatch import pagequeries
    from swapwatch.ui.data import Started

    with pytest.raises(KeyError, match="query map_flows is not declared for this page .*declared: data_problems, "
                                       "data_files, table_counts"):
        Started(pagequeries.health(Filters())).read("map_flows")


def test_a_query_declared_twice_on_one_page_is_refused():
    from swapwatch.pagequeries import ask, declared

    with pytest.raises(ValueError, match="query data_files is declared twice"):
        declared(ask("data_files"), ask("data_files", limit=1))

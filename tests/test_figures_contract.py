"""The counting contract (docs/figures.md): each figure means one thing, the same on every page and in
every export, under any filters, and can be recounted from the records themselves."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swapwatch import figures
from swapwatch.dates import span
from swapwatch.catalog import TABLES
from swapwatch.filters import Filters
from swapwatch.records import COUNTRY_ROLES, EVENT_KINDS, EVENT_STATUSES
from tests.conftest import PROJECT_DIR
from tests.test_views import open_page

CONTRACT = (PROJECT_DIR / "docs" / "figures.md").read_text(encoding="utf-8")
PAGES = ["views/overview.py", "views/exchanges.py", "views/people.py", "views/quotes.py", "views/map.py",
         "views/sources.py"]


@pytest.mark.parametrize("figure", figures.HEADLINE, ids=lambda f: f.key)
def test_every_headline_figure_is_defined_in_the_contract_word_for_word(figure):
    assert f"| {figure.label} | {figure.help} |" in CONTRACT


def test_the_contract_names_every_export_and_the_readme_links_to_it():
    named = {name for name in TABLES if re.search(rf"\b{re.escape(name)}\b", CONTRACT)}
    assert named >= {"figures", "events", "people", "quotes", "disagreements", "map-countries", "exchange-legs",
                     "people-by-category"}
    assert "docs/figures.md" in (PROJECT_DIR / "README.md").read_text(encoding="utf-8")


def test_each_figures_help_on_a_page_points_at_the_contract(monkeypatch):
    app = open_page(monkeypatch, "views/overview.py")
    helps = {m.label: m.help for m in app.metric}
    for figure in figures.HEADLINE:
        assert helps[figure.label] == f"{figure.help} Definitions: {figures.DOCS}."


@pytest.mark.parametrize("best, low, high, said", [
    (5663, 5663, 5663, "5,663"),
    (1090, 1000, 1200, "1,090 (1,000–1,200)"),
    (12030, 12030, None, "at least 12,030"),
    (12080, 12030, None, "at least 12,030 (best figure 12,080)"),
])
def test_a_count_is_read_out_exact_as_a_range_or_as_a_lower_bound(best, low, high, said):
    assert figures.amount(best, low, high) == said


# --- the same figure wherever it is shown, under any filters -------------------------------------------

DAYS = [None, dt.date(2022, 1, 1), dt.date(2022, 9, 21), dt.date(2024, 8, 1), dt.date(2025, 5, 23),
        dt.date(2025, 10, 2), dt.date(2026, 12, 31), dt.date(1990, 1, 1)]
filters_drawn = st.builds(
    lambda days, countries, role, kinds, statuses, person: Filters(
        min(days, key=lambda d: d or dt.date.min) if all(days) else days[0],
        max(days, key=lambda d: d or dt.date.min) if all(days) else days[1],
        tuple(countries), role, tuple(kinds), tuple(statuses), person),
    st.lists(st.sampled_from(DAYS), min_size=2, max_size=2),
    st.lists(st.sampled_from(["UKR", "RUS", "USA", "ARE", "TUR", "DEU", "BLR"]), max_size=2, unique=True),
    st.sampled_from(("any",) + COUNTRY_ROLES),
    st.lists(st.sampled_from(EVENT_KINDS), max_size=2, unique=True),
    st.lists(st.sampled_from(EVENT_STATUSES), max_size=2, unique=True),
    st.sampled_from(["", "fogel", "zelensk", "gershkovich", "lavrov", "zz-nobody"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filters_drawn)
def test_each_headline_figure_equals_what_the_other_pages_and_exports_list(shipped_db, filters):
    params = filters.params()
    head = shipped_db.run("overview_figures", **params).iloc[0]

    def total(name, column="total_rows", **extra):
        frame = shipped_db.run(name, **params, **extra)
        return int(frame[column].iloc[0]) if len(frame) else 0

    assert head["events"] == total("events_timeline", limit=1)
    assert head["quotes"] == total("quotes_table", limit=1, search="", speaker="", topic="", channel="")
    assert head["people_still_held"] == total("participants", limit=1, status="held")
    assert head["disagreements"] == total("disagreements_table", "disputes", limit=1)
    by_period = shipped_db.run("exchanges_by_period", **params, period="year")
    assert head["exchanges_completed"] == by_period["completed"].sum()
    groups = shipped_db.run("people_by_group", **params)
    people = groups[groups["grp"] != "bodies"]
    assert head["people_exchanged"] == people["people"].sum()
    assert head["people_exchanged_low"] == people["people_low"].sum()
    assert head["people_disputed"] == people["people_disputed"].sum()
    bounded = people["people_high"].notna().all()
    assert (head["people_exchanged_high"] == people["people_high"].sum()) if bounded \
        else figures.upper(head["people_exchanged_high"]) is None
    countries = shipped_db.run("map_countries", **params, with_sources=False)
    assert head["countries_involved"] == (countries["events"] > 0).sum()


def in_view(event, filters: Filters) -> bool:
    """Whether an event is in view under the dates, kinds and statuses of filters (docs/figures.md)."""
    first, last = span(event.date)[0], span(event.end_date or event.date)[1]
    return ((filters.date_from is None or last >= filters.date_from)
            and (filters.date_to is None or first <= filters.date_to)
            and (not filters.kinds or event.kind in filters.kinds)
            and (not filters.statuses or event.status in filters.statuses))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filters_drawn.map(lambda f: Filters(f.date_from, f.date_to, kinds=f.kinds, statuses=f.statuses)))
def test_the_headline_figures_match_a_plain_count_of_the_yaml_records(shipped_db, filters):
    """Dates, kinds and statuses recounted in Python from the validated records, as docs/figures.md says."""
    items = shipped_db.dataset.records["events"]
    programmes = {link.event for item in items for link in item.record.links if link.relation == "part-of"}
    events = [item.record for item in items if in_view(item.record, filters)]
    completed = [e for e in events if e.kind == "exchange" and e.status == "completed"]
    legs = [leg for e in completed for leg in e.legs if leg.group != "bodies"]
    head = shipped_db.run("overview_figures", **filters.params()).iloc[0]
    assert head["events"] == len(events)
    assert head["exchanges_completed"] == sum(e.id not in programmes for e in completed)
    assert head["people_exchanged"] == sum(leg.best for leg in legs)
    assert head["people_exchanged_low"] == sum(leg.least for leg in legs)
    most = [leg.most for leg in legs]
    assert figures.upper(head["people_exchanged_high"]) == (None if None in most else sum(most))
    assert head["proposals_pending"] == sum(e.status in ("proposed", "announced", "agreed") for e in events)


# --- a date range with no events: zero everywhere, and the undated records named -----------------------

@pytest.mark.parametrize("page", PAGES)
def test_every_page_under_a_date_range_with_no_events_shows_zero_and_says_what_it_left_out(monkeypatch, page):
    app = open_page(monkeypatch, page, dates=["1990-01-01", "1990-12-31"])
    values = [str(m.value) for m in app.metric]
    assert all(value in ("0", "at least 0") or value.startswith("0 ") for value in values), values
    shown = " ".join(i.value for i in app.info) + " ".join(c.value for c in app.caption)
    if page in ("views/overview.py", "views/people.py"):
        assert re.search(r"Left out by the date range: \d+ people with no date", shown), shown
    assert not [d for d in app.dataframe if len(d.value)], "a table still lists rows"


def test_a_country_filter_counts_the_people_of_that_nationality_still_held_by_another(shipped_db):
    usa = shipped_db.run("overview_figures", **Filters(countries=("USA",)).params()).iloc[0]
    held_americans = shipped_db.con.execute(
        "select count(*) from detentions d join person_nationalities n on n.person_id = d.person_id "
        "where d.latest and d.status = 'held' and n.country = 'USA' and d.held_by <> 'USA'").fetchone()[0]
    assert usa["people_still_held"] >= held_americans > 0


RECONCILED = """\
sources:
  - {id: news, outlet: Example News}
events:
  - id: 2025-06-09-staged-programme
    kind: exchange
    status: completed
    date: 2025-06-09
    title: A programme of staged swaps
    summary: Two stages, each its own record.
    countries: [{country: RUS, role: releasing}, {country: UKR, role: receiving}]
    reported:
      - {what: Home across the stages (minister), to: UKR, count: 40, sources: [news]}
      - {what: Home across the stages (ombudsman), to: UKR, count: 15, sources: [news]}
    sources: [news]
  - id: 2025-06-09-stage-one
    kind: exchange
    status: completed
    date: 2025-06-09
    title: Stage one
    summary: The first stage.
    countries: [{country: RUS, role: releasing}, {country: UKR, role: receiving}]
    legs: [{from: RUS, to: UKR, count: 10}]
    links: [{event: 2025-06-09-staged-programme, relation: part-of}]
    sources: [news]
  - id: 2025-06-10-stage-two
    kind: exchange
    status: completed
    date: 2025-06-10
    title: Stage two
    summary: The second stage.
    countries: [{country: RUS, role: releasing}, {country: UKR, role: receiving}]
    legs: [{from: RUS, to: UKR, STAGE_TWO}]
    links: [{event: 2025-06-09-staged-programme, relation: part-of}]
    sources: [news]
"""


def reconciled(tmp_path, stage_two: str):
    from tests.test_queries import fixture_with

    db = fixture_with(tmp_path, "programme.yaml", RECONCILED.replace("STAGE_TWO", stage_two))
    return db.run("reconciliation", **Filters().params()).set_index("what")


def test_a_programmes_stated_total_is_set_beside_its_stages_legs_and_a_contradiction_is_marked(tmp_path):
    rows = reconciled(tmp_path, "count: 5")
    minister, ombudsman = rows.loc["Home across the stages (minister)"], rows.loc["Home across the stages (ombudsman)"]
    assert (minister["recorded"], minister["gap"], bool(minister["contradicts"])) == (15, 25, True)
    assert (ombudsman["recorded"], ombudsman["gap"], bool(ombudsman["contradicts"])) == (15, 0, False)


def test_a_stage_with_withheld_numbers_turns_the_gap_into_what_is_not_recorded_not_a_contradiction(tmp_path):
    minister = reconciled(tmp_path, "estimate: withheld").loc["Home across the stages (minister)"]
    assert (minister["recorded"], minister["gap"], bool(minister["contradicts"])) == (10, 30, False)
    assert figures.upper(minister["recorded_high"]) is None  # the legs set no upper bound


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filters_drawn.map(lambda f: Filters(f.date_from, f.date_to, kinds=f.kinds, statuses=f.statuses)))
def test_every_reported_total_on_an_event_in_view_has_its_row_in_the_reconciliation(shipped_db, filters):
    """Even a running total dated before any event of its series is counted: listed with nothing recorded."""
    items = shipped_db.dataset.records["events"]
    stated = sorted((item.record.id, total.what) for item in items if in_view(item.record, filters)
                    for total in item.record.reported)
    rows = shipped_db.run("reconciliation", **filters.params())
    assert sorted(zip(rows["event_id"], rows["what"])) == stated

"""Every query file runs against the fixture database, binds exactly what it declares, and is right."""

import ast
import datetime as dt
import re
import shutil

import pandas as pd
import pytest

from swapwatch import QUERIES_DIR
from swapwatch.db import OPTIONAL, load_query, placeholders, query_names
from swapwatch.filters import Filters
from tests.conftest import BAD_DIR

ALL_QUERIES = query_names()
FILTER_PARAMS = set(Filters().params())
SAMPLE_VALUES = {**Filters().params(), "period": "month", "status": "", "person_id": "x", "record_type": "event",
                 "record_id": "x", "search": "", "speaker": "", "topic": "", "channel": "",
                 "values": ["x"], "limit": 3, "with_sources": True, "top": None}


def declared_params(name: str) -> set[str]:
    """The parameters a query's header comment lists ('Parameters: $a, $b' or 'Parameters: none')."""
    header = load_query(name).description
    match = re.search(r"Parameters:\s*(.*?)(?:\(|$)", header)
    assert match, f"{name}.sql has no 'Parameters:' line in its header comment"
    return set(re.findall(r"\$([a-z_][a-z0-9_]*)", match.group(1)))


def test_there_are_query_files():
    assert len(ALL_QUERIES) >= 4


@pytest.mark.parametrize("name", ALL_QUERIES)
def test_every_query_declares_exactly_the_parameters_it_binds(name):
    assert declared_params(name) == placeholders(load_query(name).sql)


@pytest.mark.parametrize("name", ALL_QUERIES)
def test_every_query_says_what_it_returns(name):
    assert "Returns" in load_query(name).description


@pytest.mark.parametrize("name", ALL_QUERIES)
def test_every_query_runs_on_the_fixture_database(good_db, name):
    params = {p: SAMPLE_VALUES[p] for p in load_query(name).params}
    frame = good_db.run(name, **params)
    assert list(frame.columns), f"{name} returned no columns"


@pytest.mark.parametrize("name", [n for n in ALL_QUERIES if load_query(n).params - set(OPTIONAL)])
def test_a_query_refuses_a_missing_parameter(good_db, name):
    params = {p: SAMPLE_VALUES[p] for p in load_query(name).params}
    params.pop(sorted(set(params) - set(OPTIONAL))[0])
    with pytest.raises(ValueError, match="missing parameters"):
        good_db.run(name, **params)


def test_a_query_refuses_an_unused_parameter(good_db):
    with pytest.raises(ValueError, match=r"unused parameters \['country'\]"):
        good_db.run("data_problems", country="RUS")


@pytest.mark.parametrize("name", ["../etc/passwd", "Overview", "events_timeline.sql", "x;drop"])
def test_query_names_are_plain_file_names(name):
    with pytest.raises(ValueError):
        load_query(name)


def test_sql_lives_only_in_query_files():
    """No Python module in the package builds SQL text (select/insert/... in a string)."""
    package = QUERIES_DIR.parent / "swapwatch"
    pattern = re.compile(r"""["'](\s*)(select|insert|update|delete|create|drop)\s""", re.IGNORECASE)
    offenders = [p.name for p in package.glob("*.py") if pattern.search(p.read_text())]
    assert offenders == []


def test_every_statement_runs_through_db_execute():
    """No module but db.py executes SQL itself (.execute, .executemany, .sql): writer, load and bench call db."""
    root = QUERIES_DIR.parent
    files = sorted((root / "swapwatch").rglob("*.py")) + sorted((root / "bench").glob("*.py"))
    offenders = [f"{path.relative_to(root)}:{node.lineno}" for path in files if path != root / "swapwatch" / "db.py"
                 for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                 and node.func.attr in ("execute", "executemany", "sql")]
    assert offenders == []


def test_table_counts_lists_every_table_with_exact_counts(good_db):
    counts = good_db.table_counts()
    assert counts["sources"] == len(good_db.dataset.records["sources"])
    assert counts["events"] == len(good_db.dataset.records["events"])
    assert counts["people"] == len(good_db.dataset.records["people"])
    assert counts["quotes"] == len(good_db.dataset.records["quotes"])


def test_the_fixture_fills_every_table_but_problems(good_db):
    empty = [table for table, count in good_db.table_counts().items() if count == 0 and table != "problems"]
    assert empty == []


def test_no_filter_keeps_every_event(good_db):
    events = good_db.run("events_timeline", **Filters().params())
    assert len(events) == len(good_db.dataset.records["events"])


def test_a_date_range_before_all_events_keeps_none(good_db):
    params = Filters(date_from=dt.date(1990, 1, 1), date_to=dt.date(1990, 12, 31)).params()
    assert good_db.run("events_timeline", **params).empty
    figures = good_db.run("overview_figures", **params).iloc[0]
    assert figures["events"] == 0 and figures["exchanges_completed"] == 0 and figures["people_exchanged"] == 0


DOWNLOADABLE = ["events_timeline", "released_by_side", "exchanges_by_pair", "exchange_legs", "participants",
                "quotes_table", "map_countries", "map_flows", "disagreements_table", "record_sources"]


@pytest.mark.parametrize("name", DOWNLOADABLE)
def test_every_table_offered_for_download_says_where_each_row_comes_from(good_db, name):
    params = {key: SAMPLE_VALUES[key] for key in declared_params(name)}
    frame = good_db.run(name, **params)
    column = "id" if name == "record_sources" else "sources"
    assert column in frame.columns
    if name != "record_sources" and not frame.empty:
        assert (frame["sources"].str.len() > 0).any()


def test_aggregate_rows_cite_the_events_they_count(good_db):
    flows = good_db.run("map_flows", **Filters().params())
    row = flows[(flows["from_code"] == "RUS") & (flows["to_code"] == "UKR")].iloc[0]
    assert row["sources"].startswith("Demo Wire")


PROGRAMME = """\
events:
  - id: 2025-06-09-staged-programme
    kind: exchange
    status: completed
    date: 2025-06-09
    end_date: 2025-06-10
    title: A programme of staged swaps
    summary: Two stages, each its own record.
    countries: [{country: RUS, role: releasing}, {country: UKR, role: receiving}]
    sources: [example-news-20240312-airport-swap]
  - id: 2025-06-09-stage-one
    kind: exchange
    status: completed
    date: 2025-06-09
    title: Stage one
    summary: The first stage.
    countries: [{country: RUS, role: releasing}, {country: UKR, role: receiving}]
    legs: [{from: RUS, to: UKR, count: 10}]
    links: [{event: 2025-06-09-staged-programme, relation: part-of}]
    sources: [example-news-20240312-airport-swap]
  - id: 2025-06-10-stage-two
    kind: exchange
    status: completed
    date: 2025-06-10
    title: Stage two
    summary: The second stage.
    countries: [{country: RUS, role: releasing}, {country: UKR, role: receiving}]
    legs: [{from: RUS, to: UKR, count: 5}]
    links: [{event: 2025-06-09-staged-programme, relation: part-of}]
    sources: [example-news-20240312-airport-swap]
"""


# Queries that skip their lookups when no filter is set (see no_filter in macros.sql); a date range
# around every date keeps every event and quote, so each must answer exactly as with no filter.
SHORTCUT = ["overview_figures", "map_countries", "map_flows", "quote_facets", "released_by_side", "exchanges_by_pair",
            "events_over_time"]


@pytest.mark.parametrize("name", SHORTCUT)
def test_the_no_filter_shortcut_answers_as_a_filter_that_keeps_everything(shipped_db, name):
    wide = Filters(date_from=dt.date(1900, 1, 1), date_to=dt.date(2100, 12, 31))
    extra = {p: SAMPLE_VALUES[p] for p in load_query(name).params - FILTER_PARAMS} | {"limit": None, "top": None}
    extra = {k: v for k, v in extra.items() if k in load_query(name).params}
    unfiltered = shipped_db.run(name, **Filters().params(), **extra)
    assert len(unfiltered) > 0
    if name == "overview_figures":  # a date range leaves out the people with no date (undated_left_out)
        undated = shipped_db.run("undated_left_out", **wide.params()).iloc[0]
        assert undated["people_still_held"] > 0
        for column in ("people_still_held", "disagreements"):
            unfiltered[column] -= undated[column]
    pd.testing.assert_frame_equal(unfiltered, shipped_db.run(name, **wide.params(), **extra))


def fixture_with(tmp_path, name: str, text: str):
    """The database of the fixture data with one more (valid) file."""
    from tests.conftest import GOOD_DIR
    from swapwatch.load import load_dataset

    shutil.copytree(GOOD_DIR, tmp_path / "data")
    (tmp_path / "data" / name).write_text(text, encoding="utf-8")
    db = load_dataset(tmp_path / "data", articles_dir=None)
    assert db.dataset.errors == []
    return db


def test_a_programme_of_staged_swaps_is_counted_by_its_stages_not_once_more(tmp_path):
    db = fixture_with(tmp_path, "programme.yaml", PROGRAMME)
    june = Filters(date_from=dt.date(2025, 6, 1), date_to=dt.date(2025, 6, 30)).params()
    figures = db.run("overview_figures", **june).iloc[0]
    assert (figures["events"], figures["exchanges_completed"], figures["people_exchanged"]) == (3, 2, 15)
    assert db.run("exchanges_by_status", **june).to_dict("records") == [{"status": "completed", "exchanges": 2}]
    by_month = db.run("exchanges_by_period", **june, period="month")
    assert by_month[["exchanges", "people_moved"]].values.tolist() == [[2, 15]]


SPELLS = """
people:
  - id: three-spells
    name: Three Spells
    nationalities: [POL, DEU]
    roles: [journalist, detainee]
    description: Held three times; the spell with no known arrest date is written last.
    detentions:
      - held_by: RUS
        arrested: 2021-05
        charge: Second charge.
        sources: [example-news-20240312-airport-swap]
      - held_by: BLR
        arrested: 2018
        released: 2019
        charge: First charge.
        sources: [example-news-20240312-airport-swap]
      - held_by: BLR
        charge: A spell of unknown date.
        sources: [sample-times-20240313-swap-details]
    sources: [example-news-20240312-airport-swap]
"""


def test_the_participant_table_shows_each_persons_latest_spell_and_their_own_lists(tmp_path):
    db = fixture_with(tmp_path, "spells.yaml", SPELLS)
    people = db.run("participants", **Filters().params(), status="", limit=None)
    row = people[people["id"] == "three-spells"].iloc[0]
    # the latest arrest wins; a spell whose arrest date is unknown counts as the earliest
    assert (row["held_by"], row["arrested"], row["charge"], row["status"]) == ("Russian Federation", "2021-05", "Second charge.", "held")
    assert (row["nationality"], row["roles"]) == ("Germany, Poland", "detainee, journalist")
    assert row["sources"].count("<") == 2  # the record's sources and its spells' sources, each once


TWO_ROLES = """
events:
  - id: 2030-01-01-many-roles
    kind: exchange
    status: completed
    date: 2030-01-01
    title: A swap where one country plays several parts
    summary: Turkey hosts and mediates; Russia releases and receives.
    place: {country: TUR, city: Ankara}
    countries:
      - {country: RUS, role: releasing}
      - {country: RUS, role: receiving}
      - {country: TUR, role: mediator}
      - {country: TUR, role: host}
      - {country: UKR, role: receiving}
    legs: [{from: RUS, to: UKR, count: 1}]
    sources: [example-news-20240312-airport-swap]
"""


def test_the_map_counts_an_event_once_for_a_country_that_plays_several_parts_in_it(tmp_path):
    db = fixture_with(tmp_path, "roles.yaml", TWO_ROLES)
    year = Filters(date_from=dt.date(2030, 1, 1), date_to=dt.date(2030, 12, 31)).params()
    found = {r["code"]: r for r in db.run("map_countries", **year, with_sources=False).to_dict("records")}
    assert set(found) == {"RUS", "TUR", "UKR"}
    assert (found["RUS"]["events"], found["RUS"]["mediated"]) == (1, 0)
    assert (found["TUR"]["events"], found["TUR"]["mediated"], found["TUR"]["hosted"], found["TUR"]["venues"]) == (1, 1, 1, 1)


TWO_FOR_ONE = """
people:
  - {id: two-a, name: Two Alpha, nationalities: [USA], roles: [detainee], description: Freed with Two Beta.,
     detentions: [{held_by: RUS, released: 2030-02-02, released_in: 2030-02-02-two-for-one,
                   sources: [example-news-20240312-airport-swap]}],
     sources: [example-news-20240312-airport-swap]}
  - {id: two-b, name: Two Beta, nationalities: [USA], roles: [detainee], description: Freed with Two Alpha.,
     detentions: [{held_by: RUS, released: 2030-02-02, released_in: 2030-02-02-two-for-one,
                   sources: [example-news-20240312-airport-swap]}],
     sources: [example-news-20240312-airport-swap]}
  - {id: one-c, name: One Gamma, nationalities: [RUS], roles: [detainee], description: Freed for both.,
     detentions: [{held_by: USA, released: 2030-02-02, released_in: 2030-02-02-two-for-one,
                   sources: [example-news-20240312-airport-swap]}],
     sources: [example-news-20240312-airport-swap]}
events:
  - id: 2030-02-02-two-for-one
    kind: exchange
    status: completed
    date: 2030-02-02
    title: Two for one
    summary: Russia frees two, the United States one.
    countries: [{country: RUS, role: releasing}, {country: USA, role: receiving},
                {country: USA, role: releasing}, {country: RUS, role: receiving}]
    legs:
      - {from: RUS, to: USA, count: 2, people: [two-b, two-a]}
      - {from: USA, to: RUS, count: 1, people: [one-c]}
    sources: [example-news-20240312-airport-swap]
"""


def test_each_person_freed_in_a_swap_is_shown_with_whom_they_were_exchanged_for(tmp_path, good_db):
    db = fixture_with(tmp_path, "two.yaml", TWO_FOR_ONE)
    people = db.run("participants", **Filters().params(), status="", limit=None).set_index("id")
    # the named people of the legs from where the person's leg went: not themselves, not their fellow travellers
    assert people.loc["two-a", "exchanged_for"] == people.loc["two-b", "exchanged_for"] == "One Gamma"
    assert people.loc["one-c", "exchanged_for"] == "Two Alpha; Two Beta"
    shipped = good_db.run("participants", **Filters().params(), status="", limit=None).set_index("id")
    assert (shipped.loc["ann-example", "exchanged_for"], shipped.loc["boris-sample", "exchanged_for"]) == (
        "Boris Sample", "Ann Example")


def test_link_labels_looks_up_only_the_values_a_link_holds(good_db):
    person = good_db.con.execute("select id, name from people order by id limit 1").fetchone()
    country = good_db.con.execute(
        "select c.code, c.name from countries c where c.code in (select country from event_countries) "
        "order by c.code limit 1").fetchone()
    frame = good_db.run("link_labels", values=[person[0], country[0], "no-such-id"])
    assert sorted(map(tuple, frame[["param", "value", "label"]].values.tolist())) == sorted([
        ("country", country[0], country[1]), ("profile", person[0], person[1]), ("speaker", person[0], person[1])])
    assert good_db.run("link_labels", values=[]).empty


PAGED = [n for n in ALL_QUERIES if "limit" in load_query(n).params]


@pytest.fixture(scope="module")
def bad_db():
    """The database of tests/data/bad: every record with a mistake, each a problem."""
    from swapwatch.load import load_dataset

    return load_dataset(BAD_DIR, articles_dir=None)
GROUPED = {"who_for_whom": ("event_id", "swaps"), "disagreements_table": ("disagreement_id", "disputes")}


def test_the_big_tables_are_paged():
    assert {"events_timeline", "participants", "quotes_table", "sources_table", "exchange_legs", "who_for_whom",
            "disagreements_table"} <= set(PAGED)


@pytest.mark.parametrize("name", PAGED)
@pytest.mark.parametrize("limit", [1, 2])
def test_a_page_is_the_head_of_the_whole_table_and_counts_all_of_it(good_db, bad_db, shipped_db, name, limit):
    # the good records have no problems to list, and no one quoted twice
    db = {"data_problems": bad_db, "person_quotes": shipped_db}.get(name, good_db)
    params = {p: SAMPLE_VALUES[p] for p in load_query(name).params if p != "limit"}
    if name == "person_quotes":
        params["person_id"] = most_quoted(shipped_db)
    whole = db.run(name, **params, limit=None)
    page = db.run(name, **params, limit=limit)
    if name in GROUPED:  # a page of groups (swaps, disputed facts): every row of the first `limit` of them
        key, count = GROUPED[name]
        groups = list(dict.fromkeys(whole[key]))
        assert len(groups) > 1 and set(whole[count]) == set(page[count]) == {len(groups)}
        assert list(dict.fromkeys(page[key])) == groups[:limit]
    else:
        assert len(whole) > 1, f"the fixture should fill more than one row of {name}"
        assert set(whole["total_rows"]) == {len(whole)} and set(page["total_rows"]) == {len(whole)}
    assert records(page) == records(whole.head(len(page)))


@pytest.mark.parametrize("name", [n for n in ALL_QUERIES if "with_sources" in load_query(n).params])
def test_aggregate_tables_without_their_sources_have_the_same_rows(good_db, name):
    params = {p: SAMPLE_VALUES[p] for p in load_query(name).params if p != "with_sources"}
    full = good_db.run(name, **params, with_sources=True)
    bare = good_db.run(name, **params, with_sources=False)
    assert (full["sources"].str.len() > 0).all() and (bare["sources"] == "").all()
    assert records(bare.drop(columns="sources")) == records(full.drop(columns="sources"))


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts, a missing value as None whatever the column's type."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def test_quote_facets_offer_the_most_quoted_values_and_say_how_many_there_are(good_db):
    every = good_db.run("quote_facets", **Filters().params(), top=None)
    top = good_db.run("quote_facets", **Filters().params(), top=1)
    for facet, rows in every.groupby("facet"):
        kept = top[top["facet"] == facet]
        assert len(kept) == 1 and set(kept["options"]) == set(rows["options"]) == {len(rows)}
        assert kept["quotes"].iloc[0] == rows["quotes"].max()


def test_a_person_whose_release_sources_dispute_is_shown_as_held_with_the_release_disputed(shipped_db):
    people = shipped_db.run("participants", **Filters().params(), status="held")
    naida = people[people["id"] == "naida-mambetova"].iloc[0]
    assert naida["status"] == "held (release disputed)"
    assert set(people["status"]) <= {"held", "held (release disputed)"}


def most_quoted(db) -> str:
    return db.con.execute("select speaker_id from quotes group by 1 order by count(*) desc, 1 limit 1").fetchone()[0]


def test_a_persons_quotes_are_all_they_said_newest_first_whatever_the_filters(shipped_db):
    speaker = most_quoted(shipped_db)
    mine = shipped_db.run("person_quotes", person_id=speaker, limit=None)
    everywhere = shipped_db.run("quotes_table", **Filters().params(), search="", speaker=speaker, topic="", channel="",
                                limit=None)
    assert len(mine) > 1 and mine["id"].tolist() == everywhere["id"].tolist()
    assert set(mine["total_rows"]) == {len(mine)}


def test_every_disputed_fact_names_its_record_a_quote_by_speaker_and_date(shipped_db):
    register = shipped_db.run("disagreements_table", **Filters().params(), limit=None)
    assert set(register["record_type"]) == {"event", "person", "quote"}
    assert register["record"].notna().all() and (register["record"] != "").all()
    quote = register[register["record_type"] == "quote"].iloc[0]
    speaker, date = shipped_db.con.execute(
        "select p.name, q.date from quotes q join people p on p.id = q.speaker_id where q.id = ?",
        [quote["record_id"]]).fetchone()
    assert quote["record"] == f"{speaker}, {date}"


def test_the_timeline_counts_months_over_a_short_span_and_quarters_or_years_over_a_long_one(tmp_path, good_db):
    from bench import synth
    from swapwatch.load import load_dataset

    def regrouped(con, part: str):
        months = con.execute("select kind, x, events from timeline_points").df()
        key = months["x"].dt.year * 10 + (months["x"].dt.quarter if part == "quarter" else 0)
        return sorted(months.groupby([months["kind"], key])["events"].sum().items())

    def shown(points, part: str):
        key = points["x"].dt.year * 10 + (points["x"].dt.quarter if part == "quarter" else 0)
        return sorted(points.groupby([points["kind"], key])["events"].sum().items())

    short = good_db.run("events_over_time", **Filters().params())  # 2023 to 2025: under four years
    assert set(short["period"]) == {"month"}
    assert len(short) == len(good_db.con.execute("select * from timeline_points").fetchall())

    synth.generate(300, tmp_path / "data", 3)  # events over eleven years
    db = load_dataset(tmp_path / "data", articles_dir=None)
    long = db.run("events_over_time", **Filters().params())
    assert set(long["period"]) == {"quarter"}
    assert shown(long, "quarter") == regrouped(db.con, "quarter")
    several = long[long["events"] > 1]
    assert several["x"].dt.month.isin([1, 4, 7, 10]).all() and (several["x"].dt.day == 1).all()
    single = long[long["events"] == 1]  # on its event's day, named by it
    days = db.con.execute("select title, date_start from events").df().set_index("title")["date_start"]
    assert all(pd.Timestamp(days[t]) == x for t, x in zip(single["title"], single["x"]))

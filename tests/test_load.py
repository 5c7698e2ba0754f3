"""Loading valid records into DuckDB, and the store that keeps the dashboard's data live and whole."""

import datetime as dt
import os
import textwrap
import time

import pandas as pd
import pytest

from swapwatch import records as r
from swapwatch.live import Store, livefile
from swapwatch.live import folder as live_folder
from swapwatch.live.rows import plain_fields
from swapwatch.load import load_dataset

SOURCES = """\
sources:
  - id: src-a
    outlet: Outlet A
    published: 2025-05
  - id: src-b
    outlet: Outlet B
"""

EVENTS = """\
events:
  - id: swap-one
    kind: exchange
    status: completed
    date: 2025-05-23
    end_date: 2025-05-25
    title: Three-day swap
    summary: Our words.
    countries:
      - {country: RUS, role: releasing}
      - {country: UKR, role: receiving}
      - {country: TUR, role: mediator}
    legs:
      - {from: RUS, to: UKR, count: 390, date: 2025-05-23, people: [ann]}
      - {from: RUS, to: UKR, count: 307, date: 2025-05-24}
      - {from: RUS, to: UKR, count: 303, date: 2025-05-25, group: pows}
    sources: [src-a]
    disagreements:
      - field: date
        topic: When it started
        values:
          - {value: 23 May, sources: [src-a]}
          - {value: 24 May, sources: [src-b]}
"""

PEOPLE = """\
people:
  - id: ann
    name: Ann Example
    aliases: [Anna Exampel]
    nationalities: [UKR]
    roles: [detainee]
    description: Held, then exchanged.
    detentions:
      - held_by: RUS
        arrested: 2022
        released: 2025-05-23
        released_in: swap-one
        sources: [src-b]
    sources: [src-a]
  - id: bob
    name: Bob Example
    roles: [detainee]
    description: Still held.
    detentions:
      - {held_by: RUS, arrested: 2024-08, sources: [src-a]}
    sources: [src-a]
"""


def write(folder, name, text):
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path):
    write(tmp_path, "sources.yaml", SOURCES)
    write(tmp_path, "events.yaml", EVENTS)
    write(tmp_path, "people.yaml", PEOPLE)
    return tmp_path


def rows(db, sql_table):
    return db.run("table_counts").set_index("table_name")["row_count"][sql_table]


def test_each_record_becomes_a_row_and_each_list_a_link_table(folder):
    counts = load_dataset(folder, articles_dir=None).table_counts()
    assert (counts["sources"], counts["events"], counts["people"], counts["legs"]) == (2, 1, 2, 3)
    assert (counts["person_aliases"], counts["leg_people"], counts["event_countries"]) == (1, 1, 3)
    assert (counts["disagreements"], counts["disagreement_values"], counts["problems"]) == (1, 2, 0)


def test_an_event_row_holds_its_countries_named_the_people_its_legs_moved_and_its_disputes(folder):
    from swapwatch.records import country_name

    db = load_dataset(folder, articles_dir=None)
    row = db.con.execute("select country_names, people_moved, disputes from events where id = 'swap-one'").fetchone()
    assert row == (", ".join(sorted(country_name(c) for c in ("RUS", "UKR", "TUR"))), 390 + 307 + 303, 1)


def test_every_shipped_row_agrees_with_the_parts_of_its_record(shipped_db):
    from tests.test_bench import (DISAGREEMENT_ROWS_DISAGREE, EVENT_ROWS_DISAGREE, FLOW_MARKS_DISAGREE,
                                  LEG_ROWS_DISAGREE, PEOPLE_ROWS_DISAGREE)

    for check in (EVENT_ROWS_DISAGREE, PEOPLE_ROWS_DISAGREE, LEG_ROWS_DISAGREE, DISAGREEMENT_ROWS_DISAGREE,
                  FLOW_MARKS_DISAGREE):
        assert shipped_db.con.execute(check).fetchone() == (0,), check


def test_dates_keep_their_written_form_and_the_span_they_cover(folder):
    db = load_dataset(folder, articles_dir=None)
    source = db.con.execute("select published, published_start from sources where id = 'src-a'").fetchone()
    event = db.con.execute("select date, end_date, date_start, date_end, date_precision from events").fetchone()
    assert source == ("2025-05", dt.date(2025, 5, 1))
    assert event == ("2025-05-23", "2025-05-25", dt.date(2025, 5, 23), dt.date(2025, 5, 25), "day")


def test_a_yaml_boolean_word_reaches_the_validator_as_typed_not_as_false(folder):
    write(folder, "host.yaml", EVENTS.replace("swap-one", "swap-two").replace(
        "      - {country: TUR, role: mediator}", "      - {country: NO, role: host}"))
    db = load_dataset(folder, articles_dir=None)
    problems = [(p.code, p.message) for p in db.dataset.errors]
    assert problems == [("bad-country", "'country': 'NO' is not an ISO 3166-1 alpha-3 country code (like RUS, USA, UKR); "
                                        "did you mean 'NOR' (Norway)?")]


def test_detention_status_is_held_released_or_exchanged(folder):
    db = load_dataset(folder, articles_dir=None)
    status = dict(db.con.execute("select person_id, status from detentions").fetchall())
    assert status == {"ann": "exchanged", "bob": "held"}


def test_citations_name_the_part_of_the_record_that_cites(folder):
    db = load_dataset(folder, articles_dir=None)
    parts = db.con.execute("select record_id, part, source_id from citations order by all").fetchall()
    assert ("ann", "detention 1", "src-b") in parts and ("ann", "", "src-a") in parts
    assert ("swap-one", "", "src-a") in parts


def test_invalid_records_are_left_out_and_listed_while_the_rest_load(folder):
    write(folder, "more.yaml", """\
        events:
          - id: good-talks
            kind: talks
            status: completed
            date: 2025-05-16
            title: Talks
            summary: Our words.
            sources: [src-a]
          - id: bad-talks
            kind: talks
            status: held
            date: 2025-05-16
            title: Talks
            summary: Our words.
            sources: [src-a]
        """)
    db = load_dataset(folder, articles_dir=None)
    ids = {row[0] for row in db.con.execute("select id from events").fetchall()}
    assert ids == {"swap-one", "good-talks"}
    problems = db.con.execute("select file, line, code from problems where severity = 'error'").fetchall()
    assert [(os.path.basename(f), line, code) for f, line, code in problems] == [("more.yaml", 11, "bad-choice")]


def bump(path, text):
    """Rewrite a file so its modification time surely changes."""
    before = path.stat().st_mtime_ns
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_the_store_returns_the_same_database_while_nothing_changes(folder):
    store = Store(folder, articles_dir=None)
    assert store.database() is store.database()


def test_an_edit_shows_up_and_only_the_changed_file_is_read_again(folder, monkeypatch):
    store = Store(folder, articles_dir=None)
    store.database()
    reads = []
    original = live_folder.read_yaml
    monkeypatch.setattr(live_folder, "read_yaml", lambda path, name=None: reads.append(name) or original(path, name))
    bump(folder / "events.yaml", EVENTS.replace("Three-day swap", "Three-day exchange"))
    db = store.database()
    assert db.con.execute("select title from events").fetchone() == ("Three-day exchange",)
    assert [os.path.basename(n) for n in reads] == ["events.yaml"]


def test_the_watchers_share_one_look_at_the_files_and_a_later_look_sees_an_edit(folder):
    store = Store(folder, articles_dir=None)
    drawn = store.snapshot()[1]
    assert store.recent_stamp(60) == drawn  # the page's own look serves the watchers
    bump(folder / "events.yaml", EVENTS.replace("Three-day swap", "Three-day exchange"))
    assert store.recent_stamp(60) == drawn  # within max_age: the shared look, no stat of every file
    edited = store.recent_stamp(0)
    assert edited != drawn and edited == store.stamp()
    assert store.recent_stamp(60) == edited


def test_a_breaking_edit_keeps_the_last_good_version_and_names_the_problem(folder):
    store = Store(folder, articles_dir=None)
    store.database()
    bump(folder / "events.yaml", EVENTS.replace("    title: Three-day swap", "    title: [unclosed"))
    db = store.database()
    assert db.con.execute("select title from events").fetchone() == ("Three-day swap",)
    codes = {(os.path.basename(p.file), p.code) for p in db.dataset.problems}
    assert ("events.yaml", "yaml-syntax") in codes and ("events.yaml", "showing-last-good-version") in codes
    bump(folder / "events.yaml", EVENTS.replace("Three-day swap", "Fixed title"))
    db = store.database()
    assert db.con.execute("select title from events").fetchone() == ("Fixed title",)
    assert db.dataset.errors == []


def test_a_broken_reference_keeps_the_last_good_version_too(folder):
    store = Store(folder, articles_dir=None)
    store.database()
    bump(folder / "events.yaml", EVENTS.replace("sources: [src-a]\n    disagreements", "sources: [src-z]\n    disagreements"))
    db = store.database()
    assert db.con.execute("select count(*) from events").fetchone() == (1,)
    assert any(p.code == "foreign-key" for p in db.dataset.errors)


def test_a_removed_file_takes_its_records_with_it(folder):
    store = Store(folder, articles_dir=None)
    store.database()
    (folder / "people.yaml").unlink()
    time.sleep(0.01)
    db = store.database()
    assert db.con.execute("select count(*) from people").fetchone() == (0,)


def test_rows_show_the_names_titles_and_sources_of_the_records_they_point_at(shipped_db):
    con = shipped_db.con
    names = dict(con.execute("select id, name from people").fetchall())
    titles = dict(con.execute("select id, title from events").fetchall())
    labels = {sid: outlet + (f" <{url}>" if url else "") for sid, outlet, url in
              con.execute("select id, outlet, url from sources").fetchall()}

    def named(ids):
        return "; ".join(sorted({labels[s] for s in ids})) or None

    quotes = con.execute("select speaker_id, event_id, source_ids, speaker_name, event_title, sources_label "
                         "from quotes").fetchall()
    assert quotes and all((name, title, label) == (names[speaker], titles.get(event), named(ids))
                          for speaker, event, ids, name, title, label in quotes)
    for table in ("events", "people", "disagreement_values"):
        rows = con.execute(f"select source_ids, sources_label from {table}").fetchall()
        assert rows and all(label == named(ids) for ids, label in rows), table
    spells = con.execute("select released_in, released_in_title from detentions").fetchall()
    assert any(event for event, _ in spells) and all(title == titles.get(event) for event, title in spells)
    partners = {}  # (person, event) -> whom the person's legs in the event went for
    for event, person, ids in con.execute("select event_id, person_id, partner_ids from leg_people").fetchall():
        partners.setdefault((person, event), set()).update(names[i] for i in ids if i in names)
    spells = con.execute("select person_id, released_in, released_for from detentions").fetchall()
    assert ("brittney-griner", "2022-12-08-griner-bout-exchange", "Viktor Bout") in spells
    assert all(named_for == ("; ".join(sorted(partners.get((person, event), ()))) or None)
               for person, event, named_for in spells)
    involved = dict(con.execute("select country, count(distinct event_id) from event_countries group by 1").fetchall())
    held = dict(con.execute("select place_country, count(*) from events where place_country is not null "
                            "group by 1").fetchall())
    totals = con.execute("select code, events, venues from countries").fetchall()
    assert involved and all((events, venues) == (involved.get(code, 0), held.get(code, 0))
                            for code, events, venues in totals)
    moved = {}  # (event, leg) -> the names of its people
    for event, leg, person in con.execute("select event_id, leg_seq, person_id from leg_people").fetchall():
        moved.setdefault((event, leg), []).extend([names[person]] if person in names else [])
    legs = con.execute("select event_id, seq, people_names from legs").fetchall()
    assert any(listed for *_, listed in legs)
    assert all(listed == (sorted(moved.get((event, leg), [])) or None) for event, leg, listed in legs)


def test_the_database_file_keeps_text_in_a_format_quick_to_read(tmp_path):
    # DuckDB 2's DICT_FSST text compression is as small as dictionary or FSST but slower to read back
    con = livefile.connect(str(tmp_path / "live.duckdb"))
    con.execute("insert into sources (id, outlet, title, url, file, line, records_citing) "
                "select 'src-' || i, 'Outlet ' || (i % 40), 'A title about the talks, number ' || i, "
                "'https://example.org/' || i, 'sources.yaml', 1, 0 from range(50000) t(i)")
    con.execute("checkpoint")
    methods = {m for (m,) in con.execute("select distinct compression from pragma_storage_info('sources') "
                                         "where segment_type = 'VARCHAR'").fetchall()}
    con.close()
    assert methods and "DICT_FSST" not in methods, methods


@pytest.mark.parametrize("model, table", [(r.Source, "sources"), (r.Event, "events")])
def test_every_plain_field_of_a_source_or_event_has_its_column_and_loads_as_written(good_db, model, table):
    fields = plain_fields(model)
    assert {"id", "title"} <= set(fields) and not {"sources", "place", "legs"} & set(fields)
    assert set(fields) - set(good_db.con.table(table).columns) == set()  # add the column to tables.sql
    written = {item.record.id: {f: getattr(item.record, f) for f in fields} for item in good_db.dataset.records[table]}
    frame = good_db.con.table(table).select(*fields).df().astype(object)
    loaded = {row["id"]: {f: (None if pd.isna(v) else v) for f, v in row.items()} for row in frame.to_dict("records")}
    assert loaded == written

"""A curator's edit never crashes, blanks or silently changes a briefing (issue 13).

Each class of edit is checked three ways, as in test_hostile_files: the validator, the `validate`
command (exit code, no traceback) and the dashboard's Store with the edit made while it is open.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from swapwatch import limits, lostids
from swapwatch.live import Store
from swapwatch.load import create_database, load_dataset
from swapwatch.validate import validate_dir
from tests.test_broken_copies import validate as validate_command
from tests.test_hostile_files import GOOD_COUNTS, folder  # noqa: F401  (folder: a fixture)

def edit(path: Path, pattern: str, replacement: str, count: int = 1) -> int:
    """Change the first matches of pattern in a file (its times moved on, as an editor's save does);
    returns the line of the first change."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    match = re.search(pattern, text, flags=re.MULTILINE)
    assert match, f"{pattern!r} not in {path}"
    save(path, re.sub(pattern, replacement, text, count=count, flags=re.MULTILINE))
    return text[: match.start()].count("\n") + 1


def save(path: Path, text: str | bytes) -> None:
    """Write a file as an editor saves it: in place, its modification time later than before."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    data = text.encode("utf-8") if isinstance(text, str) else text
    with open(path, "wb") as stream:
        stream.write(data)
    later = max(before + 10_000_000, os.stat(path).st_mtime_ns)
    os.utime(path, ns=(later, later))


def problems(folder: Path) -> list[str]:
    """What validate reports for the folder, as 'data/file:line: code: message' (warnings too)."""
    return [str(p) for p in validate_dir(Path("data"), None).problems]


def store_counts(db) -> dict[str, int]:
    table = db.table_counts()
    return {kind: table[kind] for kind in GOOD_COUNTS}


def codes_of(db_or_dataset, file: str) -> set[str]:
    dataset = getattr(db_or_dataset, "dataset", db_or_dataset)
    return {p.code for p in dataset.problems if p.file == f"data/{file}"}


def command(folder: Path):
    result = validate_command(folder)
    assert "Traceback" not in result.stderr, result.stderr
    return result


# --- 1. values the validator accepts fit the database --------------------------------------------------


def test_every_bounded_column_holds_the_largest_value_the_checks_let_through():
    con = create_database({})
    types = {(t, c): kind for t, c, kind in con.execute(
        "select table_name, column_name, data_type from information_schema.columns").fetchall()}
    largest = {"INTEGER": limits.INTEGER_MAX, "BIGINT": limits.BIGINT_MAX}
    for column, most in limits.COLUMNS.items():
        assert most <= largest[types[column]], column


def test_a_count_too_large_for_the_database_is_an_error_at_its_line(folder):
    line = edit(folder / "events.yaml", r"count: 1$", "count: 99999999999")
    assert (f"data/events.yaml:{line}: too-large: 'count': 99999999999 is more than 1,000,000, the largest count "
            "SwapWatch holds; is a digit too many?") in problems(folder)
    result = command(folder)
    assert result.returncode == 1 and f"data/events.yaml:{line}: too-large" in result.stdout


def test_the_largest_count_allowed_loads_and_one_more_does_not(folder):
    edit(folder / "events.yaml", r"count: 1$", f"count: {limits.MAX_COUNT}")
    db = load_dataset(Path("data"), articles_dir=None)
    assert db.errors == [] and limits.MAX_COUNT in set(db.con.execute("select count from legs").fetchnumpy()["count"])
    edit(folder / "events.yaml", rf"count: {limits.MAX_COUNT}$", f"count: {limits.MAX_COUNT + 1}")
    assert [p.code for p in load_dataset(Path("data"), articles_dir=None).errors] == ["too-large"]


def test_a_count_too_large_for_the_database_typed_while_the_dashboard_is_open_keeps_the_last_version(folder):
    store = Store(Path("data"), articles_dir=None)
    assert store_counts(store.database()) == GOOD_COUNTS
    edit(folder / "events.yaml", r"count: 1$", "count: 99999999999")
    db = store.database()
    assert store_counts(db) == GOOD_COUNTS
    assert codes_of(db, "events.yaml") == {"too-large", "showing-last-good-version"}


def test_a_dashboard_started_on_a_count_too_large_shows_every_other_record(folder):
    edit(folder / "events.yaml", r"count: 1$", "count: 99999999999")
    db = Store(Path("data"), articles_dir=None).database()
    assert store_counts(db) == {**GOOD_COUNTS, "events": GOOD_COUNTS["events"] - 1}
    assert "too-large" in codes_of(db, "events.yaml")


@pytest.mark.parametrize("field, typed, code", [
    ("title", "x" * (limits.MAX_TEXT + 1), "too-long"),
    ("id", "a" * (limits.MAX_ID + 1), "too-long"),
])
def test_text_and_ids_longer_than_the_pages_show_are_errors(folder, field, typed, code):
    line = edit(folder / "events.yaml", rf"^(  - )?(\s*){field}: .*$", rf"\1\2{field}: {typed}")
    found = [p for p in problems(folder) if p.startswith(f"data/events.yaml:{line}: {code}: ")]
    assert found, problems(folder)


# --- 2. an edit in progress never makes records vanish ------------------------------------------------


def test_a_file_emptied_while_the_dashboard_is_open_keeps_its_last_version_until_it_is_deleted(folder):
    store = Store(Path("data"), articles_dir=None)
    assert store_counts(store.database()) == GOOD_COUNTS
    save(folder / "people.yaml", "")
    db = store.database()
    assert store_counts(db) == GOOD_COUNTS
    shown = [str(p) for p in db.dataset.problems if p.file == "data/people.yaml"]
    assert shown[0] == ("data/people.yaml:1: emptied-file: the file is empty, but its last version held 7 records; "
                        "if an editor is saving it, they are back at the next check; to remove them, delete the file")
    assert "showing-last-good-version" in shown[1]
    assert "/" + str(folder) not in " ".join(shown)  # no server paths
    (folder / "people.yaml").unlink()
    assert store_counts(store.database())["people"] == 0


def test_a_file_that_changes_while_it_is_read_keeps_its_last_version_and_is_read_again(folder, monkeypatch):
    from swapwatch.live import folder as live_folder

    store = Store(Path("data"), articles_dir=None)
    store.database()
    edit(folder / "people.yaml", r"^  - id: carl-placeholder(.|\n)*", "")  # a save caught half way
    reading = live_folder.read_yaml

    def read_while_written(path, name=None):
        doc = reading(path, name)
        later = path.stat().st_mtime_ns + 5_000_000
        os.utime(path, ns=(later, later))
        return doc

    monkeypatch.setattr(live_folder, "read_yaml", read_while_written)
    db = store.database()
    assert store_counts(db) == GOOD_COUNTS
    assert codes_of(db, "people.yaml") == {"file-changing", "showing-last-good-version"}
    monkeypatch.setattr(live_folder, "read_yaml", reading)
    db = store.database()
    assert codes_of(db, "people.yaml") - {"foreign-key"} == set() and store_counts(db)["people"] < 7


PERSON_AGAIN = """people:
  - id: ann-example
    name: Ann Example (a second record)
    roles: [detainee]
    description: The same id as a person already shown.
    sources: [example-news-20240312-airport-swap]
"""
SHOWN = (", whose record is shown (it was there first); this one is left out until one of the two ids is "
         "changed: ids must be unique across all files")


def names_shown(db) -> set[str]:
    return set(db.con.execute("select name from people where id = 'ann-example'").fetchnumpy()["name"])


def test_a_duplicate_id_added_while_the_dashboard_is_open_never_replaces_the_record_shown(folder):
    store = Store(Path("data"), articles_dir=None)
    store.database()
    save(folder / "a-new.yaml", PERSON_AGAIN)  # sorts before people.yaml
    db = store.database()
    assert names_shown(db) == {"Ann Example"}
    assert [str(p) for p in db.dataset.errors] == [
        "data/a-new.yaml:2: duplicate-id: person id 'ann-example' is already used at data/people.yaml:3" + SHOWN]
    edit(folder / "people.yaml", "Former teacher", "Former schoolteacher")  # people.yaml is now the newer file
    db = store.database()
    assert names_shown(db) == {"Ann Example"} and [p.file for p in db.dataset.errors] == ["data/a-new.yaml"]


@pytest.mark.parametrize("older", ["people.yaml", "a-new.yaml"])
def test_at_start_up_a_duplicate_id_shows_the_record_in_the_file_changed_longest_ago(folder, older):
    save(folder / "a-new.yaml", PERSON_AGAIN)
    os.utime(folder / older, ns=(1_000_000_000, 1_000_000_000))
    newer = ({"people.yaml", "a-new.yaml"} - {older}).pop()
    line = {"people.yaml": 3, "a-new.yaml": 2}
    expected = (f"data/{newer}:{line[newer]}: duplicate-id: person id 'ann-example' is already used at "
                f"data/{older}:{line[older]}" + SHOWN)
    shown = {"people.yaml": "Ann Example", "a-new.yaml": "Ann Example (a second record)"}[older]
    db = Store(Path("data"), articles_dir=None).database()
    assert names_shown(db) == {shown} and expected in [str(p) for p in db.dataset.errors]
    assert expected in [str(p) for p in validate_dir(Path("data"), None).errors]
    assert expected in command(folder).stdout.splitlines()


LEFTOVERS = ["people copy.yaml", "people copy 2.yaml", "people - Copy.yaml", "Copy of people.yaml", "people (1).yaml",
             "people.yaml~", "people.yaml.bak", ".#people.yaml", "#people.yaml#", ".people.yaml.swp",
             "people.sync-conflict-20250101-120000-ABCDEFG.yaml", "people (conflicted copy 2025-01-01).yaml",
             "people.YAML.orig"]
IGNORED = ("warning: ignored-file: this looks like a copy or backup that an editor or sync service left beside a "
           "data file, so it is not read; delete it, or give it a name of its own ending in .yaml if it holds "
           "records you want shown")


@pytest.mark.parametrize("name", LEFTOVERS)
def test_an_older_copy_saved_beside_a_file_is_listed_as_ignored_and_never_replaces_its_records(folder, name):
    store = Store(Path("data"), articles_dir=None)
    store.database()
    shutil.copy(folder / "people.yaml", folder / name)
    edit(folder / "people.yaml", "name: Ann Example$", "name: Ann Example-Smith")
    expected = [f"data/{name}:1: {IGNORED}"]
    for db in (store.database(), Store(Path("data"), articles_dir=None).database()):
        assert store_counts(db) == GOOD_COUNTS and names_shown(db) == {"Ann Example-Smith"}
        assert [str(p) for p in db.dataset.problems if p.file == f"data/{name}"] == expected
        assert f"data/{name}" in set(db.run("data_files")["file"])
    assert [str(p) for p in validate_dir(Path("data"), None).problems if p.file == f"data/{name}"] == expected
    result = command(folder)
    assert result.returncode == 0 and "valid: 0 errors, 1 warning" in result.stdout


# --- 3. every file the curator might mean is read -----------------------------------------------------


@pytest.mark.parametrize("name", ["more.YAML", "more.Yml", "more.yml", "more.YaMl"])
def test_a_data_file_with_its_extension_in_any_case_is_read(folder, name):
    store = Store(Path("data"), articles_dir=None)
    store.database()
    save(folder / name, PERSON_AGAIN.replace("ann-example", "ann-other"))
    more = {**GOOD_COUNTS, "people": GOOD_COUNTS["people"] + 1}
    assert store_counts(store.database()) == more
    assert store_counts(Store(Path("data"), articles_dir=None).database()) == more
    assert validate_dir(Path("data"), None).count("people") == more["people"]
    assert "loaded 5 sources, 8 people" in command(folder).stdout


# --- 4. digits, ids and dates are ASCII and whole-line; messages show the invisible; the cap counts problems --


def test_a_person_whose_id_ends_with_a_line_break_is_not_a_second_copy_of_that_person(folder):
    save(folder / "again.yaml", PERSON_AGAIN.replace("id: ann-example", "id: |\n      ann-example"))
    expected = ("data/again.yaml:2: bad-character: 'id': an id must not end with a line break, got 'ann-example\\n'; "
                "a '|' or '>' block keeps its last line break: write the value on the key's line")
    assert expected in problems(folder)
    assert expected in command(folder).stdout.splitlines()
    db = Store(Path("data"), articles_dir=None).database()
    assert store_counts(db) == GOOD_COUNTS and expected in [str(p) for p in db.dataset.problems]


@pytest.mark.parametrize("field, typed, shown", [
    ("date", "\uff12\uff10\uff12\uff14-03-12", "U+FF12 FULLWIDTH DIGIT TWO"),
    ("date", "\u0662\u0660\u0662\u0664-03-12", "U+0662 ARABIC-INDIC DIGIT TWO"),
    ("count", "\u0661", "U+0661 ARABIC-INDIC DIGIT ONE"),
    ("date", "|\n      2024-03-12", "a date must not end with a line break"),
])
def test_digits_that_are_not_ascii_and_values_ending_in_a_line_break_are_errors_at_their_line(
        folder, field, typed, shown):
    store = Store(Path("data"), articles_dir=None)
    store.database()
    line = edit(folder / "events.yaml", rf"^(\s+){field}: (2024-03-12|1)$", rf"\1{field}: {typed}")
    found = [p for p in problems(folder) if p.startswith(f"data/events.yaml:{line}: bad-character: ")]
    assert len(found) == 1 and shown in found[0], problems(folder)
    assert found[0] in command(folder).stdout.splitlines()
    db = store.database()
    assert found[0] in [str(p) for p in db.dataset.problems] and store_counts(db) == GOOD_COUNTS


def test_an_invisible_character_in_a_value_is_shown_escaped_in_its_message(folder):
    line = edit(folder / "events.yaml", r"country: RUS, role: releasing", "country: RUS\u200b, role: releasing")
    found = [p for p in problems(folder) if p.startswith(f"data/events.yaml:{line}: bad-country: ")]
    assert found and "'RUS\\u200b' is not an ISO 3166-1 alpha-3 country code" in found[0]
    assert "\u200b" not in command(folder).stdout


def test_one_record_with_a_hundred_thousand_unknown_keys_lists_a_hundred_problems_then_counts_the_rest(folder):
    keys = "".join(f"    unknown-{n}: x\n" for n in range(100_000))
    save(folder / "wide.yaml", PERSON_AGAIN.replace("ann-example", "wide-person") + keys)
    listed = [p for p in problems(folder) if p.startswith("data/wide.yaml:")]
    assert len(listed) == 101
    assert listed[-1] == ("data/wide.yaml:107: too-many-problems: 99,900 more problems from this line on are not "
                          "listed (the first 100 are); fix those and check again")
    result = command(folder)
    assert sum(row.startswith("data/wide.yaml:") for row in result.stdout.splitlines()) == 101
    db = Store(Path("data"), articles_dir=None).database()
    assert len([p for p in db.dataset.problems if p.file == "data/wide.yaml"]) == 101


# --- 5. checks of meaning --------------------------------------------------------------------------------


def test_a_title_whose_numbers_the_legs_contradict_is_a_warning_at_the_title(folder):
    edit(folder / "events.yaml", "field: legs", "field: date")  # (numbers the sources dispute are not compared)
    assert not [p for p in problems(folder) if "title-numbers" in p]  # 1,000 for 1,000 over three days
    line = edit(folder / "events.yaml", "swap 1,000 for 1,000 in three stages", "swap 1,000 for 900 in three stages")
    expected = (f"data/events.yaml:{line}: warning: title-numbers: the title says '1,000 for 900', but the legs move "
                "1,000 from RUS to UKR and 1,000 from UKR to RUS; correct the title or the legs")
    assert expected in problems(folder)
    assert "valid: 0 errors, 1 warning" in command(folder).stdout
    assert expected in [str(p) for p in Store(Path("data"), articles_dir=None).database().dataset.problems]


def test_a_title_naming_one_stage_of_a_swap_is_not_a_contradiction(folder):
    edit(folder / "events.yaml", "field: legs", "field: date")
    edit(folder / "events.yaml", "swap 1,000 for 1,000 in three stages", "swap 390 for 390 on the first day")
    assert not [p for p in problems(folder) if "title-numbers" in p]


def test_a_birth_date_in_the_future_is_an_error_at_its_line(folder):
    line = edit(folder / "people.yaml", r"born: 1990$", "born: 2099")
    found = [p for p in problems(folder) if p.startswith(f"data/people.yaml:{line}: date-in-future: born 2099 is in "
                                                          "the future")]
    assert found and found[0] in command(folder).stdout
    db = Store(Path("data"), articles_dir=None).database()
    assert found[0] in [str(p) for p in db.dataset.problems]


def test_a_release_date_outside_the_event_that_released_the_person_is_a_warning_at_its_line(folder):
    store = Store(Path("data"), articles_dir=None)
    store.database()
    line = edit(folder / "people.yaml", r"released: 2025-05-23$", "released: 2025-06-23")
    expected = (f"data/people.yaml:{line}: warning: release-date: released 2025-06-23, but event "
                "'2025-05-23-three-day-swap' that released this person is dated 2025-05-23 to 2025-05-25; "
                "correct the date here or the event's")
    assert expected in problems(folder)
    assert "valid: 0 errors, 1 warning" in command(folder).stdout
    assert expected in [str(p) for p in store.database().dataset.problems]
    # The event is moved instead: the person's file is checked again, though it did not change.
    edit(folder / "events.yaml", r"date: 2024-03-12$", "date: 2024-04-12")
    moved = [str(p) for p in store.database().dataset.problems if ": release-date: " in str(p)]
    assert moved == [p for p in problems(folder) if ": release-date: " in p] and len(moved) == 3
    assert "released 2024-03-12, but event '2024-03-12-airport-swap' that released this person is dated " \
           "2024-04-12" in moved[0]


# --- 6. what YAML 1.2 (and the editor) rejects is reported, not read leniently -------------------------
# Written by hand after the official suite's cases for comments and flow keys (the suite itself runs in
# tests/test_yaml_test_suite.py); each outcome pinned through both readers, with its message.

YAML12 = [
    ('title: "value"# note\n', "text glued to a comment after a quote"),
    ("title: 'value'# note\n", "text glued to a comment after a quote"),
    ("topics: [a, b]# note\n", "a comment glued to ']'"),
    ("place: {country: RUS}# note\n", "a comment glued to '}'"),
    ("text: ># note\n  words\n", "a comment glued to '>'"),
    ("text: |-# note\n  words\n", "a comment glued to '|'"),
    ("place: {?city: Moscow}\n", "'?city': a '?' before a key is read differently"),
    ("topics: [a, ?b]\n", "'?b': a '?' before a key is read differently"),
]


@pytest.mark.parametrize("text, message", YAML12)
def test_text_yaml_1_2_rejects_is_a_syntax_error_in_both_readers(text, message):
    from swapwatch.live import fastyaml
    from swapwatch.yamlsource import parse_bytes

    quick, plain = fastyaml.parse(text.encode(), "f.yaml"), parse_bytes(text.encode(), "f.yaml")
    assert quick.problems == plain.problems and quick.value is plain.value is None
    assert [(p.code, message in p.message) for p in plain.problems] == [("yaml-syntax", True)]


@pytest.mark.parametrize("text, value", [
    ('title: "value" # note\n', {"title": "value"}), ("title: value# not a comment\n", {"title": "value# not a comment"}),
    ('title: "#1 swap"\n', {"title": "#1 swap"}), ("text: |\n  last line", {"text": "last line\n"}),
    ("text: >-\n  folded", {"text": "folded"})
])
def test_text_yaml_1_2_accepts_reads_the_same_in_both_readers(text, value):
    from swapwatch.live import fastyaml
    from swapwatch.yamlsource import parse_bytes

    quick, plain = fastyaml.parse(text.encode(), "f.yaml"), parse_bytes(text.encode(), "f.yaml")
    assert (quick.value, quick.problems) == (plain.value, plain.problems) == (value, [])


def test_a_comment_glued_to_a_quote_is_reported_by_validate_the_command_and_the_dashboard(folder):
    store = Store(Path("data"), articles_dir=None)
    store.database()
    line = edit(folder / "events.yaml", r"^(\s+)title: Belarus frees a Norwegian activist$",
                r'\1title: "Belarus frees a Norwegian activist"# checked')
    expected = [p for p in problems(folder) if p.startswith(f"data/events.yaml:{line}: yaml-syntax: ")]
    assert expected and expected[0] in command(folder).stdout.splitlines()
    db = store.database()
    assert expected[0] in [str(p) for p in db.dataset.problems] and store_counts(db) == GOOD_COUNTS


def test_a_title_giving_one_sides_version_of_disputed_legs_is_not_a_contradiction(folder):
    edit(folder / "events.yaml", "swap 1,000 for 1,000 in three stages", "swap 1,000 for 900 in three stages")
    assert not [p for p in problems(folder) if "title-numbers" in p]  # the event disagrees on its legs


@pytest.mark.parametrize("pattern, replacement", [
    (r"^(\s+)name: Ann Example$", r"\1name: Ann Example\n\1name: Ann Example"),  # a key written twice
    (r"roles: \[detainee, teacher\]", "roles: &r [detainee, teacher]"),          # an anchor
    (r"name: Ann Example", "name: !!str Ann Example"),                           # a tag
    (r"aliases: \[Anne Example, Ann Ekzampl\]", "aliases: [Anne Example, Ann Ekzampl"),  # a syntax error
], ids=["duplicate key", "anchor", "tag", "syntax error"])
def test_references_to_a_file_that_cannot_be_read_come_after_its_problem_and_name_it(folder, pattern, replacement):
    edit(folder / "people.yaml", pattern, replacement)
    listed = problems(folder)
    cause = next(n for n, p in enumerate(listed) if p.startswith("data/people.yaml:"))
    knock_ons = [n for n, p in enumerate(listed) if ": knock-on: " in p]
    assert knock_ons and min(knock_ons) > cause
    assert all(listed[n].endswith("(data/people.yaml could not be read: see its problem above)") for n in knock_ons)
    assert "data/events.yaml:20: knock-on: no person with id 'ann-example' (data/people.yaml could not be read: " \
           "see its problem above)" in listed
    assert not [p for p in listed if ": foreign-key: " in p]
    errors = [p for p in listed if ": warning: " not in p]
    assert [line for line in command(folder).stdout.splitlines() if line.startswith("data/")] == errors
    assert [str(p) for p in Store(Path("data"), articles_dir=None).database().dataset.problems] == listed
    health = load_dataset(Path("data"), articles_dir=None).run("data_problems", limit=None)
    shown = [f"{row.file}:{row.line}: {row.code}" for row in health.itertuples() if row.severity == "error"]
    assert shown == [p.split(": ", 2)[0] + ": " + p.split(": ", 2)[1] for p in errors]


def test_the_ids_of_a_file_that_cannot_be_read_are_found_line_by_line_past_its_error():
    raw = b"""\
sources:
  - {id: src-a, outlet: X}
people:
  - id: 'ann-example'
    name: [unclosed
  - id: "bob"   # a comment
notes:
  - id: not-a-record
events:
  - kind: exchange
    id: swap-1
    summary: The talks' id: not-an-id, said someone.
"""
    assert lostids.scan(raw) == (("sources", "src-a"), ("people", "ann-example"), ("people", "bob"),
                                 ("events", "swap-1"))

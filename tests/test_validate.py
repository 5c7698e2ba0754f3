"""The validator on small broken files: each gives exactly the `path:line: code: message` lines expected.

Every file in tests/data/bad/ is checked on its own (so each is a complete little dataset with its
own sources); tests/data/bad/duplicate-ids/ is checked as one folder.
"""

import os
import shutil
from pathlib import Path

import pytest

from swapwatch.validate import data_files, validate_dir, validate_documents
from swapwatch.yamlsource import read_yaml
from swapwatch.records import Event
from tests.conftest import BAD_DIR, PROJECT_DIR, allowed_fields

STATUSES = "proposed, announced, agreed, underway, completed, disputed, cancelled"
EVENT_FIELDS = allowed_fields(Event)  # (a field added to events needs no change here)
COMMA_IN_BRACES = ("inside { } a comma separates fields, so write numbers without commas (1000, not 1,000) "
                   "and put text that contains a comma in quotes")
NOT_A_COUNT = "must be a whole number written with digits only (like 390)"
NO_TAGS = "are not allowed; remove the tag and write the plain value"

# file in tests/data/bad -> the problems it must give, as "line: code: message" (the path is added)
CASES = {
    "syntax-unclosed-list.yaml": ["12: yaml-syntax: YAML syntax error: did not find expected ',' or ']' "
                                  "(while parsing a flow sequence that starts at line 11); close the list with ']'"],
    "syntax-colon-in-text.yaml": ["9: yaml-syntax: YAML syntax error: mapping values are not allowed in this "
                                  "context; text that contains ': ' must be in quotes"],
    "syntax-tab-indentation.yaml": ["10: yaml-syntax: YAML syntax error: found a tab character that violates "
                                    "indentation (while scanning a plain scalar that starts at line 9); "
                                    "indent with spaces, not tabs"],
    "duplicate-key.yaml": ["11: duplicate-key: key 'title' appears twice in this mapping (first at line 9); keep one"],
    "anchor.yaml": ["9: anchor-not-allowed: anchors (&t) are not allowed; write each value out in full"],
    "alias.yaml": ["10: alias-not-allowed: aliases (*t) are not allowed; write the value out in full"],
    "tag-python-object.yaml": [f"10: tag-not-allowed: tags like '!!python/object/apply:os.system' {NO_TAGS}"],
    "tag-int.yaml": [f"15: tag-not-allowed: tags like '!!int' {NO_TAGS}"],
    "tag-str.yaml": [f"9: tag-not-allowed: tags like '!!str' {NO_TAGS}"],
    "two-documents.yaml": ["4: multiple-documents: a file holds one YAML document; "
                           "remove the second '---' or split the file"],
    "bare-list.yaml": ["1: bad-file: a data file must be a mapping with any of the lists "
                       "'sources:', 'people:', 'events:', 'quotes:'"],
    "empty.yaml": ["1: warning: empty-file: the file holds no records"],
    "unknown-list.yaml": ["4: unknown-field: unknown list 'evnets' — did you mean 'events'?; "
                          "a data file holds sources, people, events, quotes"],
    "unknown-field.yaml": [f"10: unknown-field: unknown field 'staus' — did you mean 'status'?; "
                           f"allowed here: {EVENT_FIELDS}"],
    "missing-field.yaml": ["5: missing-field: required field 'summary' is missing"],
    "list-where-text-expected.yaml": ["9: bad-type: 'title': must be text, not a list"],
    "text-where-list-expected.yaml": ["7: bad-type: 'roles' must be a list, like [a, b] or one '- item' per line; "
                                      "got 'detainee'"],
    "bad-choice.yaml": [f"7: bad-choice: 'status' must be one of: {STATUSES}; got 'complete' "
                        "— did you mean 'completed'?"],
    "impossible-date.yaml": ["8: bad-date: 'date': '2025-02-30' is not a real calendar date: 2025-02 has 28 days"],
    "date-in-words.yaml": ["8: bad-date: 'date': date must be YYYY, YYYY-MM or YYYY-MM-DD, got '23 May 2025'; "
                           "did you mean '2025-05-23'?"],
    "count-with-underscore.yaml": [f"17: bad-number: 'count': {NOT_A_COUNT}, got '1_000'"],
    "count-with-comma.yaml": [f"17: bad-number: 'count': {NOT_A_COUNT}, got '1,000'"],
    "count-with-comma-in-braces.yaml": [f"15: unknown-field: unknown field '000'; {COMMA_IN_BRACES}"],
    "count-with-leading-zero.yaml": [f"15: bad-number: 'count': {NOT_A_COUNT}, got '010'"],
    "dangling-source.yaml": [
        "2: warning: unused-source: source 'example-news-20250523' is not cited by any record",
        "11: foreign-key: no source with id 'example-news-20250532' — did you mean 'example-news-20250523'?"],
    "dangling-person.yaml": ["21: foreign-key: no person with id 'ann-exampel' — did you mean 'ann-example'?"],
    "dangling-speaker.yaml": ["12: foreign-key: no person with id 'mina-oficial' — did you mean 'mina-official'?"],
    "dangling-event.yaml": ["12: foreign-key: no event with id '2025-05-23-swop' — did you mean '2025-05-23-swap'?"],
    "leg-country-not-listed.yaml": ["15: leg-country: BLR receives people in this leg, so it must be in the event's "
                                    "countries as receiving; add '- {country: BLR, role: receiving}' under countries"],
    "leg-from-equals-to.yaml": ["15: bad-leg: a leg goes from one country to another; both are UKR"],
    "leg-names-more-people-than-count.yaml": ["26: bad-count: the leg names 2 people but its count is 1"],
    "end-date-before-date.yaml": ["11: date-order: end_date 2025-05-20 is before date 2025-05-23"],
    "released-before-arrested.yaml": ["12: date-order: released 2023-05-31 is before arrested 2023-06"],
    "disagreement-with-one-value.yaml": ["14: too-few: 'values' must list at least 2 items"],
    "disagreement-on-no-such-field.yaml": ["12: unknown-field: disagreement field 'counts' is not a field of this "
                                           "record — did you mean 'countries'?"],
    "programme-with-legs.yaml": ["14: programme-legs: event '2025-06-swap-programme' has legs, but other events "
                                 "name it as their whole (part-of), so its stages carry the people moved and its "
                                 "own legs would count them twice; move the legs to the stages, or remove the "
                                 "part-of links"],
    "valid-beside-invalid.yaml": [f"7: bad-choice: 'status' must be one of: {STATUSES}; got 'done'"],
    "one-mistake-reported-once.yaml": [f"20: bad-choice: 'status' must be one of: {STATUSES}; got 'complete' "
                                       "— did you mean 'completed'?"],
}


def check_file(name: str):
    shown = f"tests/data/bad/{name}"
    return validate_documents([read_yaml(BAD_DIR / name, shown)])


@pytest.mark.parametrize("name, expected", CASES.items(), ids=list(CASES))
def test_each_broken_file_gives_exactly_its_problems_at_their_lines(name, expected):
    problems = [str(p) for p in check_file(name).problems]
    assert problems == [f"tests/data/bad/{name}:{line}" for line in expected]


def test_every_file_in_the_bad_folder_has_a_case():
    assert sorted(p.name for p in BAD_DIR.glob("*.yaml")) == sorted(CASES)


def test_a_valid_record_next_to_an_invalid_one_is_still_loaded():
    records = check_file("valid-beside-invalid.yaml").records
    assert [item.record.id for item in records["events"]] == ["2025-05-23-swap"]
    assert [item.record.id for item in records["sources"]] == ["example-news-20250523"]


def test_records_pointing_at_a_rejected_record_are_kept_and_not_reported_again():
    records = check_file("one-mistake-reported-once.yaml").records
    assert {kind: [item.record.id for item in items] for kind, items in records.items()} == {
        "sources": ["example-news-20250523"], "people": ["ann-example"],
        "events": ["2025-05-30-follow-up"], "quotes": ["ann-example-20250523-home"]}


SHOWN = ", whose record is shown (it was there first); this one is left out until one of the two ids is changed: " \
    "ids must be unique across all files"


@pytest.mark.parametrize("older, newer", [("a", "b"), ("b", "a")])
def test_of_two_records_with_one_id_the_one_in_the_file_changed_longest_ago_is_kept(tmp_path, monkeypatch,
                                                                                      older, newer):
    shutil.copytree(BAD_DIR / "duplicate-ids", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    os.utime(tmp_path / "data" / f"{older}.yaml", ns=(1_000_000_000, 1_000_000_000))
    dataset = validate_dir(Path("data"))
    lines = {"a": (2, 5), "b": (2, 12)}
    assert [str(p) for p in dataset.problems] == [
        f"data/{newer}.yaml:{lines[newer][0]}: duplicate-id: source id 'example-news-20250523' is already used at "
        f"data/{older}.yaml:{lines[older][0]}" + SHOWN,
        f"data/{newer}.yaml:{lines[newer][1]}: duplicate-id: event id '2025-05-23-swap' is already used at "
        f"data/{older}.yaml:{lines[older][1]}" + SHOWN]
    shown = {item.record.id: item.file for item in dataset.records["events"]}
    assert shown["2025-05-23-swap"] == f"data/{older}.yaml"


def test_data_files_are_the_yaml_files_and_their_leftover_copies_in_a_stable_order_without_hidden_ones(tmp_path):
    for name in ("b.yaml", "a.yml", "sub/c.yaml", ".hidden.yaml", ".git/d.yaml", "notes.txt", "e.yaml.bak",
                 "F.YAML", "g.Yml", ".#b.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    assert [p.relative_to(tmp_path).as_posix() for p in data_files(tmp_path)] == [
        ".#b.yaml", "F.YAML", "a.yml", "b.yaml", "e.yaml.bak", "g.Yml", "sub/c.yaml"]


def test_a_directory_named_like_a_yaml_file_is_reported_and_the_other_files_still_load(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.yaml").mkdir()
    (tmp_path / "sources.yaml").write_text("sources:\n  - id: a\n    outlet: A\n")
    dataset = validate_dir(tmp_path)
    assert [str(p) for p in dataset.problems] == [
        "sources.yaml:2: warning: unused-source: source 'a' is not cited by any record",
        "x.yaml:1: not-a-file: this is a directory, not a YAML file"]
    assert dataset.count("sources") == 1


@pytest.mark.parametrize("raw, expected", [
    (b"sources:\n  - id: a\n    outlet: Caf\xe9 News\n",
     ["f.yaml:3: bad-encoding: byte 0xe9 is not valid UTF-8; save the file as UTF-8"]),
    (b"\xef\xbb\xbfsources:\n  - id: a\n    outlet: A\n",
     ["f.yaml:2: warning: unused-source: source 'a' is not cited by any record"]),
])
def test_encoding_problems_are_reported_and_a_byte_order_mark_is_not_one(tmp_path, monkeypatch, raw, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f.yaml").write_bytes(raw)
    assert [str(p) for p in validate_dir(tmp_path).problems] == expected


def test_a_missing_data_folder_is_one_problem(tmp_path):
    assert [str(p) for p in validate_dir(tmp_path / "nowhere").problems] == [
        f"{tmp_path / 'nowhere'}:1: no-data-dir: data folder not found"]

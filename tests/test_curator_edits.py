"""A curator's edit never crashes, blanks or silently changes a briefing (issue 13).

Each class of edit is checked three ways, as in test_hostile_files: the validator, the `validate`
command (exit code, no traceback) and the dashboard's Store with the edit made while it is open.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from swapwatch import limits
from swapwatch.load import Store, create_database, load_dataset
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

"""Hostile and broken files: each gives one clear `path:line: code: message`, in bounded time and memory.

The corpus is tests/data/hostile/ (small files kept byte for byte) plus files made at test time that
would be megabytes, or cannot be committed at all (a folder named x.yaml, links, a pipe, an unreadable
file, a name that is not UTF-8). Every case sits in a copy of tests/data/good and is checked three
ways: the validator, the `validate` command (exit 1, no traceback) and the dashboard's Store. In each
the good files' records are all still there: a hostile file costs only its own records.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from swapwatch.live import Store
from swapwatch.validate import validate_dir
from swapwatch.yamlsource import MAX_FILE_BYTES, MAX_LISTED, MAX_VALUES
from tests.conftest import GOOD_DIR, TESTS_DIR
from tests.test_broken_copies import validate as validate_command
from tests.test_cli import PROBLEM_LINE

HOSTILE_DIR = TESTS_DIR / "data" / "hostile"
GOOD_COUNTS = {"sources": 5, "people": 7, "events": 4, "quotes": 2}
SOURCE = "example-news-20240312-airport-swap"  # a source of tests/data/good, for records that must cite one
NOT_REGULAR = "this is not a regular file (a pipe, socket or device?); replace it with a plain text file"
NO_TAGS = "are not allowed; remove the tag and write the plain value"
ODD_BREAK = "an invisible character that YAML reads as a line break; replace it with a space or a real line break"


@contextlib.contextmanager
def time_limit(seconds: int):
    """Fail (rather than hang) if the block runs longer than seconds: a guard, not a speed test."""
    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def memory_limit(megabytes: int):
    """Fail if the block's Python allocations peak above megabytes (tracemalloc)."""
    tracemalloc.start()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < megabytes * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


# --- the files -----------------------------------------------------------------------------------

# committed file -> the problems it gives (as "line: code: message"); [] means it is accepted
COMMITTED = {
    "python-object-apply.yaml": [f"4: tag-not-allowed: tags like '!!python/object/apply:os.system' {NO_TAGS}"],
    "python-object-new.yaml": [f"2: tag-not-allowed: tags like '!!python/object/new:subprocess.Popen' {NO_TAGS}"],
    "python-name.yaml": [f"3: tag-not-allowed: tags like '!!python/name:os.system' {NO_TAGS}"],
    "alias-bomb.yaml": ["2: anchor-not-allowed: anchors (&a) are not allowed; write each value out in full"],
    "invalid-utf8.yaml": ["4: bad-encoding: byte 0xe9 is not valid UTF-8; save the file as UTF-8"],
    "utf8-bom.yaml": [],
    "utf16.yaml": ["1: bad-encoding: the file is saved as UTF-16; save it as UTF-8"],
    "utf16-no-bom.yaml": ["1: bad-encoding: the file is saved as UTF-16; save it as UTF-8"],
    "utf32.yaml": ["1: bad-encoding: the file is saved as UTF-32; save it as UTF-8"],
    "empty.yaml": ["1: warning: empty-file: the file holds no records"],
    "only-comments.yaml": ["1: warning: empty-file: the file holds no records"],
    "nul-byte.yaml": ["4: bad-encoding: the file contains a NUL byte; is it binary?"],
    "tab-indentation.yaml": ["4: yaml-syntax: YAML syntax error: found a tab character that violates indentation "
                             "(while scanning a plain scalar that starts at line 3); indent with spaces, not tabs"],
    "top-level-list.yaml": ["2: bad-file: a data file must be a mapping with any of the lists "
                            "'sources:', 'people:', 'events:', 'quotes:'"],
    "top-level-scalar.yaml": ["2: bad-file: a data file must be a mapping with any of the lists "
                              "'sources:', 'people:', 'events:', 'quotes:'"],
    "mixed-line-endings.yaml": [],
    "lone-carriage-return.yaml": [f"3: bad-character: the file contains U+000D CARRIAGE RETURN, {ODD_BREAK}"],
    "line-separator.yaml": [f"4: bad-character: the file contains U+2028 LINE SEPARATOR, {ODD_BREAK}"],
    "control-character.yaml": ["4: bad-character: the file contains U+0007, a control character YAML does not "
                               "allow; remove it (it is usually invisible)"],
    "line-break-in-a-date.yaml": ["6: bad-date: 'date': date must be YYYY, YYYY-MM or YYYY-MM-DD, got '2025\\n05'"],
    "two-documents.yaml": ["3: multiple-documents: a file holds one YAML document; remove the second '---' "
                           "or split the file"],
}
# accepted committed files -> the people they add
ACCEPTED_PEOPLE = {"utf8-bom.yaml": 1, "mixed-line-endings.yaml": 1}


def person(n: int, padding: int = 0) -> str:
    """One valid person record citing a good source, about 300 + padding bytes long."""
    return (f"  - id: generated-person-{n:06d}\n    name: Generated Person {n}\n    roles: [other]\n"
            f"    title: A person made up by the test to fill a file\n"
            f"    description: >-\n      {'Words of a description that runs on for a while. ' * 3}{'x' * padding}\n"
            f"    sources: [{SOURCE}]\n")


def just_under_the_limit(folder: Path) -> int:
    """A valid file one byte under MAX_FILE_BYTES: realistic records, then a comment; returns its records."""
    parts, size, n = ["people:\n"], len("people:\n"), 0
    while size + 2 * len(person(n, 400)) + 100 < MAX_FILE_BYTES:
        parts.append(person(n, 400))
        size += len(parts[-1])
        n += 1
    fill = MAX_FILE_BYTES - size - 3
    parts.append("#" + "=" * fill + "\n")
    (folder / "just-under.yaml").write_text("".join(parts), encoding="utf-8")
    assert (folder / "just-under.yaml").stat().st_size == MAX_FILE_BYTES - 1
    return n


@dataclass
class Made:
    """A hostile file made at test time: its name, the problems it gives and the people it adds."""
    name: str
    make: Callable[[Path], None]
    expected: list[str]
    people: int = 0


def write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return make


def chain(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        for step in steps:
            step(folder)
    return make


def bad_name(folder: Path) -> None:
    """A file whose name is not UTF-8 (byte 0xFF), where the file system allows one."""
    try:
        (folder / os.fsdecode(b"bad\xffname.yaml")).write_text("people: []\n")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")


TOO_DEEP = "too-deep: nesting deeper than 40 levels is not allowed"
MADE = [
    Made("deep-flow-lists.yaml", write("deep-flow-lists.yaml", "[" * 10_000), [f"1: {TOO_DEEP}"]),
    Made("deep-flow-mappings.yaml", write("deep-flow-mappings.yaml", "{a: " * 10_000), [f"1: {TOO_DEEP}"]),
    Made("deep-block-lists.yaml", write("deep-block-lists.yaml", "- " * 10_000 + "x\n"), [f"1: {TOO_DEEP}"]),
    Made("deep-block-mappings.yaml",
         write("deep-block-mappings.yaml", "".join(" " * d + f"k{d}:\n" for d in range(2_000))), [f"41: {TOO_DEEP}"]),
    Made("over-the-limit.yaml", write("over-the-limit.yaml", "people: []\n" + "#" * MAX_FILE_BYTES + "\n"),
         [f"1: file-too-large: file is {MAX_FILE_BYTES + 12:,} bytes; the limit is {MAX_FILE_BYTES:,} — "
          "split it into several files"]),
    Made("many-values.yaml", write("many-values.yaml", "people:\n" + "  - a\n" * (MAX_VALUES + 10)),
         [f"{MAX_VALUES - 1}: too-many-values: a file may hold at most {MAX_VALUES:,} values (keys, list items and "
          "texts); split it into several files"]),
    Made("long-line.yaml", write("long-line.yaml", "people:\n" + person(1).replace(
             "    roles: [other]\n", "    roles: [other]\n    born: " + "9" * 2_000_000 + "\n")),
         ["5: bad-date: 'born': date must be YYYY, YYYY-MM or YYYY-MM-DD, got '" + "9" * 80 + "…' "
          "(2,000,000 characters)"]),
    Made("long-key.yaml", write("long-key.yaml", "people:\n  - id: long-key\n    " + "k" * 2_000_000 + ": 1\n"),
         ["3: yaml-syntax: YAML syntax error: could not find expected ':' (while scanning a simple key); "
          "a key may be at most 1024 characters long; is a line break or a ': ' missing?"]),
    Made("long-text.yaml", write("long-text.yaml", "people:\n" + person(2, 1_000_000)),
         ["6: too-long: 'description': text may be at most 20,000 characters long; this one has 1,000,147"]),
    Made("x.yaml", lambda folder: (folder / "x.yaml").mkdir(), ["1: not-a-file: this is a directory, not a YAML file"]),
    Made("loop.yaml", lambda folder: (folder / "loop.yaml").symlink_to("loop.yaml"),
         ["1: bad-link: this is a symbolic link that leads back to itself; remove it or point it at a file"]),
    Made("dangling.yaml", lambda folder: (folder / "dangling.yaml").symlink_to("nowhere.yml"),
         ["1: bad-link: this is a symbolic link to 'nowhere.yml', which does not exist"]),
    Made("pipe.yaml", lambda folder: os.mkfifo(folder / "pipe.yaml"), [f"1: not-a-file: {NOT_REGULAR}"]),
    Made("endless.yaml", lambda folder: (folder / "endless.yaml").symlink_to("/dev/zero"),
         [f"1: not-a-file: {NOT_REGULAR}"]),
    Made("bad\ufffdname.yaml", bad_name,
         ["1: bad-file-name: the file name is not valid UTF-8, so it cannot be shown or read reliably; "
          "rename the file"]),
]
@pytest.fixture
def folder(tmp_path, monkeypatch):
    """tmp_path/data holding a copy of tests/data/good; the working folder is tmp_path (names: data/x.yaml)."""
    data = tmp_path / "data"
    shutil.copytree(GOOD_DIR, data)
    monkeypatch.chdir(tmp_path)
    return data


def problems_of(problems, name: str) -> list[str]:
    prefix = f"data/{name}:"
    return [str(p)[len(prefix):] for p in problems if str(p).startswith(prefix)]


def others(problems, names) -> list[str]:
    return [str(p) for p in problems if not any(str(p).startswith(f"data/{n}:") for n in names)]


def counts(dataset) -> dict[str, int]:
    return {kind: dataset.count(kind) for kind in GOOD_COUNTS}


def with_people(extra: int) -> dict[str, int]:
    return {**GOOD_COUNTS, "people": GOOD_COUNTS["people"] + extra}


CASES = [pytest.param(name, lambda folder, name=name: shutil.copy(HOSTILE_DIR / name, folder), expected,
                      ACCEPTED_PEOPLE.get(name, 0), id=name) for name, expected in COMMITTED.items()]
CASES += [pytest.param(made.name, made.make, made.expected, made.people, id=made.name) for made in MADE]


def test_every_committed_hostile_file_has_a_case():
    assert sorted(p.name for p in HOSTILE_DIR.glob("*.yaml")) == sorted(COMMITTED)


# --- the validator ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name, make, expected, people", CASES)
def test_a_hostile_file_gives_its_problem_and_the_other_files_still_load(folder, name, make, expected, people):
    make(folder)
    with time_limit(60), memory_limit(100):
        dataset = validate_dir(folder)
    assert problems_of(dataset.problems, name) == expected
    assert others(dataset.problems, [name]) == []
    assert counts(dataset) == with_people(people)


def test_a_file_just_under_the_size_limit_is_read_whole_within_bounded_memory(folder):
    people = just_under_the_limit(folder)
    with time_limit(120), memory_limit(100):
        dataset = validate_dir(folder)
    assert dataset.problems == []
    assert counts(dataset) == with_people(people)


def test_a_file_of_thousands_of_broken_records_lists_the_first_hundred_problems_then_counts_the_rest(folder):
    (folder / "broken.yaml").write_text("people:\n" + "  - just text\n" * 50_000)
    with time_limit(60), memory_limit(100):
        dataset = validate_dir(folder)
    listed = problems_of(dataset.problems, "broken.yaml")
    assert len(listed) == MAX_LISTED + 1
    assert listed[0] == "2: bad-type: record must be a mapping of fields (key: value); got 'just text'"
    assert listed[-1] == (f"{MAX_LISTED + 2}: too-many-problems: {50_000 - MAX_LISTED:,} more problems from this "
                          f"line on are not listed (the first {MAX_LISTED} are); fix those and check again")
    assert counts(dataset) == GOOD_COUNTS


def test_thousands_of_dangling_references_are_checked_in_bounded_time(folder):
    people = "".join(f"  - {{id: person-{n:05d}, name: P, roles: [other], description: d, sources: [{SOURCE}]}}\n"
                     for n in range(3_000))
    quotes = "".join(f"  - {{id: quote-{n:05d}, speaker: persn-{n:05d}, date: 2025-01-01, text: t, context: c, "
                     f"language: en, channel: statement, sources: [{SOURCE}]}}\n" for n in range(10_000))
    (folder / "dangling.yaml").write_text(f"people:\n{people}quotes:\n{quotes}")
    with time_limit(60), memory_limit(100):
        dataset = validate_dir(folder)
    listed = problems_of(dataset.problems, "dangling.yaml")
    assert len(listed) == MAX_LISTED + 1
    assert listed[0] == "3003: foreign-key: no person with id 'persn-00000' — did you mean 'person-00000'?"
    assert listed[-1].startswith(f"{3003 + MAX_LISTED}: too-many-problems: {10_000 - MAX_LISTED:,} more problems")
    assert counts(dataset) == with_people(3_000)


def test_a_file_that_vanishes_between_listing_and_reading_is_reported_and_the_rest_load(folder, monkeypatch):
    shutil.copy(HOSTILE_DIR / "utf8-bom.yaml", folder / "vanishing.yaml")
    vanish_when_read(monkeypatch, "vanishing.yaml")
    dataset = validate_dir(folder)
    assert problems_of(dataset.problems, "vanishing.yaml") == [
        "1: file-vanished: the file was removed or renamed while it was being read; it is read again at the next "
        "check"]
    assert counts(dataset) == GOOD_COUNTS


def vanish_when_read(monkeypatch, name: str) -> None:
    """Delete the file called name when it is opened (after it was listed and stat()ed), as a rename would."""
    original = Path.open

    def open_(self, mode="r", *args, **kwargs):
        if self.name == name and "r" in mode and self.exists():
            self.unlink()
        return original(self, mode, *args, **kwargs)
    monkeypatch.setattr(Path, "open", open_)


def deny_reading(monkeypatch, name: str) -> None:
    """Make opening the file called name fail as without read permission (works as root too)."""
    original = Path.open

    def open_(self, mode="r", *args, **kwargs):
        if self.name == name and "r" in mode:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return original(self, mode, *args, **kwargs)
    monkeypatch.setattr(Path, "open", open_)


UNREADABLE = ["1: unreadable: cannot read the file: permission denied; make it readable (chmod a+r)"]


def test_a_file_that_cannot_be_read_is_reported_and_the_rest_load(folder, monkeypatch):
    shutil.copy(HOSTILE_DIR / "utf8-bom.yaml", folder / "secret.yaml")
    deny_reading(monkeypatch, "secret.yaml")
    dataset = validate_dir(folder)
    assert problems_of(dataset.problems, "secret.yaml") == UNREADABLE
    assert counts(dataset) == GOOD_COUNTS


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission_is_reported_and_the_rest_load(folder):
    shutil.copy(HOSTILE_DIR / "utf8-bom.yaml", folder / "secret.yaml")
    (folder / "secret.yaml").chmod(0)
    dataset = validate_dir(folder)
    assert problems_of(dataset.problems, "secret.yaml") == UNREADABLE
    assert counts(dataset) == GOOD_COUNTS


def test_a_folder_whose_links_loop_back_is_not_walked_forever(folder):
    (folder / "again").symlink_to(".")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")
    with time_limit(30):
        dataset = validate_dir(folder)
    assert dataset.problems == []
    assert counts(dataset) == GOOD_COUNTS


# --- the command line --------------------------------------------------------------------------------


def test_the_validate_command_reports_every_hostile_file_exits_1_and_never_shows_a_traceback(folder):
    for name in COMMITTED:
        shutil.copy(HOSTILE_DIR / name, folder)
    for made in MADE:
        made.make(folder)
    result = validate_command(folder)
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Traceback" not in result.stderr and result.stderr == ""
    *lines, summary = result.stdout.splitlines()
    assert [line for line in lines if not PROBLEM_LINE.match(line)] == []
    expected = [f"data/{name}:{problem}" for name, problems in COMMITTED.items() for problem in problems]
    expected += [f"data/{made.name}:{problem}" for made in MADE for problem in made.expected]
    assert sorted(lines) == sorted(p for p in expected if ": warning: " not in p)  # --no-warnings
    people = GOOD_COUNTS["people"] + sum(ACCEPTED_PEOPLE.values()) + sum(made.people for made in MADE)
    assert summary.endswith(f"loaded 5 sources, {people} people, 4 events, 2 quotes")


# --- the dashboard's store -----------------------------------------------------------------------------


def store_counts(db) -> dict[str, int]:
    table = db.table_counts()
    return {kind: table[kind] for kind in GOOD_COUNTS}


def listed_problems(db, name: str) -> list[str]:
    rows = db.run("data_problems")
    prefix = f"data/{name}"
    return [f"{r.line}: " + ("warning: " if r.severity == "warning" else "") + f"{r.code}: {r.message}"
            for r in rows.itertuples() if r.file == prefix]


@pytest.mark.parametrize("name, make, expected, people", CASES)
def test_the_dashboard_shows_the_valid_records_and_lists_the_hostile_files_problem(folder, name, make, expected,
                                                                                     people):
    make(folder)
    with time_limit(60):
        db = Store(Path("data"), articles_dir=None).database()
    assert store_counts(db) == with_people(people)
    assert listed_problems(db, name) == expected


def test_the_dashboard_lists_a_file_that_vanished_while_read_and_forgets_it_at_the_next_check(folder, monkeypatch):
    store = Store(Path("data"), articles_dir=None)
    store.database()
    shutil.copy(HOSTILE_DIR / "utf8-bom.yaml", folder / "vanishing.yaml")
    vanish_when_read(monkeypatch, "vanishing.yaml")
    db = store.database()
    assert [p.split(":")[1].strip() for p in listed_problems(db, "vanishing.yaml")] == ["file-vanished"]
    assert store_counts(db) == GOOD_COUNTS
    db = store.database()
    assert listed_problems(db, "vanishing.yaml") == []
    assert db.dataset.errors == []


def test_the_dashboard_lists_a_file_it_cannot_read_and_shows_the_rest(folder, monkeypatch):
    shutil.copy(HOSTILE_DIR / "utf8-bom.yaml", folder / "secret.yaml")
    deny_reading(monkeypatch, "secret.yaml")
    db = Store(Path("data"), articles_dir=None).database()
    assert listed_problems(db, "secret.yaml") == UNREADABLE
    assert store_counts(db) == GOOD_COUNTS


def test_a_hostile_edit_keeps_the_files_last_good_version_on_the_dashboard(folder):
    shutil.copy(HOSTILE_DIR / "utf8-bom.yaml", folder / "edited.yaml")
    store = Store(Path("data"), articles_dir=None)
    assert store_counts(store.database()) == with_people(1)
    for name in ("alias-bomb.yaml", "python-object-apply.yaml", "utf16.yaml", "nul-byte.yaml"):
        before = (folder / "edited.yaml").stat().st_mtime_ns
        shutil.copy(HOSTILE_DIR / name, folder / "edited.yaml")
        os.utime(folder / "edited.yaml", ns=(before + 1_000_000, before + 1_000_000))
        db = store.database()
        assert store_counts(db) == with_people(1), name
        codes = {p.code for p in db.dataset.problems if p.file == "data/edited.yaml"}
        assert "showing-last-good-version" in codes and len(codes) == 2, (name, codes)

"""The store's file-by-file checks and loads give exactly what checking and loading everything at once gives."""

import datetime as dt
import os
import re
import shutil

import pytest

from swapwatch import crossref, lostids
from swapwatch.live import writer
from bench import synth
from swapwatch.live import Store
from swapwatch.load import build_rows, create_database, load_dataset
from swapwatch.live.rows import TABLE_ORDER
from swapwatch.shapes import check_shapes
from swapwatch.validate import Dataset, data_files, display_name, validate_dir
from swapwatch.yamlsource import Problem, listing_order, read_yaml
from tests.conftest import BAD_DIR, GOOD_DIR, PROJECT_DIR, TESTS_DIR
from tests.test_queries import PROGRAMME

FOLDERS = [GOOD_DIR, BAD_DIR, BAD_DIR / "duplicate-ids", TESTS_DIR / "data" / "hostile", PROJECT_DIR / "data"]


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SWAPWATCH_CACHE", str(tmp_path / "cache"))


def rows(con) -> dict[str, list]:
    found = {table: sorted(con.execute(f"select * from {table}").fetchall(), key=repr) for table in TABLE_ORDER}
    found["problems"] = [tuple(untimed(v) for v in row) for row in found["problems"]]
    return found


def untimed(value):
    """A 'showing its last valid version (read <time>)' message without the time, which differs between runs."""
    return re.sub(r"\(read [0-9: -]+\)", "(read …)", value) if isinstance(value, str) else value


def listed(problems) -> list[str]:
    return [untimed(str(p)) for p in problems]


def record_places(dataset) -> set:
    return {(kind, item.file, item.line) for kind, items in dataset.records.items() for item in items}


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: str(f.relative_to(PROJECT_DIR)))
def test_a_store_reports_the_same_problems_and_keeps_the_same_records_as_validate(folder):
    expected = validate_dir(folder, PROJECT_DIR.parent / "shared" / "sources" / "articles")
    database = Store(folder).database()
    assert [str(p) for p in database.dataset.problems] == [str(p) for p in expected.problems]
    assert record_places(database.dataset) == record_places(expected)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: str(f.relative_to(PROJECT_DIR)))
def test_a_store_database_holds_the_same_rows_as_a_full_load(folder):
    assert rows(Store(folder).database().con) == rows(load_dataset(folder).con)


class ReferenceStore:
    """The store as it was before it worked file by file: everything checked and loaded again on each change."""

    def __init__(self, folder):
        self.folder, self.files = folder, {}

    def database(self):
        current = {display_name(p): p for p in data_files(self.folder)}
        for name in list(self.files):
            if name not in current:
                del self.files[name]
        for name, path in current.items():
            stamp = path.stat().st_mtime_ns, path.stat().st_size
            state = self.files.get(name)
            if state is None or state["stamp"] != stamp:
                single = Dataset()
                doc = read_yaml(path, name)
                single.problems.extend(doc.problems)
                if lostids.thrown_out(doc):
                    for kind, key in lostids.scan(path.read_bytes()):
                        single.lost[kind].setdefault(key, name)
                if not doc.problems:
                    check_shapes(doc, single)
                self.files[name] = dict(stamp=stamp, data=single, at=dt.datetime.now(),
                                        good=state["good"] if state else None)
        stale = {n for n, s in self.files.items() if s["good"] is not None and _failed(s["data"].problems)}
        dataset = self._compose(stale)
        failing = {p.file for p in dataset.errors} - stale
        newly = {n for n in failing if self.files[n]["good"] not in (None, self.files[n])}
        if newly:
            stale |= newly
            reasons = [p for p in dataset.problems if p.file in newly and p.severity == "error"]
            dataset = self._compose(stale)
            dataset.problems = sorted(dataset.problems + reasons, key=listing_order)
        failing = {p.file for p in dataset.errors}
        for name, state in self.files.items():
            if name not in stale and name not in failing:
                state["good"] = state
        return dataset, create_database(build_rows(dataset, self.folder))

    def _compose(self, stale):
        dataset = Dataset()
        for name, state in sorted(self.files.items()):
            dataset.files.append(name)
            used = state["good"] if name in stale else state
            for kind, items in used["data"].records.items():
                dataset.records[kind].extend(items)
            for kind, items in used["data"].rejected.items():
                dataset.rejected[kind].extend(items)
            for kind, lost in used["data"].lost.items():
                for key, file in lost.items():
                    dataset.lost[kind].setdefault(key, file)
            dataset.problems.extend(state["data"].problems)
            if name in stale:
                dataset.problems.append(Problem(
                    name, 1, "showing-last-good-version",
                    f"until the problems in this file are fixed, the dashboard shows its last valid version "
                    f"(read {used['at']:%Y-%m-%d %H:%M:%S})", severity="warning"))
        crossref.check_references(dataset, None)
        dataset.problems.sort(key=listing_order)
        return dataset


def _failed(problems):
    return any(p.severity == "error" for p in problems)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path.name, old)
    before = path.stat().st_mtime_ns
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


@pytest.fixture
def small(tmp_path, monkeypatch):
    monkeypatch.setattr(synth, "EVENTS_PER_FILE", 15)
    folder = tmp_path / "data"
    synth.generate(60, folder, seed=3)
    shutil.copy(GOOD_DIR / "events.yaml", folder / "good-events.yaml")
    shutil.copy(GOOD_DIR / "people.yaml", folder / "good-people.yaml")
    shutil.copy(GOOD_DIR / "sources.yaml", folder / "good-sources.yaml")
    (folder / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")  # a programme of two staged swaps
    return folder


EDITS = [
    ("synth-0001.yaml", "title: ", "title: Retitled "),                      # a plain edit
    ("synth-0002.yaml", "  - id: event-31\n", "  - id: event-2\n"),           # an id used twice, across files
    ("synth-0000.yaml", "  - id: src-3\n", "  - id: src-3-renamed\n"),       # a cited source vanishes
    ("synth-0003.yaml", "events:\n", "events:\n  - [unclosed\n"),            # a file breaks: last good version kept
    ("good-events.yaml", "sources: [", "sources: [no-such-source, "),        # a dangling reference, with a hint
    ("synth-0000.yaml", "  - id: src-3-renamed\n", "  - id: src-3\n"),       # the source comes back
    ("synth-0003.yaml", "events:\n  - [unclosed\n", "events:\n"),            # the broken file is fixed
    ("synth-0002.yaml", "  - id: event-2\n", "  - id: event-31\n"),           # the duplicate goes
    ("good-events.yaml", "sources: [no-such-source, ", "sources: ["),        # the reference is fixed
    ("synth-0001.yaml", "\nsources:\n", "\n# a comment\nsources:\n"),      # every record moves a line down
    ("synth-0002.yaml", "\npeople:\n", "\n    note: Added.\npeople:\n"),     # the last source of a list changes
    ("synth-0002.yaml", "    note: Added.\n", ""),                            # ...and back
    ("good-sources.yaml", "outlet: Example News", "outlet: Renamed News"),   # records in other files cite it
    ("good-sources.yaml", "outlet: Renamed News", "outlet: Example News"),   # ...and back
    ("good-events.yaml", "{event: 2025-05-16-istanbul-talks, relation: agreed-at",
     "{event: event-1, relation: part-of"),                                  # event-1, in another file, has legs
    ("good-events.yaml", "{event: event-1, relation: part-of",
     "{event: 2025-05-16-istanbul-talks, relation: agreed-at"),              # ...and is a single swap again
    ("good-events.yaml", "sources: [", "sources: [src-0, "),                 # a source in another file is cited once more
    ("good-events.yaml", "sources: [src-0, ", "sources: ["),                 # ...and once less
    ("good-people.yaml", "name: Mina Official", "name: Mina Renamed"),       # quoted in another file
    ("good-events.yaml", "title: Russia and Ukraine meet in Istanbul",
     "title: Talks in Istanbul"),                                            # a quote is about it
    ("good-events.yaml", "title: Russia and Ukraine swap 1,000 for 1,000 in three stages",
     "title: The three-day swap"),                                           # people in another file freed in it
    ("good-people.yaml", "released_in: 2025-05-23-three-day-swap",
     "released_in: 2024-03-12-airport-swap"),                                # freed in another event
    ("good-people.yaml", "released: 2024-03-12\n        released_in: 2024-03-12-airport-swap\n        note:",
     "released: 2024-04-12\n        released_in: 2024-03-12-airport-swap\n        note:"),  # released after the swap
    ("good-events.yaml", "date: 2024-03-12\n", "date: 2024-04-12\n"),     # the swap moves: Boris's release now disagrees
    ("good-events.yaml", "date: 2024-04-12\n", "date: 2024-03-12\n"),     # ...and back
    ("good-people.yaml", "released: 2024-04-12\n", "released: 2024-03-12\n"),
    ("good-people.yaml", "name: Boris Sample", "name: Boris Renamed"),       # whom Ann was exchanged for
    ("good-events.yaml", "count: 1\n        group: prisoners\n        people: [boris-sample]",
     "count: 2\n        group: prisoners\n        people: [boris-sample, carl-placeholder]"),  # and Carl
    ("good-people.yaml", "name: Boris Renamed", "name: Boris Sample"),       # ...and back
    ("good-events.yaml", "count: 2\n        group: prisoners\n        people: [boris-sample, carl-placeholder]",
     "count: 1\n        group: prisoners\n        people: [boris-sample]"),
    # Each of these changes one part of an event that the counts over every event read, and no other
    # (the writer redoes a count only when a part it reads changed: writer.REDONE_IF):
    ("good-events.yaml", "{from: RUS, to: UKR, count: 307, date: 2025-05-24}\n      - {from: UKR, to: RUS, count: 307,",
     "{from: RUS, to: UKR, count: 308, date: 2025-05-24}\n      - {from: UKR, to: RUS, count: 306,"),  # legs only
    ("good-events.yaml", "{country: TUR, role: host}", "{country: TUR, role: mediator}"),  # a country's role only
    ("good-events.yaml", "place: {country: BLR}", "place: {country: TUR}"),                  # where it was held only
    ("programme.yaml", "relation: part-of", "relation: related"),           # one stage of a programme...
    ("programme.yaml", "relation: part-of", "relation: related"),           # ...and the other: now a swap of its own
    ("programme.yaml", "relation: related", "relation: part-of"),           # ...and each is undone
    ("programme.yaml", "relation: related", "relation: part-of"),
    ("good-events.yaml", "place: {country: TUR}", "place: {country: BLR}"),
    ("good-events.yaml", "{country: TUR, role: mediator}", "{country: TUR, role: host}"),
    ("good-events.yaml", "{from: RUS, to: UKR, count: 308, date: 2025-05-24}\n      - {from: UKR, to: RUS, count: 306,",
     "{from: RUS, to: UKR, count: 307, date: 2025-05-24}\n      - {from: UKR, to: RUS, count: 307,"),
]


@pytest.mark.parametrize("recount_all", [writer.RECOUNT_ALL, 0], ids=["changes recounted", "all recounted"])
def test_edits_applied_one_file_at_a_time_give_what_loading_everything_again_gives(small, monkeypatch, recount_all):
    # how many records cite each source, and what rows show of other records: redone for what changed, or all
    monkeypatch.setattr(writer, "RECOUNT_ALL", recount_all)
    monkeypatch.setattr(writer, "RELABEL_ALL", recount_all)
    monkeypatch.setattr(writer, "COMPARE_CITED", recount_all)  # each record's sources compared, or none
    store, reference = Store(small, articles_dir=None), ReferenceStore(small)
    for step, (name, old, new) in enumerate([("", "", "")] + EDITS):
        if step:
            edit(small / name, old, new)
        got, (dataset, con) = store.database(), reference.database()
        assert listed(got.dataset.problems) == listed(dataset.problems), step
        assert rows(got.con) == rows(con), step
    (small / "synth-0001.yaml").unlink()
    got, (dataset, con) = store.database(), reference.database()
    assert listed(got.dataset.problems) == listed(dataset.problems)
    assert rows(got.con) == rows(con)


BROKEN_FROM_THE_START = {
    "a-quotes.yaml": """\
quotes:
  - id: q1
    speaker: zed-person
    date: 2024-01-01
    text: Hello.
    channel: statement
    context: At a briefing.
    sources: [s1]
""",
    "b-people.yaml": """\
sources:
  - {id: s1, outlet: Example News}
people:
  - id: zed-person
    name: Zed Person
    name: Zed Person
    roles: [official]
    description: A spokesperson.
    sources: [s1]
""",
}
KNOCK_ON_EDITS = [
    ("b-people.yaml", "id: zed-person", "id: zed-other"),          # still broken: the id it seems to define changes
    ("b-people.yaml", "id: zed-other", "id: zed-person"),          # ...and back
    ("b-people.yaml", "    name: Zed Person\n    name:", "    name:"),  # fixed: the references resolve
    ("b-people.yaml", "roles: [official]", "roles: &r [official]"),  # broken again: its last good version is shown
]


def test_knock_ons_of_a_file_that_cannot_be_read_are_settled_file_by_file_as_a_full_check_does(tmp_path):
    for name, text in BROKEN_FROM_THE_START.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store, reference = Store(tmp_path, articles_dir=None), ReferenceStore(tmp_path)
    seen = []
    for step, (name, old, new) in enumerate([("", "", "")] + KNOCK_ON_EDITS):
        if step:
            edit(tmp_path / name, old, new)
        got, (dataset, _) = store.database(), reference.database()
        assert listed(got.dataset.problems) == listed(dataset.problems), step
        seen.append([p.code for p in dataset.problems])
    assert seen == [["duplicate-key", "knock-on", "knock-on"], ["foreign-key", "duplicate-key", "knock-on"],
                    ["duplicate-key", "knock-on", "knock-on"], [], ["showing-last-good-version", "anchor-not-allowed"]]

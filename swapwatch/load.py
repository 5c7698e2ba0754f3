"""Validated records -> an in-memory DuckDB database."""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from swapwatch import ARTICLES_DIR, QUERIES_DIR
from swapwatch import records as r
from swapwatch.dates import precision, span
from swapwatch.db import Database
from swapwatch.crossref import check_references
from swapwatch.validate import Dataset, data_files, display_name, validate_dir
from swapwatch.validate import _check_shapes as check_shapes
from swapwatch.yamlsource import Problem, read_yaml

TABLE_ORDER = (
    "countries", "sources", "people", "person_aliases", "person_nationalities", "person_roles",
    "detentions", "events", "event_countries", "legs", "leg_people", "event_links", "event_topics",
    "quotes", "quote_topics", "citations", "disagreements", "disagreement_values", "problems",
    "data_files",
)


def load_dataset(data_dir: Path, articles_dir: Path | None = ARTICLES_DIR) -> Database:
    """Validate data_dir and load every valid record into a fresh in-memory database."""
    dataset = validate_dir(Path(data_dir), articles_dir)
    con = create_database(build_rows(dataset, Path(data_dir)))
    return Database(con, dataset)


def create_database(rows: dict[str, list[dict]]) -> duckdb.DuckDBPyConnection:
    """A new in-memory database with the schema and the given rows."""
    con = duckdb.connect(":memory:")
    con.execute((QUERIES_DIR / "schema" / "tables.sql").read_text())
    for table in TABLE_ORDER:
        table_rows = rows.get(table) or []
        if table_rows:
            con.append(table, pd.DataFrame(table_rows), by_name=True)
    con.execute((QUERIES_DIR / "schema" / "macros.sql").read_text())
    return con


def _start(text: str | None) -> dt.date | None:
    return span(text)[0] if text else None


def build_rows(dataset: Dataset, data_dir: Path) -> dict[str, list[dict]]:
    """The rows of every table, from a validated dataset."""
    rows: dict[str, list[dict]] = defaultdict(list)
    countries: set[str] = set()
    exchanged = _exchange_ids(dataset)

    def cite(record_type: str, record_id: str, part: str, sources) -> None:
        for source in sources:
            rows["citations"].append(dict(record_type=record_type, record_id=record_id, part=part,
                                          source_id=source))

    def disputes(record_type: str, item) -> None:
        for n, d in enumerate(item.record.disagreements, start=1):
            key = f"{item.record.id}/{n}"
            rows["disagreements"].append(dict(
                id=key, record_type=record_type, record_id=item.record.id, field=d.field, topic=d.topic,
                note=d.note, file=item.file, line=item.line_of("disagreements", n - 1)))
            for v, value in enumerate(d.values, start=1):
                rows["disagreement_values"].append(dict(disagreement_id=key, seq=v, value=value.value,
                                                        source_ids=list(value.sources)))

    for item in dataset.records["sources"]:
        s = item.record
        rows["sources"].append(dict(
            id=s.id, outlet=s.outlet, title=s.title, published=s.published,
            published_start=_start(s.published), published_note=s.published_note, url=s.url,
            article=s.article, wire=s.wire, language=s.language, note=s.note, reliability=s.reliability,
            file=item.file, line=item.line))

    for item in dataset.records["people"]:
        p = item.record
        rows["people"].append(dict(id=p.id, name=p.name, kind=p.kind, title=p.title,
                                   description=p.description, born=p.born, file=item.file, line=item.line))
        rows["person_aliases"] += [dict(person_id=p.id, alias=a) for a in p.aliases]
        rows["person_nationalities"] += [dict(person_id=p.id, country=c) for c in p.nationalities]
        rows["person_roles"] += [dict(person_id=p.id, role=role) for role in p.roles]
        countries.update(p.nationalities)
        cite("person", p.id, "", p.sources)
        for n, d in enumerate(p.detentions, start=1):
            status = "held" if d.released is None and d.released_in is None else (
                "exchanged" if d.released_in in exchanged else "released")
            rows["detentions"].append(dict(
                person_id=p.id, seq=n, held_by=d.held_by, arrested=d.arrested, arrested_start=_start(d.arrested),
                arrest_city=d.arrest_place.city if d.arrest_place else None,
                arrest_country=d.arrest_place.country if d.arrest_place else None,
                charge=d.charge, sentenced=d.sentenced, sentence=d.sentence, released=d.released,
                released_start=_start(d.released), released_in=d.released_in, note=d.note, status=status))
            countries.add(d.held_by)
            cite("person", p.id, f"detention {n}", d.sources)
        disputes("person", item)

    for item in dataset.records["events"]:
        e = item.record
        first, last = span(e.date)[0], span(e.end_date or e.date)[1]
        rows["events"].append(dict(
            id=e.id, kind=e.kind, status=e.status, date=e.date, end_date=e.end_date, date_start=first,
            date_end=last, date_precision=precision(e.date), date_note=e.date_note, title=e.title,
            summary=e.summary, place_country=e.place.country if e.place else None,
            place_city=e.place.city if e.place else None, place_venue=e.place.venue if e.place else None,
            file=item.file, line=item.line))
        if e.place:
            countries.add(e.place.country)
        for c in e.countries:
            rows["event_countries"].append(dict(event_id=e.id, country=c.country, role=c.role, note=c.note))
            countries.add(c.country)
        for n, leg in enumerate(e.legs, start=1):
            rows["legs"].append(dict(
                event_id=e.id, seq=n, from_country=leg.from_, to_country=leg.to, count=leg.count,
                grp=leg.group, date=leg.date, date_start=_start(leg.date) or first, note=leg.note))
            rows["leg_people"] += [dict(event_id=e.id, leg_seq=n, person_id=p) for p in leg.people]
            cite("event", e.id, f"leg {n}", leg.sources)
        rows["event_links"] += [dict(event_id=e.id, linked_event_id=k.event, relation=k.relation, note=k.note)
                                for k in e.links]
        rows["event_topics"] += [dict(event_id=e.id, topic=t) for t in e.topics]
        cite("event", e.id, "", e.sources)
        disputes("event", item)

    for item in dataset.records["quotes"]:
        q = item.record
        first, last = span(q.date)
        rows["quotes"].append(dict(
            id=q.id, speaker_id=q.speaker, date=q.date, date_start=first, date_end=last, text=q.text,
            language=q.language, translation=q.translation, channel=q.channel,
            place_country=q.place.country if q.place else None, place_city=q.place.city if q.place else None,
            context=q.context, event_id=q.event, file=item.file, line=item.line))
        rows["quote_topics"] += [dict(quote_id=q.id, topic=t) for t in q.topics]
        if q.place:
            countries.add(q.place.country)
        cite("quote", q.id, "", q.sources)
        disputes("quote", item)

    rows["countries"] = [dict(code=c, name=r.country_name(c)) for c in sorted(countries)]
    rows["problems"] = [dict(file=p.file, line=p.line, code=p.code, message=p.message, severity=p.severity)
                        for p in dataset.problems]
    rows["data_files"] = [_file_row(path) for path in data_files(data_dir)] if data_dir.is_dir() else []
    return rows


def _exchange_ids(dataset: Dataset) -> set[str]:
    return {item.record.id for item in dataset.records["events"] if item.record.kind == "exchange"}


def _file_row(path: Path) -> dict:
    try:
        stat = path.stat()
    except OSError:
        return dict(file=display_name(path), modified=None, bytes=None)
    return dict(file=display_name(path), modified=dt.datetime.fromtimestamp(stat.st_mtime), bytes=stat.st_size)


@dataclass
class FileState:
    """One data file as last read: its records and problems, and its last version without problems."""
    stamp: tuple
    records: dict[str, list]
    problems: list[Problem]
    read_at: dt.datetime
    good: FileState | None = None


class Store:
    """The data folder kept in memory: re-reads only changed files and keeps each file's last good version.

    When an edit breaks a file, the database keeps that file's last version that had no problems
    (and lists the new problems), so a typo never blanks a briefing; fixing the file brings the
    edit in. At start-up there is no earlier version: invalid records are left out and listed.
    """

    def __init__(self, data_dir: Path, articles_dir: Path | None = ARTICLES_DIR):
        self.data_dir = Path(data_dir)
        self.articles_dir = articles_dir
        self._files: dict[str, FileState] = {}
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._database: Database | None = None

    def stamp(self) -> tuple:
        """Name, size and modification time of every data file: changes whenever a file does."""
        entries = []
        for path in data_files(self.data_dir) if self.data_dir.is_dir() else []:
            try:
                info = path.stat()
            except OSError:
                continue
            entries.append((display_name(path), info.st_size, info.st_mtime_ns))
        return tuple(entries)

    def database(self) -> Database:
        """The database of the folder as it is now (the same object while nothing changed)."""
        with self._lock:
            stamp = self.stamp()
            if stamp != self._stamp or self._database is None:
                self._database = self._rebuild(stamp)
                self._stamp = stamp
            return self._database

    def _rebuild(self, stamp: tuple) -> Database:
        current = {name: (size, mtime) for name, size, mtime in stamp}
        for name in list(self._files):
            if name not in current:
                del self._files[name]
        for name, file_stamp in current.items():
            state = self._files.get(name)
            if state is None or state.stamp != file_stamp:
                self._files[name] = self._read(name, file_stamp, state)
        stale = {name for name, state in self._files.items()
                 if state.good is not None and any(p.severity == "error" for p in state.problems)}
        dataset = self._compose(stale)
        failing = {p.file for p in dataset.errors} - stale
        newly_stale = {name for name in failing if self._files.get(name) and self._files[name].good is not None
                       and self._files[name].good is not self._files[name]}
        if newly_stale:
            stale |= newly_stale
            reasons = [p for p in dataset.problems if p.file in newly_stale and p.severity == "error"]
            dataset = self._compose(stale)
            dataset.problems = sorted(dataset.problems + reasons, key=lambda p: (p.file, p.line, p.code, p.message))
        failing = {p.file for p in dataset.errors}
        for name, state in self._files.items():
            if name not in stale and name not in failing:
                state.good = state
        con = create_database(build_rows(dataset, self.data_dir))
        return Database(con, dataset)

    def _read(self, name: str, file_stamp: tuple, previous: FileState | None) -> FileState:
        path = Path(name) if Path(name).is_absolute() else Path.cwd() / name
        single = Dataset()
        document = read_yaml(path, name)
        single.problems.extend(document.problems)
        if not document.problems:
            check_shapes(document, single)
        good = previous.good if previous is not None else None
        return FileState(file_stamp, single.records, single.problems, dt.datetime.now(), good)

    def _compose(self, stale: set[str]) -> Dataset:
        dataset = Dataset()
        for name, state in sorted(self._files.items()):
            dataset.files.append(name)
            used = state.good if name in stale and state.good is not None else state
            for kind, items in used.records.items():
                dataset.records[kind].extend(items)
            if name in stale:
                dataset.problems.extend(state.problems)
                dataset.problems.append(Problem(
                    name, 1, "showing-last-good-version",
                    f"until the problems in this file are fixed, the dashboard shows its last valid version "
                    f"(read {used.read_at:%Y-%m-%d %H:%M:%S})", severity="warning"))
            else:
                dataset.problems.extend(state.problems)
        check_references(dataset, self.articles_dir)
        dataset.problems.sort(key=lambda p: (p.file, p.line, p.code, p.message))
        return dataset

"""Validated records -> an in-memory DuckDB database."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import duckdb
import pandas as pd

from swapwatch import ARTICLES_DIR, QUERIES_DIR
from swapwatch import records as r
from swapwatch.dates import precision, span
from swapwatch.db import Database
from swapwatch.validate import Dataset, data_files, display_name, validate_dir

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

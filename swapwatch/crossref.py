"""Checks between records: unique ids, references that resolve, dates in order, legs that add up.

A record that fails any of these is removed from the dataset (and its problem listed); a record
whose reference points at such a removed record (or at one that failed its shape check) is still
checked against the full id lists, so one mistake is reported once, where it was made. The checks of
each record on its own against the ids are in recordchecks.py; here, those that need every record.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from swapwatch import records as r
from swapwatch.dataset import Dataset, Located
from swapwatch.dates import span
from swapwatch.problems import MAX_LISTED, Problem
from swapwatch.recordchecks import Hints, KnownIds, check_records


def check_references(dataset: Dataset, articles_dir: Path | None = None) -> None:
    """Add cross-record problems to dataset and drop the records they concern."""
    bad: set[int] = set()
    listed: Counter[str] = Counter()
    unlisted: dict[str, list[Problem]] = defaultdict(list)  # per file, beyond MAX_LISTED: counted, not listed

    def report(item: Located, line: int, code: str, message: str, severity: str = "error") -> None:
        if severity == "error":
            bad.add(id(item))
        if listed[item.file] >= MAX_LISTED:
            unlisted[item.file].append(Problem(item.file, line, code, "", severity))
            return
        listed[item.file] += 1
        dataset.problems.append(Problem(item.file, line, code, message, severity))

    ids, shown = _unique_ids(dataset, report)
    for kind, items in dataset.rejected.items():
        ids[kind] = KnownIds(ids[kind] | {item["id"] for item in items
                                          if isinstance(item, dict) and isinstance(item.get("id"), str)})
        ids[kind].lost = dataset.lost[kind]
    check_records(dataset.records, ids, report, Hints(), article_names(articles_dir), articles_dir)
    check_programmes(dataset.records["events"], wholes(dataset.records["events"]), report)
    dates = {key: (item.record.date, item.record.end_date) for key, item in shown["events"].items()}
    for item in dataset.records["people"]:
        for n, event, released, line in releases(item):
            if event in dates:
                check_release(item, line, event, released, *dates[event], report=report)
    cited = cited_sources(dataset)
    for item in dataset.records["sources"]:
        if item.record.id not in cited:
            report(item, item.line, "unused-source", unused_message(item.record.id), severity="warning")
    for kind in r.RECORD_KINDS:
        dataset.records[kind] = [item for item in dataset.records[kind] if id(item) not in bad]
    for file, rest in unlisted.items():
        dataset.problems.append(too_many(file, rest))


def too_many(file: str, rest: list[Problem]) -> Problem:
    """The one problem that counts a file's cross-record problems beyond the MAX_LISTED listed."""
    errors = sum(1 for p in rest if p.severity == "error")
    return Problem(file, min(p.line for p in rest), "too-many-problems",
                   f"{len(rest):,} more problems with references, dates or legs ({errors:,} errors) are not listed "
                   f"(the first {MAX_LISTED} are); fix those and check again", "error" if errors else "warning")


def unused_message(source_id: str) -> str:
    """The message of a source no record cites."""
    return f"source '{source_id}' is not cited by any record"


SINGULAR = {"sources": "source", "people": "person", "events": "event", "quotes": "quote"}


def _unique_ids(dataset: Dataset, report) -> tuple[dict[str, set[str]], dict[str, dict[str, Located]]]:
    """The ids of each kind, and the record shown for each (duplicates reported)."""
    ids: dict[str, set[str]] = {}
    shown: dict[str, dict[str, Located]] = {}
    modified = getattr(dataset, "modified", {})
    for kind in r.RECORD_KINDS:
        first: dict[str, Located] = {}
        # The record shown of two with one id is the one in the file changed longest ago (see precedence).
        for item in sorted(dataset.records[kind], key=lambda item: precedence(item.file, modified.get(item.file))):
            key = item.record.id
            if key in first:
                other = first[key]
                report(item, item.line_of("id"), "duplicate-id", duplicate_message(kind, key, other.file,
                                                                                    other.line_of("id")))
            else:
                first[key] = item
        ids[kind], shown[kind] = set(first), first
    return ids, shown


def precedence(file: str, modified_ns: int | None) -> tuple:
    """Of records with the same id, the one shown is the one whose file sorts first by this key: the file
    changed longest ago (it was there first; the other is usually a copy or a new record given a used id),
    then the file's name when the times are equal or unknown."""
    return (modified_ns if modified_ns is not None else float("inf"), file)


def duplicate_message(kind: str, key: str, shown_file: str, shown_line: int) -> str:
    """The message of a record whose id another record, the one shown, already has."""
    return (f"{SINGULAR[kind]} id '{key}' is already used at {shown_file}:{shown_line}, whose record is shown "
            "(it was there first); this one is left out until one of the two ids is changed: ids must be "
            "unique across all files")


def releases(item: Located) -> list[tuple[int, str, str, int]]:
    """A person's releases in a named event: (detention number, event id, released date, its line)."""
    return [(d, detention.released_in, detention.released, item.line_of("detentions", d, "released"))
            for d, detention in enumerate(item.record.detentions)
            if detention.released is not None and detention.released_in is not None]


def check_release(item, line: int, event: str, released: str, date: str, end_date: str | None, report) -> None:
    """Warn when a released date lies wholly outside the dates of the event said to release the person
    (partial dates count where they overlap: released 2024-03 fits an event on 2024-03-12)."""
    start, end = span(date)[0], span(end_date or date)[1]
    first, last = span(released)
    if last < start or first > end:
        dates = date + (f" to {end_date}" if end_date else "")
        report(item, line, "release-date",
               f"released {released}, but event '{event}' that released this person is dated {dates}; "
               "correct the date here or the event's", severity="warning")


def wholes(events) -> set[str]:
    """Ids of the events others name as their whole (`part-of`): programmes of staged swaps."""
    return {link.event for item in events for link in item.record.links if link.relation == "part-of"}


def check_programmes(events, programmes, report) -> None:
    """A programme's stages carry its legs; legs on the programme too would count its people twice."""
    for item in events:
        if item.record.legs and item.record.id in programmes:
            report(item, item.line_of("legs"), "programme-legs", programme_message(item.record.id))


def programme_message(event_id: str) -> str:
    """The message of a programme (named part-of by other events) that has legs of its own."""
    return (f"event '{event_id}' has legs, but other events name it as their whole (part-of), so its stages "
            "carry the people moved and its own legs would count them twice; move the legs to the stages, "
            "or remove the part-of links")


def article_names(articles_dir: Path | None) -> set[str] | None:
    """The names of the files in the articles folder (None when there is none)."""
    if articles_dir is None or not Path(articles_dir).is_dir():
        return None
    return {p.name for p in Path(articles_dir).iterdir() if p.is_file()}


def cited_sources(dataset: Dataset) -> set[str]:
    """Every source id cited by a record of dataset, well-shaped or rejected."""
    cited: set[str] = set()
    for items in dataset.rejected.values():
        cited |= _raw_citations(items)
    for kind in ("people", "events", "quotes"):
        for item in dataset.records[kind]:
            record = item.record
            cited.update(record.sources)
            for disagreement in record.disagreements:
                for value in disagreement.values:
                    cited.update(value.sources)
            for part in (getattr(record, "detentions", []) + getattr(record, "legs", [])
                         + getattr(record, "series", []) + getattr(record, "reported", [])):
                cited.update(part.sources)
    return cited


def _raw_citations(value: object) -> set[str]:
    """Every id listed under a 'sources' key anywhere in raw (unvalidated) records."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "sources" and isinstance(child, (list, str)):
                found.update(v for v in ([child] if isinstance(child, str) else child) if isinstance(v, str))
            else:
                found |= _raw_citations(child)
    elif isinstance(value, list):
        for child in value:
            found |= _raw_citations(child)
    return found

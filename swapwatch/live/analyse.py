"""One data file read and checked on its own: the facts the cross-file checks need, and its table rows.

Everything here looks at one file only, so files can be analysed in any order, in several processes,
and a changed file alone can be analysed again. What depends on other files (do referenced ids exist,
is an id used twice, is a source cited anywhere) is settled by swapwatch.live.crossindex from the facts.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from swapwatch import lostids
from swapwatch import records as r
from swapwatch.crossref import cited_sources, releases, wholes
from swapwatch.dataset import Dataset, Located
from swapwatch.live import fastyaml
from swapwatch.live.facts import Facts
from swapwatch.live.rows import TABLE_ORDER, record_rows
from swapwatch.recordchecks import Hints, check_records
from swapwatch.shapes import check_shapes
from swapwatch.validate import unread
from swapwatch.yamlsource import Document, Problem, read_bounded, read_yaml


@dataclass
class Analysis:
    """A file version analysed: its facts, its records (in facts order) and its rows per table."""
    facts: Facts
    items: list[Located]
    rows: dict[str, pa.Table]


class _Recorder:
    """Stands in for an id set: every id is taken to exist, and every id asked about is noted."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __contains__(self, value: object) -> bool:
        self.seen.add(value)
        return True

    def __iter__(self):
        return iter(())


def read_raw(path: Path, name: str) -> tuple[bytes | None, Document | None]:
    """A file's bytes, or (when it cannot or must not be read) the document validate_dir makes of it."""
    doc = unread(path, name)
    if doc is not None:
        return None, doc
    try:
        return read_bounded(path), None
    except Exception:  # too large, not a regular file, unreadable: read_yaml says which, in its words
        return None, read_yaml(path, name)


def read_file(path: Path, name: str) -> tuple[Document, bytes | None]:
    """Read and parse one file exactly as yamlsource.read_yaml does, also returning the bytes read."""
    raw, doc = read_raw(path, name)
    return (doc, None) if doc is not None else (fastyaml.parse(raw, name), raw)


def sha(raw: bytes | None) -> str:
    """The content key of a file version."""
    return hashlib.sha256(raw).hexdigest() if raw is not None else ""


def analyse(doc: Document, raw: bytes | None, articles_dir: Path | None, articles: set[str] | None,
            with_rows: bool = True) -> Analysis:
    """Shape-check a parsed file, run every cross-record check that needs no other file, build its rows."""
    single = Dataset()
    single.problems.extend(doc.problems)
    if not doc.problems:
        check_shapes(doc, single)
    items = [item for kind in r.RECORD_KINDS for item in single.records[kind]]
    number = {id(item): n for n, item in enumerate(items)}
    local: list[tuple[int, Problem]] = []

    def report(item, line, code, message, severity="error"):
        local.append((number[id(item)], Problem(item.file, line, code, message, severity)))

    recorders = {kind: _Recorder() for kind in r.RECORD_KINDS}
    hints = Hints()
    check_records(single.records, recorders, report, hints, articles, articles_dir)
    rejected = {kind: tuple(item["id"] for item in found if isinstance(item, dict) and isinstance(item.get("id"), str))
                for kind, found in single.rejected.items()}
    rows, tables = file_rows(items)
    facts = Facts(
        name=doc.file, sha=sha(raw), problems=single.problems,
        records=[(item.kind, item.record.id, item.line, item.line_of("id")) for item in items],
        local=local, refs={kind: frozenset(rec.seen) for kind, rec in recorders.items()},
        cited=frozenset(cited_sources(single)), rejected=rejected, hinted=hints.used,
        prints=record_prints(doc, raw, items), tables=tables,
        part_of=frozenset(wholes(single.records["events"])),
        legs_at=tuple((n, item.record.id, item.line_of("legs")) for n, item in enumerate(items)
                      if item.kind == "events" and item.record.legs),
        lost=doc.lost or (lostids.scan(raw) if raw is not None and lostids.thrown_out(doc) else ()),
        dates=tuple((n, item.record.date, item.record.end_date) for n, item in enumerate(items)
                    if item.kind == "events"),
        releases=tuple((n, event, released, line) for n, item in enumerate(items) if item.kind == "people"
                       for _, event, released, line in releases(item)))
    return Analysis(facts, items, rows if with_rows else {})


def record_prints(doc: Document, raw: bytes | None, items: list[Located]) -> list[int | None]:
    """Per record, a hash of where it starts and of every line it could span (up to the next record's first).

    The same text at the same line gives the same values at the same lines, so the same rows: a
    record whose print is unchanged after an edit elsewhere in its file need not be written again.
    """
    if raw is None or not isinstance(doc.value, dict):
        return [None] * len(items)
    starts = [0] + [m.end() for m in re.finditer(b"\n", raw)]
    tops = sorted(doc.lines.get((key,), 1) for key in doc.value)
    prints = []
    for n, item in enumerate(items):
        following = items[n + 1] if n + 1 < len(items) else None
        if following is not None and following.kind == item.kind:
            end = following.line
        else:
            end = next((line for line in tops if line > item.line), len(starts))
        begin, stop = starts[item.line - 1], starts[end] if end < len(starts) else len(raw)
        digest = hashlib.blake2b(f"{item.kind}:{item.line}:".encode() + raw[begin:stop], digest_size=8)
        prints.append(int.from_bytes(digest.digest(), "little"))
    return prints


def file_rows(items: list[Located]) -> tuple[dict[str, pa.Table], list[int]]:
    """The rows of records as one Arrow table per table (each row tagged with its record number),
    and per record the tables it has rows in, as bits in TABLE_ORDER order."""
    columns: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    owners: dict[str, list[int]] = defaultdict(list)
    countries: set[str] = set()
    bits = [0] * len(items)
    for n, item in enumerate(items):

        def add(table: str, row: dict, n=n) -> None:
            target = columns[table]
            for key, value in row.items():
                target[key].append(value)
            owners[table].append(n)
            bits[n] |= _BIT[table]

        record_rows(item.kind, item, add, countries)
    return {table: pa.table({**cols, "_record": owners[table]}) for table, cols in columns.items()}, bits


_BIT = {table: 1 << n for n, table in enumerate(TABLE_ORDER)}


def analyse_bytes(name: str, raw: bytes, articles_dir: Path | None, articles: set[str] | None) -> Analysis:
    """Analyse file bytes read elsewhere (a worker's job)."""
    return analyse(fastyaml.parse(raw, name), raw, articles_dir, articles)


def analyse_batch(batch: list[tuple[str, bytes]], articles_dir: Path | None,
                  articles: set[str] | None) -> list[tuple[Facts, dict[str, pa.Table]]]:
    """Analyse several files in a worker process; records stay behind, facts and rows travel back."""
    enabled = gc.isenabled()
    gc.disable()  # millions of young objects, none of them cyclic garbage: collection only costs time
    try:
        return [(a.facts, a.rows) for a in (analyse_bytes(n, raw, articles_dir, articles) for n, raw in batch)]
    finally:
        if enabled:
            gc.enable()

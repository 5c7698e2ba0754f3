"""A database kept in step with the data files: rows of changed records replaced in one transaction.

The statements live in queries/schema/store.sql (`-- name:` blocks) and run through swapwatch.db; record
ids and file names are always bound, table names come from the fixed lists in swapwatch.live.rows.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from swapwatch import records as r
from swapwatch.db import execute
from swapwatch.live.derived import (COUNTRY_TOTALS, EVENT_PRINTS, OVER_EVERY_EVENT, count_again, counts_to_redo,
                                    refresh_detention_status, relabel)
from swapwatch.live.rows import RECORD_TABLES, RECORD_TYPE, TABLE_ORDER
from swapwatch.yamlsource import Problem

# Beyond this many sources with changed citations, counting every source's citations is quicker; beyond
# this many changed records, rewriting what every row shows of other records is.
RECOUNT_ALL = 2000
RELABEL_ALL = 2000
# Up to this many citations written in one change, the writer compares each record's sources before and
# after (a record rewritten with the same sources changes no count); past it, every source named is recounted.
COMPARE_CITED = 20000
# Tables every kind of record (but sources) writes to, keyed by record type; values before disagreements.
_SHARED = ("citations", "disagreement_values", "disagreements")


class Writer:
    """Changes to one database, applied in one transaction: readers see all of them or none."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.cursor = con.cursor()
        self.columns = {t: self.cursor.table(t).columns for t in TABLE_ORDER}
        self.recount: set[str] = set()  # new sources (and, past COMPARE_CITED, every source cited): recounted
        # (record type, id) -> [the sources it cited before this change, those it cites now]; None: too many
        self.cited: dict[tuple[str, str], list[set[str]]] | None = {}
        self.cited_rows = 0
        self.citing: dict[str, int] = {}  # how many records cited the sources deleted (a rewritten one keeps it)
        self.restore: set[str] = set()  # sources rewritten: their count is put back (unless recounted)
        self.touched: dict[str, set[str]] = {kind: set() for kind in RECORD_TABLES}  # records deleted or written
        self.source_labels: dict[str, str] = {}  # how the sources touched were named before (see refresh_derived)
        # the EVENT_PRINTS of the events deleted, as they were before this change; None: too many to compare
        self.printed: list[int] | None = [0] * len(EVENT_PRINTS)
        self.printed_events = 0
        self.cursor.begin()

    def run(self, name: str, **params) -> list[tuple]:
        """Run one named statement of store.sql."""
        return execute(self.cursor, name, params).fetchall()

    def delete_records(self, ids: dict[str, dict[str, int]]) -> None:
        """Remove every row of these records (by kind: id -> the tables it has rows in, as TABLE_ORDER bits)."""
        for kind, found in ids.items():
            if kind == "sources" and len(found) <= RELABEL_ALL:  # how they were named and cited, before they go
                first = sorted(set(found) - self.touched[kind])
                self.source_labels.update(self.run("source_labels", ids=first))
                self.citing.update(self.run("source_citing", ids=first))
            if kind == "events" and self.printed is not None:  # what the counts over every event read of them
                first = sorted(set(found) - self.touched[kind])  # (as they were before this change)
                self.printed_events += len(first)
                self.printed = None if self.printed_events > RELABEL_ALL else [
                    a + b for a, b in zip(self.printed, self.run("event_prints", ids=first)[0])]
            self.touched[kind].update(found)
            for table in RECORD_TABLES[kind] + (() if kind == "sources" else _SHARED):
                bit = 1 << TABLE_ORDER.index(table)
                listed = sorted(key for key, tables in found.items() if tables & bit)
                if not listed:
                    continue
                if table == "citations":
                    self._cited_before(RECORD_TYPE[kind], listed)
                if table in _SHARED:
                    self.run(f"delete_{table}", record_type=RECORD_TYPE[kind], ids=listed)
                else:
                    self.run(f"delete_{table}", ids=listed)

    def insert(self, table: str, data: pa.Table) -> None:
        """Append rows (extra columns, such as a record number, are left out)."""
        if data.num_rows:
            self.cursor.from_arrow(data.select(self.columns[table])).insert_into(table)
            if table == "citations":
                self._cited_now(data)
            if table == "sources":  # written with no count: put back, or counted if new (or too many)
                written = data.column("id").to_pylist()
                self.restore.update(s for s in written if s in self.citing)
                self.recount.update(s for s in written if s not in self.citing)
            if table in self.touched:  # a record's main table: sources, people, events, quotes
                self.touched[table].update(data.column("id").to_pylist())

    def _cited_before(self, record_type: str, ids: list[str]) -> None:
        """Note the sources these records cite, before their citations are deleted."""
        pairs = self.run("sources_cited_by", record_type=record_type, ids=ids)
        if self.cited is None:
            self.recount.update(source for _, source in pairs)
            return
        before: dict[str, set[str]] = {record: set() for record in ids}
        for record, source in pairs:
            before[record].add(source)
        for record, sources in before.items():  # (the store deletes every record it rewrites, then writes)
            self.cited.setdefault((record_type, record), [sources, set()])

    def _cited_now(self, data: pa.Table) -> None:
        """Note the sources the records written cite."""
        self.cited_rows += data.num_rows
        if self.cited is not None and self.cited_rows > COMPARE_CITED:  # every source named is recounted
            self.recount.update(s for before, now in self.cited.values() for s in before | now)
            self.cited = None
        if self.cited is None:
            self.recount.update(data.column("source_id").unique().to_pylist())
            return
        for record_type, record, source in zip(*(data.column(c).to_pylist()
                                                 for c in ("record_type", "record_id", "source_id"))):
            self.cited.setdefault((record_type, record), [set(), set()])[1].add(source)

    def replace_problems(self, files: set[str], problems: list[Problem]) -> None:
        """The listed problems replace those of the given files."""
        self.run("delete_problems", files=sorted(files))
        if problems:
            self.insert("problems", pa.table({
                "file": [p.file for p in problems], "line": [p.line for p in problems],
                "code": [p.code for p in problems], "message": [p.message for p in problems],
                "severity": [p.severity for p in problems]}))

    def replace_data_files(self, rows: list[dict]) -> None:
        """The data_files table, listing these files."""
        self.run("delete_all_data_files")
        if rows:
            self.insert("data_files", pa.Table.from_pylist(rows, schema=pa.schema(
                [("file", pa.string()), ("modified", pa.timestamp("us")), ("bytes", pa.int64())])))

    def refresh_derived(self) -> None:
        """Recompute what depends on several records: detention status, the countries table, how many
        records cite each source whose citations changed, what rows show of records that changed (all of
        them after a big change), the timeline's points, the pairs' exchanges and flows and the headline
        figures."""
        people, events = self.touched["people"], self.touched["events"]
        if people or events:  # (else no status can change; the statement reads every event: 10 ms)
            every = len(people) + len(events) > RELABEL_ALL
            refresh_detention_status(self.cursor, None if every else sorted(people), None if every else sorted(events))
        if self.cited is not None:  # the sources a record stopped or started citing
            self.recount.update(s for before, now in self.cited.values() for s in before ^ now)
        self.cited, self.cited_rows = {}, 0
        kept = sorted(self.restore - self.recount)
        if kept:  # (a source's own edit changes no citation: counting them again took 13 ms a reload)
            self.run("restore_citing", ids=kept, counts=[self.citing[s] for s in kept])
        self.restore.clear()
        self.citing.clear()
        if self.recount:
            listed = None if len(self.recount) > RECOUNT_ALL else sorted(self.recount)  # None: every source
            self.run("count_citing", ids=listed)
        self.recount.clear()
        # A source shown differently (renamed, new or gone) changes the sources column of the records citing
        # it; an edit to its title or date does not.
        sources = self.touched["sources"]
        if len(sources) <= RELABEL_ALL:
            now = dict(self.run("source_labels", ids=sorted(sources)))
            self.touched["sources"] = {s for s in sources if now.get(s) != self.source_labels.get(s)}
        relabel(self.cursor, None if sum(map(len, self.touched.values())) > RELABEL_ALL else self.touched)
        # Only people, events and quotes name countries, and only they count in the headline figures.
        placed = bool(people or events or self.touched["quotes"])
        redo = self._counts_to_redo(events)
        if people or self.touched["quotes"]:  # (people still held; quotes about an event)
            redo.add("headline")
        for ids in self.touched.values():
            ids.clear()
        self.source_labels.clear()
        used = [code for (code,) in self.run("used_countries")] if placed else []
        if placed and used != [code for (code,) in self.run("country_codes")]:
            self.run("delete_all_countries")
            redo.add("countries")
            if used:
                zero = [0] * len(used)  # (counted below)
                self.insert("countries", pa.table({"code": used, "name": [r.country_name(c) for c in used],
                                                   **dict.fromkeys(COUNTRY_TOTALS, zero)}))
        if "countries" in redo:
            self.run("count_countries")
        for what in OVER_EVERY_EVENT + ("headline",):
            if what in redo:
                count_again(self.cursor, what)

    def _counts_to_redo(self, events: set[str]) -> set[str]:
        """Which counts over every event (REDONE_IF) the events written may have changed: those reading a
        part of them whose fingerprint differs from before this change (all, past RELABEL_ALL events)."""
        printed, self.printed, self.printed_events = self.printed, [0] * len(EVENT_PRINTS), 0
        if not events:
            return set()
        if printed is None or len(events) > RELABEL_ALL:
            return counts_to_redo(None, [])
        return counts_to_redo(printed, self.run("event_prints", ids=sorted(events))[0])

    def commit(self) -> None:
        """Make every change visible at once, and let the cursor go."""
        self.cursor.commit()
        self.cursor.close()

    def rollback(self) -> None:
        """Drop every change, and let the cursor go."""
        self.cursor.rollback()
        self.cursor.close()


def write_changes(con: duckdb.DuckDBPyConnection, gone: dict[str, dict[str, int]], tables: dict[str, list[pa.Table]],
                  problem_files: set[str], problems: list[Problem], data_files: list[dict]) -> None:
    """Apply one reload in one transaction: remove the records gone (see Writer.delete_records), write the rows
    of those written, derive again what they change, and replace the problems of problem_files and the list of
    data files."""
    writer = Writer(con)
    try:
        writer.delete_records(gone)
        for table, parts in tables.items():
            if parts:
                writer.insert(table, pa.concat_tables(parts, promote_options="permissive"))
        writer.refresh_derived()
        writer.replace_problems(problem_files, problems)
        writer.replace_data_files(data_files)
        writer.commit()
    except BaseException:
        writer.rollback()
        raise

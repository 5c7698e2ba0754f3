"""The data folder kept loaded: a parallel first load, restarts from the cache, and edits applied file by file.

A store reads every file once (in several processes when there is much to read), then re-reads only
the files whose name, size or times change, re-settles only the cross-file checks the change can
affect (swapwatch.crossindex), and replaces only the changed records' rows, in one transaction.
When an edit breaks a file, the database keeps that file's last version that had no problems (and
lists the new problems), so a typo never blanks a briefing; fixing the file brings the edit in.
At start-up there is no earlier version: invalid records are left out and listed.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from swapwatch import ARTICLES_DIR
from swapwatch.live import cache
from swapwatch import records as r
from swapwatch.live.analyse import Analysis, Facts, analyse, read_raw, sha
from swapwatch.live.crossindex import Index
from swapwatch.crossref import article_names
from swapwatch.db import Database
from swapwatch.live.writer import LiveFile, Writer, file_row
from swapwatch.live.parallel import analyse_all
from swapwatch.live.rows import TABLE_ORDER
from swapwatch.live.storecache import StoreCache
from swapwatch.live.folder import Listing
from swapwatch.validate import Dataset, display_name
from swapwatch.live.fastyaml import parse
from swapwatch.yamlsource import Problem, listing_order

ORDER = listing_order  # the order problems are listed in


@dataclass(eq=False)
class FileState:
    """One version of a data file: when and what was read, its own problems, its last good version."""
    stamp: tuple | None                 # cache.file_stamp when read (None: read it again)
    sha: str
    problems: list[Problem]             # reading and shape problems
    read_at: dt.datetime
    raw: bytes | None = None
    facts: Facts | None = None
    good: FileState | None = None
    racy: bool = False

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


class StoreDataset(Dataset):
    """A store's validation result: problems and files at once, the records only when asked for."""

    def __init__(self, problems: list[Problem], files: list[str], store: Store, version: dict):
        self.problems, self.files, self.rejected = problems, files, {k: [] for k in r.RECORD_KINDS}
        self._store, self._version, self._records = store, version, None

    @property
    def records(self):
        if self._records is None:
            self._records = self._store.records(self._version)
        return self._records


class Store:
    """The data folder kept in memory; see the module docstring."""

    def __init__(self, data_dir: Path, articles_dir: Path | None = ARTICLES_DIR):
        self.data_dir = Path(data_dir)
        self.articles_dir = articles_dir
        self.articles = article_names(articles_dir)
        self._files: dict[str, FileState] = {}
        self._effective: dict[str, FileState] = {}
        self._problems: dict[str, list[Problem]] = {}
        self._fresh: dict[int, Analysis] = {}
        self._modified: dict[str, int | None] = {}  # file -> modification time (ns) when last listed
        self._index = Index(articles_dir, self.articles, self._modified.get)
        self._again = False  # a file was caught while being written: read it again at the next check
        self._live: LiveFile | None = None
        self._lock = threading.RLock()
        self._stamp: tuple | None = None
        self._recent: tuple[float, tuple] | None = None  # (when, stamp): the latest stamp taken, for recent_stamp
        self._recent_lock = threading.Lock()
        self._database: Database | None = None
        self._names: dict[Path, str] = {}
        self._listing = Listing(self.data_dir)
        self._assembled: dict[str, tuple] = {}
        self._paths: dict[str, Path] = {}
        self.cache = StoreCache.open(self)
        self.last_load = ""  # cold | warm | reload: how the current database came to be

    def stamp(self) -> tuple:
        """Name, size, times and inode of every data file: changes whenever a file does."""
        entries = []
        for path in self._listing.get():
            name = self._names.get(path)
            if name is None:
                name = self._names[path] = display_name(path)
                self._paths[name] = path
            try:
                entries.append((name,) + cache.file_stamp(path.stat()))
            except OSError as err:  # a broken or looping link: listed, so that reading it names the problem
                entries.append((name, None, None, None, f"stat failed: {err.errno}"))
        return tuple(entries)

    def recent_stamp(self, max_age: float) -> tuple:
        """The stamp of the files as stamp() gives it, or as it was taken less than `max_age` seconds ago.

        Every open tab's data watcher asks every couple of seconds, and a stamp stats every file (400 files:
        25 ms); with this, one look at the files serves every tab of the server (a change shows at most
        max_age seconds later). A thread asking while another looks waits for that look.
        """
        with self._recent_lock:
            now = time.monotonic()
            if self._recent is None or now - self._recent[0] >= max_age:
                self._recent = (now, self.stamp())
            return self._recent[1]

    def database(self) -> Database:
        """The database of the folder as it is now (the same object while nothing changed)."""
        with self._lock:
            stamp = self.stamp()
            self._recent = (time.monotonic(), stamp)  # the freshest look: the watchers compare with it
            if stamp != self._stamp or self._database is None or self._again:
                current = {entry[0]: entry[1:] for entry in stamp}
                self._modified.clear()
                self._modified.update({name: entry[1] for name, entry in current.items()})
                started = self._database is None
                self._database = (self.cache.warm(current) if started else None) or self._refresh(current, started)
                self._stamp = stamp
            return self._database

    def snapshot(self) -> tuple[Database, tuple]:
        """The database as database() gives it, and the stamp of the files it reflects (one look at them)."""
        with self._lock:
            return self.database(), self._stamp

    def path(self, name: str) -> Path:
        """The file shown under this name."""
        return self._paths.get(name) or (Path(name) if Path(name).is_absolute() else Path.cwd() / name)

    def _refresh(self, current: dict[str, tuple], started: bool) -> Database:
        if self.cache.pending_failed():
            started, self._files, self._effective, self._problems = True, {}, {}, {}
            self._index = Index(self.articles_dir, self.articles, self._modified.get)
        self.last_load = "cold" if started else "reload"
        self._again = False
        gc_was = gc.isenabled()
        gc.disable()
        try:
            removed = [name for name in self._files if name not in current]
            for name in removed:
                del self._files[name]
            changed = {name: stamp for name, stamp in current.items()
                       if name not in self._files or self._files[name].stamp != stamp}
            if started:
                self._read_all(changed)
            else:
                from swapwatch import load  # the store reads files through load.read_yaml
                for name, stamp in changed.items():
                    racy = cache.is_racy(stamp, time.time_ns())
                    doc = load.read_yaml(self.path(name), name)
                    raw = getattr(doc, "raw", None)
                    analysis = analyse(doc, raw, self.articles_dir, self.articles)
                    previous = self._files.get(name)
                    good = previous.good if previous else None
                    if _changed_while_read(self.path(name), stamp):
                        analysis.facts.problems = analysis.facts.problems + [Problem(
                            name, 1, "file-changing", "the file changed while it was read (an editor is still "
                            "saving it?); it is read again at the next check")]
                        stamp, self._again = None, True
                    elif good is not None and good.facts.records and _emptied(analysis.facts):
                        analysis.facts.problems = [Problem(
                            name, 1, "emptied-file", f"the file is empty, but its last version held "
                            f"{len(good.facts.records):,} records; if an editor is saving it, they are back at the "
                            "next check; to remove them, delete the file")]
                    self._add(name, analysis, stamp, raw, racy, good)
            return self._settle(current, removed)
        finally:
            self._fresh.clear()
            if gc_was:
                gc.enable()

    def _read_all(self, changed: dict[str, tuple]) -> None:
        raws, docs, racy = {}, {}, {}
        for name, stamp in changed.items():
            racy[name] = cache.is_racy(stamp, time.time_ns())
            raws[name], docs[name] = read_raw(self.path(name), name)
        found = analyse_all([(n, raw) for n, raw in raws.items() if raw is not None], self.articles_dir,
                            self.articles)
        for name, stamp in changed.items():
            if docs[name] is not None:
                analysis = analyse(docs[name], None, self.articles_dir, self.articles)
            else:
                facts, rows = found[name]
                analysis = Analysis(facts, None, rows)
            self._add(name, analysis, stamp, raws[name], racy[name], None)

    def _add(self, name, analysis: Analysis, stamp, raw, racy, good) -> None:
        state = FileState(stamp, analysis.facts.sha, analysis.facts.problems, dt.datetime.now(), raw,
                          analysis.facts, good, racy)
        self._files[name] = state
        self._fresh[id(state)] = analysis

    def analysis(self, state: FileState, name: str, items: bool = True) -> Analysis:
        """A file version analysed (again, from its bytes, unless this rebuild already did)."""
        found = self._fresh.get(id(state))
        if found is None or (items and found.items is None):
            if state.raw is None and state.facts.records:
                raise LookupError(f"{name}: this version of the file is no longer available")
            doc = parse(state.raw, name) if state.raw is not None else None
            found = (analyse(doc, state.raw, self.articles_dir, self.articles) if doc is not None
                     else Analysis(state.facts, [], {}))
            self._fresh[id(state)] = found
        return found

    def _records_of(self, name: str):
        return self.analysis(self._effective[name], name).items

    def _apply(self, stale: set[str], removed) -> None:
        changes: dict[str, Facts | None] = {}
        for name, state in self._files.items():
            used = state.good if name in stale else state
            if self._effective.get(name) is not used:
                self._effective[name] = used
                changes[name] = used.facts
        for name in removed:
            self._effective.pop(name, None)
            changes[name] = None
        self._index.update(changes, self._records_of)

    def _assemble(self, stale: set[str]) -> dict[str, list[Problem]]:
        problems = {}
        for name, state in self._files.items():
            key = (state, state.good if name in stale else None, self._index.settled[name])
            memo = self._assembled.get(name)
            if memo is not None and all(a is b for a, b in zip(memo[0], key)):
                problems[name] = memo[1]
                continue
            found = list(state.problems)
            if name in stale:
                found.append(Problem(
                    name, 1, "showing-last-good-version",
                    f"until the problems in this file are fixed, the dashboard shows its last valid version "
                    f"(read {state.good.read_at:%Y-%m-%d %H:%M:%S})", severity="warning"))
            problems[name] = sorted(found + self._index.problems(name), key=ORDER)
            self._assembled[name] = (key, problems[name])
        for name in set(self._assembled) - set(self._files):
            del self._assembled[name]
        return problems

    def _settle(self, current: dict[str, tuple], removed: list[str]) -> Database:
        before = {name: (self._index.facts[name], self._index.settled[name]) for name in self._index.facts}
        stale = {name for name, state in self._files.items() if state.good is not None and state.failed}
        self._apply(stale, removed)
        problems = self._assemble(stale)
        failing = {name for name, found in problems.items() if _errors(found)} - stale
        newly_stale = {name for name in failing
                       if self._files[name].good is not None and self._files[name].good is not self._files[name]}
        if newly_stale:
            reasons = {name: _errors(problems[name]) for name in newly_stale}
            stale |= newly_stale
            self._apply(stale, ())
            problems = self._assemble(stale)
            for name, extra in reasons.items():
                problems[name] = sorted(problems[name] + extra, key=ORDER)
        failing = {name for name, found in problems.items() if _errors(found)}
        for name, state in self._files.items():
            if name not in stale and name not in failing:
                state.good = state
        self._write(before, problems, current, removed)
        self._problems = problems
        self.cache.changed(clean=not stale)
        return self._make_database()

    def _write(self, before: dict, problems: dict, current: dict, removed: list[str]) -> None:
        if self._live is None:
            self._live = LiveFile(self.cache.live_folder())
            self._live.open(fresh=True)
        gone: dict[str, dict[str, int]] = {kind: {} for kind in r.RECORD_KINDS}  # id -> tables it had rows in
        tables: dict[str, list[pa.Table]] = {table: [] for table in TABLE_ORDER}
        for name in sorted(set(before) | set(self._index.facts)):
            old = before.get(name)
            facts, settled = self._index.facts.get(name), self._index.settled.get(name)
            if old is not None and old[0] is facts and old[1].bad == settled.bad:
                continue
            was = _kept(*old) if old is not None else {}
            now = _kept(facts, settled) if facts is not None else {}
            new = set()
            for key in was.keys() | now.keys():
                if key in was and key in now and was[key][0] is not None and was[key][0] == now[key][0]:
                    continue  # the same text at the same place: the same rows
                if key in was:
                    gone[key[0]][key[1]] = gone[key[0]].get(key[1], 0) | was[key][1]
                if key in now:
                    new.add(now[key][2])
            if new:
                for table, rows in self.analysis(self._effective[name], name, items=False).rows.items():
                    if len(new) < len(facts.records):
                        rows = rows.filter(pc.is_in(rows["_record"], pa.array(sorted(new))))
                    tables[table].append(rows)
        writer = Writer(self._live.con)
        try:
            writer.delete_records(gone)
            for table, parts in tables.items():
                if parts:
                    writer.insert(table, pa.concat_tables(parts, promote_options="permissive"))
            writer.refresh_derived()
            redo = {name for name in problems if problems[name] != self._problems.get(name)} | set(removed)
            writer.replace_problems(redo, [p for name in sorted(redo) for p in problems.get(name, [])])
            writer.replace_data_files([file_row(name, stamp[0], stamp[1]) for name, stamp in current.items()])
            writer.commit()
        except BaseException:
            writer.rollback()
            raise

    def _make_database(self) -> Database:
        problems = sorted((p for name in sorted(self._problems) for p in self._problems[name]), key=ORDER)
        # Which records the checks left out, where known now (after a warm start: once the index is loaded).
        version = {name: (state, self._index.settled[name].bad if name in self._index.settled else None)
                   for name, state in self._effective.items()}
        dataset = StoreDataset(problems, sorted(self._files), self, version)
        database = Database(self._live.con, dataset)
        database.live = self._live  # the file lives as long as any database made from it
        return database

    def records(self, version: dict[str, FileState]) -> dict[str, list]:
        """The valid records of a version of the folder, read again from the bytes kept."""
        found: dict[str, list] = {kind: [] for kind in r.RECORD_KINDS}
        with self._lock:
            self.cache.pending_failed()
            for name in sorted(version):
                state, bad = version[name]
                if bad is None:
                    bad = self._index.bad(name) if self._effective.get(name) is state else frozenset()
                for n, item in enumerate(self.analysis(state, name).items):
                    if n not in bad:
                        found[item.kind].append(item)
            self._fresh.clear()
        return found


def _changed_while_read(path: Path, stamp: tuple) -> bool:
    """Whether a file's size or times differ from those listed before it was read: it is being written."""
    try:
        return cache.file_stamp(path.stat()) != tuple(stamp)
    except OSError:
        return False  # gone, or unreadable: reading it said so


def _emptied(facts: Facts) -> bool:
    """Whether a file version is empty (or only comments): an editor's save truncates before it writes."""
    return not facts.records and any(p.code == "empty-file" for p in facts.problems)


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def _kept(facts: Facts, settled) -> dict[tuple[str, str], tuple]:
    """The records the checks keep, by (kind, id): their print, tables and number."""
    prints = facts.prints or [None] * len(facts.records)
    tables = facts.tables or [-1] * len(facts.records)
    return {(kind, key): (prints[n], tables[n], n) for n, (kind, key, _, _) in enumerate(facts.records)
            if n not in settled.bad}

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
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from swapwatch import ARTICLES_DIR
from swapwatch import records as r
from swapwatch.crossref import article_names
from swapwatch.db import Database
from swapwatch.live import cache, folder
from swapwatch.live.analyse import Analysis, Facts, analyse
from swapwatch.live.crossindex import Index
from swapwatch.live.fastyaml import parse
from swapwatch.live.livefile import LiveFile, file_row
from swapwatch.live.parallel import read_all
from swapwatch.live.rowchanges import changed_rows
from swapwatch.live.storecache import StoreCache
from swapwatch.live.versions import (FileState, StoreDataset, StoreState, changed_while_read, changing, emptied,
                                     emptied_problem, errors)
from swapwatch.live.writer import write_changes
from swapwatch.yamlsource import Problem, listing_order

ORDER = listing_order  # the order problems are listed in


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
        self._database: Database | None = None
        self._folder = folder.Folder(self.data_dir)
        self._assembled: dict[str, tuple] = {}
        self.cache = StoreCache.open(self)
        self.last_load = ""  # cold | warm | reload: how the current database came to be

    def stamp(self) -> tuple:
        """Name, size, times and inode of every data file: changes whenever a file does."""
        return self._folder.stamp()

    def recent_stamp(self, max_age: float) -> tuple:
        """The stamp as stamp() gives it, or as taken less than `max_age` seconds ago: every tab's data watcher
        asks every couple of seconds, and one look at the files (400 files: 25 ms) serves them all."""
        return self._folder.recent_stamp(max_age)

    def database(self) -> Database:
        """The database of the folder as it is now (the same object while nothing changed)."""
        with self._lock:
            stamp = self._folder.fresh_stamp()  # the freshest look: the watchers compare with it
            if stamp != self._stamp or self._database is None or self._again:
                current = {entry[0]: entry[1:] for entry in stamp}
                self._modified.clear()
                self._modified.update({name: entry[1] for name, entry in current.items()})
                started = self._database is None
                self._database = (self._warm(current) if started else None) or self._refresh(current, started)
                self._stamp = stamp
            return self._database

    def snapshot(self) -> tuple[Database, tuple]:
        """The database as database() gives it, and the stamp of the files it reflects (one look at them)."""
        with self._lock:
            return self.database(), self._stamp

    def path(self, name: str) -> Path:
        """The file shown under this name."""
        return self._folder.path(name)

    def modified(self, name: str) -> int | None:
        """A file's modification time (ns) when last listed."""
        return self._modified.get(name)

    @property
    def live_path(self) -> Path | None:
        """The database file the store keeps up to date (None: in memory, or not loaded yet)."""
        return self._live.path if self._live is not None else None

    @contextmanager
    def saved(self) -> Iterator[StoreState | None]:
        """The store's state as its cache saves it, held still while in use (None: a warm start failed)."""
        with self._lock:
            if self._join_cache():
                yield None
                return
            yield StoreState(dict(self._files), dict(self._problems), self._live, self._index)

    def restore(self, state: StoreState) -> None:
        """Take up a state from the cache (its index, where None, comes once the cache has loaded it)."""
        with self._lock:
            self._files, self._effective, self._problems = state.files, dict(state.files), state.problems
            self._live = state.live
            if state.index is not None:
                self._index = state.index

    def wait_for_cache(self) -> None:
        """Wait until what the cache loads in the background after a warm start is taken up (for benchmarks)."""
        with self._lock:
            self._join_cache()

    def _warm(self, current: dict[str, tuple]) -> Database | None:
        state = self.cache.warm(current)
        if state is None:
            return None
        self.restore(state)
        self.last_load = "warm"
        if state.changed:
            database = self._refresh(current, started=False)
            self.last_load = "warm+reload"
            return database
        return self._make_database()

    def _join_cache(self) -> bool:
        """Wait for the cache's background loading and take up its index; True if it failed (the store must
        then load everything itself)."""
        failed, index = self.cache.pending()
        if index is not None:
            self._index = index
        if failed:
            self._live = None
        return failed

    def _refresh(self, current: dict[str, tuple], started: bool) -> Database:
        if self._join_cache():
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
                for name, (analysis, raw, racy) in read_all(changed, self.path, self.articles_dir,
                                                            self.articles).items():
                    self._add(name, analysis, changed[name], raw, racy, None)
            else:
                for name, stamp in changed.items():
                    self._read_one(name, stamp)
            return self._settle(current, removed)
        finally:
            self._fresh.clear()
            if gc_was:
                gc.enable()

    def _read_one(self, name: str, stamp: tuple) -> None:
        racy = cache.is_racy(stamp, time.time_ns())
        doc = folder.read_yaml(self.path(name), name)
        raw = getattr(doc, "raw", None)
        analysis = analyse(doc, raw, self.articles_dir, self.articles)
        previous = self._files.get(name)
        good = previous.good if previous else None
        if changed_while_read(self.path(name), stamp):
            analysis.facts.problems = analysis.facts.problems + [changing(name)]
            stamp, self._again = None, True
        elif good is not None and good.facts.records and emptied(analysis.facts):
            analysis.facts.problems = [emptied_problem(name, len(good.facts.records))]
        self._add(name, analysis, stamp, raw, racy, good)

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
        failing = {name for name, found in problems.items() if errors(found)} - stale
        newly_stale = {name for name in failing
                       if self._files[name].good is not None and self._files[name].good is not self._files[name]}
        if newly_stale:
            reasons = {name: errors(problems[name]) for name in newly_stale}
            stale |= newly_stale
            self._apply(stale, ())
            problems = self._assemble(stale)
            for name, extra in reasons.items():
                problems[name] = sorted(problems[name] + extra, key=ORDER)
        failing = {name for name, found in problems.items() if errors(found)}
        for name, state in self._files.items():
            if name not in stale and name not in failing:
                state.good = state
        self._write(before, problems, current, removed)
        self._problems = problems
        self.cache.changed(clean=not stale, at_once=self.last_load == "cold")
        return self._make_database()

    def _write(self, before: dict, problems: dict, current: dict, removed: list[str]) -> None:
        if self._live is None:
            self._live = LiveFile(self.cache.live_folder())
            self._live.open(fresh=True)
        gone, tables = changed_rows(before, self._index,
                                    lambda name: self.analysis(self._effective[name], name, items=False).rows)
        redo = {name for name in problems if problems[name] != self._problems.get(name)} | set(removed)
        write_changes(self._live.con, gone, tables, redo, [p for name in sorted(redo) for p in problems.get(name, [])],
                      [file_row(name, stamp[0], stamp[1]) for name, stamp in current.items()])

    def _make_database(self) -> Database:
        problems = sorted((p for name in sorted(self._problems) for p in self._problems[name]), key=ORDER)
        # Which records the checks left out, where known now (after a warm start: once the index is loaded).
        version = {name: (state, self._index.settled[name].bad if name in self._index.settled else None)
                   for name, state in self._effective.items()}
        dataset = StoreDataset(problems, sorted(self._files), self.records, version)
        database = Database(self._live.con, dataset)
        database.live = self._live  # the file lives as long as any database made from it
        return database

    def records(self, version: dict[str, FileState]) -> dict[str, list]:
        """The valid records of a version of the folder, read again from the bytes kept."""
        found: dict[str, list] = {kind: [] for kind in r.RECORD_KINDS}
        with self._lock:
            self._join_cache()
            for name in sorted(version):
                state, bad = version[name]
                if bad is None:
                    bad = self._index.bad(name) if self._effective.get(name) is state else frozenset()
                for n, item in enumerate(self.analysis(state, name).items):
                    if n not in bad:
                        found[item.kind].append(item)
            self._fresh.clear()
        return found

"""A store's use of the on-disk cache: start from it when the files are unchanged, refresh it after changes."""

from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import shutil
import threading
import time
import weakref
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from swapwatch.live import cache
from swapwatch.live.analyse import read_raw, sha
from swapwatch.live.crossindex import Index, Settled
from swapwatch.live.livefile import LiveFile, checkpoint, close_all
from swapwatch.live.versions import FileState, StoreState
from swapwatch.yamlsource import Problem

# After an edit, the cache is written once the folder has been quiet this long.
QUIET_SECONDS = 3.0
# With more than this share of files changed since the cache was written, a full load is quicker.
MOST_CHANGED = 0.25
# Less data than this loads in well under a second: kept in memory, not cached (a near-empty database
# file still takes megabytes).
MIN_BYTES = 1024 * 1024


_OPEN: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _finish_all() -> None:
    """At exit, let cache work in progress finish: a thread stopped inside the database aborts the process."""
    for store_cache in list(_OPEN):
        store_cache.flush()
        store_cache.pending()
    close_all()


def _tuples(problems: list[Problem]) -> list[tuple]:
    return [(p.file, p.line, p.code, p.message, p.severity) for p in problems]


class CachedStore(Protocol):
    """What the cache uses of its store (swapwatch.live.Store): which folder, its files, and its saved state."""
    data_dir: Path
    articles_dir: Path | None
    articles: set[str] | None

    def path(self, name: str) -> Path:
        """The file shown under this name."""

    def modified(self, name: str) -> int | None:
        """A file's modification time (ns) when last listed."""

    def saved(self) -> AbstractContextManager[StoreState | None]:
        """The store's state, held still while in use (None: a warm start failed)."""


class StoreCache:
    """Warm starts and cache writes for one store (all no-ops when the cache is off)."""

    def __init__(self, store: CachedStore, root: Path | None):
        self.store, self.root = store, root
        self.active = False  # decided at the first load: is this folder worth a cache
        self._cache: cache.Cache | None = None
        self._loader: threading.Thread | None = None
        self._load_failed = False
        self._index: Index | None = None  # the index the background load made, until the store takes it
        self._due: float | None = None
        self._failures = 0
        self._writer: threading.Thread | None = None
        self._wake = threading.Condition()
        self.last_error: str = ""
        _OPEN.add(self)

    @classmethod
    def open(cls, store: CachedStore) -> StoreCache:
        """The cache of a store, under cache.cache_root()."""
        return cls(store, cache.cache_root())

    def live_folder(self) -> Path | None:
        """Where the store's own database file goes (None: in memory): in shared memory where there is
        some, as the file is a private scratch copy that every commit would otherwise sync to disk."""
        if self.root is None or not self.active:
            return None
        shm = Path("/dev/shm")
        if shm.is_dir() and os.access(shm, os.W_OK):
            return shm / f"swapwatch-{os.getuid()}"
        return self.root / "live"

    def _entry_cache(self) -> cache.Cache | None:
        if self.root is None:
            return None
        if self._cache is None:
            key = cache.entry_key(self.store.data_dir, self.store.articles_dir, self.store.articles)
            self._cache = cache.Cache(self.root, key)
        return self._cache

    def warm(self, current: dict[str, tuple]) -> StoreState | None:
        """The state the cache holds, if it was saved from these very files (those changed since, as many as
        MOST_CHANGED allows, are listed in its `changed` and to be read again); None otherwise. Its index
        follows: see pending()."""
        least = int(os.environ.get("SWAPWATCH_CACHE_MIN_BYTES", "").strip() or MIN_BYTES)
        self.active = self.root is not None and sum(stamp[0] or 0 for stamp in current.values()) >= least
        entries = self._entry_cache() if self.active else None
        found = entries.read_head() if entries is not None else None
        if found is None:
            return None
        head, entry = found
        changed = set(head.files) ^ set(current)
        for name, stamp in current.items():
            if name not in head.files:
                continue
            old_stamp, old_sha, racy = head.files[name]
            if old_stamp != stamp or (racy and sha(read_raw(self.store.path(name), name)[0]) != old_sha):
                changed.add(name)
        if len(changed) > MOST_CHANGED * max(1, len(current)):
            return None
        live = LiveFile(self.live_folder())
        if live.path is None or not entries.copy_db(head, entry, live.path):
            return None
        try:
            live.open(fresh=False)
            state = head.state
            files = {}
            for name, (stamp, digest, racy) in head.files.items():
                files[name] = FileState(None if name in changed else stamp, digest,
                                        [Problem(*p) for p in state["problems"][name]], state["read_at"][name],
                                        racy=racy)
                files[name].good = None if name in state["failing"] else files[name]
            problems = {name: [Problem(*p) for p in found] for name, found in state["assembled"].items()}
        except Exception as err:  # a damaged entry is ignored, and rebuilt
            self.last_error = f"{type(err).__name__}: {err}"
            return None
        self._load_failed, self._index = False, None
        self._loader = threading.Thread(target=self._load, args=(head, entry, files), daemon=True,
                                        name="swapwatch-cache-load")
        self._loader.start()
        return StoreState(files, problems, live, changed=changed)

    def _load(self, head: cache.Head, entry: Path, files: dict) -> None:
        """In the background: the index (needed once a file changes) and the bytes of every file version."""
        try:
            entries = self._entry_cache()
            blobs = head.state["blobs"]
            facts = {name: pickle.loads(entries.get_blob(blobs[name])) for name in files}
            saved = pickle.loads(entries.read_part(head, entry, "settled.pickle"))
            settled = {name: Settled([Problem(*p) for p in found], frozenset(bad), frozenset(dangling))
                       for name, (found, bad, dangling) in saved["settled"].items()}
            if set(settled) != set(files) or any(f.name != n or f.sha != files[n].sha for n, f in facts.items()):
                raise ValueError("the cached index does not match its files")
            index = Index.restore(self.store.articles_dir, self.store.articles, facts, settled, set(saved["hinted"]),
                                  self.store.modified)
            for name, state in files.items():
                state.facts = index.facts[name]
                raw, _ = read_raw(self.store.path(name), name)
                if raw is not None and sha(raw) == state.sha:
                    state.raw = raw
                elif state.facts.records:
                    state.stamp, state.good = None, None  # changed since: read it again, its old version is gone
            self._index = index
        except Exception as err:
            self.last_error = f"{type(err).__name__}: {err}"
            self._load_failed = True

    def pending(self) -> tuple[bool, Index | None]:
        """Wait for background loading: whether it failed (the store must then load everything itself), and
        the index it made (once; None: none new)."""
        if self._loader is None:
            return False, None
        self._loader.join()
        self._loader = None
        index, self._index = self._index, None
        return self._load_failed, None if self._load_failed else index

    def changed(self, clean: bool, at_once: bool = False) -> None:
        """The store's database changed: write a new entry soon, at once after a first load (only when every
        file shows its current version)."""
        if self.root is None or not self.active or not clean:
            with self._wake:
                self._due = None
            return
        with self._wake:
            self._due = time.monotonic() + (0.0 if at_once else QUIET_SECONDS)
            if self._writer is None or not self._writer.is_alive():
                self._writer = threading.Thread(target=self._write_loop, daemon=True, name="swapwatch-cache-write")
                self._writer.start()
            self._wake.notify_all()

    def _write_loop(self) -> None:
        while True:
            with self._wake:
                while self._due is None or time.monotonic() < self._due:
                    if self._due is None:
                        return
                    self._wake.wait(max(0.0, self._due - time.monotonic()))
                self._due = None
            try:
                self._write()
            except Exception as err:  # a cache that cannot be written only makes the next start slower
                self.last_error = f"{type(err).__name__}: {err}"
                with self._wake:  # e.g. a reader still in a transaction: try again later (a few times)
                    self._failures += 1
                    if self._due is None and self._failures <= 3:
                        self._due = time.monotonic() + QUIET_SECONDS

    def _write(self) -> None:
        entries = self._entry_cache()
        with self.store.saved() as saved:  # a consistent copy: the database file and what the store knows about it
            if saved is None or saved.live is None or saved.live.path is None:
                return
            files = {name: (s.stamp, s.sha, s.racy) for name, s in saved.files.items()}
            if any(stamp is None for stamp, _, _ in files.values()):
                return
            tmp = entries.begin()
            try:
                checkpoint(saved.live.con)
                shutil.copyfile(saved.live.path, tmp / "db.duckdb")
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            states, index, assembled = saved.files, saved.index, saved.problems
            index_facts, index_settled, hinted = dict(index.facts), dict(index.settled), set(index.hinted)
        blobs = {}
        for name, state in states.items():
            blobs[name] = hashlib.sha256(f"{name}\0{state.sha}".encode()).hexdigest()[:40]
            if not entries.has_blob(blobs[name]):
                entries.put_blob(blobs[name], pickle.dumps(index_facts[name], protocol=pickle.HIGHEST_PROTOCOL))
        state = dict(problems={name: _tuples(s.problems) for name, s in states.items()},
                     read_at={name: s.read_at for name, s in states.items()},
                     failing={name for name, s in states.items() if s.good is None},
                     assembled={name: _tuples(found) for name, found in assembled.items()}, blobs=blobs)
        settled = {name: (_tuples(found.problems), tuple(found.bad), tuple(found.dangling))
                   for name, found in index_settled.items()}
        parts = {"settled.pickle": pickle.dumps(dict(settled=settled, hinted=sorted(hinted)),
                                                protocol=pickle.HIGHEST_PROTOCOL)}
        entries.commit(tmp, cache.Head(entries.key, files, state), parts)
        self._failures, self.last_error = 0, ""

    def flush(self, timeout: float = 120.0) -> None:
        """Wait until any pending cache write is done (for benchmarks and tests)."""
        with self._wake:
            self._due = min(self._due, time.monotonic()) if self._due is not None else None
            self._wake.notify_all()
        if self._writer is not None:
            self._writer.join(timeout)

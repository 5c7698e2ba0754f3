"""The database file one store keeps up to date: created with the schema, checkpointed, removed once unused."""

from __future__ import annotations

import datetime as dt
import os
import uuid
import weakref
from pathlib import Path

import duckdb

from swapwatch.db import execute

# The file format of DuckDB 1.2 (readable by 1.2 and later): it stores text with dictionary or FSST
# compression, where later formats use DICT_FSST, about the same size but slower to read here (at 100,000
# events the quote explorer 46 -> 30 ms, the bibliography with a filter 93 -> 77 ms, every page query
# 12 % less in all; docs/performance.md).
STORAGE = {"storage_compatibility_version": "v1.2.0"}


def connect(path: str = ":memory:", fresh: bool = True, config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to a database file (or memory); fresh: create the tables and macros first."""
    con = duckdb.connect(path, config={**STORAGE, **(config or {})})
    if fresh:
        execute(con, "tables")
    execute(con, "macros")
    return con


def checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Write everything to the database file itself (so that a copy of the file is complete)."""
    cursor = con.cursor()
    try:
        execute(cursor, "checkpoint")
    finally:
        cursor.close()


def file_row(name: str, size: int | None, mtime_ns: int | None) -> dict:
    """A data_files row."""
    # st_mtime exactly as os.stat computes it from the nanoseconds, so both ways of loading agree.
    modified = None if mtime_ns is None else dt.datetime.fromtimestamp(mtime_ns // 10**9 + (mtime_ns % 10**9) * 1e-9)
    return dict(file=name, modified=modified, bytes=size)


class LiveFile:
    """The database one store keeps up to date: a private file (removed once unused), or memory."""

    def __init__(self, folder: Path | None, source: Path | None = None):
        self.path: Path | None = None
        if folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                _remove_orphans(folder)
                self.path = folder / f"{os.getpid()}-{uuid.uuid4().hex[:12]}.duckdb"
            except OSError:
                self.path = None
        self.con: duckdb.DuckDBPyConnection | None = None
        self._held: list = []  # the connection, for the finalizer (which must not hold self)
        self._finalizer = weakref.finalize(self, _cleanup, self._held, self.path)
        self._finalizer.atexit = False  # at exit, close_all() runs once pending cache writes are done
        _OPEN.add(self)

    def open(self, fresh: bool) -> duckdb.DuckDBPyConnection:
        """Connect (fresh: create the tables too)."""
        self.con = connect(str(self.path) if self.path else ":memory:", fresh=fresh)
        self._held.append(self.con)
        return self.con


_OPEN: weakref.WeakSet = weakref.WeakSet()


def close_all() -> None:
    """Close every live database and remove its file (at exit)."""
    for live in list(_OPEN):
        # weakref.finalize calls nothing once interpreter shutdown has begun: clean up directly.
        if live._finalizer.detach() is not None:
            _cleanup(live._held, live.path)


def _cleanup(held: list, path: Path | None) -> None:
    for con in held:
        try:
            con.close()
        except Exception:
            pass
    if path is not None:
        for leftover in (path, path.with_name(path.name + ".wal")):
            leftover.unlink(missing_ok=True)


def _remove_orphans(folder: Path) -> None:
    """Remove the live files of processes that no longer run."""
    for path in folder.glob("*-*.duckdb*"):
        pid = path.name.split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            path.unlink(missing_ok=True)
        except OSError:
            continue

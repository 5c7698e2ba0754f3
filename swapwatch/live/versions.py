"""The versions of the data files a store holds, and the state it hands to its cache and takes back from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from swapwatch import records as r
from swapwatch.live import cache
from swapwatch.live.analyse import Facts
from swapwatch.live.crossindex import Index, Settled
from swapwatch.live.livefile import LiveFile
from swapwatch.validate import Dataset
from swapwatch.yamlsource import Problem


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
        """Whether this version has an error of its own."""
        return any(p.severity == "error" for p in self.problems)


@dataclass
class StoreState:
    """What a store saves to its cache and restores from it: the file versions, the problems listed per file,
    the database file and the cross-file index (None: not known yet)."""
    files: dict[str, FileState]
    problems: dict[str, list[Problem]]
    live: LiveFile | None
    index: Index | None = None
    changed: set[str] = field(default_factory=set)  # (restored) files changed since the state was saved


class StoreDataset(Dataset):
    """A store's validation result: problems and files at once, the records only when asked for."""

    def __init__(self, problems: list[Problem], files: list[str], records: Callable[[dict], dict], version: dict):
        self.problems, self.files, self.rejected = problems, files, {k: [] for k in r.RECORD_KINDS}
        self._read, self._version, self._records = records, version, None

    @property
    def records(self):
        """The valid records of this version of the folder (read again from the bytes kept, once)."""
        if self._records is None:
            self._records = self._read(self._version)
        return self._records


def changed_while_read(path: Path, stamp: tuple) -> bool:
    """Whether a file's size or times differ from those listed before it was read: it is being written."""
    try:
        return cache.file_stamp(path.stat()) != tuple(stamp)
    except OSError:
        return False  # gone, or unreadable: reading it said so


def changing(name: str) -> Problem:
    """The problem of a file caught while being written."""
    return Problem(name, 1, "file-changing", "the file changed while it was read (an editor is still saving it?); "
                   "it is read again at the next check")


def emptied_problem(name: str, held: int) -> Problem:
    """The problem of a file emptied whose last version held `held` records."""
    return Problem(name, 1, "emptied-file", f"the file is empty, but its last version held {held:,} records; if an "
                   "editor is saving it, they are back at the next check; to remove them, delete the file")


def emptied(facts: Facts) -> bool:
    """Whether a file version is empty (or only comments): an editor's save truncates before it writes."""
    return not facts.records and any(p.code == "empty-file" for p in facts.problems)


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that are errors."""
    return [p for p in problems if p.severity == "error"]


def kept(facts: Facts, settled: Settled) -> dict[tuple[str, str], tuple]:
    """The records the checks keep, by (kind, id): their print, tables and number."""
    prints = facts.prints or [None] * len(facts.records)
    tables = facts.tables or [-1] * len(facts.records)
    return {(kind, key): (prints[n], tables[n], n) for n, (kind, key, _, _) in enumerate(facts.records)
            if n not in settled.bad}

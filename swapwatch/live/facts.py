"""The facts one file brings to the cross-file checks: what live.analyse finds, what live.crossindex settles."""

from __future__ import annotations

from dataclasses import dataclass, field

from swapwatch import records as r
from swapwatch.problems import Problem


@dataclass
class Facts:
    """What one version of one file brings to the whole: small, picklable, kept for every file."""
    name: str
    sha: str                                   # sha256 of the bytes read ('' when unreadable)
    problems: list[Problem]                    # reading and shape problems of the file itself
    records: list[tuple[str, str, int, int]]   # (kind, id, line, line of its id) of every well-shaped record
    local: list[tuple[int, Problem]]           # cross-record problems found within the file, by record number
    refs: dict[str, frozenset[str]]            # ids the records point at, by kind of record pointed at
    cited: frozenset[str]                      # source ids cited (by well-shaped and rejected records)
    rejected: dict[str, tuple[str, ...]]       # ids of records that failed their shape check, by kind
    hinted: bool = False                       # its own checks searched for a did-you-mean hint
    prints: list[int | None] = field(default_factory=list)  # per record: a hash of its text and place
    tables: list[int] = field(default_factory=list)         # per record: the tables it has rows in (bits)
    ids: dict[str, frozenset[str]] = field(default_factory=dict)  # ids of well-shaped records, by kind
    part_of: frozenset[str] = frozenset()      # event ids its events name as their whole (part-of)
    legs_at: tuple[tuple[int, str, int], ...] = ()  # its events with legs: (record number, id, line of legs)
    lost: tuple[tuple[str, str], ...] = ()     # (kind, id) it seems to define when it cannot be read (lostids.py)
    dates: tuple[tuple[int, str, str | None], ...] = ()  # its events' dates: (record number, date, end_date)
    releases: tuple[tuple[int, str, str, int], ...] = ()  # (record number, event id, released, its line)

    def __post_init__(self) -> None:
        if not self.ids:
            found: dict[str, set[str]] = {kind: set() for kind in r.RECORD_KINDS}
            for kind, key, _, _ in self.records:
                found[kind].add(key)
            self.ids = {kind: frozenset(keys) for kind, keys in found.items()}

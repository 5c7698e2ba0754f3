"""The outcome of validation: every valid record with where it was written, and every problem found."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from swapwatch import records as r
from swapwatch.problems import Problem
from swapwatch.yamlsource import Document


@dataclass(frozen=True)
class Located:
    """A valid record with where it was written."""
    kind: str
    record: BaseModel
    file: str
    line: int
    doc: Document = field(repr=False, compare=False)
    path: tuple = ()

    def line_of(self, *sub: str | int) -> int:
        """The line of a part of the record (its path below the record), as the document knows it."""
        return self.doc.line_of(self.path + sub)


@dataclass
class Dataset:
    """Every valid record, by kind, and every problem found."""
    records: dict[str, list[Located]] = field(default_factory=lambda: {k: [] for k in r.RECORD_KINDS})
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    modified: dict[str, int] = field(default_factory=dict)  # file -> modification time (ns), where known
    # Records that failed their shape check, as read (by kind): their ids and citations still count
    # as existing, so one mistake is not reported again as dangling references or unused sources.
    rejected: dict[str, list] = field(default_factory=lambda: {k: [] for k in r.RECORD_KINDS})
    # Ids that files which could not be read seem to define (kind -> id -> file): see lostids.py.
    lost: dict[str, dict[str, str]] = field(default_factory=lambda: {k: {} for k in r.RECORD_KINDS})

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors (not warnings)."""
        return [p for p in self.problems if p.severity == "error"]

    def count(self, kind: str) -> int:
        """How many valid records of a kind there are."""
        return len(self.records[kind])

"""Cross-file checks kept up to date one file at a time, with exactly the results of crossref.check_references.

check_references looks at the whole dataset at once. Here every file contributes small facts (its
ids, what it points at, what it cites, the problems found within it; see swapwatch.live.analyse) to an
index, and a changed file re-settles only what the change can affect: itself, files pointing at an
id that appeared or vanished, files sharing an id with it, sources whose "cited" state flipped, events
with legs that became or stopped being a programme (named `part-of` by another event).
Files whose messages carry did-you-mean hints share one hint budget in check_references, so they
are checked again together, in its order, by the same recordchecks.check_records. tests/test_crossindex.py
holds both ways to the same result.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from swapwatch import records as r
from swapwatch.crossref import check_release, duplicate_message, precedence, programme_message, too_many, unused_message
from swapwatch.dataset import Located
from swapwatch.live.facts import Facts
from swapwatch.problems import MAX_LISTED, Problem
from swapwatch.recordchecks import Hints, check_records


class _Known:
    """The ids of one kind that exist anywhere (well-shaped or not), as a read-only set; lost as in
    recordchecks.KnownIds."""

    def __init__(self, counts: Counter, lost: dict[str, str]):
        self.counts, self.lost = counts, lost

    def __contains__(self, value: object) -> bool:
        return self.counts.get(value, 0) > 0

    def __iter__(self):
        return iter(self.counts)

    def __len__(self) -> int:
        return len(self.counts)


@dataclass
class Settled:
    """A file version's cross-record outcome: its problems and the numbers of its records left out."""
    problems: list[Problem]
    bad: frozenset[int]
    dangling: frozenset[str] = frozenset()  # kinds of ids it points at that exist nowhere


class Index:
    """Every file's facts, and each file's settled cross-record problems."""

    def __init__(self, articles_dir: Path | None, articles: set[str] | None,
                 modified: Callable[[str], int | None] = lambda name: None):
        self.articles_dir, self.articles = articles_dir, articles
        self.modified = modified                                     # a file's modification time (ns)
        self.shown: dict[tuple[str, str], str] = {}                  # (kind, id) used twice -> file shown
        self.facts: dict[str, Facts] = {}
        self.settled: dict[str, Settled] = {}
        self.defined = {kind: Counter() for kind in r.RECORD_KINDS}  # well-shaped records per id
        self.exists = {kind: Counter() for kind in r.RECORD_KINDS}   # ...plus rejected ones
        self.cited: Counter = Counter()                              # files citing each source id
        self.wholes: Counter = Counter()                             # files naming each event id part-of
        self.hinted: set[str] = set()                                # files checked together (see module doc)

    @classmethod
    def restore(cls, articles_dir: Path | None, articles: set[str] | None, facts: dict[str, Facts],
                settled: dict[str, Settled], hinted: set[str],
                modified: Callable[[str], int | None] = lambda name: None) -> Index:
        """An index as saved (its facts and settled outcomes), its counts made again."""
        index = cls(articles_dir, articles, modified)
        index.facts, index.settled, index.hinted = facts, settled, hinted
        for one in facts.values():
            index._count(one, +1)
        return index

    def _count(self, facts: Facts, step: int) -> None:
        for kind, key, _, _ in facts.records:
            _bump(self.defined[kind], key, step)
            _bump(self.exists[kind], key, step)
        for kind, keys in facts.rejected.items():
            for key in keys:
                _bump(self.exists[kind], key, step)
        for key in facts.cited:
            _bump(self.cited, key, step)
        for key in facts.part_of:
            _bump(self.wholes, key, step)

    def update(self, changes: dict[str, Facts | None], records_of: Callable[[str], list[Located]]) -> set[str]:
        """Replace the facts of changed files (None: removed) and re-settle what that affects; returns it."""
        existed, defined, was_cited, was_whole, relost = {}, {}, {}, {}, set()
        redated: set[str] = set()  # events whose dates may read differently now
        for name, new in changes.items() if self.facts else ():
            old = self.facts.get(name)
            redated |= _event_dates(old).items() ^ _event_dates(new).items()
            for facts in (old, new):
                if facts is None:
                    continue
                relost.update(facts.lost)  # references to these may name another cause now
                for kind in r.RECORD_KINDS:
                    for key in facts.ids[kind] | set(facts.rejected.get(kind, ())):
                        existed[kind, key] = key in self.exists[kind]
                    for key in facts.ids[kind]:
                        defined[kind, key] = self.defined[kind].get(key, 0)
                was_cited.update({k: k in self.cited for k in facts.cited})
                was_whole.update({k: k in self.wholes for k in facts.part_of})
        first_load = not self.facts
        old_facts = {name: self.facts.get(name) for name in changes}
        for name, new in changes.items():
            old = self.facts.pop(name, None)
            self.settled.pop(name, None)
            if old is not None:
                self._count(old, -1)
            if new is not None:
                self.facts[name] = new
                self._count(new, +1)
        self._keep_shown(changes, old_facts, defined)
        if first_load:
            affected, flipped = set(self.facts), {}
        else:
            flipped, affected = self._affected(changes, existed, defined, was_cited, was_whole, relost,
                                               {key for key, _ in redated})
        dangling = {name: self._dangling(name) for name in affected}
        for name, settled in self.settled.items():
            if name not in affected:
                dangling[name] = settled.dangling
        group = {name for name, kinds in dangling.items() if kinds or self.facts[name].hinted}
        if group and (group != self.hinted or group & affected or any(flipped.values())):
            affected |= group
        checked = self._check_group(group, records_of) if group & affected else {}
        self.hinted = group
        for name in sorted(affected):
            local = checked.get(name, self.facts[name].local)
            self.settled[name] = self._settle(name, local, dangling[name])
        return affected

    def _keep_shown(self, changes: dict, old_facts: dict, defined: dict) -> None:
        """An id that a change makes used twice keeps showing the record shown before (a duplicate never
        replaces a record already shown); an id used once again forgets which was shown."""
        for (kind, key), count in defined.items():
            if not count or self.defined[kind].get(key, 0) < 2 or (kind, key) in self.shown:
                continue
            before = [name for name, facts in old_facts.items() if facts is not None and key in facts.ids[kind]]
            before += [name for name, facts in self.facts.items() if name not in changes and key in facts.ids[kind]]
            if before:
                self.shown[kind, key] = min(before, key=lambda name: precedence(name, self.modified(name)))
        for kind, key in [k for k in self.shown if self.defined[k[0]].get(k[1], 0) < 2]:
            del self.shown[kind, key]

    def _affected(self, changes, existed, defined, was_cited, was_whole, relost, redated) -> tuple[dict, set[str]]:
        flipped = {kind: set() for kind in r.RECORD_KINDS}
        for (kind, key), was in existed.items():
            if was != (key in self.exists[kind]):
                flipped[kind].add(key)
        for kind, key in relost:
            flipped[kind].add(key)
        shared = {kind: set() for kind in r.RECORD_KINDS}
        for (kind, key), count in defined.items():
            if count > 1 or self.defined[kind].get(key, 0) > 1:
                shared[kind].add(key)  # a first occurrence may have moved: every holder's message may change
        redated = redated | shared["events"]  # another record of an id may be the one shown now
        uncited = {k for k, was in was_cited.items() if was != (k in self.cited)}
        unwhole = {k for k, was in was_whole.items() if was != (k in self.wholes)}  # became or stopped being programmes
        affected = {name for name in changes if name in self.facts}
        for name, facts in self.facts.items():
            if name in affected:
                continue
            if (any(keys and facts.refs.get(kind, frozenset()) & keys for kind, keys in flipped.items())
                    or any(keys and facts.ids[kind] & keys for kind, keys in shared.items())
                    or (uncited and facts.ids["sources"] & uncited)
                    or (unwhole and any(key in unwhole for _, key, _ in facts.legs_at))
                    or (redated and any(key in redated for _, key, _, _ in facts.releases))):
                affected.add(name)
        return flipped, affected

    def _dangling(self, name: str) -> frozenset[str]:
        facts = self.facts[name]
        return frozenset(kind for kind in r.RECORD_KINDS
                         if any(key not in self.exists[kind] for key in facts.refs.get(kind, ())))

    def _check_group(self, group: set[str], records_of) -> dict[str, list[tuple[int, Problem]]]:
        """The within-file checks of these files again, together, against the ids that really exist."""
        merged: dict[str, list] = {kind: [] for kind in r.RECORD_KINDS}
        number: dict[int, tuple[str, int]] = {}
        for name in sorted(group):
            for n, item in enumerate(records_of(name)):
                merged[item.kind].append(item)
                number[id(item)] = (name, n)
        found: dict[str, list[tuple[int, Problem]]] = {name: [] for name in group}

        def report(item, line, code, message, severity="error"):
            name, n = number[id(item)]
            found[name].append((n, Problem(item.file, line, code, message, severity)))

        lost: dict[str, dict[str, str]] = {kind: {} for kind in r.RECORD_KINDS}
        for name in sorted(self.facts):  # a lost id is named after the first file seeming to define it
            for kind, key in self.facts[name].lost:
                lost[kind].setdefault(key, name)
        ids = {kind: _Known(self.exists[kind], lost[kind]) for kind in r.RECORD_KINDS}
        check_records(merged, ids, report, Hints(), self.articles, self.articles_dir)
        return found

    def _settle(self, name: str, local: list[tuple[int, Problem]], dangling: frozenset[str]) -> Settled:
        facts = self.facts[name]
        duplicates, unused = [], []
        for n, (kind, key, line, id_line) in enumerate(facts.records):
            if self.defined[kind][key] > 1:
                first, number, first_line = self._first(kind, key)
                if (first, number) != (name, n):
                    duplicates.append((n, Problem(name, id_line, "duplicate-id",
                                                  duplicate_message(kind, key, first, first_line))))
            if kind == "sources" and key not in self.cited:
                unused.append((n, Problem(name, line, "unused-source", unused_message(key), "warning")))
        programmes = [(n, Problem(name, line, "programme-legs", programme_message(key)))
                      for n, key, line in facts.legs_at if key in self.wholes]
        released = self._releases(name)
        found = duplicates + local + programmes + released + unused  # the order check_references reports in
        bad = frozenset(n for n, p in found if p.severity == "error")
        problems = [p for _, p in found[:MAX_LISTED]]
        rest = [p for _, p in found[MAX_LISTED:]]
        if rest:
            problems.append(too_many(name, rest))
        return Settled(problems, bad, dangling)

    def _releases(self, name: str) -> list[tuple[int, Problem]]:
        """crossref.check_release for the file's releases, against the dates of the event record shown."""
        found: list[tuple[int, Problem]] = []
        for n, event, released, line in self.facts[name].releases:
            if not self.defined["events"].get(event):
                continue
            holder, number, _ = self._first("events", event)
            date, end_date = next((d, e) for k, d, e in self.facts[holder].dates if k == number)
            check_release(None, line, event, released, date, end_date,
                          report=lambda _, line, code, message, severity: found.append(
                              (n, Problem(name, line, code, message, severity))))
        return found

    def _first(self, kind: str, key: str) -> tuple[str, int, int]:
        """File, record number and id line of the well-shaped record with this id that is shown: the one
        shown before the id was used again, else by crossref.precedence (the file changed longest ago)."""
        holders = [name for name, facts in self.facts.items() if key in facts.ids[kind]]
        if not holders:
            raise KeyError(key)
        name = self.shown.get((kind, key))
        if name not in holders:
            name = min(holders, key=lambda name: precedence(name, self.modified(name)))
            self.shown[kind, key] = name
        return next((name, n, id_line) for n, (k, i, _, id_line) in enumerate(self.facts[name].records)
                    if k == kind and i == key)

    def problems(self, name: str) -> list[Problem]:
        """The settled cross-record problems of a file (its reading and shape problems not included)."""
        return self.settled[name].problems

    def bad(self, name: str) -> frozenset[int]:
        """Numbers of the file's records that cross-record errors leave out."""
        return self.settled[name].bad


def _event_dates(facts: Facts | None) -> dict[str, tuple]:
    """A file's event ids and their dates (each record's, in case an id is used twice)."""
    if facts is None:
        return {}
    events = [(n, key) for n, (kind, key, _, _) in enumerate(facts.records) if kind == "events"]
    dates = {n: (date, end) for n, date, end in facts.dates}
    found: dict[str, tuple] = {}
    for n, key in events:
        found[key] = found.get(key, ()) + (dates.get(n),)
    return found


def _bump(counter: Counter, key: str, step: int) -> None:
    value = counter.get(key, 0) + step
    if value:
        counter[key] = value
    else:
        del counter[key]

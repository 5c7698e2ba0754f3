"""Which rows a reload replaces: the records gone or changed since the last one, and the rows of those now kept."""

from __future__ import annotations

from typing import Callable

import pyarrow as pa
import pyarrow.compute as pc

from swapwatch import records as r
from swapwatch.live.crossindex import Index
from swapwatch.live.rows import TABLE_ORDER
from swapwatch.live.versions import kept


def changed_rows(before: dict[str, tuple], index: Index, rows_of: Callable[[str], dict[str, pa.Table]]
                 ) -> tuple[dict[str, dict[str, int]], dict[str, list[pa.Table]]]:
    """The records to remove (by kind: id -> the tables they have rows in, as TABLE_ORDER bits) and the rows to
    write (by table), given each file's (facts, settled) before the reload and the index after it; rows_of(name)
    gives the rows of a file's current version."""
    gone: dict[str, dict[str, int]] = {kind: {} for kind in r.RECORD_KINDS}
    tables: dict[str, list[pa.Table]] = {table: [] for table in TABLE_ORDER}
    for name in sorted(set(before) | set(index.facts)):
        old = before.get(name)
        facts, settled = index.facts.get(name), index.settled.get(name)
        if old is not None and old[0] is facts and old[1].bad == settled.bad:
            continue
        was = kept(*old) if old is not None else {}
        now = kept(facts, settled) if facts is not None else {}
        new = set()
        for key in was.keys() | now.keys():
            if key in was and key in now and was[key][0] is not None and was[key][0] == now[key][0]:
                continue  # the same text at the same place: the same rows
            if key in was:
                gone[key[0]][key[1]] = gone[key[0]].get(key[1], 0) | was[key][1]
            if key in now:
                new.add(now[key][2])
        if new:
            for table, rows in rows_of(name).items():
                if len(new) < len(facts.records):
                    rows = rows.filter(pc.is_in(rows["_record"], pa.array(sorted(new))))
                tables[table].append(rows)
    return gone, tables

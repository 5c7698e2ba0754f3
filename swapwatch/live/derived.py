"""What the database derives from several records: statuses, counts over every event, and what rows show of
other records. The writer redoes the parts an edit touches; a database filled another way derives them all.

The statements live in queries/schema/store.sql (`-- name:` blocks) and run through swapwatch.db.
"""

from __future__ import annotations

import duckdb

from swapwatch.db import execute, statement
from swapwatch.live.rows import RECORD_TABLES

# What rows show of other records (tables.sql: "writer"), in the order written; each binds some of
# $all, $sources, $people, $events, $quotes.
RELABEL = ("name_quotes", "title_quotes", "title_detentions", "partners_detentions", "names_legs", "label_events",
           "label_people", "label_quotes", "label_values")
# What the writer counts over every event, redone when events are written (store.sql: clear_X, count_X):
# the timeline's points, the exchanges between each pair of countries, the people moved between them.
OVER_EVERY_EVENT = ("timeline", "pairs", "flows")
# The parts of the events written that those counts read, fingerprinted before and after an edit
# (store.sql: event_prints); a count is redone only if a part it reads changed (an event retitled
# changes the timeline's points, not the countries' totals, the pairs, the flows or the headline).
EVENT_PRINTS = ("timeline", "legs", "roles", "counted", "links")
REDONE_IF = {"timeline": {"timeline"}, "pairs": {"legs"}, "flows": {"legs"}, "countries": {"legs", "roles", "counted"},
             "headline": {"counted", "links"}}
# What the countries table holds of every event (tables.sql), counted by the writer.
COUNTRY_TOTALS = ("events", "released", "received", "mediated", "hosted", "venues", "swapped_out", "swapped_in")


def refresh_detention_status(cursor: duckdb.DuckDBPyConnection, people: list[str] | None = None,
                             events: list[str] | None = None) -> None:
    """Set the status of the spells of these people and of the spells released in these events (None: of
    every spell), by the one rule in store.sql."""
    every = people is None and events is None
    execute(cursor, "refresh_detention_status", {"all": every, "people": people or [], "events": events or []})


def counts_to_redo(before: list[int] | None, now: list[int]) -> set[str]:
    """Which counts over every event (REDONE_IF) read a part of the events whose fingerprint (EVENT_PRINTS)
    differs between before and now (all of them when before is unknown)."""
    if before is None:
        return set(REDONE_IF)
    changed = {part for part, was, is_ in zip(EVENT_PRINTS, before, now) if was != is_}
    return {count for count, parts in REDONE_IF.items() if parts & changed}


def relabel(cursor: duckdb.DuckDBPyConnection, touched: dict[str, set[str]] | None) -> None:
    """Rewrite what rows show of other records, for the records in `touched` (by kind) and the rows showing
    them; None: for every row (a first load, a big change)."""
    lists = {kind: sorted(ids) for kind, ids in (touched or {}).items()}
    values = {"all": touched is None, **{kind: lists.get(kind, []) for kind in RECORD_TABLES}}
    for name in RELABEL:
        sql = statement(name)
        bound = {key: value for key, value in values.items() if f"${key}" in sql}
        if touched is None or any(bound[kind] for kind in RECORD_TABLES if kind in bound):  # else nothing to redo
            execute(cursor, name, bound)


def derive_all(con: duckdb.DuckDBPyConnection) -> None:
    """What the writer derives from several records after a first load, for a database filled another
    way (the reference load, generated rows): every detention's status, how many records cite each source,
    each country's totals, the timeline's points, the pairs' exchanges and flows, the headline figures, and
    what rows show of other records."""
    refresh_detention_status(con)
    execute(con, "count_citing", {"ids": None})
    execute(con, "count_countries")
    for what in OVER_EVERY_EVENT + ("headline",):
        count_again(con, what)
    relabel(con, None)


def count_again(cursor: duckdb.DuckDBPyConnection, what: str) -> None:
    """Count one of the tables the writer keeps over every event (OVER_EVERY_EVENT, the headline figures)
    from scratch: store.sql's clear_<what>, then count_<what>."""
    execute(cursor, f"clear_{what}")
    execute(cursor, f"count_{what}")

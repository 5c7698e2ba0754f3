"""The data a run shows: the store behind one cached resource, queries cached per data version, a page's
declared queries started side by side, and the watcher that reruns a page when a file changes."""

from __future__ import annotations

import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import streamlit as st

from swapwatch import config
from swapwatch.db import Database
from swapwatch.filters import Filters
from swapwatch.live import Store
from swapwatch.pagequeries import Ask, app


@st.cache_resource(max_entries=4, show_spinner=False)
def _store(data_dir: str) -> Store:
    return Store(Path(data_dir))


def database() -> Database:
    """The database of the data as it is now (re-read only where a file changed)."""
    return _store(str(config.data_dir())).database()


def begin_run() -> Database:
    """The database for this run, looking at the data files once (a look costs a stat of every file).

    Every query of the run is keyed by the stamp seen here, and the watcher compares later stamps with it.
    """
    db, stamp = _store(str(config.data_dir())).snapshot()
    st.session_state["_run_data"] = (db, _version(stamp))
    st.session_state["_data_stamp"] = stamp
    st.session_state["_looked_at"] = time.monotonic()
    return db


def _version(stamp: tuple) -> str:
    """A short key for a stamp: the query cache hashes its arguments on every call, and a stamp lists
    every file (hashing 400 of them took 35 ms a query)."""
    return hashlib.blake2b(repr(stamp).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def run_data() -> tuple[Database, str]:
    """This run's database and data version (set by app.py; looked up afresh when a page runs on its own)."""
    if "_run_data" in st.session_state:
        return st.session_state["_run_data"]
    db, stamp = _store(str(config.data_dir())).snapshot()
    return db, _version(stamp)


def set_current(db: Database, filters: Filters) -> None:
    """Remember this run's database and filters for the page that app.py runs next."""
    st.session_state["_current"] = (db, filters)


def current() -> tuple[Database, Filters]:
    """This run's database and filters (set by app.py before the page runs)."""
    if "_current" not in st.session_state:
        return database(), Filters()
    return st.session_state["_current"]


@st.cache_data(max_entries=512, show_spinner=False)
def _run(data_dir: str, version: str, name: str, params: tuple, _db: Database) -> pd.DataFrame:
    return missing_as_none(_db.run(name, **dict(params)))


def missing_as_none(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns with None for a missing value (pandas' NaN would print as 'nan' and count as true)."""
    for column in frame.select_dtypes(include=["object", "string"]).columns:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def _call(query: Ask) -> tuple:
    """The arguments of the cached query call for ``query`` on this run's data."""
    db, version = run_data()
    return str(config.data_dir()), version, query.name, query.params, db


def read(query: Ask) -> pd.DataFrame:
    """A query's result on the current data version, cached per version and parameters (each call gets its
    own copy of the frame: st.cache_data hands out a new one every time)."""
    return _run(*_call(query))


def shared(name: str, filters: Filters | None = None, link: tuple[str, ...] = ()) -> pd.DataFrame:
    """One of the queries every page shares (pagequeries.app) under ``filters``."""
    return read(app(filters or Filters(), link)[name])


# Queries a page starts before it needs them run here, side by side (DuckDB runs a query of 100,000 rows
# on about one core: two at once take little more than one). Threads that touch no Streamlit element.
_AHEAD = ThreadPoolExecutor(max_workers=4, thread_name_prefix="swapwatch-query")


class Started:
    """A page's declared queries, started: each is read by name."""

    def __init__(self, queries: dict[str, Ask]):
        self.queries = queries

    def read(self, name: str) -> pd.DataFrame:
        """The result of the declared query ``name`` (waiting for it, or running it if it has not begun)."""
        if name not in self.queries:
            raise KeyError(f"query {name} is not declared for this page (swapwatch/pagequeries.py); "
                           f"declared: {', '.join(self.queries)}")
        return read(self.queries[name])

    def page(self, name: str) -> tuple[pd.DataFrame, int]:
        """The rows of a paged query (its first screenful) and how many it has in all."""
        frame = self.read(name)
        total = int(frame["total_rows"].iloc[0]) if len(frame) else 0
        return frame.drop(columns="total_rows"), total


def start(queries: dict[str, Ask]) -> Started:
    """Start every query of a page's declaration now, on other threads, for the page to read below.

    A read then finds the result cached, waits for it to finish, or (if it has not begun) runs it
    itself; a query that fails is run again there and reports its error as usual. A query already
    cached is only looked up.
    """
    for query in queries.values():
        _AHEAD.submit(_run, *_call(query))
    return Started(queries)


WATCH_SECONDS = 2


@st.fragment(run_every=WATCH_SECONDS)
def watch_data() -> None:
    """Every few seconds, rerun the whole page if a data file changed since this page was drawn.

    An idle tab costs the server this run every WATCH_SECONDS: it draws nothing, and the look at the files
    is shared by every tab of the server (Store.recent_stamp).
    """
    if time.monotonic() - st.session_state.get("_looked_at", 0.0) < WATCH_SECONDS / 2:
        return  # drawn as part of a run that has just looked at the files
    stamp = _store(str(config.data_dir())).recent_stamp(WATCH_SECONDS / 2)
    seen = st.session_state.setdefault("_data_stamp", stamp)
    if stamp != seen:
        st.session_state["_data_stamp"] = stamp
        st.rerun(scope="app")

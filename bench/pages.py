"""What the dashboard's pages ask of the database, for the benchmark: their queries, timed, and their reruns."""

from __future__ import annotations

import json
import math
import statistics
import sys
import threading
import time
from pathlib import Path

import duckdb

from swapwatch import PROJECT_DIR, QUERIES_DIR
from swapwatch.db import OPTIONAL, Database, execute, load_query, named_statements
from swapwatch.filters import Filters
from swapwatch.live.derived import derive_all
from swapwatch.live.livefile import connect
from swapwatch.pagequeries import PAGES, first_views
from swapwatch.records import COUNTRY_NAMES

SYNTH_SQL = QUERIES_DIR / "bench" / "synth_rows.sql"  # (a `-- name:` file, run in order)
# Each page's file, by the name its queries are declared under (swapwatch/pagequeries.py; "app" is app.py).
PAGE_FILES = {page: f"views/{page}.py" for page in PAGES if page != "app"}


def _first_value(db: Database, statement: str) -> str | None:
    """The first value a named statement of store.sql returns (read to the end: no transaction left open)."""
    cursor = db.con.cursor()
    try:
        found = execute(cursor, statement).fetchall()
    finally:
        cursor.close()
    return found[0][0] if found else None


def scenarios(db: Database) -> list[Filters]:
    """The filters each query is timed with: none, and exchanges involving the busiest country."""
    top = _first_value(db, "busiest_country")
    return [Filters(), Filters(kinds=("exchange",), countries=(top,) if top else ())]


def page_queries(filters: Filters, person: str) -> dict[str, list[tuple[str, dict]]]:
    """Every page's queries (app: what app.py and the sidebar run) with every parameter its first view binds,
    those a query may leave out included (a timed run binds them itself)."""
    link = [(filters.countries or ("USA",))[0], person]  # a link naming a country and a person by id
    found = {}
    for page, queries in first_views(filters, person, link).items():
        found[page] = [(q.name, {**{k: v for k, v in OPTIONAL.items() if k in load_query(q.name).params},
                                 **q.kwargs()}) for q in queries.values()]
    return found


def time_queries(db: Database, repeats: int, budget_s: float = 60.0, limit_s: float = 10.0) -> dict[str, dict]:
    """p50 and p95 (ms) of every page query, each run `repeats` times under every scenario; and the p95 of
    each of two interleaved rounds (runs 1, 3, 5... and 2, 4, 6...), so that a figure is seen to hold twice.

    A run longer than limit_s is stopped (and reported); once budget_s is spent, queries that have a
    figure are not run again and those that have none are reported as not measured.
    """
    person = _first_value(db, "some_person") or ""
    samples: dict[str, list[float]] = {}
    failed: dict[str, str] = {}
    started = time.perf_counter()
    for filters in scenarios(db):
        for page, queries in page_queries(filters, person).items():
            for name, params in queries:
                key = f"{page}:{name}"
                for _ in range(repeats):
                    if key in failed or time.perf_counter() - started > budget_s:
                        if not samples.get(key):
                            failed.setdefault(key, f"not measured: the {budget_s:.0f} s budget was spent")
                        break
                    took, error = _timed(db, name, params, limit_s)
                    if error:
                        failed[key] = error
                        break
                    samples.setdefault(key, []).append(took * 1000)
    found = {key: {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 95), 1),
                   "p95_ms_rounds": [round(percentile(times[r::2], 95), 1) for r in (0, 1) if times[r::2]],
                   "runs": len(times)} for key, times in samples.items()}
    for key, error in failed.items():
        if key not in found:
            found[key] = {"p50_ms": None, "p95_ms": None, "runs": 0, "error": error}
    return found


def _timed(db: Database, name: str, params: dict, limit_s: float) -> tuple[float, str]:
    """Seconds one run of a query takes (with its conversion to a DataFrame), or why it has no figure."""
    cursor = db.con.cursor()
    timer = threading.Timer(limit_s, cursor.interrupt)
    timer.start()
    begin = time.perf_counter()
    try:
        execute(cursor, name, params, file=None).df()
        return time.perf_counter() - begin, ""
    except duckdb.InterruptException:
        return 0.0, f"stopped after {limit_s:.0f} s"
    except duckdb.Error as err:  # e.g. out of memory: reported as a miss, the rest still measured
        return 0.0, f"{type(err).__name__}: {str(err)[:160]}"
    finally:
        timer.cancel()
        cursor.close()


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))]


def synthetic_database(events: int, path: str = ":memory:", memory_limit: str = "1GB") -> Database:
    """A database of `events` events (and everything else in proportion) written straight into DuckDB.

    DuckDB may hold `memory_limit` (beyond it, it spills to a folder next to the file, or fails).
    """
    from swapwatch.validate import Dataset

    spill = str(Path(path).parent / "spill") if path != ":memory:" else None
    con = connect(path, config={"memory_limit": memory_limit, **({"temp_directory": spill} if spill else {})})
    codes = sorted(COUNTRY_NAMES)
    names = [COUNTRY_NAMES[c] for c in codes]
    for name, sql in named_statements(SYNTH_SQL).items():
        bound = {k: v for k, v in dict(n=events, codes=codes, names=names).items() if f"${k}" in sql}
        execute(con, name, bound, file=SYNTH_SQL)
    execute(con, "insert_countries", {"codes": codes, "names": names})
    derive_all(con)  # as the writer derives them
    return Database(con, Dataset())


REPLY = "@bench "  # marks a worker's answers among whatever else it prints


def serve_page_reruns(data_dir: Path) -> None:
    """A worker of interleaved_page_reruns: runs the dashboard on one data folder (AppTest, no browser)
    and answers one request per line of stdin: `open FILE` (switch to a page and run it once), `rerun`
    (run the open page again with no query cached: prints the seconds), `done` (prints peak memory)."""
    import os
    import resource

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["SWAPWATCH_DATA"] = str(data_dir)
    app = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=600)
    app.run()
    for line in sys.stdin:
        request, _, file = line.strip().partition(" ")
        answer: dict = {}
        if request == "open":
            app.switch_page(file).run()
            if app.exception:
                answer["error"] = f"{file}: {[e.message for e in app.exception]}"
        elif request == "rerun":
            st.cache_data.clear()
            begin = time.perf_counter()
            app.run()
            answer["s"] = time.perf_counter() - begin
        else:
            answer["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(REPLY + json.dumps(answer), flush=True)
        if request == "done":
            return


class _Worker:
    """One serve_page_reruns process, asked one thing at a time."""

    def __init__(self, data_dir: Path, env: dict):
        import subprocess
        import tempfile

        from bench.phases import phase_command

        self.errors = tempfile.TemporaryFile(mode="w+")  # (a pipe could fill up and stall the worker)
        command, environment = phase_command("serve_pages", env, data_dir=str(data_dir))
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors,
                                        text=True, env=environment, cwd=PROJECT_DIR)

    def ask(self, request: str) -> dict:
        self.process.stdin.write(request + "\n")
        self.process.stdin.flush()
        for line in self.process.stdout:
            if line.startswith(REPLY):
                answer = json.loads(line[len(REPLY):])
                if "error" in answer:
                    raise RuntimeError(answer["error"])
                return answer
        self.errors.seek(0)
        raise RuntimeError(f"a page rerun worker stopped:\n{self.errors.read()[-3000:]}")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.errors.close()


def interleaved_page_reruns(folders: dict[str, tuple[Path, dict]], repeats: int) -> dict[str, dict]:
    """Median seconds for each page to run again from app.py with no query cached, on each data folder
    (label -> folder and environment), the folders taking turns run by run.

    Each folder has its own process (each holds only its own data); taking turns, in an order that
    alternates (ABBA), means a machine that slows down or speeds up during the run weighs on every
    folder alike, and so does not move the ratio between them.
    """
    workers = {label: _Worker(folder, env) for label, (folder, env) in folders.items()}
    try:
        times: dict[str, dict[str, list[float]]] = {label: {} for label in workers}
        for page, file in PAGE_FILES.items():
            for worker in workers.values():
                worker.ask(f"open {file}")
            for n in range(repeats):
                order = list(workers.items())
                for label, worker in order if n % 2 == 0 else order[::-1]:
                    times[label].setdefault(page, []).append(worker.ask("rerun")["s"])
        return {label: {"pages": {page: round(statistics.median(t), 3) for page, t in times[label].items()},
                        "peak_rss_mb": worker.ask("done")["peak_rss_mb"]}
                for label, worker in workers.items()}
    finally:
        for worker in workers.values():
            worker.close()

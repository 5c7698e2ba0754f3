"""The benchmark's measurements, each run in a fresh process: `python -m bench.phases PHASE JSON`.

A fresh process per measurement makes "cold" really cold and lets each report its own peak memory.
Each phase prints one JSON object on its last line.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path


def _peak_mb() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return {"peak_rss_mb": own, "peak_rss_workers_mb": children}


def _files(data_dir: str) -> list[Path]:
    from swapwatch.validate import data_files
    return data_files(Path(data_dir))


def floor(data_dir: str) -> dict:
    """yaml.load with libyaml's CSafeLoader alone, over every file (read beforehand, not timed)."""
    import yaml
    raws = [p.read_bytes() for p in _files(data_dir)]
    begin = time.perf_counter()
    for raw in raws:
        yaml.load(raw, Loader=yaml.CSafeLoader)
    return {"floor_s": time.perf_counter() - begin, **_peak_mb()}


def naive(data_dir: str, budget_s: float) -> dict:
    """The tutorial way: pure-Python yaml.safe_load of each file, then pandas filtering (sampled if slow)."""
    import pandas as pd
    import yaml

    files = _files(data_dir)
    total = sum(p.stat().st_size for p in files)
    step = max(1, len(files) // 64)
    order = files[::step] + [p for i, p in enumerate(files) if i % step]
    loaded, done_bytes, begin = [], 0, time.perf_counter()
    for path in order:
        loaded.append(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader) or {})
        done_bytes += path.stat().st_size
        if time.perf_counter() - begin > budget_s:
            break
    events = pd.DataFrame([e for doc in loaded for e in doc.get("events") or []])
    quotes = pd.DataFrame([q for doc in loaded for q in doc.get("quotes") or []])
    if not events.empty:  # what the overview shows, filtered the pandas way
        swaps = events[(events["kind"] == "exchange") & (events["status"] == "completed")]
        legs = swaps.explode("legs").dropna(subset=["legs"])
        moved = sum(leg["count"] for leg in legs["legs"] if leg.get("group") != "bodies")
        countries = events.explode("countries")["countries"].dropna().map(lambda c: c["country"]).nunique()
        quoted = quotes.merge(events[["id"]], left_on="event", right_on="id") if not quotes.empty else quotes
        _ = (len(swaps), moved, countries, len(quoted))
    spent = time.perf_counter() - begin
    return {"naive_s": spent * total / max(1, done_bytes), "naive_estimated": done_bytes < total,
            "naive_share": round(done_bytes / max(1, total), 3), **_peak_mb()}


def cold(data_dir: str) -> dict:
    """A store's first load with an empty cache: read, check, load (cache written after, timed apart)."""
    from swapwatch.live import Store
    begin = time.perf_counter()
    store = Store(Path(data_dir))
    database = store.database()
    spent = time.perf_counter() - begin
    begin = time.perf_counter()
    store.cache.flush()
    return {"cold_s": spent, "load": store.last_load, "cache_write_s": time.perf_counter() - begin,
            "events": database.table_counts()["events"], "problems": len(database.dataset.problems),
            "cache_error": store.cache.last_error, **_peak_mb()}


def warm(data_dir: str, edits: int, repeats: int, budget_s: float) -> dict:
    """A store's start from the cache, then one-file edits (each undone), then every page query."""
    from bench.pages import time_queries
    from swapwatch.live import Store
    begin = time.perf_counter()
    store = Store(Path(data_dir))
    database = store.database()
    result = {"warm_s": time.perf_counter() - begin, "load": store.last_load}
    begin = time.perf_counter()
    store.wait_for_cache()
    result["warm_background_s"] = time.perf_counter() - begin
    result["queries"] = time_queries(database, repeats, budget_s)
    files = _files(data_dir)
    times = []
    for n in range(edits):
        path = files[(n * 7919 + len(files) // 2) % len(files)]
        text = path.read_text(encoding="utf-8")
        for version in (text.replace("title: ", f"title: Edited {n} ", 1), text):
            path.write_text(version, encoding="utf-8")
            begin = time.perf_counter()
            database = store.database()
            times.append(time.perf_counter() - begin)
            assert store.last_load == "reload", store.last_load
    store.cache.flush()
    result.update(reload_s=statistics.median(times) if times else None, reload_max_s=max(times, default=None),
                  reloads=len(times), cache_error=store.cache.last_error, **_peak_mb())
    return result


def rows(events: int, repeats: int, budget_s: float, folder: str, limit_s: float = 10.0) -> dict:
    """Every page query on a database of `events` events generated straight into DuckDB."""
    from bench.pages import synthetic_database, time_queries
    from swapwatch.db import execute
    path = Path(folder) / f"rows-{events}.duckdb"
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    begin = time.perf_counter()
    database = synthetic_database(events, str(path))
    made = time.perf_counter() - begin
    generated_mb = _peak_mb()["peak_rss_mb"]
    counts = database.table_counts()
    queries = time_queries(database, repeats, budget_s, limit_s)
    settings = dict(execute(database.con, "memory_settings").fetchall())
    database.con.close()
    path.unlink(missing_ok=True)
    return {"generate_s": made, "rows": sum(counts.values()), "events": counts["events"], "queries": queries,
            "duckdb_settings": settings, "peak_rss_generating_mb": generated_mb, **_peak_mb()}


def pages(folders: dict[str, list], repeats: int) -> dict:
    """Every page's rerun (AppTest) on each data folder (label -> [folder, cache folder]), taking turns."""
    from bench.pages import interleaved_page_reruns
    return interleaved_page_reruns({label: (Path(data), {"SWAPWATCH_CACHE": cache})
                                    for label, (data, cache) in folders.items()}, repeats)


def serve_pages(data_dir: str) -> dict:
    """A worker of the pages phase (see pages.serve_page_reruns)."""
    from bench.pages import serve_page_reruns
    serve_page_reruns(Path(data_dir))
    return {}


PHASES = {"floor": floor, "naive": naive, "cold": cold, "warm": warm, "rows": rows, "pages": pages,
          "serve_pages": serve_pages}


def phase_command(phase: str, env: dict | None = None, **kwargs) -> tuple[list[str], dict]:
    """The command line and environment that run one phase in a fresh process (from the project folder)."""
    from swapwatch import PROJECT_DIR
    environment = dict(os.environ, **(env or {}))
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_DIR), environment.get("PYTHONPATH")]))
    return [sys.executable, "-m", "bench.phases", phase, json.dumps(kwargs)], environment


def run_phase(phase: str, env: dict | None = None, timeout: float = 900, **kwargs) -> dict:
    """Run one phase in a fresh process and return what it printed."""
    import subprocess
    from swapwatch import PROJECT_DIR
    command, environment = phase_command(phase, env, **kwargs)
    done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=timeout, cwd=PROJECT_DIR)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"bench phase {phase} failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def fresh_cache(folder: Path) -> Path:
    """An empty cache folder."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


if __name__ == "__main__":
    print(json.dumps(PHASES[sys.argv[1]](**json.loads(sys.argv[2])), default=str), flush=True)

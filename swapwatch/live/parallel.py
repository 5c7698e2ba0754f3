"""Analysing many files at once: this process and worker processes take batches from opposite ends.

Workers are plain `python -m swapwatch.live.parallel` processes fed over a pipe, not multiprocessing's: they
neither fork the dashboard's threaded server nor import whatever script happens to be running it.
"""

from __future__ import annotations

import gc
import os
import pickle
import subprocess
import sys
import threading
import time
from collections import deque
from typing import Callable
from pathlib import Path

from swapwatch import PROJECT_DIR
from swapwatch.live import cache
from swapwatch.live.analyse import Analysis, analyse, analyse_batch, read_raw

# Below this much YAML, starting a worker process costs more than it saves.
PARALLEL_BYTES = 4 * 1024 * 1024
BATCH_BYTES = 1024 * 1024


def worker_count() -> int:
    """$SWAPWATCH_WORKERS, or one process per core."""
    value = os.environ.get("SWAPWATCH_WORKERS", "").strip()
    if value.isdigit():
        return max(1, int(value))
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _batches(files: list[tuple[str, bytes]]) -> deque:
    batches, current, size = deque(), [], 0
    for name, raw in files:
        current.append((name, raw))
        size += len(raw)
        if size >= BATCH_BYTES:
            batches.append(current)
            current, size = [], 0
    if current:
        batches.append(current)
    return batches


def _send(stream, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(8, "little") + data)
    stream.flush()


def _receive(stream) -> object:
    header = stream.read(8)
    if len(header) < 8:
        raise EOFError("the worker stopped")
    size = int.from_bytes(header, "little")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the worker stopped")
    return pickle.loads(data)


def read_all(stamps: dict[str, tuple], path: Callable[[str], Path], articles_dir: Path | None,
             articles: set[str] | None) -> dict[str, tuple[Analysis, bytes | None, bool]]:
    """Read and analyse every file named (stamps: name -> its stamp when listed; path: name -> its path), the
    files that can be read in parallel (analyse_all): each file's analysis, bytes and whether it is racy."""
    raws, docs, racy = {}, {}, {}
    for name, stamp in stamps.items():
        racy[name] = cache.is_racy(stamp, time.time_ns())
        raws[name], docs[name] = read_raw(path(name), name)
    found = analyse_all([(n, raw) for n, raw in raws.items() if raw is not None], articles_dir, articles)
    analysed = {}
    for name in stamps:
        if docs[name] is not None:
            analysis = analyse(docs[name], None, articles_dir, articles)
        else:
            facts, rows = found[name]
            analysis = Analysis(facts, None, rows)
        analysed[name] = (analysis, raws[name], racy[name])
    return analysed


def analyse_all(files: list[tuple[str, bytes]], articles_dir: Path | None, articles: set[str] | None,
                workers: int | None = None) -> dict[str, tuple]:
    """(facts, rows) of every file, by name, using up to `workers` processes (this one included)."""
    workers = worker_count() if workers is None else workers
    pending = _batches(files)
    results: dict[str, tuple] = {}
    lock = threading.Lock()

    def keep(found) -> None:
        with lock:
            results.update((facts.name, (facts, rows)) for facts, rows in found)

    def take(front: bool):
        with lock:
            return (pending.popleft() if front else pending.pop()) if pending else None

    feeders = []
    if workers > 1 and sum(len(raw) for _, raw in files) >= PARALLEL_BYTES:
        feeders = [threading.Thread(target=_feed, args=(take, keep, pending, lock, articles_dir, articles),
                                    daemon=True, name="swapwatch-worker-feed") for _ in range(workers - 1)]
        for feeder in feeders:
            feeder.start()
    while (batch := take(front=False)) is not None:
        keep(analyse_batch(batch, articles_dir, articles))
    for feeder in feeders:
        feeder.join()
    # A worker that failed put its batch back: whatever is left, do here.
    while (batch := take(front=False)) is not None:
        keep(analyse_batch(batch, articles_dir, articles))
    return results


def _feed(take, keep, pending: deque, lock, articles_dir, articles) -> None:
    """Run one worker process, handing it batches until none are left."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_DIR), os.environ.get("PYTHONPATH")])))
    try:
        process = subprocess.Popen([sys.executable, "-m", "swapwatch.live.parallel"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, env=env, cwd=os.getcwd())
    except OSError:
        return
    batch = None
    try:
        while (batch := take(front=True)) is not None:
            _send(process.stdin, (batch, articles_dir, articles))
            keep(_receive(process.stdout))
            batch = None
    except (OSError, EOFError, pickle.UnpicklingError):
        if batch is not None:
            with lock:
                pending.append(batch)
    finally:
        try:
            process.stdin.close()
        except OSError:
            pass
        process.wait()


def _serve() -> None:
    """A worker: analyse each batch received on stdin, answer on stdout."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but answers may reach the pipe
    gc.disable()
    while True:
        try:
            batch, articles_dir, articles = _receive(stdin)
        except EOFError:
            return
        _send(stdout, analyse_batch(batch, articles_dir, articles))


if __name__ == "__main__":
    _serve()

"""A room at once: what 25 people on one link feel, for SwapWatch and for a peer serving the same tables.

Three measurements, each on a server that nothing else drives meanwhile:

- **concurrent**: `sessions` clients change filters for `seconds`, each sending its next change the moment
  the last one is drawn. Pages drawn per second, reaction p50 / p95, and the server's CPU per page (its
  user + system time over the window, from /proc, divided by the pages drawn).
- **open at once**: `sessions` clients open the same link at the same moment (a barrier); for each, the time
  from that moment until its page is fully drawn (the script run finished; for the peer, the whole HTML
  page read). Reported: the median and the last one done.
- **idle**: `sessions` tabs open and left alone for `seconds`, each doing what a browser does with an open
  tab (for SwapWatch: sending the page's auto-rerun of its data watcher when it is due). Reported: the
  server's CPU over the window, minus its CPU with no tab open over a window as long, in % of one core
  per tab.

SwapWatch's figures are checked as in the load test (every figure a session was shown against the database),
after each window so that the check takes no CPU from the server while it is measured.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench import pages as benchpages
from swapwatch.records import EVENT_KINDS, EVENT_STATUSES
from tests.load.client import Session

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time processes have used so far (all their threads), in seconds."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile, as the bench takes it (nan for no values)."""
    return benchpages.percentile(values, p) if values else float("nan")


@dataclass
class Window:
    """What one measurement window of one server gave."""
    target: str
    phase: str
    seconds: float = 0.0
    pages: int = 0
    times: list[float] = field(default_factory=list)   # reaction times, or times until drawn
    cpu_s: float = 0.0
    client_cpu_s: float = 0.0  # this process's CPU over the window: the clients share the machine's cores
    idle_cpu_s: float = 0.0   # idle phase: the server's CPU over as long a window with no tab open
    sessions: int = 0
    errors: list[str] = field(default_factory=list)

    def figures(self) -> dict:
        figures = dict(target=self.target, phase=self.phase, errors=len(self.errors))
        if self.phase == "concurrent":
            figures.update(pages=self.pages, pages_per_s=round(self.pages / self.seconds, 2),
                           p50_s=round(percentile(self.times, 50), 3), p95_s=round(percentile(self.times, 95), 3),
                           cpu_ms_per_page=round(1000 * self.cpu_s / max(1, self.pages), 1),
                           client_cpu_ms_per_page=round(1000 * self.client_cpu_s / max(1, self.pages), 1))
        elif self.phase == "open":
            figures.update(drawn=len(self.times), median_s=round(percentile(self.times, 50), 3),
                           last_s=round(max(self.times, default=float("nan")), 3),
                           cpu_ms_per_page=round(1000 * self.cpu_s / max(1, len(self.times)), 1))
        else:
            per_tab = (self.cpu_s - self.idle_cpu_s) / self.seconds / max(1, self.sessions)
            figures.update(tabs=self.sessions, seconds=self.seconds, auto_reruns=self.pages,
                           cpu_pct_per_tab=round(100 * per_tab, 2),
                           server_cpu_pct_no_tab=round(100 * self.idle_cpu_s / self.seconds, 2))
        return figures


class Client:
    """What a measurement drives: one browser tab's connection to a server (see SwapWatch and Datasette)."""

    def open(self) -> list[str]:
        """Open the link as a browser does; the errors shown."""
        raise NotImplementedError

    def change(self, rng: random.Random) -> tuple[float, list[str]]:
        """Change the filters at random; the seconds until drawn and the errors shown."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


def concurrent(target, sessions: int, seconds: float, seed: int) -> Window:
    """`sessions` clients of `target` change filters for `seconds`, each the moment its last change is drawn."""
    window = Window(target.name, "concurrent", seconds, sessions=sessions)
    lock, stop = threading.Lock(), threading.Event()
    opened = threading.Barrier(sessions + 1)

    def drive(n: int) -> None:
        rng = random.Random(seed + n)
        client = None
        try:
            client = target.client()
            client.open()
        except Exception as error:
            with lock:
                window.errors.append(f"client {n} did not open: {type(error).__name__}: {error}")
        try:
            opened.wait()
            while client is not None and not stop.is_set():
                took, errors = client.change(rng)
                if stop.is_set():
                    break  # finished after the window closed: not counted
                with lock:
                    window.pages += 1
                    window.times.append(took)
                    window.errors.extend(errors)
        except Exception as error:
            with lock:
                window.errors.append(f"client {n}: {type(error).__name__}: {error}")
        finally:
            if client is not None:
                client.close()

    # the window starts when every client has its first page
    window.cpu_s, window.client_cpu_s = _clients(drive, sessions, opened, target.pids,
                                                 lambda threads: time.sleep(seconds), stop)
    return window


def _clients(work, sessions: int, ready: threading.Barrier, pids: list[int], during,
             stop=None) -> tuple[float, float]:
    """Run work(n) for n < sessions on threads; once they and this thread have passed `ready`, run
    during(threads) and return the CPU the servers and this process (the clients) used meanwhile; then set
    `stop` and wait for the threads."""
    threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in range(sessions)]
    for thread in threads:
        thread.start()
    ready.wait()
    cpu, client = cpu_seconds(pids), time.process_time()
    during(threads)
    used = cpu_seconds(pids) - cpu, time.process_time() - client
    if stop is not None:
        stop.set()
    for thread in threads:
        thread.join(timeout=120)
    return used


def open_at_once(target, sessions: int) -> Window:
    """`sessions` clients of `target` open the same link at the same moment; each one's time until drawn."""
    window = Window(target.name, "open", sessions=sessions)
    lock = threading.Lock()
    ready = threading.Barrier(sessions + 1)
    go = threading.Event()
    started = []

    def open_one(n: int) -> None:
        client = None
        try:
            ready.wait()
            go.wait()
            client = target.client()
            errors = client.open()
            with lock:
                window.times.append(time.monotonic() - started[0])
                window.errors.extend(errors)
        except Exception as error:
            with lock:
                window.errors.append(f"client {n}: {type(error).__name__}: {error}")
        finally:
            if client is not None:
                client.close()

    def all_go(threads) -> None:
        started.append(time.monotonic())
        go.set()
        for thread in threads:
            thread.join(timeout=120)

    window.cpu_s, window.client_cpu_s = _clients(open_one, sessions, ready, target.pids, all_go)
    return window


class SwapWatch:
    """SwapWatch at `url` driven over its websocket, as browsers would; `pids` are the processes serving it
    (one Streamlit server, or the replicas and the proxy in front of them) whose CPU is counted.

    Every figure a session is shown is checked against the database, after the window it was shown in (the
    check takes no CPU from the server while it is measured)."""

    def __init__(self, name: str, url: str, pids: list[int], expectations):
        self.name, self.url, self.pids, self.expectations = name, url, pids, expectations
        base = expectations.versions[0]
        self.names = [item.record.name for item in base.dataset.records["people"]]
        self.shown: list[tuple[dict, dict]] = []
        self.lock = threading.Lock()

    def client(self) -> Client:
        return _Tab(self)

    def concurrent(self, sessions: int, seconds: float, seed: int) -> Window:
        return self._checked(concurrent(self, sessions, seconds, seed))

    def open_at_once(self, sessions: int) -> Window:
        return self._checked(open_at_once(self, sessions))

    def _checked(self, window: Window) -> Window:
        with self.lock:
            shown, self.shown = self.shown, []
        for values, metrics in shown:
            if self.expectations.matching_version(values, metrics) is None:
                window.errors.append(f"figures {metrics} do not match the data for filters {values}")
        return window

    def idle(self, sessions: int, seconds: float) -> Window:
        window = Window(self.name, "idle", seconds, sessions=sessions)
        cpu = cpu_seconds(self.pids)
        time.sleep(seconds)
        window.idle_cpu_s = cpu_seconds(self.pids) - cpu
        tabs, lock, stop = [], threading.Lock(), threading.Event()
        for _ in range(sessions):
            tab = Session(self.url)
            tab.open()
            tabs.append(tab)

        def keep_open(tab: Session) -> None:
            """What a browser does with an open tab: the page's auto-rerun when it is due."""
            try:
                while tab.auto_rerun is not None and not stop.wait(tab.auto_rerun[0]):
                    run = tab.rerun_fragment()
                    with lock:
                        window.pages += 1
                        window.errors.extend(run.errors)
            except Exception as error:
                with lock:
                    window.errors.append(f"idle tab: {type(error).__name__}: {error}")

        threads = [threading.Thread(target=keep_open, args=(tab,), daemon=True) for tab in tabs]
        for thread in threads:
            thread.start()
        time.sleep(min(3.0, seconds / 4))  # the tabs' first auto-reruns spread out
        cpu = cpu_seconds(self.pids)
        time.sleep(seconds)
        window.cpu_s = cpu_seconds(self.pids) - cpu
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        for tab in tabs:
            tab.close()
        return window


class _Tab(Client):
    def __init__(self, target: SwapWatch):
        self.target = target
        self.session = None

    def open(self) -> list[str]:
        with urllib.request.urlopen(self.target.url + "/", timeout=60) as response:
            response.read()  # the page's HTML, as a browser's first request
            cookies = [value.split(";", 1)[0] for value in response.headers.get_all("Set-Cookie") or []]
        self.session = Session(self.target.url, cookie="; ".join(cookies) or None)
        run = self.session.open()
        self._shown(run)
        return run.errors

    def change(self, rng: random.Random) -> tuple[float, list[str]]:
        from tests.load import random_filters

        values = random_filters(rng, self.session.widgets["country"].options, self.target.names)
        run = self.session.set_filters(**values)
        self._shown(run)
        return run.seconds, run.errors

    def _shown(self, run) -> None:
        with self.target.lock:
            self.target.shown.append((dict(self.session.values), run.metrics))

    def close(self) -> None:
        if self.session is not None:
            self.session.close()


# The peer: Datasette on the same tables, exported to SQLite.

def export_sqlite(database, path: Path) -> list[str]:
    """Write every table of a SwapWatch database to a SQLite file (lists as JSON text, dates as ISO text)."""
    con = sqlite3.connect(path)
    tables = [name for (name,) in database.con.execute(
        "select table_name from information_schema.tables where table_schema = 'main' and table_type = 'BASE TABLE' "
        "order by table_name").fetchall()]
    for table in tables:
        cursor = database.con.execute(f'select * from "{table}"')
        columns = [column[0] for column in cursor.description]
        rows = [tuple(_sqlite_value(value) for value in row) for row in cursor.fetchall()]
        con.execute(f'create table "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)})')
        con.executemany(f'insert into "{table}" values ({", ".join("?" * len(columns))})', rows)
    con.execute("create index event_countries_country on event_countries (country, event_id)")
    con.commit()
    con.close()
    return tables


def _sqlite_value(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=str)
    if value is None or isinstance(value, (int, float, str, bytes)):
        return value
    return str(value)  # dates, timestamps


class Datasette:
    """`datasette serve` on a free port, over a SQLite copy of the tables SwapWatch loads from data_dir."""

    START_TIMEOUT = 60

    def __init__(self, database, work_dir: Path):
        from tests.browser.conftest import free_port

        self.name = "datasette"
        self.db_file = work_dir / "swapwatch.db"
        export_sqlite(database, self.db_file)
        self.countries = [code for (code,) in database.con.execute("select code from countries").fetchall()]
        self.names = [name for (name,) in database.con.execute("select name from people").fetchall()]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(work_dir / f"datasette-{self.port}.log", "w+", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "datasette", "serve", str(self.db_file), "--port", str(self.port),
             "--host", "127.0.0.1", "--immutable", str(self.db_file), "--setting", "default_page_size", "100"],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(self.url + "/-/versions.json", timeout=2) as response:
                    response.read()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.log.seek(0)
                    raise RuntimeError(f"datasette did not start:\n{self.log.read()}") from None
                time.sleep(0.3)

    @property
    def pids(self) -> list[int]:
        return [self.process.pid]

    def page(self, rng: random.Random | None) -> str:
        """The events table under a filter a person might set (no filter for None), with each kind's and status's
        count: what the overview shows (its events table and figures), as Datasette serves a table page."""
        params = [("_facet", "kind"), ("_facet", "status"), ("_size", "100")]
        if rng is not None:
            countries = rng.sample(self.countries, rng.choice((0, 0, 1, 1, 2)))
            kinds = rng.sample(EVENT_KINDS, rng.choice((0, 0, 1, 2)))
            statuses = rng.sample(EVENT_STATUSES, rng.choice((0, 0, 0, 1)))
            if countries:
                listed = ", ".join(f"'{code}'" for code in countries)
                params.append(("_where", f"id in (select event_id from event_countries where country in ({listed}))"))
            if kinds:
                params.append(("kind__in", ",".join(kinds)))
            if statuses:
                params.append(("status__in", ",".join(statuses)))
            if rng.random() < 0.3:
                name = rng.choice(self.names)
                params.append(("title__contains", name.split()[-1]))
        return "/swapwatch/events?" + urllib.parse.urlencode(params)

    def client(self) -> Client:
        return _Page(self)

    def concurrent(self, sessions: int, seconds: float, seed: int) -> Window:
        return concurrent(self, sessions, seconds, seed)

    def open_at_once(self, sessions: int) -> Window:
        return open_at_once(self, sessions)

    def idle(self, sessions: int, seconds: float) -> Window:
        """An open Datasette tab sends nothing: its cost is the server's own over the window."""
        window = Window(self.name, "idle", seconds, sessions=sessions)
        cpu = cpu_seconds(self.pids)
        time.sleep(seconds)
        window.idle_cpu_s = window.cpu_s = cpu_seconds(self.pids) - cpu
        return window

    def stop(self) -> None:
        from tests.browser.conftest import stop_process

        stop_process(self.process, self.log)


class _Page(Client):
    """A browser tab on Datasette: one kept-alive connection, a GET of the whole HTML page per change."""

    def __init__(self, target: Datasette):
        self.target = target
        self.connection = http.client.HTTPConnection("127.0.0.1", target.port, timeout=60)

    def open(self) -> list[str]:
        return self._get(self.target.page(None))

    def change(self, rng: random.Random) -> tuple[float, list[str]]:
        started = time.monotonic()
        errors = self._get(self.target.page(rng))
        return time.monotonic() - started, errors

    def _get(self, path: str) -> list[str]:
        self.connection.request("GET", path)
        response = self.connection.getresponse()
        body = response.read()
        return [] if response.status == 200 else [f"{path}: HTTP {response.status}: {body[:200]!r}"]

    def close(self) -> None:
        self.connection.close()


PHASES = ("concurrent", "open", "idle")


def run_room(targets: list, sessions: int, seconds: float, idle_seconds: float, rounds: int = 2,
             seed: int = 1, phases: tuple[str, ...] = PHASES) -> list[Window]:
    """Each phase for every target in turn, `rounds` times (A, B, …, A, B, …), so drift weighs on all alike."""
    windows = []
    for phase in phases:
        for round_ in range(rounds):
            for target in targets:
                if phase == "concurrent":
                    windows.append(target.concurrent(sessions, seconds, seed + 1000 * round_))
                elif phase == "open":
                    windows.append(target.open_at_once(sessions))
                    time.sleep(2)  # the sessions closed: let the server settle
                else:
                    windows.append(target.idle(sessions, idle_seconds))
                print(json.dumps(windows[-1].figures()), flush=True)
    return windows


SUMMED = {"concurrent": ("pages_per_s", "p50_s", "p95_s", "cpu_ms_per_page"),
          "open": ("median_s", "last_s", "cpu_ms_per_page"), "idle": ("cpu_pct_per_tab",)}


def side_by_side(windows: list[Window], base: str) -> str:
    """A table: each phase's figures per target (every window's, separated by '/'), and each target's ratio to
    `base` (of the medians over its windows)."""
    targets = list(dict.fromkeys(window.target for window in windows))
    lines = []
    for phase, keys in SUMMED.items():
        for key in keys:
            row = {}
            for target in targets:
                values = [w.figures()[key] for w in windows if w.target == target and w.phase == phase]
                row[target] = values
            if not any(row.values()):
                continue
            cells = []
            for target in targets:
                values = row[target]
                text = " / ".join(f"{v:g}" for v in values)
                if target != base and values and row.get(base):
                    mine, theirs = statistics.median(values), statistics.median(row[base])
                    text += f" (x{mine / theirs:.2f})" if theirs else ""
                cells.append(text)
            lines.append(f"{phase + ' ' + key:32} " + " | ".join(f"{target}: {cell}" for target, cell in
                                                               zip(targets, cells)))
    return "\n".join(lines)

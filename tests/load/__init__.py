"""Load test: many dashboard sessions change filters against one server while a curator edits the data.

Each session is a websocket client speaking the browser's protocol (tests/load/client.py). Every
figure a session is shown is checked against the database built from the data as it was before,
during or after the curator's edits; any error element, exception, timeout or wrong figure counts
as an error. The report gives the concurrent sessions' reaction times (p50/p95), pages per second and
server memory, and apart from them the memory check: memory over a long run of consecutive reruns in
one session (whose quick reruns would otherwise pull the concurrent figures down).

Run the full version with `python -m tests.load` (see --help): it also measures a room at once beside a
peer (tests/load/room.py); tests/browser/test_under_load.py runs a shorter one in the test suite.
"""

from __future__ import annotations

import random
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from swapwatch.figures import people_exchanged
from swapwatch.filters import Filters, make_filters
from swapwatch.load import load_dataset
from swapwatch.records import EVENT_KINDS, EVENT_STATUSES
from tests.load.client import Session
from tests.load.room import percentile

# Overview metric label -> column of the overview_figures query.
METRIC_COLUMNS = {
    "Exchanges completed": "exchanges_completed", "People exchanged": "people_exchanged",
    "Proposals pending": "proposals_pending", "People still held": "people_still_held", "Events": "events",
    "Countries involved": "countries_involved", "Quotes": "quotes", "Disputed facts": "disagreements",
}
EDIT_FILE = "load-test-edit.yaml"
EDIT_TEMPLATE = """\
# yaml-language-server: $schema=../schema/swapwatch.schema.json
events:
  - id: 2025-12-01-load-test-exchange
    kind: exchange
    status: completed
    date: 2025-12-01
    title: Load-test exchange written by the curator thread
    summary: A record the load test adds and edits while sessions are open.
    place: {{country: ARE}}
    countries:
      - {{country: RUS, role: releasing}}
      - {{country: UKR, role: receiving}}
    legs:
      - {{from: RUS, to: UKR, count: {count}}}
    sources: [{source}]
"""


@dataclass
class Report:
    sessions: int
    seconds: float
    think: float = 0.0
    runs: int = 0
    errors: list[str] = field(default_factory=list)
    reaction: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    data_versions_seen: set[int] = field(default_factory=set)
    reruns: int = 0
    rerun_reaction: list[float] = field(default_factory=list)
    rerun_rss_mb: tuple[float, float] = (0.0, 0.0)

    def summary(self) -> dict:
        """The concurrent sessions' figures and the memory check's, apart."""
        return dict(
            concurrent=dict(
                sessions=self.sessions, seconds=self.seconds, think_s=self.think, changes=self.runs,
                errors=len(self.errors), pages_per_s=round(self.runs / self.seconds, 2) if self.seconds else None,
                reaction_p50_s=round(percentile(self.reaction, 50), 3),
                reaction_p95_s=round(percentile(self.reaction, 95), 3),
                reaction_mean_s=round(statistics.fmean(self.reaction), 3) if self.reaction else None,
                server_rss_start_mb=round(self.rss_mb[0], 1) if self.rss_mb else None,
                server_rss_peak_mb=round(max(self.rss_mb), 1) if self.rss_mb else None,
                data_versions_seen=sorted(self.data_versions_seen)),
            memory_check=dict(
                reruns=self.reruns, reaction_p50_s=round(percentile(self.rerun_reaction, 50), 3),
                rss_after_warmup_mb=round(self.rerun_rss_mb[0], 1), rss_at_end_mb=round(self.rerun_rss_mb[1], 1),
                rss_growth_mb=round(self.rerun_rss_mb[1] - self.rerun_rss_mb[0], 1)))


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Expectations:
    """The overview figures for a set of filters, under each version of the data the server may show."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.versions = []
        self.lock = threading.Lock()
        self.add_version()
        options = self.versions[0].run("filter_options")
        self.country_codes = dict(zip(options["name"], options["code"]))

    def add_version(self) -> None:
        database = load_dataset(self.data_dir)
        with self.lock:
            self.versions.append(database)

    def filters(self, values: dict) -> Filters:
        countries = [self.country_codes.get(name, name) for name in values.get("country", [])]
        return make_filters((), countries, values.get("role", "any"), values.get("kind", []),
                            values.get("status", []), values.get("person", ""), set(self.country_codes.values()))

    def matching_version(self, values: dict, shown: dict[str, str]) -> int | None:
        """The index of a data version whose figures equal what was shown, or None."""
        params = self.filters(values).params()
        with self.lock:
            versions = list(self.versions)
        for index, database in enumerate(versions):
            figures = database.run("overview_figures", **params).iloc[0]
            if {label: shown.get(label) for label in METRIC_COLUMNS} == shown_figures(figures):
                return index
        return None


def shown_figures(figures) -> dict[str, str]:
    """The overview's metrics for a row of overview_figures, as the page writes them."""
    shown = {label: f"{int(figures[column]):,}" for label, column in METRIC_COLUMNS.items()}
    shown["People exchanged"] = people_exchanged(figures)  # with its range or lower bound
    return shown


def random_filters(rng: random.Random, countries: list[str], names: list[str]) -> dict:
    """A filter change a briefing officer might make: a few countries, kinds, a status or a name."""
    values = dict(country=rng.sample(countries, rng.choice((0, 0, 1, 1, 2))),
                  role=rng.choice(("any", "any", "releasing", "receiving", "mediator", "host")),
                  kind=rng.sample(EVENT_KINDS, rng.choice((0, 0, 1, 2))),
                  status=rng.sample(EVENT_STATUSES, rng.choice((0, 0, 0, 1))),
                  person="")
    if rng.random() < 0.3:
        name = rng.choice(names)
        start = rng.randrange(max(1, len(name) - 3))
        values["person"] = name[start:start + rng.randint(3, 8)].strip()
    return values


def _session_loop(base_url: str, expectations: Expectations, report: Report, stop_at: float, seed: int,
                  names: list[str], lock: threading.Lock, think: float = 0.0) -> None:
    rng = random.Random(seed)
    session = None
    try:
        session = Session(base_url)
        first = session.open()
        _check(first, {}, expectations, report, lock)
        countries = session.widgets["country"].options
        while time.monotonic() < stop_at:
            if think:  # a person reads the page before changing a filter (0 to 2 × think seconds)
                time.sleep(rng.uniform(0, 2 * think))
            values = random_filters(rng, countries, names)
            _check(session.set_filters(**values), dict(session.values), expectations, report, lock)
    except Exception as error:  # a timeout or a dropped connection is an error of the run, not a crash
        with lock:
            report.errors.append(f"session {seed}: {type(error).__name__}: {error}")
    finally:
        if session is not None:
            session.close()


def _check(run, values: dict, expectations: Expectations, report: Report, lock: threading.Lock,
           memory_check: bool = False) -> None:
    version = expectations.matching_version(values, run.metrics)
    with lock:
        if memory_check:
            report.reruns += 1
            report.rerun_reaction.append(run.seconds)
        else:
            report.runs += 1
            report.reaction.append(run.seconds)
        report.errors.extend(run.errors)
        if version is None:
            report.errors.append(f"figures {run.metrics} do not match the data for filters {values}")
        else:
            report.data_versions_seen.add(version)


def _curator(data_dir: Path, expectations: Expectations, source: str, times: list[float]) -> None:
    """Add a record, then change it, at the given moments (time.monotonic() values)."""
    for count, moment in zip((7, 9), times):
        time.sleep(max(0.0, moment - time.monotonic()))
        expected_before = len(expectations.versions)
        (data_dir / EDIT_FILE).write_text(EDIT_TEMPLATE.format(count=count, source=source), encoding="utf-8")
        expectations.add_version()
        assert len(expectations.versions) == expected_before + 1


def run_load(base_url: str, server_pid: int, data_dir: Path, sessions: int = 25, seconds: float = 60,
             reruns: int = 500, seed: int = 1, think: float = 0.0) -> Report:
    """Drive `sessions` concurrent sessions for `seconds`, then `reruns` reruns in one session.

    With think = 0 every session sends its next change the moment the last one is drawn (saturation);
    think > 0 waits a random 0 to 2 × think seconds first, as a person reading the page would.
    """
    expectations = Expectations(data_dir)
    base = expectations.versions[0]
    names = [item.record.name for item in base.dataset.records["people"]]
    source = base.dataset.records["sources"][0].record.id
    report = Report(sessions, seconds, think)
    lock = threading.Lock()
    start = time.monotonic()
    stop_at = start + seconds
    threads = [threading.Thread(target=_session_loop, args=(base_url, expectations, report, stop_at, seed + n,
                                                             names, lock, think), daemon=True)
               for n in range(sessions)]
    curator = threading.Thread(target=_curator, args=(data_dir, expectations, source,
                                                      [start + seconds / 3, start + 2 * seconds / 3]), daemon=True)
    report.rss_mb.append(rss_mb(server_pid))
    for thread in threads + [curator]:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        report.rss_mb.append(rss_mb(server_pid))
        time.sleep(0.5)
    curator.join(timeout=30)
    if reruns:
        _rerun_memory(base_url, server_pid, expectations, report, reruns, names, seed)
    return report


def _rerun_memory(base_url: str, server_pid: int, expectations: Expectations, report: Report, reruns: int,
                  names: list[str], seed: int) -> None:
    """Consecutive reruns in one session: memory after a warm-up versus at the end."""
    rng = random.Random(seed)
    session = Session(base_url)
    lock = threading.Lock()
    try:
        session.open()
        cycle = [random_filters(rng, session.widgets["country"].options, names) for _ in range(10)]
        warmup = min(50, reruns // 5)
        after_warmup = 0.0
        for n in range(reruns):
            values = cycle[n % len(cycle)]
            _check(session.set_filters(**values), dict(session.values), expectations, report, lock, memory_check=True)
            if n + 1 == warmup:
                after_warmup = rss_mb(server_pid)
        report.rerun_rss_mb = (after_warmup, rss_mb(server_pid))
    finally:
        session.close()

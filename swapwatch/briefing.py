"""What a briefing pack holds for each page: its figures, charts and tables, from the page's own queries.

UI-free: the dashboard's "Briefing pack" button and `python -m swapwatch pack` both call `sections`,
and swapwatch.pdf lays the result out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from swapwatch.exporting import table_frame
from swapwatch.figures import BY_KEY, as_rows, exchange_figures
from swapwatch.filters import CUSTODY_LABELS, Filters

# Page name -> the title the page shows (and --page takes the name).
PAGES = {"overview": "SwapWatch — overview", "exchanges": "Exchanges", "people": "People", "quotes": "Quotes",
         "map": "Map of involved countries", "sources": "Sources and disagreements", "health": "Data health"}
NAMES = {"overview": "Overview", "exchanges": "Exchanges", "people": "People", "quotes": "Quotes", "map": "Map",
         "sources": "Sources", "health": "Data health"}  # as the navigation names them
ROWS_SHOWN = 20  # rows of each table in the pack; it gives how many there are in all
BARS_SHOWN = 15  # categories in a bar chart, the largest first (as the Exchanges page's chart)


@dataclass(frozen=True)
class Figure:
    label: str
    value: str  # as read out: '5,663', '1,090 (1,000–1,200)', 'at least 2,400'
    definition: str


@dataclass(frozen=True)
class Chart:
    """A chart drawn from a frame: bars of `values` per `category`, or (kind timeline) events in time by kind."""
    title: str
    kind: str  # "bars" or "timeline"
    frame: pd.DataFrame
    category: str = ""
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """The first rows of an exported table (`name`), and how many rows it has in all."""
    title: str
    name: str
    frame: pd.DataFrame
    total: int


@dataclass
class Section:
    """One page of the dashboard as the pack shows it."""
    page: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # short statements the page makes in words


@dataclass(frozen=True)
class Options:
    """The page-specific choices a pack follows (as the export command's --period, --custody, --search)."""
    period: str = "year"
    custody: str = "detainee"
    search: str = ""


def sections(db, pages: list[str], filters: Filters, options: Options = Options()) -> list[Section]:
    """The sections of a pack of `pages` (names in PAGES) under the filters."""
    return [BUILDERS[page](db, filters, options) for page in pages]


def table(db, title: str, name: str, filters: Filters, **options) -> Table:
    """The first ROWS_SHOWN rows of an exported table, as the export command gives them."""
    frame = table_frame(db, name, filters, **options)
    return Table(title, name, frame.head(ROWS_SHOWN).reset_index(drop=True), len(frame))


def _overview(db, filters: Filters, options: Options) -> Section:
    counted = as_rows(db.run("overview_figures", **filters.params()))  # as `export figures` gives them
    section = Section("overview", PAGES["overview"],
                      [Figure(row.figure, row.value, row.definition) for row in counted.itertuples()])
    sides = db.run("released_by_side", **filters.params(), with_sources=False)
    if len(sides):
        section.lines.append("People freed by each side in these exchanges: " + "; ".join(
            f"{row.country} released {row.released:,}, received {row.received:,}" for row in sides.head(6).itertuples()))
    section.charts.append(Chart("Timeline: events by kind", "timeline", db.run("events_over_time", **filters.params())))
    section.tables += [table(db, "People exchanged, by category", "people-by-category", filters),
                       table(db, "All events", "events", filters)]
    return section


def _exchanges(db, filters: Filters, options: Options) -> Section:
    by_period = db.run("exchanges_by_period", **filters.params(), period=options.period)
    headline = db.run("overview_figures", **filters.params()).iloc[0]
    section = Section("exchanges", PAGES["exchanges"],
                      [Figure(f.label, value, f.help) for f, value in exchange_figures(by_period, headline)])
    periods = by_period.assign(period=by_period["period"].dt.strftime("%Y" if options.period == "year" else "%Y-%m"))
    sides = db.run("released_by_side", **filters.params(), with_sources=False)
    section.charts += [
        Chart(f"Exchanges per {options.period}", "bars", periods, "period", ("exchanges", "completed")),
        Chart("By status", "bars", db.run("exchanges_by_status", **filters.params()), "status", ("exchanges",)),
        Chart("People released and received, by country", "bars", sides.head(BARS_SHOWN), "country",
              ("released", "received")),
    ]
    section.tables += [table(db, "People released and received, by country", "people-by-country", filters),
                       table(db, "By country pair", "exchanges-by-pair", filters),
                       table(db, "Numbered series", "numbered-exchanges", filters),
                       table(db, "Reported totals beside the recorded legs", "reconciliation", filters),
                       table(db, "Who was freed for whom", "who-for-whom", filters),
                       table(db, "Every leg and stage", "exchange-legs", filters)]
    return section


def _people(db, filters: Filters, options: Options) -> Section:
    people = table(db, f"People: {CUSTODY_LABELS.get(options.custody, options.custody)}", "people", filters,
                   custody=options.custody)
    label = CUSTODY_LABELS.get(options.custody, "People")
    return Section("people", PAGES["people"], [Figure(label, f"{people.total:,}", CUSTODY_DEFINITIONS[options.custody])],
                   tables=[people])


CUSTODY_DEFINITIONS = {
    "": "Everyone named in the records linked to the filtered events.",
    "detainee": "People named as detainees in the records linked to the filtered events.",
    "held": "Named detainees with no recorded release.",
    "released": "Named detainees whose release is recorded, in an exchange or otherwise.",
    "exchanged": "Named detainees released in an exchange.",
}


def _quotes(db, filters: Filters, options: Options) -> Section:
    quotes = table(db, "Quotes, newest first", "quotes", filters, search=options.search)
    return Section("quotes", PAGES["quotes"],
                   [Figure("Quotes", f"{quotes.total:,}", "Statements quoted about the filtered events"
                           + (f", matching “{options.search}”." if options.search else "."))], tables=[quotes])


def _map(db, filters: Filters, options: Options) -> Section:
    countries = db.run("map_countries", **filters.params(), with_sources=False)
    section = Section("map", PAGES["map"])
    section.charts.append(Chart("Events, people released and received, by country", "bars",
                                countries.sort_values("events", ascending=False).head(BARS_SHOWN), "country",
                                ("events", "released", "received")))
    section.tables += [table(db, "Countries", "map-countries", filters),
                       table(db, "Flows of people", "map-flows", filters)]
    return section


def _sources(db, filters: Filters, options: Options) -> Section:
    first = db.run("disagreements_table", **filters.params(), limit=1)  # its disputes column counts them all
    bibliography = table(db, "Bibliography", "sources", filters)
    return Section("sources", PAGES["sources"], [
        Figure(BY_KEY["disagreements"].label, f"{int(first['disputes'].iloc[0]) if len(first) else 0:,}",
               BY_KEY["disagreements"].help),
        Figure("Sources", f"{bibliography.total:,}", "Sources cited by the records that match the filters.")],
        tables=[table(db, "Where sources disagree (one row per version)", "disagreements", filters), bibliography])


def _health(db, filters: Filters, options: Options) -> Section:
    problems = db.run("data_problems", limit=None)
    errors = int(problems["errors"].iloc[0]) if len(problems) else 0
    warnings = int(problems["warnings"].iloc[0]) if len(problems) else 0
    files = db.run("data_files")
    section = Section("health", PAGES["health"], [
        Figure("Errors", f"{errors:,}", "Problems that leave the records concerned out until fixed (whatever the filters)."),
        Figure("Warnings", f"{warnings:,}", "Problems worth a look that leave every record in."),
        Figure("Files", f"{len(files):,}", "Data files the records were read from.")])
    shown = problems[["file", "line", "code", "message", "severity"]]
    section.tables.append(Table("Problems in the data", "data-problems", shown.head(ROWS_SHOWN), len(shown)))
    counts = db.run("table_counts")
    section.tables.append(Table("Rows per table", "table-counts", counts, len(counts)))
    return section


BUILDERS = {"overview": _overview, "exchanges": _exchanges, "people": _people, "quotes": _quotes, "map": _map,
            "sources": _sources, "health": _health}


def data_version(data_dir: Path) -> str:
    """The data's version: a fingerprint of the data files' names and contents, with their count."""
    from swapwatch.validate import data_files

    digest = hashlib.blake2b(digest_size=6)
    files = data_files(data_dir) if data_dir.is_dir() else []
    for path in files:
        digest.update(str(path.relative_to(data_dir)).encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0unreadable")
    return f"{digest.hexdigest()} ({len(files)} file{'s' * (len(files) != 1)})"


def describe(filters: Filters, country_names: dict[str, str], pages: list[str], options: Options) -> str:
    """The filters (and the page choices that apply to these pages) in words."""
    words = [filters.describe(country_names)]
    if "exchanges" in pages:
        words.append(f"exchanges counted by {options.period}")
    if "people" in pages:
        words.append(f"people: {CUSTODY_LABELS.get(options.custody, options.custody).lower()}")
    if "quotes" in pages and options.search:
        words.append(f"quotes matching “{options.search}”")
    return "; ".join(words)


def made_at() -> str:
    """When a pack is made, to the minute, in the server's time."""
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")

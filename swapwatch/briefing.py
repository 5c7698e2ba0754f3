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

from swapwatch.catalog import table_frame
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
    flows: pd.DataFrame | None = None  # (a map) the people moved between countries, drawn as arrows


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
    """The page-specific choices a pack follows (the export command's --period, --custody, --search, --speaker,
    --topic, --channel; the pack command's --measure and --profile). speaker and profile are person ids."""
    period: str = "year"
    custody: str = "detainee"
    search: str = ""
    speaker: str = ""
    topic: str = ""
    channel: str = ""
    measure: str = "events"
    profile: str = ""

    def quotes(self) -> dict[str, str]:
        """The Quotes page's choices, as quotes_table (and the quotes export) takes them."""
        return {"search": self.search, "speaker": self.speaker, "topic": self.topic, "channel": self.channel}


def sections(db, pages: list[str], filters: Filters, options: Options = Options()) -> list[Section]:
    """The sections of a pack of `pages` (names in PAGES) under the filters."""
    built = [BUILDERS[page](db, filters, options) for page in pages]
    return [section for part in built for section in (part if isinstance(part, list) else [part])]


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
                       table(db, "Every leg and stage, with releases and repatriations", "exchange-legs", filters)]
    return section


def _people(db, filters: Filters, options: Options) -> list[Section]:
    people = table(db, f"People: {CUSTODY_LABELS.get(options.custody, options.custody)}", "people", filters,
                   custody=options.custody)
    label = CUSTODY_LABELS.get(options.custody, "People")
    listed = Section("people", PAGES["people"],
                     [Figure(label, f"{people.total:,}", CUSTODY_DEFINITIONS[options.custody])], tables=[people])
    profiled = profiled_person(db, filters, options)
    return [profile(db, profiled), listed] if profiled else [listed]


def profiled_person(db, filters: Filters, options: Options) -> str:
    """The person the pack profiles: the one chosen (the link's profile, --profile), or the one the Person filter
    names exactly (by name or id); '' for none."""
    return options.profile or (find_person(db, filters.person)[0] if filters.person else "")


def find_person(db, given: str) -> tuple[str, pd.DataFrame]:
    """The id of the person ``given`` names (an id, or a name or alias in full, any case) or '', and the people
    whose names contain it (to suggest)."""
    if (db.run("link_labels", values=[given])["param"] == "profile").any():
        return given, pd.DataFrame()
    found = db.run("participants", **Filters(person=given.strip()).params(), status="", limit=None)
    exact = found[found["name"].str.casefold() == given.strip().casefold()]
    near = found[found["name"].str.casefold().str.contains(given.strip().casefold(), regex=False)]
    return (str(exact["id"].iloc[0]) if len(exact) == 1 else ""), near


def profile(db, person_id: str) -> Section:
    """A person's profile as the People page shows it: facts, timeline, quotes (whatever the filters), sources."""
    from swapwatch.display import channel_name, cited

    found = db.run("person_profile", person_id=person_id)
    if found.empty:
        return Section("people", f"{PAGES['people']}: profile", lines=[f"No person with the id {person_id} in the data."])
    person = found.iloc[0]
    facts = [person["title"], person["nationalities"], person["roles"],
             f"also written {person['aliases']}" if person["aliases"] else None]
    section = Section("people", f"{PAGES['people']}: profile of {person['name']}",
                      lines=[" · ".join(str(f) for f in facts if f), str(person["description"] or "")])
    timeline = db.run("person_timeline", person_id=person_id)[["date", "what", "detail"]]
    quotes = db.run("person_quotes", person_id=person_id, limit=ROWS_SHOWN)
    said = int(quotes["total_rows"].iloc[0]) if len(quotes) else 0
    quotes = quotes.assign(channel=quotes["channel"].map(channel_name))[["date", "text", "channel", "context"]]
    sources = cited(db.run("record_sources", record_type="person", record_id=person_id))
    section.tables += [Table("Timeline", "person-timeline", timeline, len(timeline)),
                       Table("Quotes, newest first (whatever the filters)", "person-quotes", quotes, said),
                       Table("Sources", "person-sources", sources.head(ROWS_SHOWN), len(sources))]
    return section


CUSTODY_DEFINITIONS = {
    "": "Everyone named in the records linked to the filtered events.",
    "detainee": "People named as detainees in the records linked to the filtered events.",
    "held": "Named detainees with no recorded release.",
    "released": "Named detainees whose release is recorded, in an exchange or otherwise.",
    "exchanged": "Named detainees released in an exchange.",
}


def _quotes(db, filters: Filters, options: Options) -> Section:
    quotes = table(db, "Quotes, newest first", "quotes", filters, **options.quotes())
    chosen = any(options.quotes().values())  # the page's own choices: its figure's label says so, as the page's
    return Section("quotes", PAGES["quotes"],
                   [Figure("Quotes matching these choices" if chosen else "Quotes", f"{quotes.total:,}",
                           "Statements quoted about the filtered events"
                           + (", that also match the search, speaker, topic and channel chosen." if chosen else "."))],
                   tables=[quotes])


def _map(db, filters: Filters, options: Options) -> Section:
    from swapwatch.worldmap import MEASURES

    countries = db.run("map_countries", **filters.params(), with_sources=False)
    flows = db.run("map_flows", **filters.params(), limit=None, with_sources=False)
    section = Section("map", PAGES["map"])
    section.charts.append(Chart(f"Involved countries, coloured by {MEASURES[options.measure].lower()}", "map",
                                countries, options.measure, (options.measure,), flows))
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


def describe(filters: Filters, country_names: dict[str, str], pages: list[str], options: Options,
             people: dict[str, str] | None = None) -> str:
    """The filters (and the page choices that apply to these pages) in words; ``people`` names person ids."""
    from swapwatch.worldmap import MEASURES
    from swapwatch.display import channel_name

    people = people or {}
    words = [filters.describe(country_names)]
    if "exchanges" in pages:
        words.append(f"exchanges counted by {options.period}")
    if "people" in pages:
        words.append(f"people: {CUSTODY_LABELS.get(options.custody, options.custody).lower()}")
        if options.profile:
            words.append(f"profile: {people.get(options.profile, options.profile)}")
    if "quotes" in pages:
        if options.search:
            words.append(f"quotes matching “{options.search}”")
        chosen = (("speaker", people.get(options.speaker, options.speaker)), ("topic", options.topic),
                  ("channel", channel_name(options.channel) if options.channel else ""))
        words += [f"quotes' {facet}: {label}" for facet, label in chosen if label]
    if "map" in pages:
        words.append(f"countries coloured by {MEASURES[options.measure].lower()}")
    return "; ".join(words)


def made_at() -> str:
    """When a pack is made, to the minute, in the server's time."""
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")

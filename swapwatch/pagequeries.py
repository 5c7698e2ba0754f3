"""What each page asks of the database, declared once (UI-free).

A page's declaration is a function of the filters and the page's choices that returns its queries with every
parameter bound. The page starts them all before it lays out (ui.start) and reads each by name; the bench and
the tests call the same function, with the page's first-view choices, to run what the page runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from inspect import signature

from swapwatch.filters import Filters

ROWS_SHOWN = 500  # rows a table sends to the browser; the download holds every row
WHO_FOR_WHOM_SHOWN = 40  # swaps written out on Exchanges; more would make the page slow to draw
QUOTES_SHOWN = 20  # a person's quotes written out in the People page's profile
QUOTES_PER_PAGE = 20  # quotes written out on one page of the Quotes list
OPTIONS_SHOWN = 500  # speakers (topics, channels) offered in a list: the most quoted
DISPUTES_PER_PAGE = 10  # disputed facts written out on one page of the Sources register
NO_SEARCH = {"search": "", "speaker": "", "topic": "", "channel": ""}  # the Quotes page's choices, none made


@dataclass(frozen=True)
class Ask:
    """One query and the parameters a page binds it with (lists as tuples: the pair is a cache key)."""
    name: str
    params: tuple[tuple[str, object], ...]

    def kwargs(self) -> dict:
        """The parameters, as db.run takes them."""
        return dict(self.params)


def ask(name: str, filters: Filters | None = None, **extra) -> Ask:
    """Query ``name`` under the global filters (when given) and its own parameters."""
    params = {**(filters.params() if filters is not None else {}), **extra}
    return Ask(name, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())))


def paged(name: str, filters: Filters | None = None, rows: int | None = None, **extra) -> Ask:
    """A paged query: its first ``rows`` (ROWS_SHOWN) rows, each with the count of all (total_rows)."""
    return ask(name, filters, limit=rows or ROWS_SHOWN, **extra)


def declared(*asks: Ask) -> dict[str, Ask]:
    """A page's queries by name (a name declared twice is a mistake: the page reads each by name)."""
    found: dict[str, Ask] = {}
    for one in asks:
        if one.name in found:
            raise ValueError(f"query {one.name} is declared twice")
        found[one.name] = one
    return found


PAGES: dict[str, Callable[..., dict[str, Ask]]] = {}  # page (app: what every page shares) -> its declaration


def page(name: str) -> Callable:
    """Register a page's declaration under the page's name (views/<name>.py reads it; "app": app.py)."""
    def register(declare: Callable[..., dict[str, Ask]]) -> Callable[..., dict[str, Ask]]:
        PAGES[name] = declare
        return declare
    return register


@page("app")
def app(filters: Filters, link: Sequence[str] = ()) -> dict[str, Ask]:
    """What app.py, the sidebar and the captions every page shares run; link_labels for ids a link names."""
    return declared(ask("filter_options"), *([ask("link_labels", values=sorted(set(link)))] if link else []),
                    ask("people_by_group", filters), ask("undated_left_out", filters))


@page("overview")
def overview(filters: Filters) -> dict[str, Ask]:
    """Headline figures, people freed per side, the timeline and the events table."""
    return declared(ask("overview_figures", filters), ask("people_by_group", filters),
                    ask("released_by_side", filters, with_sources=False), ask("events_over_time", filters),
                    paged("events_timeline", filters), ask("data_files"))


@page("exchanges")
def exchanges(filters: Filters, period: str = "year") -> dict[str, Ask]:
    """Exchanges counted by ``period`` ("month" or "year"), by status, side and pair; totals; who for whom; legs."""
    return declared(ask("exchanges_by_period", filters, period=period), ask("overview_figures", filters),
                    ask("people_by_group", filters), ask("exchanges_by_status", filters),
                    ask("released_by_side", filters, with_sources=False),
                    paged("exchanges_by_pair", filters, with_sources=False),
                    ask("who_for_whom", filters, limit=WHO_FOR_WHOM_SHOWN), paged("exchange_legs", filters),
                    ask("numbered_exchanges", filters), ask("reconciliation", filters))


@page("people")
def people(filters: Filters, status: str = "detainee", person: str | None = None) -> dict[str, Ask]:
    """The participants of custody ``status`` and, for a ``person`` chosen, their profile."""
    profile = [] if person is None else [
        ask("person_profile", person_id=person), ask("person_timeline", person_id=person),
        paged("person_quotes", rows=QUOTES_SHOWN, person_id=person),
        ask("record_sources", record_type="person", record_id=person)]
    return declared(paged("participants", filters, status=status), *profile)


@page("quotes")
def quotes(filters: Filters, number: int = 1, asked: dict | None = NO_SEARCH) -> dict[str, Ask]:
    """The choices the widgets offer and, once they are known (``asked``: search, speaker, topic, channel), the
    quotes up to page ``number`` of the list."""
    found = [] if asked is None else [paged("quotes_table", filters, rows=number * QUOTES_PER_PAGE, **asked)]
    return declared(ask("quote_facets", filters, top=OPTIONS_SHOWN), *found)


@page("map")
def map_page(filters: Filters) -> dict[str, Ask]:
    """The countries involved, and the flows of people between them."""
    return declared(ask("map_countries", filters, with_sources=False),
                    paged("map_flows", filters, with_sources=False))


@page("sources")
def sources(filters: Filters, number: int = 1) -> dict[str, Ask]:
    """The bibliography, stated totals, and the disagreements up to page ``number`` of the register."""
    return declared(paged("sources_table", filters), ask("reconciliation", filters),
                    ask("disagreements_table", filters, limit=number * DISPUTES_PER_PAGE))


@page("health")
def health(filters: Filters) -> dict[str, Ask]:
    """Validation problems, data files and row counts (whatever the filters)."""
    return declared(paged("data_problems"), ask("data_files"), ask("table_counts"))


def first_views(filters: Filters, person: str, link: Sequence[str] = ()) -> dict[str, dict[str, Ask]]:
    """Every page's queries as its first view binds them (People profiling ``person``; app.py relabelling a
    link that names the ids ``link``): what the bench times and the tests run."""
    sample = {"person": person, "link": tuple(link)}
    return {name: declare(filters, **{k: v for k, v in sample.items() if k in signature(declare).parameters})
            for name, declare in PAGES.items()}

"""The catalog of tables: every table a page shows, a download, the `export` command and the data URLs give
(TABLES: its query and parameters; which columns are internal), and the export command itself."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd

from swapwatch import exports
from swapwatch.filters import Filters, ROLE_CHOICES, make_filters
from swapwatch.records import EVENT_KINDS, EVENT_STATUSES

# table name -> (query, extra parameters and their defaults). The dashboard's download of a table
# and this command's export of it hold the same columns (see `shown`).
TABLES = {
    "events": ("events_timeline", {}),
    "exchange-legs": ("exchange_legs", {}),
    "exchanges-by-pair": ("exchanges_by_pair", {}),
    "exchanges-by-period": ("exchanges_by_period", {"period": "year"}),
    "people-by-country": ("released_by_side", {}),
    "who-for-whom": ("who_for_whom", {}),
    "people": ("participants", {"status": ""}),
    "quotes": ("quotes_table", {"search": "", "speaker": "", "topic": "", "channel": ""}),
    "map-countries": ("map_countries", {}),
    "map-flows": ("map_flows", {}),
    "sources": ("sources_table", {}),
    "disagreements": ("disagreements_table", {}),
    "figures": ("overview_figures", {}),
    "people-by-category": ("people_by_group", {}),
    "numbered-exchanges": ("numbered_exchanges", {}),
    "reconciliation": ("reconciliation", {}),
}
# Every column a table's query returns is shown and exported, in the query's order, except the columns marked
# internal here: ids and codes a page links or clicks by, dates the table shows in another form, and (COUNTS)
# what a paged query adds to count the whole table. tests/test_exports.py fails on a column dropped otherwise.
INTERNAL = {
    "events": ("id", "end_date", "date_start", "date_end"),
    "exchange-legs": ("event_id",),
    "people-by-country": ("code",),
    "people": ("id", "kind", "description"),
    "quotes": ("speaker_id",),
    "map-countries": ("code",),
    "map-flows": ("from_code", "to_code"),
    "reconciliation": ("event_id", "claimed_best"),
}
COUNTS = ("total_rows", "swaps", "disputes", "errors", "warnings")


def internal(table: str) -> set[str]:
    """The columns of ``table`` that are never shown or exported."""
    return set(COUNTS) | set(INTERNAL.get(table, ()))


def shown(table: str, frame):
    """The columns of a table as the dashboard shows and exports them: all but the internal ones."""
    if table == "figures":  # one row of columns, read out as one row per figure
        from swapwatch.figures import as_rows

        return as_rows(frame)
    hidden = internal(table)
    return frame[[c for c in frame.columns if c not in hidden]]


# Options of the export command (and the data URLs) -> the query parameter each sets, for the tables that take it.
OPTIONS = {"period": "period", "custody": "status", "search": "search", "speaker": "speaker", "topic": "topic",
           "channel": "channel"}


def table_frame(database, table: str, filters: Filters, **options) -> pd.DataFrame:
    """Every row of an exported table under the filters, as the export command and the data URLs give it.

    ``options`` are the table-specific choices (period, custody, search); None leaves a default.
    """
    query, extra = TABLES[table]
    params = {**filters.params(), **extra}
    for option, key in OPTIONS.items():
        if options.get(option) is not None and key in extra:
            params[key] = options[option]
    return shown(table, database.run(query, **params))


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """The global filters, as command-line options."""
    parser.add_argument("--from", dest="date_from", type=dt.date.fromisoformat, help="start date, YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=dt.date.fromisoformat, help="end date, YYYY-MM-DD")
    parser.add_argument("--country", action="append", default=[], metavar="ISO3", help="country code (repeatable)")
    parser.add_argument("--role", choices=ROLE_CHOICES, default="any", help="the countries' role")
    parser.add_argument("--kind", action="append", default=[], choices=EVENT_KINDS, help="event kind (repeatable)")
    parser.add_argument("--status", action="append", default=[], choices=EVENT_STATUSES, help="status (repeatable)")
    parser.add_argument("--person", default="", help="text in a linked person's name")
    parser.add_argument("--period", choices=("month", "year"), help="for exchanges-by-period")
    parser.add_argument("--custody", choices=("held", "released", "exchanged", "detainee", "everyone"),
                        help="for people (the export's default: everyone; the pack's: detainee, as the page)")
    parser.add_argument("--search", help="for quotes: text in the words, speaker or context")
    parser.add_argument("--speaker", help="for quotes: the speaker (a person id, or the name as the Quotes page lists it)")
    parser.add_argument("--topic", help="for quotes: a topic, as the Quotes page lists it")
    parser.add_argument("--channel", help="for quotes: a channel (its id, or its name as the Quotes page lists it)")


def table_options(args: argparse.Namespace, database, filters: Filters, parser: argparse.ArgumentParser) -> dict:
    """The command line's table options; a quote speaker, topic or channel is checked as the data URLs check it
    (the Quotes page's choices under these filters) and given as its id."""
    from swapwatch.dataurls import QUOTE_FACETS, BadQuery, quote_choices

    options = {option: getattr(args, option) for option in OPTIONS}
    if options["custody"] == "everyone":  # the People page's "Everyone": no custody condition
        options["custody"] = ""
    given = {facet: options[facet] for facet in QUOTE_FACETS if options[facet]}
    if given:
        try:
            options.update(quote_choices(database.run("quote_facets", **filters.params(), top=None), given))
        except BadQuery as problem:
            parser.error(f"--{problem}")
    return options


def load_filtered(args: argparse.Namespace, data_dir: Path, parser: argparse.ArgumentParser):
    """The database of data_dir and the filters of the command line; problems in the data are reported on
    stderr, as on the dashboard."""
    from swapwatch.load import load_dataset

    unknown = [c for c in args.country if c.upper() != c or len(c) != 3]
    if unknown:
        parser.error(f"--country takes ISO 3166-1 alpha-3 codes like RUS or USA, got {', '.join(unknown)}")
    database = load_dataset(data_dir)
    if database.dataset.errors:
        print(f"warning: {len(database.dataset.errors)} problems in the data; the records concerned are left out "
              "(run: python -m swapwatch validate)", file=sys.stderr)
    filters = replace(make_filters((), args.country, args.role, args.kind, args.status, args.person),
                      date_from=args.date_from, date_to=args.date_to)
    return database, filters


def run_export(args: argparse.Namespace, data_dir: Path, parser: argparse.ArgumentParser) -> int:
    """Write the chosen table."""
    database, filters = load_filtered(args, data_dir, parser)
    options = table_options(args, database, filters, parser)
    frame = table_frame(database, args.table, filters, **options)
    data = exports.export(frame, args.fmt, sheet=args.table, table=args.table)
    if args.out is not None and str(args.out) == "-":
        sys.stdout.buffer.write(data)
        return 0
    chosen = {key: options[option] for option, key in OPTIONS.items() if key in TABLES[args.table][1]}
    out = args.out or Path(exports.file_name(args.table, filters, args.fmt, choices=chosen))
    out.write_bytes(data)
    print(f"wrote {len(frame)} rows to {out}", file=sys.stderr)
    return 0

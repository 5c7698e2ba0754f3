"""The briefing pack: `python -m swapwatch pack` and the dashboard's button make it the same way."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

from swapwatch import briefing, exports, pdf
from swapwatch.worldmap import MEASURES
from swapwatch.dataurls import QUOTE_FACETS, quote_choices
from swapwatch.catalog import load_filtered, table_options
from swapwatch.filters import Filters


def make(db, data_dir: Path, pages: list[str], filters: Filters, options: briefing.Options = briefing.Options()) -> bytes:
    """The PDF of `pages` (names in briefing.PAGES) under the filters, on the database of the data in data_dir.

    A quote speaker, topic or channel may be given by id or label (as a link holds it); dataurls.BadQuery
    if the Quotes page would not offer it under the filters."""
    given = {facet: getattr(options, facet) for facet in QUOTE_FACETS if getattr(options, facet)}
    if given:
        options = replace(options, **quote_choices(db.run("quote_facets", **filters.params(), top=None), given))
    names = db.run("filter_options")
    country_names = dict(zip(names["code"], names["name"]))
    ids = [value for value in (options.speaker, options.profile) if value]
    people = db.run("link_labels", values=ids) if ids else None
    people = dict(zip(people["value"], people["label"])) if people is not None else {}
    title = "SwapWatch briefing pack — " + ("all pages" if len(pages) > 1 else briefing.NAMES[pages[0]])
    about = pdf.About(title, briefing.describe(filters, country_names, pages, options, people), briefing.made_at(),
                      briefing.data_version(data_dir))
    return pdf.build(briefing.sections(db, pages, filters, options), about)


def file_name(pages: list[str], filters: Filters, today: dt.date | None = None) -> str:
    """swapwatch_pack-<page or all>_<filters>_<date>.pdf, named as the table downloads are."""
    return exports.file_name("pack-" + (pages[0] if len(pages) == 1 else "all"), filters, "pdf", today)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack command's own options (the filters are the export command's)."""
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--page", choices=list(briefing.PAGES), default="overview", help="the page to pack (default: overview)")
    which.add_argument("--all", action="store_true", help="every page, in the dashboard's order")
    parser.add_argument("--measure", choices=list(MEASURES), default="events",
                        help="for the map: what colours the countries (default: events)")
    parser.add_argument("--profile", metavar="PERSON", help="for people: the person to profile first (an id like "
                        "marc-fogel, or the full name; a --person naming one person in full profiles them too)")
    parser.add_argument("--out", type=Path, help="PDF to write (default: a descriptive name in this folder; - for stdout)")
    parser.add_argument("--data", type=Path, dest="data_dir", help="data folder (default: $SWAPWATCH_DATA or data/)")


def run_pack(args: argparse.Namespace, data_dir: Path, parser: argparse.ArgumentParser) -> int:
    """Write the pack."""
    database, filters = load_filtered(args, data_dir, parser)
    chosen = table_options(args, database, filters, parser)
    options = briefing.Options(period=args.period or "year",
                               custody="detainee" if args.custody is None else chosen["custody"],
                               search=args.search or "", speaker=chosen["speaker"] or "", topic=chosen["topic"] or "",
                               channel=chosen["channel"] or "", measure=args.measure,
                               profile=person_id(database, args.profile, parser) if args.profile else "")
    pages = list(briefing.PAGES) if args.all else [args.page]
    data = make(database, data_dir, pages, filters, options)
    if args.out is not None and str(args.out) == "-":
        sys.stdout.buffer.write(data)
        return 0
    out = args.out or Path(file_name(pages, filters))
    out.write_bytes(data)
    print(f"wrote the briefing pack of {'every page' if args.all else 'the ' + args.page + ' page'} to {out}", file=sys.stderr)
    return 0


def person_id(db, given: str, parser: argparse.ArgumentParser) -> str:
    """The id of the person --profile names by id or by full name; a usage error naming near matches if none."""
    found, near = briefing.find_person(db, given)
    if found:
        return found
    hint = f"; did you mean: {', '.join(f'{n} ({i})' for i, n in zip(near['id'], near['name']))}" if len(near) else ""
    parser.error(f"--profile: no person {given[:60]!r} in the data; give an id (as in a profile link) or the "
                 f"full name{hint[:400]}")

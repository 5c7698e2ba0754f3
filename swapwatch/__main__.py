"""The command line: python -m swapwatch validate|stats [DATA_DIR], export TABLE, pack, schema (the bench: python -m bench)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from swapwatch import ARTICLES_DIR, config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m swapwatch", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("validate", help="check the YAML records; exit 1 if any problem")
    check.add_argument("data_dir", nargs="?", type=Path, help="data folder (default: $SWAPWATCH_DATA or data/)")
    check.add_argument("--no-warnings", action="store_true", help="print errors only")

    stats = commands.add_parser("stats", help="print the row count of every table as one JSON object")
    stats.add_argument("data_dir", nargs="?", type=Path, help="data folder (default: $SWAPWATCH_DATA or data/)")

    commands.add_parser("schema", help="regenerate schema/swapwatch.schema.json from the record models")

    from swapwatch.catalog import TABLES, add_filter_options
    export = commands.add_parser("export", help="write a table, filtered as on the dashboard, as CSV, Excel or JSON")
    export.add_argument("table", choices=sorted(TABLES), help="which table")
    export.add_argument("--format", choices=("csv", "xlsx", "json"), default="csv", dest="fmt")
    export.add_argument("--out", type=Path, help="file to write (default: a descriptive name in this folder; - for stdout)")
    export.add_argument("--data", type=Path, dest="data_dir", help="data folder (default: $SWAPWATCH_DATA or data/)")
    add_filter_options(export)

    from swapwatch.pack import add_arguments as add_pack_arguments
    pack = commands.add_parser("pack", help="write a briefing pack: a PDF of a page (or all pages), filtered as on the dashboard")
    add_filter_options(pack)
    add_pack_arguments(pack)

    args = parser.parse_args(argv)
    if args.command == "schema":
        from swapwatch.schema import SCHEMA_PATH, write_schema
        write_schema()
        print(f"wrote {SCHEMA_PATH}")
        return 0
    data_dir = args.data_dir or config.data_dir()
    if not data_dir.is_dir():
        parser.error(f"data folder not found: {data_dir}")
    if args.command == "validate":
        return run_validate(data_dir, args.no_warnings)
    if args.command == "export":
        from swapwatch.catalog import run_export
        return run_export(args, data_dir, parser)
    if args.command == "pack":
        from swapwatch.pack import run_pack
        return run_pack(args, data_dir, parser)
    return run_stats(data_dir)


def run_validate(data_dir: Path, no_warnings: bool = False) -> int:
    from swapwatch.validate import validate_dir

    dataset = validate_dir(data_dir, ARTICLES_DIR)
    for problem in dataset.problems:
        if problem.severity == "error" or not no_warnings:
            print(problem)
    errors = len(dataset.errors)
    warnings = len(dataset.problems) - errors
    counts = ", ".join(_plural(dataset.count(kind), _SINGULAR[kind], kind) for kind in dataset.records)
    verdict = "valid" if not errors else "INVALID"
    print(f"{verdict}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')} "
          f"in {_plural(len(dataset.files), 'file')}; loaded {counts}")
    return 1 if errors else 0


_SINGULAR = {"sources": "source", "people": "person", "events": "event", "quotes": "quote"}


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    """'1 error', '2 errors', '1 person', '3 people'."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def run_stats(data_dir: Path) -> int:
    from swapwatch.load import load_dataset

    database = load_dataset(data_dir)
    print(json.dumps(database.table_counts(), sort_keys=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

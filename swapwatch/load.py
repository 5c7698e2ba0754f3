"""Validated records -> DuckDB tables: a whole folder at once (the live store, swapwatch.live.Store, keeps one up to date)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import duckdb
import pandas as pd

from swapwatch import ARTICLES_DIR
from swapwatch import records as r
from swapwatch.db import Database, execute
from swapwatch.live.derived import COUNTRY_TOTALS, derive_all
from swapwatch.live.rows import TABLE_ORDER, record_rows
from swapwatch.validate import Dataset, data_files, display_name, validate_dir


def load_dataset(data_dir: Path, articles_dir: Path | None = ARTICLES_DIR) -> Database:
    """Validate data_dir and load every valid record into a fresh in-memory database."""
    dataset = validate_dir(Path(data_dir), articles_dir)
    con = create_database(build_rows(dataset, Path(data_dir)))
    return Database(con, dataset)


def create_database(rows: dict[str, list[dict]]) -> duckdb.DuckDBPyConnection:
    """A new in-memory database with the schema and the given rows."""
    con = duckdb.connect(":memory:")
    execute(con, "tables")
    for table in TABLE_ORDER:
        table_rows = rows.get(table) or []
        if table_rows:
            con.append(table, pd.DataFrame(table_rows), by_name=True)
    execute(con, "macros")
    derive_all(con)
    return con


def build_rows(dataset: Dataset, data_dir: Path) -> dict[str, list[dict]]:
    """The rows of every table, from a validated dataset."""
    rows: dict[str, list[dict]] = defaultdict(list)
    countries: set[str] = set()

    def add(table: str, row: dict) -> None:
        rows[table].append(row)

    for kind in r.RECORD_KINDS:
        for item in dataset.records[kind]:
            record_rows(kind, item, add, countries)
    rows["countries"] = [dict(code=c, name=r.country_name(c), **dict.fromkeys(COUNTRY_TOTALS, 0))  # (counted below)
                         for c in sorted(countries)]
    rows["problems"] = [dict(file=p.file, line=p.line, code=p.code, message=p.message, severity=p.severity)
                        for p in dataset.problems]
    rows["data_files"] = [_file_row(path) for path in data_files(data_dir)] if data_dir.is_dir() else []
    return rows


def _file_row(path: Path) -> dict:
    try:
        stat = path.stat()
    except OSError:
        return dict(file=display_name(path), modified=None, bytes=None)
    return dict(file=display_name(path), modified=dt.datetime.fromtimestamp(stat.st_mtime), bytes=stat.st_size)

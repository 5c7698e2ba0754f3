"""Running the SQL in queries/: one function, bound parameters only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from swapwatch import QUERIES_DIR

if TYPE_CHECKING:
    from swapwatch.validate import Dataset
    from swapwatch.yamlsource import Problem

SCHEMA_DIR = QUERIES_DIR / "schema"
STORE_SQL = SCHEMA_DIR / "store.sql"
# The statements named after a whole schema file (the rest are `-- name:` blocks or query files).
SCHEMA_FILES = ("tables", "macros")
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_COMMENT = re.compile(r"--[^\n]*")
_STRING = re.compile(r"'(?:[^']|'')*'")
# Parameters a caller may leave out, and the value they then take: every row (`$limit`), each with its
# sources (`$with_sources`), every choice (`$top`). Pages ask for one screenful, for aggregate rows
# without their sources, and for the most used choices.
OPTIONAL = {"limit": None, "with_sources": True, "top": None}


@dataclass(frozen=True)
class Query:
    """One query file: its name, its SQL and the parameters it binds."""
    name: str
    sql: str
    params: frozenset[str]
    description: str


@lru_cache(maxsize=None)
def load_query(name: str, queries_dir: Path = QUERIES_DIR) -> Query:
    """Read queries/<name>.sql; the name must be a plain file name in that folder."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ValueError(f"not a query name: {name!r}")
    path = queries_dir / f"{name}.sql"
    if not path.is_file():
        raise ValueError(f"no query file {path}")
    sql = path.read_text(encoding="utf-8")
    return Query(name, sql, frozenset(placeholders(sql)), _description(sql))


def placeholders(sql: str) -> set[str]:
    """The $names a statement binds (ignoring comments and string literals)."""
    code = _STRING.sub("''", _COMMENT.sub("", sql))
    return set(_PARAM.findall(code))


def _description(sql: str) -> str:
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[2:].strip())
    return " ".join(lines)


def query_names(queries_dir: Path = QUERIES_DIR) -> list[str]:
    """Every query in queries/ (schema files excluded)."""
    return sorted(p.stem for p in queries_dir.glob("*.sql"))


@lru_cache(maxsize=None)
def named_statements(path: Path = STORE_SQL) -> dict[str, str]:
    """The named statements of a `-- name:` file, by name."""
    found: dict[str, str] = {}
    for block in re.split(r"^-- name: *", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]:
        name, _, sql = block.partition("\n")
        found[name.strip()] = sql.strip()
    return found


def statement(name: str, file: Path | None = STORE_SQL) -> str:
    """The SQL of a named statement: a whole schema file (SCHEMA_FILES), a `-- name:` block of `file`, or,
    with file None, queries/<name>.sql."""
    if name in SCHEMA_FILES:
        return _schema_file(name)
    if file is None:
        return load_query(name).sql
    found = named_statements(file).get(name)
    if found is None:
        raise ValueError(f"no statement {name!r} in {file}")
    return found


@lru_cache(maxsize=None)
def _schema_file(name: str) -> str:
    return (SCHEMA_DIR / f"{name}.sql").read_text(encoding="utf-8")


def execute(cursor: duckdb.DuckDBPyConnection, name: str, params: dict | None = None,
            file: Path | None = STORE_SQL) -> duckdb.DuckDBPyConnection:
    """Run one named statement (see statement()) on a connection or cursor with bound parameters; returns the
    cursor, to fetch the result from. Every SQL statement SwapWatch runs goes through here."""
    return cursor.execute(statement(name, file), params or None)


def run_sql(con: duckdb.DuckDBPyConnection, name: str, params: dict) -> pd.DataFrame:
    """Run query `name` on a cursor of con with exactly the parameters it declares."""
    query = load_query(name)
    params = {**{k: v for k, v in OPTIONAL.items() if k in query.params}, **params}
    given = set(params)
    if given != query.params:
        missing, unused = sorted(query.params - given), sorted(given - query.params)
        raise ValueError(f"query {name}: missing parameters {missing}, unused parameters {unused}")
    cursor = con.cursor()
    try:
        return execute(cursor, name, params, file=None).df()
    finally:
        cursor.close()


class Database:
    """A loaded database and the validation result it came from."""

    def __init__(self, con: duckdb.DuckDBPyConnection, dataset: Dataset):
        self.con = con
        self.dataset = dataset

    @cached_property
    def errors(self) -> list[Problem]:
        """The problems that leave records out (listed once: a large dataset has tens of thousands of warnings,
        and a page shows the errors on every rerun)."""
        return self.dataset.errors

    def run(self, name: str, **params) -> pd.DataFrame:
        """Run queries/<name>.sql with bound parameters; returns a DataFrame."""
        return run_sql(self.con, name, params)

    def table_counts(self) -> dict[str, int]:
        """Row count of every table, in schema order."""
        frame = self.run("table_counts")
        return {row.table_name: int(row.row_count) for row in frame.itertuples()}

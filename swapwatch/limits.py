"""The bounds of every value a curator types, in one place.

The record models (records.py) reject a value outside them with its line, the JSON Schema
(schema.py) underlines it in the editor, and the loader relies on them: every value validate
accepts fits the database column it goes to (queries/schema/tables.sql) and what the pages assume.
COLUMNS names the columns each bound protects; tests/test_limits.py checks their types against it.
"""

from __future__ import annotations

INTEGER_MAX = 2**31 - 1  # DuckDB INTEGER
BIGINT_MAX = 2**63 - 1   # DuckDB BIGINT

# A leg's count (and any count a curator types). The largest real legs are a few thousand (bodies
# repatriated in one day); a million is far beyond any exchange, fits INTEGER, and the sum of every
# leg of every file a store could hold stays far within BIGINT (the sums' columns).
MAX_COUNT = 1_000_000
# Years a date may have: the date columns and the timeline's axis assume these.
FIRST_YEAR, LAST_YEAR = 1900, 2100
# Characters in an id: ids are shown in tables, links and file names of exports.
MAX_ID = 120
# Characters in one text value (a title, a summary, a quote's words): the longest shipped text is a
# few hundred; a page shows every one whole.
MAX_TEXT = 20_000
# Characters in a web address.
MAX_URL = 2_000

# Database columns (table, column) and the largest value the bounds above let reach them.
COLUMNS = {
    ("legs", "count"): MAX_COUNT,
    ("legs", "count_low"): MAX_COUNT,
    ("legs", "count_high"): MAX_COUNT,
    ("reported_totals", "count"): MAX_COUNT,
    ("reported_totals", "count_low"): MAX_COUNT,
    ("reported_totals", "count_high"): MAX_COUNT,
    ("event_series", "number"): MAX_COUNT,
    ("events", "people_moved"): MAX_COUNT * 250_000,  # every value of a file a leg (yamlsource.MAX_VALUES)
    ("countries", "released"): MAX_COUNT * 250_000 * 1_000,  # ...in each of a thousand such files
    ("headline_figures", "people_exchanged"): MAX_COUNT * 250_000 * 1_000,
}

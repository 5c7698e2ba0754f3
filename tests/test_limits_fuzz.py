"""Boundary and hostile values (hypothesis): whatever validate accepts loads and the pages' queries run;
whatever it rejects is reported at a file:line within the file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swapwatch import limits
from swapwatch.pagequeries import first_views
from swapwatch.db import Database
from swapwatch.filters import Filters
from swapwatch.load import build_rows, create_database
from swapwatch.validate import validate_documents
from swapwatch.yamlsource import parse_bytes

NUMBERS = st.one_of(
    st.sampled_from(["0", "1", str(limits.MAX_COUNT), str(limits.MAX_COUNT + 1), str(limits.INTEGER_MAX),
                     str(limits.INTEGER_MAX + 1), "99999999999", "010", "1,000", "1_000", "-1", "1e3",
                     "\uff11", "\u0661\u0662", "'390'", '"7"', "''", "null", "|\n          5"]),
    st.integers(min_value=0, max_value=10**12).map(str))
DATES = st.one_of(
    st.sampled_from(["1900", "2100", "1899", "2101", "2025-02-29", "2024-02-29", "2025-13", "2025-00-10",
                     "20250611", "\uff12\uff10\uff12\uff15", "|\n      2025-05-23", "'2025-05-23'"]),
    st.dates().map(str))
TEXTS = st.one_of(
    st.sampled_from(["1.5", "true", "'  '", "x" * limits.MAX_TEXT, "x" * (limits.MAX_TEXT + 1), "'RUS\u200b'",
                     '"tab\\tthere"', '"bell\\a"', "'#1 swap'", "a: b", "null"]),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).map(
        lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'))
IDS = st.one_of(st.sampled_from(["a" * limits.MAX_ID, "a" * (limits.MAX_ID + 1), "|\n      swap", "Swap", "s\u200bw"]),
                st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True))

TEMPLATE = """\
sources:
  - id: src
    outlet: Example News
events:
  - id: {id}
    kind: exchange
    status: completed
    date: {date}
    title: {title}
    summary: Our words.
    countries:
      - {{country: RUS, role: releasing}}
      - {{country: UKR, role: receiving}}
    legs:
      - from: RUS
        to: UKR
        count: {count}
    sources: [src]
"""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(id=IDS, date=DATES, title=TEXTS, count=NUMBERS)
def test_what_validate_accepts_loads_and_what_it_rejects_is_located(tmp_path_factory, id, date, title, count):
    text = TEMPLATE.format(id=id, date=date, title=title, count=count)
    dataset = validate_documents([parse_bytes(text.encode("utf-8"), "f.yaml")])
    lines = text.count("\n") + 1
    for problem in dataset.errors:
        assert problem.file == "f.yaml" and 1 <= problem.line <= lines, problem
    con = create_database(build_rows(dataset, tmp_path_factory.getbasetemp()))
    loaded = con.execute("select count(*) from events").fetchone()[0]
    assert loaded == len(dataset.records["events"])
    if dataset.errors:
        return
    assert loaded == 1
    db = Database(con, dataset)
    for filters in (Filters(), Filters(kinds=("exchange",), countries=("RUS",))):
        for queries in first_views(filters, "src", ["RUS", "src"]).values():
            for query in queries.values():
                db.run(query.name, **query.kwargs())

"""Downloads and the export command: exactly the filtered rows, a sources column, nothing a spreadsheet runs."""

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from swapwatch import exports
from swapwatch.catalog import INTERNAL, TABLES, internal, shown
from swapwatch.filters import Filters
from tests.conftest import GOOD_DIR, PROJECT_DIR
from tests.test_hostile_text import hostile_db, hostile_dir  # noqa: F401  (fixtures)

HOSTILE = pd.DataFrame({"text": ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "plain", "=HYPERLINK(\"http://x\")"],
                        "n": [1, 2, 3, 4, 5, 6, 7]})


def test_a_cell_a_spreadsheet_would_run_is_written_as_text_in_csv():
    rows = pd.read_csv(io.BytesIO(exports.to_csv(HOSTILE)), encoding="utf-8-sig", keep_default_na=False)
    assert rows["text"].tolist() == ["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "'\tx", "plain", "'=HYPERLINK(\"http://x\")"]
    assert rows["n"].tolist() == list(range(1, 8))


def test_csv_starts_with_a_byte_order_mark_so_excel_reads_accents():
    assert exports.to_csv(pd.DataFrame({"name": ["Türkiye"]})).startswith("\ufeff".encode())


def test_excel_cells_are_text_never_formulas():
    sheet = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(HOSTILE))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert cells[0] == "'=1+1" and cells[5] == "plain"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_json_keeps_values_as_they_are():
    assert json.loads(exports.to_json(HOSTILE))[0] == {"text": "=1+1", "n": 1}


def test_the_file_name_says_table_filters_and_date():
    filters = Filters(date_from=dt.date(2025, 1, 1), countries=("RUS", "UKR"), kinds=("exchange",), person="fogel")
    name = exports.file_name("events", filters, "csv", today=dt.date(2026, 1, 2))
    assert name == "swapwatch_events_2025-01-01-to-end-RUS-UKR-exchange-person-fogel_2026-01-02.csv"
    assert exports.file_name("quotes", Filters(), "xlsx", today=dt.date(2026, 1, 2)) == \
        "swapwatch_quotes_all_2026-01-02.xlsx"


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_exported_table_has_a_sources_or_id_column(good_db, table):
    query, extra = TABLES[table]
    frame = shown(table, good_db.run(query, **Filters().params(), **extra))
    aggregates = ("exchanges-by-period", "who-for-whom", "people-by-category")  # sums of rows listed elsewhere
    assert {"sources", "id", "records"} & set(frame.columns) or table in aggregates


@pytest.mark.parametrize("table", sorted(set(TABLES) - {"figures"}))  # (figures: one row per headline figure)
def test_every_column_a_table_query_returns_is_exported_unless_marked_internal(good_db, table):
    query, extra = TABLES[table]
    returned = list(good_db.run(query, **Filters().params(), **extra).columns)
    exported = list(shown(table, good_db.run(query, **Filters().params(), **extra)).columns)
    assert exported == [c for c in returned if c not in internal(table)]


@pytest.mark.parametrize("table", sorted(INTERNAL))
def test_every_column_marked_internal_is_one_the_query_returns(good_db, table):
    query, extra = TABLES[table]
    returned = good_db.run(query, **Filters().params(), **extra).columns
    assert [c for c in INTERNAL[table] if c not in returned] == []


def test_a_column_new_to_a_query_is_exported_under_a_readable_header():
    from swapwatch.headers import human

    frame = pd.DataFrame({"id": ["e1"], "date": ["2025-01-01"], "venue_city": ["Abu Dhabi"], "total_rows": [1]})
    exported = shown("events", frame)
    assert list(exported.columns) == ["date", "venue_city"]
    assert list(human("events", exported).columns) == ["Date", "Venue city"]


def export_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "swapwatch", "export", *args], capture_output=True, timeout=120,
                          cwd=PROJECT_DIR, env={"SWAPWATCH_DATA": str(GOOD_DIR), "PATH": "/usr/bin:/bin"})


def test_the_export_command_writes_the_same_bytes_as_the_dashboard_download(good_db):
    result = export_command("exchange-legs", "--format", "csv", "--country", "UKR", "--kind", "exchange", "--out", "-")
    assert result.returncode == 0, result.stderr
    filters = Filters(countries=("UKR",), kinds=("exchange",))
    expected = exports.export(shown("exchange-legs", good_db.run("exchange_legs", **filters.params())), "csv",
                              table="exchange-legs")
    assert result.stdout == expected


def test_the_export_command_filters_by_date_and_person(good_db):
    result = export_command("events", "--format", "json", "--from", "2025-01-01", "--person", "zz-nobody", "--out", "-")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_the_export_command_takes_the_quotes_page_speaker_topic_and_channel_by_id_or_label(good_db):
    by_id = export_command("quotes", "--format", "json", "--speaker", "mina-official", "--topic", "talks",
                           "--channel", "press-conference", "--out", "-")
    by_label = export_command("quotes", "--format", "json", "--speaker", "Mina Official", "--topic", "talks",
                              "--channel", "press-conference", "--out", "-")
    assert by_id.returncode == by_label.returncode == 0, by_id.stderr + by_label.stderr
    expected = good_db.run("quotes_table", **Filters().params(), search="", speaker="mina-official", topic="talks",
                           channel="press-conference", limit=None)
    assert len(expected) and json.loads(by_id.stdout) == json.loads(by_label.stdout)
    assert [row["id"] for row in json.loads(by_id.stdout)] == list(expected["id"])
    everyone = json.loads(export_command("quotes", "--format", "json", "--out", "-").stdout)
    assert len(everyone) > len(expected)


@pytest.mark.parametrize("args, message", [
    (["--speaker", "Nobody"], b"--speaker: 'Nobody' is not a speaker of the quotes under these filters; give its id "
                              b"or its name as the Quotes page lists it, one of: exampleland-foreign-ministry, "
                              b"mina-official"),
    (["--topic", "weather"], b"--topic: 'weather' is not a topic of the quotes under these filters"),
    (["--channel", "statement", "--from", "2099-01-01"], b"--channel: 'statement' is not a channel of the quotes "
                                                         b"under these filters; give its id or its name as the Quotes "
                                                         b"page lists it (no quotes match these filters)"),
])
def test_the_export_command_refuses_a_speaker_topic_or_channel_the_quotes_page_does_not_offer(args, message):
    result = export_command("quotes", *args, "--out", "-")
    assert result.returncode == 2 and message in result.stderr and b"Traceback" not in result.stderr


def test_the_export_command_custody_everyone_lists_the_people_the_page_everyone_lists(good_db):
    everyone = export_command("people", "--format", "json", "--custody", "everyone", "--out", "-")
    detainees = export_command("people", "--format", "json", "--custody", "detainee", "--out", "-")
    expected = good_db.run("participants", **Filters().params(), status="", limit=None)
    assert [row["name"] for row in json.loads(everyone.stdout)] == list(expected["name"])
    assert len(json.loads(detainees.stdout)) < len(expected)


def test_the_export_command_refuses_a_country_name_with_a_clear_message():
    result = export_command("events", "--country", "Russia")
    assert result.returncode == 2
    assert b"ISO 3166-1 alpha-3" in result.stderr and b"Traceback" not in result.stderr


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def exported_cells(frame: pd.DataFrame, fmt: str) -> list:
    """Every cell of the exported file, header included, as a spreadsheet reads it."""
    data = exports.export(frame, fmt)
    if fmt == "csv":
        return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for cell in row]
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("table", sorted(TABLES))
def test_no_cell_of_any_table_of_hostile_records_starts_a_formula(hostile_db, table, fmt):
    query, extra = TABLES[table]
    frame = shown(table, hostile_db.run(query, **Filters().params(), **extra))
    text = [c for c in exported_cells(frame, fmt) if isinstance(c, str) and not re.fullmatch(r"-?\d+(\.\d+)?", c)]
    assert [c for c in text if c.startswith(FORMULA_START)] == []


def test_a_hostile_name_is_exported_with_its_formula_made_text(hostile_db):
    people = shown("people", hostile_db.run("participants", **Filters(person="hyperlink").params(), status=""))
    for fmt in ("csv", "xlsx"):
        assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in exported_cells(people, fmt)


@pytest.mark.parametrize("cell", ["a\r=1+1", "a\n=1+1", "a\r\n@SUM(1)", "\r=1", "\n-2"])
def test_a_line_break_inside_a_cell_cannot_start_a_row_that_runs(cell):
    rows = list(csv.reader(io.StringIO(exports.to_csv(pd.DataFrame({"text": [cell]})).decode("utf-8-sig"),
                                       newline="")))
    assert rows == [["text"], [exports.neutralise(cell)]]


def test_csv_and_excel_files_head_columns_as_the_page_does_with_a_filter_row_and_json_keeps_field_names(good_db):
    import json

    frame = shown("exchanges-by-pair", good_db.run("exchanges_by_pair", **Filters().params(), limit=None,
                                                      with_sources=True))
    csv = exports.export(frame, "csv", table="exchanges-by-pair").decode("utf-8-sig").splitlines()[0]
    assert csv == "Country,Exchanged with,Exchanges,Released by the country,Released by the other,Sources"
    sheet = openpyxl.load_workbook(io.BytesIO(exports.export(frame, "xlsx", table="exchanges-by-pair"))).active
    assert [c.value for c in sheet[1]] == csv.split(",") and sheet.auto_filter.ref == f"A1:F{len(frame) + 1}"
    rows = json.loads(exports.export(frame, "json", table="exchanges-by-pair"))
    assert list(rows[0]) == list(frame.columns) == ["country_a", "country_b", "exchanges", "people_a_to_b",
                                                    "people_b_to_a", "sources"]


def test_a_file_name_states_the_page_choices_as_well_as_the_filters():
    today = dt.date(2026, 5, 1)
    held = exports.file_name("people", Filters(countries=("RUS",)), "csv", today, choices={"status": "held"})
    assert held == "swapwatch_people_custody-held-RUS_2026-05-01.csv"
    quotes = exports.file_name("quotes", Filters(), "xlsx", today,
                               choices={"search": "istanbul", "speaker": "sergey-lavrov", "topic": "", "channel": ""})
    assert quotes == "swapwatch_quotes_search-istanbul-speaker-sergey-lavrov_2026-05-01.xlsx"
    assert exports.file_name("people", Filters(), "csv", today, choices={"status": ""}) == \
        "swapwatch_people_all_2026-05-01.csv"

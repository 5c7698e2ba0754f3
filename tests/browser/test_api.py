"""The data URLs on a real server (`streamlit run serve.py`): the export command's bytes, clear errors, paging."""

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from swapwatch.api import MAX_ROWS
from tests.conftest import PROJECT_DIR


def fetch(url) -> tuple[int, dict, bytes]:
    """Status, headers (lower-case names) and body of a GET of a URL or urllib Request."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def export(server, *args: str) -> bytes:
    result = subprocess.run([sys.executable, "-m", "swapwatch", "export", *args, "--out", "-"], capture_output=True,
                            timeout=120, cwd=PROJECT_DIR, env={"SWAPWATCH_DATA": str(server.data_dir),
                                                               "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return result.stdout


# (data URL, the export command's arguments for the same rows)
SAME = [
    ("events.csv", ["events"]),
    ("events.json?country=UKR&kind=exchange&dates=2025-01-01", ["events", "--format", "json", "--country", "UKR",
                                                               "--kind", "exchange", "--from", "2025-01-01"]),
    ("exchange-legs.csv?country=Ukraine&role=releasing&status=completed",
     ["exchange-legs", "--country", "UKR", "--role", "releasing", "--status", "completed"]),
    ("exchanges-by-period.json?period=month&dates=2022-01-01&dates=2024-12-31",
     ["exchanges-by-period", "--format", "json", "--period", "month", "--from", "2022-01-01", "--to", "2024-12-31"]),
    ("people.csv?custody=held&country=RUS", ["people", "--custody", "held", "--country", "RUS"]),
    ("quotes.json?q=istanbul", ["quotes", "--format", "json", "--search", "istanbul"]),
    ("quotes.csv?topic=ceasefire&channel=briefing", ["quotes", "--topic", "ceasefire", "--channel", "briefing"]),
    ("quotes.json?speaker=Andriy+Yusov&country=UKR", ["quotes", "--format", "json", "--speaker", "andriy-yusov",
                                                      "--country", "UKR"]),
    ("map-flows.csv?person=fogel", ["map-flows", "--person", "fogel"]),
    ("figures.json?country=USA", ["figures", "--format", "json", "--country", "USA"]),
    ("figures.json", ["figures", "--format", "json"]),
]


@pytest.mark.parametrize("url, args", SAME)
def test_a_data_url_returns_the_same_bytes_as_the_export_command(shipped_server, url, args):
    status, headers, body = fetch(f"{shipped_server.url}/api/{url}")
    assert status == 200, body
    assert body == export(shipped_server, *args)
    assert headers["content-type"].startswith("text/csv" if ".csv" in url else "application/json")


def test_a_csv_data_url_has_the_sources_column(shipped_server):
    status, _, body = fetch(f"{shipped_server.url}/api/people-by-country.csv")
    header = body.decode("utf-8-sig").splitlines()[0].split(",")
    assert status == 200 and header[-1] == "Sources"  # human headers, as the downloads have


@pytest.mark.parametrize("url, status, message", [
    ("nothing.csv", 404, "no data URL /api/nothing.csv; the tables are disagreements, events,"),
    ("events.xlsx", 404, "no data URL /api/events.xlsx;"),
    ("events/more.csv", 404, "no data URL /api/events/more.csv;"),
    ("events.csv?kind=swap", 400, "kind: 'swap' is not one of exchange,"),
    ("events.csv?country=Atlantis", 400, "country: 'Atlantis' is not a country in the data"),
    ("events.json?dates=yesterday", 400, "dates: 'yesterday' is not a date; write YYYY-MM-DD"),
    ("events.json?contry=UKR", 400, "unknown parameter 'contry'"),
    ("quotes.csv?speaker=Nobody", 400, "speaker: 'Nobody' is not a speaker of the quotes under these filters"),
    ("quotes.csv?channel=pigeon&country=UKR", 400, "channel: 'pigeon' is not a channel of the quotes under these"),
    (f"events.json?_size={MAX_ROWS + 1}", 400, f"_size: a whole number from 1 to {MAX_ROWS}"),
    ("events.json?_next=-1", 400, "_next: a whole number from 0"),
])
def test_an_unknown_table_or_a_bad_parameter_gets_its_status_and_a_message_naming_it(shipped_server, url, status,
                                                                                      message):
    got, headers, body = fetch(f"{shipped_server.url}/api/{url}")
    assert got == status and headers["content-type"] == "application/json"
    assert json.loads(body)["error"].startswith(message)


def test_a_large_table_comes_in_pages_linked_by_next_that_add_up_to_the_export(shipped_server):
    whole = json.loads(export(shipped_server, "sources", "--format", "json"))
    url, rows, pages = f"{shipped_server.url}/api/sources.json?_size=120", [], 0
    while url:
        status, headers, body = fetch(url)
        assert status == 200 and headers["x-total-count"] == str(len(whole))
        page = json.loads(body)
        assert 0 < len(page) <= 120
        rows += page
        pages += 1
        link = re.fullmatch(r'<(.+)>; rel="next"', headers.get("link", ""))
        url = link and link.group(1)
    assert rows == whole and pages == -(-len(whole) // 120) > 1


def test_without_a_size_a_response_holds_at_most_max_rows(shipped_server):
    status, headers, body = fetch(f"{shipped_server.url}/api/sources.csv")
    lines = body.decode("utf-8-sig").splitlines()
    assert status == 200 and len(lines) - 1 <= MAX_ROWS
    assert ("link" in headers) == (int(headers["x-total-count"]) > MAX_ROWS)

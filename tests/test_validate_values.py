"""Values as typed: each field type accepts exactly its documented forms and says what was probably meant."""

import pytest

from swapwatch.validate import validate_documents
from swapwatch.yamlsource import parse_bytes

TEMPLATE = """\
sources:
  - id: src
    outlet: Example News
events:
  - id: swap
    kind: exchange
    status: completed
    date: {date}
    title: {title}
    summary: Our words.
    countries:
      - {{country: {country}, role: releasing}}
      - {{country: UKR, role: receiving}}
    legs:
      - {{from: {country}, to: UKR, count: {count}}}
    sources: [src]
"""
NOT_ALPHA3 = "is not an ISO 3166-1 alpha-3 country code (like RUS, USA, UKR)"


def check(**typed: str):
    """Problems (as 'line: code: message') and the event, for the template with some fields changed."""
    fields = {"date": "2025-05-23", "title": "A swap", "country": "RUS", "count": "390"} | typed
    dataset = validate_documents([parse_bytes(TEMPLATE.format(**fields).encode(), "f.yaml")])
    problems = [str(p).removeprefix("f.yaml:") for p in dataset.errors]
    events = [item.record for item in dataset.records["events"]]
    return problems, events[0] if events else None


@pytest.mark.parametrize("typed, value", [
    ("yes", "yes"), ("No", "No"), ("on", "on"), ("off", "off"), ("NO", "NO"), ("true", "true"),
    ("1984", "1984"), ("20:37", "20:37"), ("1e3", "1e3"), ("0x1F", "0x1F"), (".inf", ".inf"), ("010", "010"),
    ("2025-05-23", "2025-05-23"), ("~300 people", "~300 people"), ("'null'", "null"), ('"yes"', "yes"),
    ("Talks, day one", "Talks, day one"), ("'Talks: day one'", "Talks: day one"),
    ("'C:\\files'", "C:\\files"), ('"C:\\\\files"', "C:\\files"), ('"tab\\there"', "tab\there"),
])
def test_text_reaches_the_record_exactly_as_typed(typed, value):
    problems, event = check(title=typed)
    assert (problems, event.title) == ([], value)


@pytest.mark.parametrize("typed, problem", [
    ("", "9: bad-type: 'title': must be text, not a blank value"),
    ("null", "9: bad-type: 'title': must be text, not a blank value"),
    ("~", "9: bad-type: 'title': must be text, not a blank value"),
    ("'  '", "9: empty-text: 'title': must not be empty"),
    ("[a, b]", "9: bad-type: 'title': must be text, not a list"),
    ("{a: b}", "9: bad-type: 'title': must be text, not a mapping"),
    ('"C:\\files"', "9: bad-character: 'title': must not contain the control character U+000C; in double quotes "
     "a backslash starts an escape (\\f, \\b, \\a ...), so write \\\\ for one backslash or use single quotes"),
])
def test_text_must_be_text_and_not_blank(typed, problem):
    assert check(title=typed) == ([problem], None)


@pytest.mark.parametrize("typed, value", [("NOR", "NOR"), ("RUS", "RUS"), ("ARE", "ARE"), ("'USA'", "USA")])
def test_an_alpha3_country_code_in_capitals_is_accepted(typed, value):
    problems, event = check(country=typed)
    assert (problems, event.countries[0].country, event.legs[0].from_) == ([], value, value)


@pytest.mark.parametrize("typed, hint", [
    ("NO", "; did you mean 'NOR' (Norway)?"),
    ("no", "; did you mean 'NOR' (Norway)?"),
    ("Norway", "; did you mean 'NOR' (Norway)?"),
    ('"NL "', "; did you mean 'NLD' (Netherlands)?"),
    ("US", "; did you mean 'USA' (United States)?"),
    ("rus", "; did you mean 'RUS' (Russian Federation)?"),
    ("Russia", "; did you mean 'RUS' (Russian Federation)?"),
    ("Turkey", "; did you mean 'TUR' (Türkiye)?"),
    ("UK", "; did you mean 'GBR' (United Kingdom)?"),
    ("Korea", ""),
    ("XX", ""),
])
def test_anything_but_an_alpha3_code_is_a_bad_country_with_the_code_probably_meant(typed, hint):
    shown = typed.strip('"')
    assert check(country=typed) == ([f"12: bad-country: 'country': '{shown}' {NOT_ALPHA3}{hint}",
                                     f"15: bad-country: 'from': '{shown}' {NOT_ALPHA3}{hint}"], None)


@pytest.mark.parametrize("typed, value", [("390", 390), ("0", 0), ("'390'", 390), ("1000000", 1_000_000)])
def test_a_count_is_a_whole_number_in_plain_digits(typed, value):
    problems, event = check(count=typed)
    assert (problems, event.legs[0].count) == ([], value)


@pytest.mark.parametrize("typed", ["1_000", "010", "~300", "-5", "1.5", "3e2", "0x10", "+1", "'1 000'", "three"])
def test_a_count_written_any_other_way_is_refused_not_guessed(typed):
    shown = typed.strip("'")
    assert check(count=typed) == ([
        f"15: bad-number: 'count': must be a whole number written with digits only (like 390), got '{shown}'"], None)


def test_a_blank_count_is_named_as_blank():
    assert check(count="") == (["15: bad-type: 'count': must be a whole number, not a blank value"], None)


@pytest.mark.parametrize("typed", ["2025", "2025-05", "2025-05-23", "2024-02-29", "'2025-05-23'", "1900", "2100"])
def test_a_date_is_a_year_a_month_or_a_day(typed):
    problems, event = check(date=typed)
    assert (problems, event.date) == ([], typed.strip("'"))


@pytest.mark.parametrize("typed, message", [
    ("2025-02-30", "'2025-02-30' is not a real calendar date: 2025-02 has 28 days"),
    ("2023-02-29", "'2023-02-29' is not a real calendar date: 2023-02 has 28 days"),
    ("2025-04-31", "'2025-04-31' is not a real calendar date: 2025-04 has 30 days"),
    ("2025-13", "'2025-13' is not a real calendar date: months run from 01 to 12"),
    ("2025-00-10", "'2025-00-10' is not a real calendar date: months run from 01 to 12"),
    ("1899", "year in '1899' must be between 1900 and 2100"),
    ("23 May 2025", "date must be YYYY, YYYY-MM or YYYY-MM-DD, got '23 May 2025'; did you mean '2025-05-23'?"),
    ("'May 23, 2025'", "date must be YYYY, YYYY-MM or YYYY-MM-DD, got 'May 23, 2025'; did you mean '2025-05-23'?"),
    ("2025-5-23", "date must be YYYY, YYYY-MM or YYYY-MM-DD, got '2025-5-23'; did you mean '2025-05-23'?"),
    ("2025/05/23", "date must be YYYY, YYYY-MM or YYYY-MM-DD, got '2025/05/23'; did you mean '2025-05-23'?"),
    ("May 2025", "date must be YYYY, YYYY-MM or YYYY-MM-DD, got 'May 2025'; did you mean '2025-05'?"),
    ("2025-05-23T10:00", "date must be YYYY, YYYY-MM or YYYY-MM-DD, got '2025-05-23T10:00'"),
    ("soon", "date must be YYYY, YYYY-MM or YYYY-MM-DD, got 'soon'"),
])
def test_a_date_that_is_not_a_real_year_month_or_day_is_refused(typed, message):
    assert check(date=typed) == ([f"8: bad-date: 'date': {message}"], None)


@pytest.mark.parametrize("url, message", [
    ("javascript:alert(1)", "'javascript:alert(1)' is not a web address: it must start with http:// or "
                            "https:// and hold no spaces"),
    ("www.example.org/a", "'www.example.org/a' is not a web address: it must start with http:// or "
                          "https:// and hold no spaces; did you mean 'https://www.example.org/a'?"),
    ("https://example.org/a b", "'https://example.org/a b' is not a web address: it must start with "
                                "http:// or https:// and hold no spaces"),
])
def test_a_source_url_must_be_a_web_address_so_no_link_can_run_script(url, message):
    text = f"sources:\n  - id: src\n    outlet: Example News\n    url: '{url}'\n"
    dataset = validate_documents([parse_bytes(text.encode(), "f.yaml")])
    assert [str(p) for p in dataset.errors] == [f"f.yaml:4: bad-url: 'url': {message}"]
    assert dataset.records["sources"] == []


def test_a_source_url_keeps_exactly_what_was_typed():
    text = "sources:\n  - id: src\n    outlet: Example News\n    url: HTTPS://Example.org/A?b=1#c\n"
    dataset = validate_documents([parse_bytes(text.encode(), "f.yaml")])
    assert dataset.errors == [] and dataset.records["sources"][0].record.url == "HTTPS://Example.org/A?b=1#c"

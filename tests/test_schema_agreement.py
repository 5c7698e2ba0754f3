"""One truth for the editor and the validator: the JSON Schema flags what `validate` flags, and only that.

Each case is read twice: by `validate` (errors only) and as yaml-language-server reads it (YAML 1.2
core types, then the shipped JSON Schema). Both must flag a mistake, and both must accept valid data,
except for the mistakes listed in SCHEMA_CANNOT_SAY, which the test checks really do pass the schema.
"""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml
from pydantic_core import PydanticCustomError

from swapwatch import editorschema, fieldtypes
from swapwatch import records as r
from swapwatch.schema import SCHEMA_PATH
from swapwatch.validate import validate_dir, validate_documents
from swapwatch.yamlsource import parse_bytes
from tests import yaml12
from tests.conftest import PROJECT_DIR

BASE = """\
sources:
  - id: src-a
    outlet: Example News
    title: Two released
    published: 2024-03-12
    url: https://example.com/a
  - id: src-b
    outlet: Sample Times
people:
  - id: ann-example
    name: Ann Example
    aliases: [Anne Example]
    nationalities: [USA]
    roles: [detainee]
    description: A teacher held in Russia.
    born: 1990
    detentions:
      - held_by: RUS
        arrested: 2021-08
        released: 2024-03-12
        released_in: airport-swap
        sources: [src-a]
    sources: [src-a]
events:
  - id: airport-swap
    kind: exchange
    status: completed
    date: 2024-03-12
    title: One for one at an airport
    summary: A one-for-one exchange.
    countries:
      - {country: RUS, role: releasing}
      - {country: USA, role: receiving}
    legs:
      - from: RUS
        to: USA
        count: 1
        people: [ann-example]
        disputed: false
    reported:
      - what: People returned
        count: 1
        groups: [prisoners]
        sources: [src-a]
    topics: [prisoner-exchange]
    sources: [src-a, src-b]
    disagreements:
      - field: date
        topic: Day of the swap
        values:
          - {value: 2024-03-12, sources: [src-a]}
          - {value: 2024-03-13, sources: [src-b]}
quotes:
  - id: ann-thanks
    speaker: ann-example
    date: 2024-03-13
    text: Thank you.
    channel: statement
    context: On landing.
    sources: [src-b]
"""


def edit(old: str, new: str) -> str:
    """BASE with its first `old` replaced by `new`."""
    assert old in BASE, old
    return BASE.replace(old, new, 1)


# Valid data as typed: validate accepts each, so the editor must not underline it.
VALID = {
    "the base file": BASE,
    "a title that looks like a number": edit("title: One for one at an airport", "title: 1.5"),
    "a title that looks like a date-stamp": edit("title: One for one at an airport", "title: 20250611"),
    "a title that looks like infinity": edit("title: One for one at an airport", "title: .inf"),
    "a note that looks like a boolean": edit("        disputed: false", "        note: true"),
    "a title with a tab and a line break": edit("title: One for one at an airport", 'title: "One\\tfor\\none"'),
    "a summary written as a block": edit("summary: A one-for-one exchange.", "summary: |\n      Two lines\n      of text."),
    "a quoted count": edit("count: 1\n        people", 'count: "1"\n        people'),
    "the largest count": edit("count: 1\n        people", "count: 1000000\n        people"),
    "a count of nought": edit("count: 1\n        groups", "count: 0\n        groups"),
    "a quoted flag": edit("disputed: false", 'disputed: "false"'),
    "a bare year as a date": edit("born: 1990", "born: 1900"),
    "a quoted year as a date": edit("born: 1990", 'born: "1990"'),
    "the last day of the last year": edit("date: 2024-03-12\n    title", "date: 2100-12-31\n    title"),
    "29 February of a leap year": edit("date: 2024-03-12\n    title", "date: 2024-02-29\n    title"),
    "29 February 2000": edit("date: 2024-03-12\n    title", "date: 2000-02-29\n    title"),
    "a list key left empty": "sources:\n  - id: src-a\n    outlet: Example News\npeople:\nevents: ~\n",
    "an id that looks like a boolean": edit("id: ann-thanks", "id: true"),
    "an id of digits": edit("topics: [prisoner-exchange]", "topics: [007, 2024]"),
    "an upper-case web address": edit("url: https://example.com/a", "url: HTTPS://EXAMPLE.COM"),
    "an optional text left blank": edit("context: On landing.", "context: On landing.\n    translation:"),
    "an empty optional list": edit("aliases: [Anne Example]", "aliases: []"),
}

# Mistakes validate reports (as errors); the editor must underline each one too.
MISTAKES = {
    # dates
    "a date written as one number": edit("born: 1990", "born: 20250611"),
    "a year before 1900": edit("born: 1990", "born: 1850"),
    "a year after 2100": edit("born: 1990", "born: 2101"),
    "30 February": edit("arrested: 2021-08", "arrested: 2025-02-30"),
    "29 February of a common year": edit("arrested: 2021-08", "arrested: 2025-02-29"),
    "31 April": edit("arrested: 2021-08", "arrested: 2025-04-31"),
    "29 February 1900": edit("arrested: 2021-08", "arrested: 1900-02-29"),
    "month 13": edit("arrested: 2021-08", "arrested: 2025-13"),
    "a date without leading zeros": edit("arrested: 2021-08", "arrested: 2025-6-1"),
    "a date in words": edit("arrested: 2021-08", "arrested: 23 May 2025"),
    "a date with full-width digits": edit("arrested: 2021-08", "arrested: ２０２１-08"),
    "a date ending in a line break": edit("arrested: 2021-08", "arrested: |\n          2021-08"),
    "a date that is a decimal": edit("arrested: 2021-08", "arrested: 2021.08"),
    "a date that is a boolean": edit("arrested: 2021-08", "arrested: true"),
    "a required date left blank": edit("date: 2024-03-13", "date:"),
    # lists that hold each item once
    "a source cited twice": edit("sources: [src-a, src-b]", "sources: [src-a, src-a]"),
    "an alias given twice": edit("aliases: [Anne Example]", "aliases: [Anne Example, Anne Example]"),
    "a nationality given twice": edit("nationalities: [USA]", "nationalities: [USA, USA]"),
    "a role given twice": edit("roles: [detainee]", "roles: [detainee, detainee]"),
    "a person listed twice on a leg": edit("people: [ann-example]", "people: [ann-example, ann-example]"),
    "a topic given twice": edit("topics: [prisoner-exchange]", "topics: [prisoner-exchange, prisoner-exchange]"),
    "a group given twice": edit("groups: [prisoners]", "groups: [prisoners, prisoners]"),
    # text
    "a title of spaces": edit("title: One for one at an airport", "title: '   '"),
    "an empty title": edit("title: One for one at an airport", "title: ''"),
    "a title of non-breaking spaces": edit("title: One for one at an airport", 'title: "\\u00a0\\u3000"'),
    "a control character in a summary": edit("summary: A one-for-one exchange.", 'summary: "C:\\files"'),
    "a bell in a context": edit("context: On landing.", 'context: "On\\alanding"'),
    "a required title left blank": edit("title: One for one at an airport", "title:"),
    "a title that is a list": edit("title: One for one at an airport", "title: [a, b]"),
    "a title that is a mapping": edit("title: One for one at an airport", "title: {a: b}"),
    "a text longer than the limit": edit("summary: A one-for-one exchange.", "summary: " + "x" * 20_001),
    # web addresses
    "a web address without a host": edit("url: https://example.com/a", "url: https://"),
    "a web address with a host without a dot": edit("url: https://example.com/a", "url: https://example"),
    "a web address without a scheme": edit("url: https://example.com/a", "url: example.com/a"),
    "a web address with a space": edit("url: https://example.com/a", "url: https://exa mple.com"),
    "a web address for ftp": edit("url: https://example.com/a", "url: ftp://example.com"),
    "a web address that is too long": edit("url: https://example.com/a", "url: https://example.com/" + "a" * 2000),
    # counts
    "a count with a decimal point": edit("count: 1\n        people", "count: 1.5\n        people"),
    "a negative count": edit("count: 1\n        people", "count: -3\n        people"),
    "a count over the limit": edit("count: 1\n        people", "count: 1000001\n        people"),
    "a count with digits too many": edit("count: 1\n        people", "count: 99999999999\n        people"),
    "a quoted count over the limit": edit("count: 1\n        people", "count: '1000001'\n        people"),
    "a count with a thousands comma": edit("count: 1\n        people", "count: 1,000\n        people"),
    "a quoted count with a leading zero": edit("count: 1\n        people", "count: '0390'\n        people"),
    "a count in words": edit("count: 1\n        people", "count: one\n        people"),
    "a count left blank": edit("count: 1\n        people", "count:\n        people"),
    "a count that is a boolean": edit("count: 1\n        people", "count: true\n        people"),
    "a series number that is text": edit("    topics: [prisoner-exchange]",
                                         "    series:\n      - {by: src-a, number: 3rd, sources: [src-a]}\n"
                                         "    topics: [prisoner-exchange]"),
    "a range without its bounds": edit("count: 1\n        people", "count: 1\n        estimate: range\n        people"),
    "a withheld figure with a count": edit("count: 1\n        groups", "count: 1\n        estimate: withheld\n        groups"),
    "a figure without its count": edit("        count: 1\n        groups", "        groups"),
    "bounds on an exact figure": edit("count: 1\n        groups", "count: 1\n        low: 1\n        groups"),
    # flags
    "a flag written yes": edit("disputed: false", "disputed: yes"),
    "a flag written 1": edit("disputed: false", "disputed: 1"),
    # ids
    "an id with spaces and capitals": edit("id: ann-thanks", "id: Ann Thanks"),
    "an id with a double hyphen": edit("id: ann-thanks", "id: ann--thanks"),
    "an id that is a negative number": edit("id: ann-thanks", "id: -5"),
    "an id that is a decimal": edit("id: ann-thanks", "id: 1.5"),
    "an id that is too long": edit("id: ann-thanks", "id: " + "a" * 121),
    "an id ending in a line break": edit("id: ann-thanks", "id: |\n      ann-thanks"),
    # choices and countries
    "an unknown kind": edit("kind: exchange", "kind: swap"),
    "an unknown status": edit("status: completed", "status: done"),
    "an unknown channel": edit("channel: statement", "channel: tweet"),
    "a two-letter country": edit("held_by: RUS", "held_by: RU"),
    "a country by name": edit("held_by: RUS", "held_by: Russia"),
    # structure
    "a misspelt field": edit("status: completed", "staus: completed"),
    "a required field missing": edit("    summary: A one-for-one exchange.\n", ""),
    "an unknown list": edit("quotes:", "qoutes:"),
    "an event citing no source": edit("sources: [src-a, src-b]", "sources: []"),
    "a disagreement with one version": edit("          - {value: 2024-03-13, sources: [src-b]}\n", ""),
    "a list of records that is text": edit("quotes:\n  - id: ann-thanks", "quotes: none\nx:\n  - id: ann-thanks"),
    "a file that is a list": "- " + BASE.replace("\n", "\n  "),
    "a key written twice": edit("status: completed", "status: completed\n    status: completed"),
    "an unclosed list": edit("topics: [prisoner-exchange]", "topics: [prisoner-exchange"),
}

# Mistakes validate reports that a JSON Schema cannot express, each with why. The test checks that the
# schema really lets them through, so this list shrinks when the schema learns more and never hides a gap.
SCHEMA_CANNOT_SAY = {
    # A reference to a record elsewhere (crossref.py): the schema sees one file at a time.
    "a quote by nobody": edit("speaker: ann-example", "speaker: nobody"),
    "a release in an event that does not exist": edit("released_in: airport-swap", "released_in: no-such-swap"),
    "a source that does not exist": edit("sources: [src-a, src-b]", "sources: [src-a, src-c]"),
    # YAML that is valid and that SwapWatch refuses so nothing is read differently from how it looks.
    "an anchor": edit("roles: [detainee]", "roles: &r [detainee]"),
    "a tag": edit("title: One for one at an airport", "title: !!str One for one"),
    # Spellings that YAML 1.2 reads as the same number or boolean as a valid value: an editor cannot
    # tell `0x10` from `16` or `True` from `true`, while validate sees the text and refuses it.
    "a count in hexadecimal": edit("count: 1\n        people", "count: 0x10\n        people"),
    "a count with a plus sign": edit("count: 1\n        people", "count: +5\n        people"),
    "a count with a leading zero": edit("count: 1\n        people", "count: 010\n        people"),
    "a count in exponent form": edit("count: 1\n        people", "count: 1e3\n        people"),
    "a year with a leading zero": edit("born: 1990", "born: 01990"),
    "a flag written True": edit("disputed: false", "disputed: True"),
    "an id written False": edit("id: ann-thanks", "id: False"),
    # Comparing two numbers of one record (check_figure): a schema compares a value with constants only.
    "low above high": edit("count: 1\n        people", "count: 5\n        estimate: about\n        low: 6\n"
                           "        high: 4\n        people"),
}


def validate_errors(text: str) -> list[str]:
    """The errors validate reports for one data file."""
    dataset = validate_documents([parse_bytes(text.encode("utf-8"), "f.yaml")])
    return [str(problem) for problem in dataset.errors]


VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def editor_errors(text: str) -> list[str]:
    """What an editor underlines: YAML 1.2 errors, then the JSON Schema's."""
    try:
        document = yaml12.load(text)
    except yaml.YAMLError as err:
        return [f"YAML: {' '.join(str(err).split())}"]
    return [f"{error.json_path}: {error.message[:200]}" for error in VALIDATOR.iter_errors(document)]


def test_there_are_enough_mistakes_to_compare():
    assert len(MISTAKES) + len(SCHEMA_CANNOT_SAY) >= 40


def test_the_shipped_data_is_valid_to_validate():
    assert [str(problem) for problem in validate_dir(PROJECT_DIR / "data").errors] == []


@pytest.mark.parametrize("path", sorted((PROJECT_DIR / "data").glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_file_is_valid_to_the_editor(path):
    assert editor_errors(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("name", VALID)
def test_the_editor_does_not_underline_what_validate_accepts(name):
    assert (validate_errors(VALID[name]), editor_errors(VALID[name])) == ([], [])


@pytest.mark.parametrize("name", MISTAKES)
def test_the_editor_underlines_what_validate_reports(name):
    reported, underlined = validate_errors(MISTAKES[name]), editor_errors(MISTAKES[name])
    assert reported, "validate accepts this: not a mistake"
    assert underlined, f"validate reports {reported} but the editor underlines nothing"


@pytest.mark.parametrize("name", SCHEMA_CANNOT_SAY)
def test_what_the_schema_cannot_say_is_reported_by_validate_only(name):
    assert (bool(validate_errors(SCHEMA_CANNOT_SAY[name])), editor_errors(SCHEMA_CANNOT_SAY[name])) == (True, [])


def test_the_schemas_date_pattern_accepts_exactly_the_dates_validate_accepts():
    pattern = re.compile(editorschema.DATE_SCHEMA["pattern"])
    texts = [f"{year}" for year in range(1890, 2111)]
    texts += [f"{year}-{month:02}" for year in range(1890, 2111) for month in range(14)]
    texts += [f"{year}-{month:02}-{day:02}" for year in range(1890, 2111) for month in range(14) for day in range(33)]
    assert [text for text in texts if bool(pattern.search(text)) != _accepted(fieldtypes.parse_date, text)] == []


def test_the_schemas_blank_text_is_exactly_what_validate_calls_empty():
    blank = re.compile(editorschema.TEXT["allOf"][0]["pattern"])
    texts = [chr(code) * 2 for code in range(0x3100) if not 0xd800 <= code < 0xe000] + ["\ufeff"]
    control = re.compile(f"[{editorschema.CONTROL}]")
    assert [text for text in texts if not control.search(text)
            and bool(blank.search(text)) != _accepted(fieldtypes.parse_text, text)] == []


def _accepted(parse, text: str) -> bool:
    try:
        parse(text)
    except PydanticCustomError:
        return False
    return True


KEYWORDS = {"$schema", "$defs", "$ref", "title", "description", "default", "type", "enum", "const", "properties",
            "additionalProperties", "required", "items", "minItems", "uniqueItems", "minLength", "maxLength",
            "pattern", "minimum", "maximum", "anyOf", "allOf", "not", "if", "then", "else"}


def test_the_schema_uses_only_standard_keywords_so_strict_validators_compile_it():
    def keys(node, named=False):
        if isinstance(node, dict):
            for key, value in node.items():
                if not named:
                    yield key
                yield from keys(value, named=key in ("properties", "$defs") and not named)
        elif isinstance(node, list):
            for value in node:
                yield from keys(value)
    assert set(keys(VALIDATOR.schema)) - KEYWORDS == set()

"""The good fixture: valid, covering every table and choice the queries meet, and read exactly as typed."""

import pytest

from swapwatch.validate import validate_dir
from swapwatch.yamlsource import read_yaml
from tests.conftest import GOOD_DIR, PROJECT_DIR


@pytest.fixture(scope="module")
def dataset():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(PROJECT_DIR)
        return validate_dir(GOOD_DIR)


def test_the_good_fixture_has_no_problem_at_all(dataset):
    assert [str(p) for p in dataset.problems] == []
    assert {kind: dataset.count(kind) for kind in dataset.records} == {
        "sources": 5, "people": 7, "events": 4, "quotes": 2}


@pytest.mark.parametrize("table, column, values", [
    ("detentions", "status", {"held", "released", "exchanged"}),
    ("event_countries", "role", {"releasing", "receiving", "mediator", "host", "party"}),
    ("people", "kind", {"person", "organisation"}),
    ("events", "date_precision", {"day", "month"}),
    ("legs", "grp", {"prisoners", "pows", "civilians"}),
    ("citations", "record_type", {"person", "event", "quote"}),
    ("disagreements", "record_type", {"person", "event"}),
])
def test_the_good_fixture_covers_the_values_the_queries_distinguish(good_db, table, column, values):
    found = {row[0] for row in good_db.con.execute(f"select distinct {column} from {table}").fetchall()}
    assert found == values


def test_the_good_fixture_has_a_multi_day_swap_with_one_leg_per_day_and_direction(good_db):
    legs = good_db.con.execute("select date, from_country, to_country, count from legs "
                               "where event_id = '2025-05-23-three-day-swap' order by seq").fetchall()
    assert legs == [(day, a, b, n) for day, n in (("2025-05-23", 390), ("2025-05-24", 307), ("2025-05-25", 303))
                    for a, b in (("RUS", "UKR"), ("UKR", "RUS"))]


def located(dataset, kind: str, record_id: str):
    return next(item for item in dataset.records[kind] if item.record.id == record_id)


def value_at(record, path: tuple):
    value = record
    for part in path:
        value = value[part] if isinstance(part, int) else getattr(value, "from_" if part == "from" else part)
    return value


def compare(raw: object, dumped: object, where: str) -> list[str]:
    """Where a raw scalar (as read from the file) and the record's value differ."""
    if isinstance(raw, dict):
        return [d for key in raw for d in compare(raw[key], dumped[key], f"{where}.{key}")]
    if isinstance(raw, list):
        assert len(raw) == len(dumped), where
        return [d for i, (r, v) in enumerate(zip(raw, dumped)) for d in compare(r, v, f"{where}[{i}]")]
    typed_back = str(dumped) if isinstance(dumped, int) and not isinstance(dumped, bool) else dumped
    return [] if typed_back == raw else [f"{where}: typed {raw!r}, record has {dumped!r}"]


@pytest.mark.parametrize("name", ["sources.yaml", "people.yaml", "events.yaml"])
def test_every_scalar_of_the_good_fixture_reaches_its_record_unchanged(dataset, name):
    doc = read_yaml(GOOD_DIR / name)
    differences, compared = [], 0
    for kind, items in doc.value.items():
        for raw in items:
            item = located(dataset, kind, raw["id"])
            differences += compare(raw, item.record.model_dump(by_alias=True), f"{kind}:{raw['id']}")
            compared += 1
    assert differences == []
    assert compared == sum(len(items) for items in doc.value.values()) > 0


# (file, the line exactly as typed in it, record kind, id, path to the value, the value the record holds)
TRICKY = [
    ("sources.yaml", "    title: Yes", "sources", "sample-times-20240313-swap-details", ("title",), "Yes"),
    ("sources.yaml", "    title: 1984", "sources", "norsk-eksempel-2023-release", ("title",), "1984"),
    ("sources.yaml", "    language: no", "sources", "norsk-eksempel-2023-release", ("language",), "no"),
    ("sources.yaml", "    published: 2023", "sources", "norsk-eksempel-2023-release", ("published",), "2023"),
    ("sources.yaml", "    published: 2024-03", "sources", "sample-times-20240313-swap-details", ("published",),
     "2024-03"),
    ("sources.yaml", "    title: 'Talks in Istanbul: both sides agree a 1,000-for-1,000 swap'", "sources",
     "placeholder-post-20250516-istanbul-talks", ("title",),
     "Talks in Istanbul: both sides agree a 1,000-for-1,000 swap"),
    ("sources.yaml", '    title: "[Three-day exchange completed]"', "sources", "demo-wire-20250525-three-day-swap",
     ("title",), "[Three-day exchange completed]"),
    ("people.yaml", "    born: 1990", "people", "ann-example", ("born",), "1990"),
    ("people.yaml", "          - value: '1990'", "people", "ann-example", ("disagreements", 0, "values", 0, "value"),
     "1990"),
    ("people.yaml", "        sentence: 9 years", "people", "ann-example", ("detentions", 0, "sentence"), "9 years"),
    ("people.yaml", "        arrested: 2021-08", "people", "ann-example", ("detentions", 0, "arrested"), "2021-08"),
    ("people.yaml", "        arrest_place: {country: BLR, city: Minsk, venue: null}", "people", "carl-placeholder",
     ("detentions", 0, "arrest_place", "venue"), None),
    ("people.yaml", "    nationalities: [NOR]", "people", "erik-eksempel", ("nationalities", 0), "NOR"),
    ("events.yaml", "    date_note: Each stage was announced at 20:37 Kyiv time.", "events",
     "2025-05-23-three-day-swap", ("date_note",), "Each stage was announced at 20:37 Kyiv time."),
    ("events.yaml", "    summary: ~1,000 people each way over three days, as agreed in Istanbul.", "events",
     "2025-05-23-three-day-swap", ("summary",), "~1,000 people each way over three days, as agreed in Istanbul."),
    ("events.yaml", "    place: {country: TUR, city: Ankara, venue: Esenboğa Airport}", "events",
     "2024-03-12-airport-swap", ("place", "venue"), "Esenboğa Airport"),
    ("events.yaml", "      - {from: RUS, to: UKR, count: 303, date: 2025-05-25, group: pows}", "events",
     "2025-05-23-three-day-swap", ("legs", 4, "count"), 303),
    ("events.yaml", "      - {from: UKR, to: RUS, count: 307, date: 2025-05-24}", "events",
     "2025-05-23-three-day-swap", ("legs", 3, "from"), "UKR"),
    ("events.yaml", "    text: 'All 1,000 are home. \"Thank you\" to everyone who made it possible.'", "quotes",
     "ministry-20250525-all-home", ("text",), 'All 1,000 are home. "Thank you" to everyone who made it possible.'),
    ("events.yaml", '    text: "The parties agreed to exchange 1,000 prisoners for 1,000: yes, all of them."', "quotes",
     "mina-official-20250516-swap-agreed", ("text",),
     "The parties agreed to exchange 1,000 prisoners for 1,000: yes, all of them."),
]


@pytest.mark.parametrize("name, typed, kind, record_id, path, value", TRICKY, ids=[case[1].strip() for case in TRICKY])
def test_a_tricky_value_keeps_the_text_typed_and_the_line_it_was_typed_on(dataset, name, typed, kind, record_id,
                                                                         path, value):
    lines = (GOOD_DIR / name).read_text(encoding="utf-8").split("\n")
    assert lines.count(typed) == 1, f"the fixture no longer has exactly one line {typed!r}"
    item = located(dataset, kind, record_id)
    assert value_at(item.record, path) == value
    assert item.line_of(*path) == lines.index(typed) + 1

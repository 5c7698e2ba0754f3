"""Property tests (hypothesis): arbitrary filter values and text never raise and never give a wrong row.

The filters go from raw link values through `make_filters` to a `Filters`, then through the real
queries (`Database.run`) on the hostile-text dataset (tests/data/good plus tests/data/hostile/text).
The rows must be exactly those a plain Python filter over the same validated records keeps: text
is searched as text (a "%" finds only a literal "%"), case- and accent-insensitively.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import unicodedata
from functools import cache

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swapwatch import exports
from swapwatch.dates import span
from swapwatch.filters import ROLE_CHOICES, Filters, make_filters
from swapwatch.records import COUNTRY_ROLES, EVENT_KINDS, EVENT_STATUSES, QUOTE_CHANNELS
from swapwatch.text import isolate_direction, md
from swapwatch.validate import validate_documents
from swapwatch.yamlsource import Document
from tests.test_hostile_text import hostile_db, hostile_dir  # noqa: F401  (fixtures)
from tests.test_hostile_text import markup_left, unescaped

SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


# --- the reference ------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Case- and accent-insensitive form: each character lowercased, marks removed, recomposed."""
    lowered = "".join(char.lower() for char in text)
    bare = "".join(c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.category(c).startswith("M"))
    return unicodedata.normalize("NFC", bare)


# Cyrillic letters written in Latin: those written with more letters, or that lose a mark, before marks are
# stripped; the others after (as queries/schema/macros.sql's search_key does).
CYRILLIC_FIRST = {"щ": "shch", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "ю": "yu", "я": "ya",
                  "є": "ye", "ї": "yi", "ё": "e", "й": "y", "ь": "", "ъ": "", "ы": "y", "э": "e", "і": "i",
                  "ґ": "g", "ў": "u"}
CYRILLIC_THEN = dict(zip("абвгдезиклмнопрстуф", "abvgdeziklmnoprstuf"))


def search_key(text: str) -> str:
    """A name's search key: Cyrillic in Latin letters, folded, words of letters and digits, common variants
    of a spelling made one ('' for text holding a NUL, which no record holds: such a search finds nothing)."""
    if "\x00" in text:
        return ""
    lowered = re.sub("['’ʼ`]", "", "".join(char.lower() for char in text))
    for cyrillic, latin in CYRILLIC_FIRST.items():
        lowered = lowered.replace(cyrillic, latin)
    bare = "".join(c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.category(c).startswith("M"))
    bare = "".join(CYRILLIC_THEN.get(char, char) for char in unicodedata.normalize("NFC", bare))
    words = re.sub(r"[^a-z0-9]+", " ", bare)
    words = re.sub(r"(iy|yy|ii|ij|yi)\b", "y", words)
    words = re.sub(r"\b(kiev|kyyiv|kiyiv|kiiv)\b", "kyiv", words)
    return re.sub(" +", " ", re.sub(r"\bye", "e", words)).strip()


def key_matches(record: str, needle: str) -> bool:
    """Whether every word of the needle's key begins a word of the record's key (never for an empty key)."""
    wanted = search_key(needle)
    return bool(wanted) and all(f" {word}" in f" {search_key(record)}" for word in wanted.split(" "))


class Reference:
    """The validated records, and the filters written as plain Python over them."""

    def __init__(self, dataset):
        records = {kind: [item.record for item in items] for kind, items in dataset.records.items()}
        self.people = {p.id: p for p in records["people"]}
        self.events = records["events"]
        self.quotes = records["quotes"]
        links = {(p, leg_person) for e in self.events for leg in e.legs for leg_person in leg.people
                 for p in [e.id]}
        links |= {(q.event, q.speaker) for q in self.quotes if q.event}
        links |= {(d.released_in, p.id) for p in self.people.values() for d in p.detentions if d.released_in}
        self.linked: dict[str, set[str]] = {}
        for event_id, person_id in links:
            self.linked.setdefault(event_id, set()).add(person_id)

    def person_matches(self, person_id: str, needle: str) -> bool:
        if not needle:
            return True
        person = self.people.get(person_id)
        return person is not None and any(fold(needle) in fold(name) or key_matches(name, needle)
                                          for name in [person.name, *person.aliases])

    def people_ids(self, needle: str) -> set[str]:
        return {pid for pid in self.people if self.person_matches(pid, needle)}

    def event_ids(self, f: Filters) -> set[str]:
        kept = set()
        for e in self.events:
            start, end = span(e.date)[0], span(e.end_date or e.date)[1]
            if f.date_from and end < f.date_from or f.date_to and start > f.date_to:
                continue
            if f.kinds and e.kind not in f.kinds or f.statuses and e.status not in f.statuses:
                continue
            if f.countries and not any(c.country in f.countries and f.country_role in ("any", c.role)
                                       for c in e.countries):
                continue
            if f.person and not any(self.person_matches(p, f.person) for p in self.linked.get(e.id, ())):
                continue
            kept.add(e.id)
        return kept

    def shown_people(self, f: Filters) -> set[str]:
        """The people the pages show under the filters: matching the person text, and linked to an event
        the other filters keep, or (with no kind or status chosen) of a chosen country (nationality, or
        held by it, for any role) and held within the dates."""
        unset = not (f.date_from or f.date_to or f.countries or f.kinds or f.statuses)
        kept = set() if unset else self.event_ids(dataclasses.replace(f, person=""))
        linked = {person for event in kept for person in self.linked.get(event, ())}
        shown = set()
        for pid, p in self.people.items():
            if not self.person_matches(pid, f.person):
                continue
            if unset or pid in linked:
                shown.add(pid)
            elif f.kinds or f.statuses:
                continue
            elif f.countries and not (f.country_role == "any" and (set(p.nationalities) & set(f.countries) or any(
                    d.held_by in f.countries for d in p.detentions))):
                continue
            elif (f.date_from or f.date_to) and not any(self._held_within(d, f) for d in p.detentions):
                continue
            else:
                shown.add(pid)
        return shown

    @staticmethod
    def _held_within(d, f: Filters) -> bool:
        arrested = span(d.arrested)[0] if d.arrested else dt.date(1900, 1, 1)
        released = span(d.released)[0] if d.released else dt.date(2100, 12, 31)
        return (not f.date_to or arrested <= f.date_to) and (not f.date_from or released >= f.date_from)

    def quote_ids(self, person: str, search: str, speaker: str, topic: str, channel: str) -> set[str]:
        kept = set()
        for q in self.quotes:
            if not (self.person_matches(q.speaker, person)
                    or any(self.person_matches(p, person) for p in self.linked.get(q.event, ()))):
                continue
            texts = [q.text, q.context]
            if search and not (any(fold(search) in fold(t) for t in texts) or self.person_matches(q.speaker, search)
                               or key_matches(q.text + " " + q.context, search)):
                continue
            if speaker and q.speaker != speaker or topic and topic not in q.topics or channel and q.channel != channel:
                continue
            kept.add(q.id)
        return kept


@cache
def reference_of(db) -> Reference:
    return Reference(db.dataset)


# --- the values a link can carry -------------------------------------------------------------------------

HOSTILE_CHARS = list("%_\\'\";-<>&[]()!*#`$:|=+@/?.,{}~^") + ["--", "\u202e", "\u200b", "\u200f", "\ufeff",
                                                                 "\u0301", "\x00", "\t", "\n", "🙂", "İ", "ß"]
NAME_CHARS = list("abcdeilmnoprstuxyzABCDEPSÜÑéöï 0123456789") + ["שלום"]
TEXT = st.lists(st.sampled_from(HOSTILE_CHARS + NAME_CHARS), max_size=15).map("".join)


@st.composite
def needles(draw) -> str:
    """Text a person would type: part of a real name, a hostile fragment, or both."""
    db_names = ["Ann Example", "Pay 100% Percent", "Under_Score Person", "Back\\Slash Person", "Ünïcödé Ñame",
                "Robert'); DROP TABLE people;--", "<script>alert('name')</script> Scripter", "Al%ias", "under_score",
                "\u202eRtl\u202c Zero\u200bWidth Person", "Mina Official", "Dmitry Example"]
    name = draw(st.sampled_from(db_names))
    start = draw(st.integers(0, len(name)))
    part = name[start:start + draw(st.integers(0, 12))]
    return draw(st.sampled_from([part, part.upper(), draw(TEXT), part + draw(TEXT), draw(TEXT) + part]))


DAY = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
DATES = st.one_of(st.lists(st.one_of(DAY, st.none(), TEXT), max_size=3), DAY, st.none())
COUNTRIES = st.lists(st.one_of(st.sampled_from(["RUS", "UKR", "USA", "TUR", "BLR", "NOR", "rus", "XXX"]), TEXT),
                     max_size=3)
ROLES = st.one_of(st.sampled_from(ROLE_CHOICES), TEXT)
KINDS = st.lists(st.one_of(st.sampled_from(EVENT_KINDS), TEXT), max_size=3)
STATUSES = st.lists(st.one_of(st.sampled_from(EVENT_STATUSES), TEXT), max_size=3)


def known_countries(db) -> set[str]:
    return set(db.run("filter_options")["code"])


# --- properties ------------------------------------------------------------------------------------------


@SETTINGS
@given(text=st.text(max_size=40))
def test_the_database_folds_text_as_the_reference_does_and_a_search_holding_a_nul_finds_nothing(hostile_db, text):
    folded = hostile_db.con.execute("select fold($t)", {"t": text}).fetchone()[0]
    assert folded == (fold(text) if "\x00" not in text else "\x00")  # no record text holds a NUL


@SETTINGS
@given(text=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40))  # as st.text() draws, no NUL
def test_stored_text_which_holds_no_nul_folds_the_same_the_quick_way(hostile_db, text):
    assert hostile_db.con.execute("select fold_stored($t) = fold($t)", {"t": text}).fetchone()[0]


@SETTINGS
@given(text=st.one_of(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40),
                      st.sampled_from(["Гершкович", "Зеленський", "Kara-Murza", "Київ", "Евгений", "O’Brien"])))
def test_the_database_makes_search_keys_as_the_reference_does(hostile_db, text):
    assert hostile_db.con.execute("select search_key($t)", {"t": text}).fetchone()[0] == search_key(text)


@SETTINGS
@given(dates=DATES, countries=COUNTRIES, role=ROLES, kinds=KINDS, statuses=STATUSES,
       person=st.one_of(needles(), st.text(max_size=300)))
def test_any_link_values_make_filters_that_hold_only_valid_choices(dates, countries, role, kinds, statuses, person):
    known = {"RUS", "UKR", "USA"}
    f = make_filters(dates, countries, role, kinds, statuses, person, known)
    assert set(f.countries) <= known and f.country_role in ROLE_CHOICES
    assert set(f.kinds) <= set(EVENT_KINDS) and set(f.statuses) <= set(EVENT_STATUSES)
    assert not (f.date_from and f.date_to) or f.date_from <= f.date_to
    assert f.person == person.strip()[:200]
    assert all(isinstance(n, str) and "\n" not in n for n in f.notices)
    assert isinstance(f.describe(), str) and (not f.person or f.person in f.describe())


@SETTINGS
@given(dates=DATES, countries=COUNTRIES, role=ROLES, kinds=KINDS, statuses=STATUSES, person=needles())
def test_the_filtered_events_are_exactly_those_the_reference_keeps(hostile_db, dates, countries, role, kinds,
                                                                   statuses, person):
    f = make_filters(dates, countries, role, kinds, statuses, person, known_countries(hostile_db))
    found = hostile_db.run("events_timeline", **f.params())
    assert set(found["id"]) == reference_of(hostile_db).event_ids(f)
    assert len(found) == found["id"].nunique()


@SETTINGS
@given(dates=DATES, countries=COUNTRIES, role=ROLES, kinds=KINDS, statuses=STATUSES,
       person=st.one_of(st.just(""), needles()))
def test_the_people_shown_are_exactly_those_the_reference_keeps(hostile_db, dates, countries, role, kinds, statuses,
                                                                person):
    f = make_filters(dates, countries, role, kinds, statuses, person, known_countries(hostile_db))
    found = hostile_db.run("participants", **f.params(), status="", limit=None)
    assert set(found["id"]) == reference_of(hostile_db).shown_people(f)
    assert len(found) == found["id"].nunique()


@SETTINGS
@given(person=needles())
def test_the_person_filter_keeps_exactly_the_people_whose_name_or_alias_holds_the_text(hostile_db, person):
    f = make_filters(person=person)
    found = hostile_db.run("participants", **f.params(), status="")
    assert set(found["id"]) == reference_of(hostile_db).people_ids(f.person)


@SETTINGS
@given(person=st.one_of(st.just(""), needles()), search=st.one_of(st.just(""), needles()),
       speaker=st.one_of(st.just(""), st.sampled_from(["script-person", "mina-official"]), TEXT),
       topic=st.one_of(st.just(""), st.sampled_from(["talks", "prisoner-exchange"]), TEXT),
       channel=st.one_of(st.just(""), st.sampled_from(QUOTE_CHANNELS), TEXT))
def test_the_quote_search_keeps_exactly_the_quotes_the_reference_keeps(hostile_db, person, search, speaker, topic,
                                                                       channel):
    f = make_filters(person=person)
    found = hostile_db.run("quotes_table", **f.params(), search=search, speaker=speaker, topic=topic, channel=channel)
    assert set(found["id"]) == reference_of(hostile_db).quote_ids(f.person, search, speaker, topic, channel)


@settings(max_examples=25, deadline=None, database=None)  # ten queries an example
@given(dates=DATES, countries=COUNTRIES, role=st.sampled_from(COUNTRY_ROLES), person=needles())
def test_every_filtered_query_runs_on_any_filter_values(hostile_db, dates, countries, role, person):
    f = make_filters(dates, countries, role, (), (), person, known_countries(hostile_db))
    for name in ("overview_figures", "released_by_side", "exchanges_by_pair", "exchange_legs", "who_for_whom",
                 "map_countries", "map_flows", "sources_table", "disagreements_table", "quote_facets"):
        hostile_db.run(name, **f.params())


@SETTINGS
@given(text=st.text(max_size=200))
def test_markdown_escaping_shows_any_text_exactly_and_activates_nothing(text):
    shown = md(text)
    assert markup_left(shown) == []
    assert unescaped(shown).replace("  \n", "\n") == isolate_direction(text).replace("\r\n", "\n")


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list("ab \u05d0") + [chr(c) for c in range(0x202a, 0x202f)]
                                             + [chr(c) for c in range(0x2066, 0x206a)]), max_size=20))
def test_direction_controls_in_a_value_end_with_it(text):
    isolated = isolate_direction(text)
    assert isolated == text or (isolated.startswith("\u2068") and text in isolated)
    depth = 0
    for char in isolated:  # every isolate opened is closed, and never more than were opened
        depth += char in "\u2066\u2067\u2068"
        depth -= char == "\u2069"
        assert depth >= 0
    assert depth == 0


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
CELL = st.one_of(st.text(max_size=20), st.text(alphabet=st.sampled_from(list("=+-@\t\r\n|!'\"A1(),;")), max_size=12),
                 st.integers(), st.none(), st.lists(st.text(max_size=5), max_size=3))


@settings(max_examples=100, deadline=None, database=None)
@given(rows=st.lists(st.tuples(CELL, CELL), min_size=1, max_size=6),
       names=st.tuples(st.text(min_size=1, max_size=8), st.text(min_size=1, max_size=8)).filter(lambda n: n[0] != n[1]))
def test_no_exported_cell_starts_a_formula_in_csv_or_excel(rows, names):
    frame = pd.DataFrame([list(row) for row in rows], columns=list(names), dtype=object)
    read = list(csv.reader(io.StringIO(exports.to_csv(frame).decode("utf-8-sig"), newline="")))
    assert len(read) == len(rows) + 1, read  # a line break inside a cell never starts a new row
    sheet = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(frame))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    for value in [v for row in read for v in row] + [c.value for c in cells]:
        assert not (isinstance(value, str) and value.startswith(FORMULA_START)) or is_number(value), value


def is_number(text: str) -> bool:
    """Whether a CSV cell is a number as written (an exported -1 or -1.0), not text."""
    return re.fullmatch(r"-?\d+(\.\d+)?(e[+-]\d+)?", text) is not None


@SETTINGS
@given(dates=DATES, countries=COUNTRIES, kinds=KINDS, person=st.text(max_size=300))
def test_a_download_file_name_is_safe_whatever_the_filters(dates, countries, kinds, person):
    f = make_filters(dates, countries, "any", kinds, (), person)
    name = exports.file_name("events", f, "csv", today=dt.date(2026, 1, 2))
    assert re.fullmatch(r"swapwatch_events_[A-Za-z0-9_-]{1,80}_2026-01-02\.csv", name), name


YAML_VALUES = st.recursive(
    st.one_of(st.none(), TEXT, st.sampled_from(["2025-05-23", "2025-02-30", "RUS", "NO", "010", "exchange", "1,000"])),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(["id", "name", "kind", "date", "legs", "count", "from",
                                                             "to", "sources", "people", "countries", "country",
                                                             "role", "text", "speaker", "disagreements", "field",
                                                             "values", "value", "detentions", "held_by", "staus",
                                                             "title", "summary", "status", "description"]) | TEXT,
                                            inner, max_size=6)),
    max_leaves=25)


@settings(max_examples=200, deadline=None, database=None)
@given(value=st.dictionaries(st.sampled_from(["sources", "people", "events", "quotes", "evnets"]), YAML_VALUES,
                             max_size=4))
def test_the_validator_turns_any_records_into_one_line_problems_without_raising(value):
    dataset = validate_documents([Document("f.yaml", value, {(): 1})])
    for problem in dataset.problems:
        line = str(problem)
        assert line.startswith("f.yaml:") and "\n" not in line and len(problem.message) <= 500

"""Search finds a name however it is written: Cyrillic or Latin, any case, accents, hyphens, word order, variants."""

import pytest

from swapwatch.filters import Filters

# A spelling as people type it -> the spelling in the records it must find the same people or quotes as.
PEOPLE = {"Гершкович": "Gershkovich", "Лавров": "Lavrov", "ЛАВРОВ": "Lavrov", "Зеленский": "Zelensky",
          "Зеленський": "Zelensky", "Zelenskyy": "Zelensky", "Zelenskiy": "Zelensky", "Kara Murza": "Kara-Murza",
          "murza kara": "Kara-Murza", "KARA-MURZA": "Kara-Murza", "Эрдоган": "Erdoğan", "erdogan": "Erdoğan"}
QUOTES = {"Kiev": "Kyiv", "Київ": "Kyiv", "Лавров": "Lavrov", "zelenskiy": "Zelensky"}


def people(db, needle: str) -> set[str]:
    found = db.con.execute("select id from people where person_matches(id, $n)", {"n": needle}).fetchall()
    return {row[0] for row in found}


def quotes(db, search: str) -> set[str]:
    return set(db.run("quotes_table", **Filters().params(), search=search, speaker="", topic="", channel="",
                      limit=None)["id"])


@pytest.mark.parametrize("typed,recorded", PEOPLE.items())
def test_a_person_is_found_by_any_spelling_of_the_name(shipped_db, typed, recorded):
    assert people(shipped_db, typed) == people(shipped_db, recorded) != set()


@pytest.mark.parametrize("typed,recorded", QUOTES.items())
def test_the_quote_search_finds_the_same_quotes_for_any_spelling(shipped_db, typed, recorded):
    assert quotes(shipped_db, typed) == quotes(shipped_db, recorded) != set()


@pytest.mark.parametrize("needle", ["%", "_", "-", "’", "  "])
def test_a_search_of_punctuation_alone_finds_no_one_by_its_key(shipped_db, needle):
    assert people(shipped_db, needle) == {row[0] for row in shipped_db.con.execute(
        "select id from people where contains(fold_stored(name), fold($n))", {"n": needle}).fetchall()} | {
        row[0] for row in shipped_db.con.execute(
            "select person_id from person_aliases where contains(fold_stored(alias), fold($n))", {"n": needle}).fetchall()}


@pytest.mark.parametrize("table,key,text", [("people", "name_key", "name"), ("person_aliases", "alias_key", "alias"),
                                            ("quotes", "words_key", "text || ' ' || context")])
def test_every_row_keeps_the_search_key_of_its_own_text(shipped_db, table, key, text):
    rows, stale = shipped_db.con.execute(
        f"select count(*), count(*) filter (where {key} is distinct from search_key({text})) from {table}").fetchone()
    assert rows > 0 and stale == 0

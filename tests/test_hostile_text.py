"""Hostile text is only ever text: in records and in links, it is shown, searched and exported as typed.

tests/data/hostile/text/hostile-text.yaml holds valid records whose names, titles and quotes carry HTML,
JavaScript, Markdown links and images, SQL and LIKE metacharacters, spreadsheet formulas, right-to-left
and zero-width characters and a very long name; with tests/data/good it makes a small dataset. Every
page is run from app.py with AppTest on it, with hostile link parameters too.
"""

from __future__ import annotations

import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from swapwatch.filters import Filters
from swapwatch.load import load_dataset
from swapwatch.text import md
from tests.conftest import GOOD_DIR, TESTS_DIR
from tests.test_app import run_app

HOSTILE_TEXT = TESTS_DIR / "data" / "hostile" / "text" / "hostile-text.yaml"
PAGES = ["views/overview.py", "views/exchanges.py", "views/people.py", "views/quotes.py", "views/map.py",
         "views/sources.py", "views/health.py"]
SCRIPT_NAME = "<script>alert('name')</script> Scripter"
MARKDOWN_NAME = "![pic](http://evil.example/pic.png) [Click](javascript:alert(1)) **Bold** _it_"
QUOTE = '<script>alert("quote")</script> 50% of [them](javascript:alert(1)) are home; DROP TABLE quotes; --'
EVENT_TITLE = ('<b>Bold</b> <a href="https://evil.example">swap</a> & <script>alert(1)</script> '
               "![i](http://evil.example/i.png)")


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory):
    """tests/data/good plus the hostile-text records, as one data folder."""
    folder = tmp_path_factory.mktemp("hostile-text")
    for path in GOOD_DIR.glob("*.yaml"):
        shutil.copy(path, folder)
    shutil.copy(HOSTILE_TEXT, folder)
    return folder


@pytest.fixture(scope="session")
def hostile_db(hostile_dir):
    """The hostile-text dataset loaded (read-only)."""
    return load_dataset(hostile_dir, articles_dir=None)


def test_hostile_text_is_valid_data(hostile_db):
    assert [str(p) for p in hostile_db.dataset.problems] == []
    assert hostile_db.dataset.count("people") == 18


# --- searched as plain text ------------------------------------------------------------------------------


def people_matching(db, person: str) -> set[str]:
    return set(db.run("participants", **Filters(person=person).params(), status="")["id"])


@pytest.mark.parametrize("person, expected", [
    ("%", {"percent-person"}),
    ("100%", {"percent-person"}),
    ("_", {"underscore-person", "markdown-person"}),
    ("p_y", set()),  # as a LIKE pattern it would match 'Pay 100% Percent'; as text (or words p, y) it is in no name
    ("pay%cent", set()),
    ("pay_100", {"percent-person"}),  # punctuation between words reads as a space: the words 'pay' and '100'
    ("percent pay", {"percent-person"}),  # in any order
    ("\\", {"backslash-person"}),
    ("'); DROP TABLE people;--", {"bobby-tables"}),
    ("'; --", {"bobby-tables"}),
    ("<script>", {"script-person"}),
    ("onerror=alert(1)", {"script-person"}),
    ("](javascript:", {"markdown-person"}),
    ("$x^2$", {"math-person"}),
    ("=HYPERLINK(", {"formula-person"}),
    ("\u200b", {"rtl-person"}),
    ("\u202ertl", {"rtl-person"}),
    ("שלום", {"rtl-person"}),
    ("unicode name", {"accent-person"}),
    ("ÜNÏCÖDÉ", {"accent-person"}),
    ("name " * 39 + "name", {"long-person", "accent-person", "script-person"}),  # the word 'name', 40 times
])
def test_the_person_filter_finds_the_characters_typed_and_nothing_else(hostile_db, person, expected):
    assert people_matching(hostile_db, person) == expected


def test_sql_in_a_filter_is_a_value_and_the_tables_stay_whole(hostile_db):
    before = hostile_db.table_counts()
    for text in ("'; DROP TABLE people; --", "x' OR '1'='1", "\"; DELETE FROM events; --", "$person", "?"):
        hostile_db.run("events_timeline", **Filters(person=text).params())
        hostile_db.run("quotes_table", **Filters().params(), search=text, speaker=text, topic=text, channel=text)
    assert hostile_db.table_counts() == before


@pytest.mark.parametrize("search, expected", [
    ("%", {"script-person-20250601-hostile"}),
    ("<script>", {"script-person-20250601-hostile"}),
    ("DROP TABLE quotes; --", {"script-person-20250601-hostile"}),
    ("_", set()),
    ("`code`", {"script-person-20250601-hostile"}),
])
def test_the_quote_search_finds_the_characters_typed(hostile_db, search, expected):
    found = hostile_db.run("quotes_table", **Filters().params(), search=search, speaker="", topic="", channel="")
    assert set(found["id"]) == expected


# --- shown as plain text -----------------------------------------------------------------------------------

# Markdown and HTML that must never reach Streamlit's Markdown unescaped: tags, links, images, code, math.
MARKUP = re.compile(r"<|!\[|\]\(|`|\$|:red\[|javascript:")


def unescaped(markdown: str) -> str:
    """What Markdown with backslash escapes displays: each escaped character as itself."""
    return re.sub(r"\\(.)", r"\1", markdown, flags=re.S)


def markup_left(markdown: str) -> list[str]:
    """Markup still active in markdown once every backslash-escaped character is taken out."""
    return MARKUP.findall(re.sub(r"\\.", "", markdown, flags=re.S))


def shown_texts(app: AppTest) -> list[str]:
    """The Markdown source of every text element of the page (sidebar included) and of its toasts."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success", "toast")
    return [element.value for kind in kinds for element in getattr(app, kind)]


def open_page(monkeypatch, data_dir, page: str, **query) -> AppTest:
    app = run_app(monkeypatch, data_dir, timeout=90, **query)
    app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_hostile_records_as_text(monkeypatch, hostile_dir, page):
    app = open_page(monkeypatch, hostile_dir, page, person="script", custody="", profile="script-person")
    texts = shown_texts(app)
    assert texts and {t: markup_left(t) for t in texts if markup_left(t)} == {}


@pytest.mark.parametrize("page, expected", [
    ("views/overview.py", EVENT_TITLE),
    ("views/exchanges.py", EVENT_TITLE),
    ("views/people.py", SCRIPT_NAME),
    ("views/quotes.py", QUOTE),
])
def test_hostile_text_is_shown_character_for_character(monkeypatch, hostile_dir, page, expected):
    app = open_page(monkeypatch, hostile_dir, page, person="script", custody="", profile="script-person")
    assert any(expected in unescaped(text) for text in shown_texts(app))


HOSTILE_LINK = {
    "person": "<img src=x onerror=alert(1)>",
    "country": "![x](http://evil.example/country.png)",
    "kind": "[kind](javascript:alert(1))",
    "status": "<script>alert(1)</script>",
    "role": "`role` $x$",
    "dates": "2025-13-45'; --",
    "q": "<script>" + "%" * 300,
    "speaker": "![s](http://evil.example/s.png)",
    "profile": "<b>nobody</b>",
    "custody": "**all**",
    "measure": "[m](http://evil.example)",
    "period": "$$",
}


@pytest.mark.parametrize("page", PAGES)
def test_a_hostile_link_opens_every_page_and_is_echoed_only_as_text(monkeypatch, page):
    app = open_page(monkeypatch, GOOD_DIR, page, **HOSTILE_LINK)
    texts = shown_texts(app)
    assert {t: markup_left(t) for t in texts if markup_left(t)} == {}
    assert any("Showing: person: “<img src=x onerror=alert(1)>”" in unescaped(t) for t in texts) or \
        page == "views/health.py"


def test_the_link_notice_names_the_ignored_values_as_text(monkeypatch):
    app = run_app(monkeypatch, GOOD_DIR, timeout=90, **HOSTILE_LINK)  # the notice shows on a first run only
    notices = [toast.value for toast in app.toast]
    assert notices, "no notice about the ignored link values"
    assert all(markup_left(n) == [] for n in notices)
    shown = unescaped(" ".join(notices))
    assert "country=![x](http://evil.example/country.png)" in shown and "kind=[kind](javascript:alert(1))" in shown


def test_a_hostile_person_filter_that_matches_nobody_says_so(monkeypatch, hostile_dir):
    app = open_page(monkeypatch, hostile_dir, "views/people.py", person="'; DROP TABLE people; -- %_ <b>")
    assert any("No people match these filters" in t for t in shown_texts(app))


@pytest.mark.parametrize("text", [SCRIPT_NAME, MARKDOWN_NAME, QUOTE, "a\nb", "# heading\n- item\n> quote",
                                  "1. one", "+ plus", "| a | b |", "---", "\\*", "&lt;b&gt;", ":smile: :red[x]"])
def test_markdown_escaping_shows_exactly_the_characters(text):
    shown = md(text)
    assert markup_left(shown) == []
    assert unescaped(shown).replace("  \n", "\n") == text


def test_a_right_to_left_override_in_a_value_ends_with_the_value():
    name = "\u202eRtl\u202c Zero\u200bWidth Person"
    assert unescaped(md(name)) == "\u2068" + name + "\u2069"
    assert md("plain שלום text") == "plain שלום text"


def test_a_name_with_direction_controls_is_isolated_in_a_choice_list_and_a_link_still_opens_it(monkeypatch,
                                                                                                hostile_dir):
    name = "\u202eRtl\u202c Zero\u200bWidth Person"
    app = run_app(monkeypatch, hostile_dir, timeout=90, **{"custody": "Everyone"})
    app.switch_page("views/people.py").run()
    profile = next(box for box in app.selectbox if box.label == "Person")
    assert "\u2068" + name + "\u2069" in profile.options and name not in profile.options
    linked = run_app(monkeypatch, hostile_dir, timeout=90, profile="rtl-person", custody="Everyone")
    linked.switch_page("views/people.py").run()
    assert [h.value for h in linked.subheader][0] == md(name)

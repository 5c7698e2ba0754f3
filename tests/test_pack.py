"""The briefing pack: a PDF of a view whose text (extracted with pypdf) holds the page's filters, figures and rows."""

import datetime as dt
import io
import re
import subprocess
import sys

import pandas as pd
import pypdf
import pytest

from swapwatch import briefing, pack, pdf
from swapwatch.catalog import table_frame
from swapwatch.figures import as_rows, exchange_figures
from swapwatch.filters import Filters
from tests.conftest import PROJECT_DIR
from tests.test_views import open_page

SHIPPED = PROJECT_DIR / "data"
UKRAINE_EXCHANGES = Filters(countries=("UKR",), kinds=("exchange",))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def pack_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "swapwatch", "pack", *args], capture_output=True, timeout=180,
                          cwd=PROJECT_DIR, env={"SWAPWATCH_DATA": str(SHIPPED), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def overview_pack() -> str:
    result = pack_command("--country", "UKR", "--kind", "exchange", "--out", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"%PDF-")
    return pdf_text(result.stdout)


def test_the_pack_names_its_page_filters_date_and_data_version(overview_pack):
    lines = overview_pack.splitlines()
    assert lines[:2] == ["SwapWatch briefing pack — Overview", "Filters: Ukraine; kinds: exchange"]
    made, version = re.fullmatch(r"Made (\S+ \S+) · data version (\w{12}) \(\d+ files\)", lines[2]).groups()
    assert made.startswith(dt.date.today().isoformat())
    assert version == briefing.data_version(SHIPPED).split()[0]


def test_the_pack_gives_each_headline_figure_with_its_value_and_definition(overview_pack, shipped_db):
    counted = as_rows(shipped_db.run("overview_figures", **UKRAINE_EXCHANGES.params()))  # as the page shows them
    flat = " ".join(overview_pack.split())
    for figure in counted.itertuples():
        assert f"{figure.figure} {figure.value} {' '.join(figure.definition.split())}" in flat


def test_the_pack_lists_the_first_rows_of_the_page_table_with_note_numbers_and_the_total(overview_pack, shipped_db):
    events = table_frame(shipped_db, "events", UKRAINE_EXCHANGES)
    lines = overview_pack.splitlines()
    for row in events.head(briefing.ROWS_SHOWN).itertuples():  # each row's first line starts with its short cells
        assert any(line.startswith(f"{row.date} {row.kind} {row.status} {row.title.split()[0]}") for line in lines), row
    shown = min(briefing.ROWS_SHOWN, len(events))
    assert f"{shown:,} of {len(events):,} rows" in overview_pack
    assert "Source notes" in overview_pack and "\n1. " in overview_pack


def test_an_exchanges_pack_has_its_figures_charts_and_tables(shipped_db):
    result = pack_command("--page", "exchanges", "--country", "UKR", "--period", "month", "--out", "-")
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(result.stdout).split())
    by_month = shipped_db.run("exchanges_by_period", **Filters(countries=("UKR",)).params(), period="month")
    headline = shipped_db.run("overview_figures", **Filters(countries=("UKR",)).params()).iloc[0]
    for figure, value in exchange_figures(by_month, headline):
        assert f"{figure.label} {value} {figure.help}" in text
    assert "Filters: Ukraine; exchanges counted by month" in text
    for title in ("Exchanges per month", "By status", "By country pair", "Who was freed for whom", "Every leg and stage"):
        assert title in text
    assert by_month["period"].dt.strftime("%Y-%m").iloc[0] in text  # a bar's label


def test_an_all_pages_pack_has_every_page_in_the_dashboard_order(shipped_db):
    result = pack_command("--all", "--kind", "exchange", "--out", "-")
    assert result.returncode == 0, result.stderr
    text = pdf_text(result.stdout)
    assert text.startswith("SwapWatch briefing pack — all pages\nFilters: kinds: exchange")
    place = 0
    for title in briefing.PAGES.values():  # each found after the one before
        place = text.index("\n" + title + "\n", place) + 1


def test_the_pack_charts_are_drawn_as_vector_graphics_not_pictures(shipped_db):
    sections = briefing.sections(shipped_db, ["exchanges"], Filters())
    reader = pypdf.PdfReader(io.BytesIO(pdf.build(sections, pdf.About("t", "all records", "now", "v"))))
    assert [page.images for page in reader.pages if page.images] == []
    drawn = reader.pages[0].get_contents().get_data()
    assert len(re.findall(rb"re f", drawn)) >= len(sections[0].charts[0].frame)  # a filled rectangle per bar at least


HOSTILE = ["<script>alert(1)</script>", "**bold** _it_ [link](javascript:x)", "{nb} of {nb}", "=HYPERLINK(\"x\")",
           "<b>html</b> &amp; &lt;", "%PDF-1.4 ) Tj (", "\\(escaped\\) BT ET"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_record_text_is_only_text_in_the_pdf(value):
    frame = pd.DataFrame({"date": ["2025-01-01"], "title": [value], "sources": [f"{value} <https://example.org/>"]})
    section = briefing.Section("overview", "Hostile", [briefing.Figure(value, "1", value)],
                               tables=[briefing.Table("Table", "events", frame, 1)], lines=[value])
    text = pdf_text(pdf.build([section], pdf.About("Pack", value, "now", "v")))
    assert text.count(value) >= 5  # filters, line, figure label and definition, table cell, source note


def test_control_characters_are_shown_as_replacement_characters():
    assert pdf.text("a\x00b\x1bc") == "a\ufffdb\ufffdc"
    assert pdf.text(float("nan")) == "" and pdf.text(3.0) == "3" and pdf.text(True) == "yes"


def test_source_notes_are_numbered_once_each_in_the_order_rows_cite_them():
    notes = pdf.Notes()
    assert notes.cite("A <https://a>; B <https://b>; C <https://c>") == "1–3"
    assert notes.cite("C <https://c>; Unnamed outlet; A <https://a>") == "1, 3, 4"
    assert list(notes.numbers) == ["A <https://a>", "B <https://b>", "C <https://c>", "Unnamed outlet"]


@pytest.mark.parametrize("args, message", [
    (["--page", "map", "--all"], "not allowed with argument"),
    (["--page", "nowhere"], "invalid choice: 'nowhere'"),
    (["--country", "Russia"], "ISO 3166-1 alpha-3"),
])
def test_a_bad_pack_option_exits_2_with_a_usage_message(args, message):
    result = pack_command(*args, "--out", "-")
    assert result.returncode == 2 and message.encode() in result.stderr and b"Traceback" not in result.stderr


def test_the_pack_file_is_named_after_its_pages_filters_and_date():
    assert pack.file_name(["map"], UKRAINE_EXCHANGES, dt.date(2026, 1, 2)) == \
        "swapwatch_pack-map_UKR-exchange_2026-01-02.pdf"
    assert pack.file_name(list(briefing.PAGES), Filters(), dt.date(2026, 1, 2)) == "swapwatch_pack-all_all_2026-01-02.pdf"


def test_the_page_button_builds_the_pack_of_the_view_and_offers_it_for_download(monkeypatch):
    app = open_page(monkeypatch, "views/map.py", kind="exchange")
    app.button(key="make-1").click().run()
    assert not app.exception, [e.message for e in app.exception]
    downloads = [d for d in app.get("download_button") if d.proto.label.startswith("⬇ Download the PDF")]
    assert len(downloads) == 1


@pytest.fixture(scope="module")
def fogel_pack() -> str:
    result = pack_command("--page", "people", "--profile", "marc-fogel", "--out", "-")
    assert result.returncode == 0, result.stderr
    return " ".join(pdf_text(result.stdout).split())


def test_a_people_pack_with_a_profile_opens_with_that_person_before_the_list(fogel_pack):
    assert "Filters: all records; people: detainees; profile: Marc Fogel" in fogel_pack
    assert fogel_pack.index("People: profile of Marc Fogel") < fogel_pack.index("People: Detainees")


def test_the_profile_in_a_pack_has_the_person_facts_timeline_quotes_and_sources(fogel_pack, shipped_db):
    person = shipped_db.run("person_profile", person_id="marc-fogel").iloc[0]
    assert f"{person['title']} · {person['nationalities']} · {person['roles']}" in fogel_pack
    assert " ".join(person["description"].split()) in fogel_pack
    for event in shipped_db.run("person_timeline", person_id="marc-fogel").itertuples():
        assert f"{event.date} {event.what}" in fogel_pack
    quotes = shipped_db.run("person_quotes", person_id="marc-fogel", limit=None)
    assert len(quotes) and all(" ".join(text.split()) in fogel_pack for text in quotes["text"])
    sources = shipped_db.run("record_sources", record_type="person", record_id="marc-fogel")
    assert len(sources) and all(outlet in fogel_pack for outlet in sources["outlet"])


@pytest.mark.parametrize("args", [["--profile", "marc fogel"], ["--person", "Marc Fogel"], ["--person", "marc-fogel"]])
def test_a_profile_may_be_named_by_id_or_full_name_and_a_person_filter_naming_one_person_opens_it(args):
    result = pack_command("--page", "people", *args, "--out", "-")
    assert result.returncode == 0, result.stderr
    assert "People: profile of Marc Fogel" in pdf_text(result.stdout)


def test_a_person_filter_that_names_no_one_in_full_profiles_no_one(shipped_db):
    sections = briefing.sections(shipped_db, ["people"], Filters(person="fogel"))
    assert [section.title for section in sections] == ["People"]


def test_an_unknown_profile_exits_2_naming_the_people_it_may_mean():
    result = pack_command("--page", "people", "--profile", "Fogel", "--out", "-")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"--profile: no person 'Fogel' in the data; give an id (as in a profile link) or the full name; " \
           b"did you mean: Marc Fogel (marc-fogel)" in result.stderr


def test_a_quotes_pack_follows_and_names_the_speaker_topic_and_channel_chosen(shipped_db):
    facets = shipped_db.run("quote_facets", **Filters().params(), top=None)
    speaker = facets[facets["facet"] == "speaker"].sort_values("quotes").iloc[-1]  # the most quoted
    result = pack_command("--page", "quotes", "--speaker", speaker["label"], "--topic", "ceasefire", "--out", "-")
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(result.stdout).split())
    assert f"quotes' speaker: {speaker['label']}; quotes' topic: ceasefire" in text
    chosen = table_frame(shipped_db, "quotes", Filters(), speaker=speaker["value"], topic="ceasefire")
    assert 0 < len(chosen) < speaker["quotes"]
    assert f"Quotes matching these choices {len(chosen):,} " in text
    assert f"{min(len(chosen), briefing.ROWS_SHOWN)} of {len(chosen)} rows" in text


def test_an_unknown_speaker_topic_or_channel_exits_2_with_what_the_page_offers():
    result = pack_command("--page", "quotes", "--channel", "carrier-pigeon", "--out", "-")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"--channel: 'carrier-pigeon' is not a channel of the quotes under these filters" in result.stderr


def test_a_people_pack_may_list_everyone_as_the_page_can(shipped_db):
    result = pack_command("--page", "people", "--custody", "everyone", "--out", "-")
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(result.stdout).split())
    everyone = table_frame(shipped_db, "people", Filters(), custody="")
    assert "Filters: all records; people: everyone" in text and f"Everyone {len(everyone):,} " in text


def built_pack(app) -> str:
    """The text of the pack the page's own button built (the page's pack, not all pages)."""
    app.button(key="make-1").click().run()
    assert not app.exception, [e.message for e in app.exception]
    return " ".join(pdf_text(app.session_state["_pack-1"][1]).split())


def test_the_people_page_button_packs_the_person_its_link_profiles(monkeypatch):
    text = built_pack(open_page(monkeypatch, "views/people.py", profile="marc-fogel"))
    assert "profile: Marc Fogel" in text and "People: profile of Marc Fogel" in text


def test_the_map_page_button_packs_the_map_coloured_by_the_measure_chosen(monkeypatch):
    app = open_page(monkeypatch, "views/map.py", kind="exchange")
    app.segmented_control(key="measure").set_value("received").run()
    text = built_pack(app)
    assert "Involved countries, coloured by people received" in text


def test_a_pack_takes_a_quote_speaker_and_channel_by_the_labels_a_dashboard_link_holds(shipped_db):
    def made(**choices) -> str:
        data = pack.make(shipped_db, SHIPPED, ["quotes"], Filters(), briefing.Options(**choices))
        return " ".join(line for line in pdf_text(data).splitlines() if not line.startswith(("Made ", "SwapWatch")))

    by_label = made(speaker="Donald Trump", channel="Truth Social")
    assert by_label == made(speaker="donald-trump", channel="truth-social")
    assert "quotes' speaker: Donald Trump; quotes' channel: Truth Social" in by_label

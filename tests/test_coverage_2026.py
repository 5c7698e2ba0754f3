"""The 2026 research sheet is curated in full: every numbered item and every register row has its records."""

import re
import unicodedata
from pathlib import Path

import pytest

from swapwatch import ARTICLES_DIR

SHEET = ARTICLES_DIR.parent / "FACTS-2026.md"
needs_sheet = pytest.mark.skipif(not SHEET.is_file(), reason="../shared/sources/FACTS-2026.md is not beside this checkout")

CURATED_FILES = ("2026-us-russia.yaml", "2026-russia-ukraine.yaml", "2026-diplomacy.yaml")

UAE_TOTALS = "2025-05-06-uae-mediation-running-totals"
JUNE_2025 = "2026-01-20-june-july-2025-programme-later-reporting"
ROUND_2 = "2026-02-04-abu-dhabi-trilateral-round-2"
GENEVA = "2026-02-17-geneva-trilateral-round-3"
NO_SWAP = "2025-11-18-us-russia-swap-talks-no-swap-by-mid-2026"

# Each numbered item of sections A-D -> the records (events, people, quotes) that cover it.
ITEMS = {
    "A1": ["2025-10-25-dmitriev-logan-broad-exchanges", NO_SWAP, "dmitriev-20251025-broad-exchanges"],
    "A2": ["2025-11-19-us-28-point-plan", "2025-11-24-abu-dhabi-driscoll-talks", "2025-12-02-putin-witkoff-kushner-kremlin",
           "2025-12-28-trump-putin-call", "2026-01-22-putin-witkoff-kushner-gruenbaum",
           "2026-02-05-us-russia-military-talks", "2026-05-08-trump-three-day-ceasefire"],
    "A3": [NO_SWAP],
    "B1": ["stephen-hubbard", NO_SWAP],
    "B2": ["gordon-black"],
    "B3": ["2025-12-gilman-third-verdict", "robert-gilman"],
    "B4": ["2026-01-13-barnes-moved-to-penal-colony", "barnes-2025-political-situation", "david-barnes"],
    "B5": ["michael-travis-leake", "robert-woodland"],
    "B6": [NO_SWAP],
    "C1": ["2025-11-12-zakharova-broken-exchange-promises", "2025-11-15-istanbul-agreements-reactivated",
           "zakharova-20251112-less-than-30-percent", "umerov-20251115-return-to-istanbul-agreements",
           "umerov-20251115-activate-istanbul-agreements", "zelensky-20251116-counting-on-resumption",
           "zelensky-20251119-resume-exchanges-by-year-end"],
    "C2": ["2026-02-05-exchange", "2026-02-05-lubinets-moskalkova-meeting"],
    "C3": ["2026-03-05-geneva-500-for-500", "2026-03-05-exchange"],
    "C4": ["2026-03-06-exchange"],
    "C5": ["2026-04-11-orthodox-easter-exchange"],
    "C6": ["2026-04-24-exchange"],
    "C7": ["2026-05-08-trump-three-day-ceasefire", "2026-05-15-exchange"],
    "C8": ["2026-06-07-exchange"],
    "C9": ["2025-10-23-bodies-repatriation", "2025-11-20-bodies-repatriation", "2025-12-19-bodies-repatriation",
           "2026-01-29-bodies-repatriation", "2026-02-26-bodies-repatriation", "2025-12-11-russian-bodies-totals"],
    "C10": ["2026-03-04-hungarian-pows-released", "2025-11-11-ombudsmen-parcels", "2025-12-30-kursk-civilians-held"],
    "C11": [UAE_TOTALS],
    "C12": ["2025-11-15-coordination-hq-69-exchanges", "2025-12-29-galuzin-istanbul-totals",
            "2026-01-20-coordination-hq-2025-results", "2026-01-27-moskalkova-1851-freed",
            "2026-02-zelensky-prisoners-held", "2026-03-02-lubinets-returns-total", "2026-03-11-coordination-hq-four-years"],
    "C13": [JUNE_2025, "2025-06-20-exchange", "2025-06-16-bodies-repatriation", "2025-07-17-bodies-repatriation",
            "2025-08-19-bodies-repatriation"],
    "D1": ["2025-11-11-umerov-istanbul-consultations", "2025-11-19-zelensky-erdogan-ankara"],
    "D2": ["2025-11-19-us-28-point-plan"],
    "D3": ["2025-11-24-abu-dhabi-driscoll-talks", "dan-driscoll"],
    "D4": ["2025-12-02-putin-witkoff-kushner-kremlin"],
    "D5": ["2025-12-14-berlin-us-ukraine-talks"],
    "D6": ["2025-12-28-trump-putin-call", "2025-12-28-mar-a-lago-meeting"],
    "D7": ["2025-11-28-yermak-resigns", "2026-01-02-budanov-appointed", "kyrylo-budanov"],
    "D8": ["2026-01-22-putin-witkoff-kushner-gruenbaum", "2026-01-23-abu-dhabi-trilateral-round-1"],
    "D9": [ROUND_2, "2026-02-05-us-russia-military-talks"],
    "D10": [GENEVA],
    "D11": ["2026-02-20-zelensky-exchange-date-soon", "2026-02-23-budanov-exchange-this-week",
            "2026-02-26-geneva-us-ukraine-meeting", "2026-03-05-fourth-round-postponed"],
    "D12": ["2026-05-08-trump-three-day-ceasefire"],
    "D13": ["2026-01-23-abu-dhabi-trilateral-round-1", ROUND_2, GENEVA, "2026-02-26-geneva-us-ukraine-meeting",
            "2025-11-11-umerov-istanbul-consultations", "2025-11-24-abu-dhabi-driscoll-talks"],
}

# Each row of the discrepancy register (section F) -> (record id, field, words of the disagreement's topic).
REGISTER = {
    1: [("2026-02-05-exchange", "legs", "")],
    2: [("2026-02-05-exchange", "series", "")],
    3: [("2026-03-05-exchange", "date", "")],
    4: [("2026-03-05-geneva-500-for-500", "reported", "")],
    5: [("2026-03-06-exchange", "date", "")],
    6: [("2026-03-05-exchange", "legs", "")],
    7: [("zelensky-20260305-no-one-is-forgotten", "text", "")],
    8: [("2026-04-11-orthodox-easter-exchange", "series", "21st"), ("2026-05-15-exchange", "series", "23rd")],
    9: [("2026-06-07-exchange", "reported", "")],
    10: [(UAE_TOTALS, "reported", "runs from")],
    11: [(UAE_TOTALS, "reported", "Day of the week")],
    12: [("2025-11-15-istanbul-agreements-reactivated", "summary", "come from")],
    13: [("2025-11-15-istanbul-agreements-reactivated", "status", "")],
    14: [("zakharova-20251112-less-than-30-percent", "text", "")],
    15: [("umerov-20251115-return-to-istanbul-agreements", "text", "")],
    16: [("2025-11-11-umerov-istanbul-consultations", "summary", "previous exchange")],
    17: [(UAE_TOTALS, "links", "Independence Day")],
    18: [("2025-12-19-bodies-repatriation", "legs", "to Ukraine")],
    19: [("2025-12-19-bodies-repatriation", "legs", "to Russia")],
    20: [("2025-12-19-bodies-repatriation", "links", "previous repatriation")],
    21: [("2026-01-29-bodies-repatriation", "date", "")],
    22: [("2026-02-26-bodies-repatriation", "summary", "agreement")],
    23: [("2025-12-11-russian-bodies-totals", "reported", "")],
    24: [(JUNE_2025, "reported", "Bodies")],
    25: [(JUNE_2025, "summary", "stages")],
    26: [(JUNE_2025, "reported", "How large")],
    27: [(JUNE_2025, "summary", "not been identified")],
    28: [("2026-03-11-coordination-hq-four-years", "reported", "")],
    29: [("2025-12-29-galuzin-istanbul-totals", "reported", "Ukrainians")],
    30: [("2025-12-29-galuzin-istanbul-totals", "reported", "Russians")],
    31: [("2026-01-22-putin-witkoff-kushner-gruenbaum", "summary", "")],
    32: [("kyrylo-budanov", "title", "")],
    33: [(ROUND_2, "summary", "led Russia")],
    34: [(ROUND_2, "date", "")],
    35: [(GENEVA, "date", "")],
    36: [(ROUND_2, "summary", "Palestine Telegraph")],
    37: [("dan-driscoll", "title", "")],
    38: [("tolbert-20251125-talks-going-well", "text", "")],
    39: [("2025-11-19-us-28-point-plan", "summary", "")],
    40: [("2025-12-28-trump-putin-call", "summary", "")],
    41: [("2025-12-28-mar-a-lago-meeting", "summary", "")],
    42: [("trump-20260508-three-day-ceasefire", "text", "")],
    43: [("2026-05-08-trump-three-day-ceasefire", "status", "")],
    44: [("2025-12-gilman-third-verdict", "summary", "")],
    45: [("2026-01-13-barnes-moved-to-penal-colony", "summary", "")],
    46: [("2025-10-25-dmitriev-logan-broad-exchanges", "summary", "")],
    47: [(GENEVA, "summary", "Medinsky had not led")],
    48: [(GENEVA, "summary", "first name")],
    49: [("2025-11-11-umerov-istanbul-consultations", "summary", "Whom Umerov")],
    50: [("2025-12-30-kursk-civilians-held", "reported", "")],
    51: [(NO_SWAP, "date", "")],
}


def _flat(text: str) -> str:
    """NFC text with every run of white space (the sheet wraps long quotes) as one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def _sheet() -> str:
    return unicodedata.normalize("NFC", SHEET.read_text(encoding="utf-8"))


def _records_by_id(db) -> dict:
    return {item.record.id: item for kind in ("people", "events", "quotes") for item in db.dataset.records[kind]}


@needs_sheet
def test_every_numbered_item_of_sections_a_to_d_has_a_mapping():
    headings = re.findall(r"^## ([A-D]\d+)\.", _sheet(), flags=re.M)
    assert headings, "no item headings found in the sheet"
    assert sorted(set(headings) - ITEMS.keys()) == []
    assert sorted(ITEMS.keys() - set(headings)) == []


def test_every_mapped_record_exists_in_the_shipped_data(shipped_db):
    known = _records_by_id(shipped_db)
    missing = [f"{item}: {rid}" for item, ids in ITEMS.items() for rid in ids if rid not in known]
    assert missing == []


@needs_sheet
def test_every_row_of_the_discrepancy_register_has_a_mapping():
    register = _sheet().split("# F. DISCREPANCY REGISTER")[1].split("\n# ")[0]
    rows = {int(n) for n in re.findall(r"^\| (\d+) \|", register, flags=re.M)}
    assert rows, "no register rows found in the sheet"
    assert sorted(rows ^ REGISTER.keys()) == []


def test_every_register_row_is_kept_as_a_disagreement_on_its_record(shipped_db):
    known = _records_by_id(shipped_db)
    missing = []
    for row, places in REGISTER.items():
        for rid, field, topic in places:
            record = known[rid].record if rid in known else None
            found = record is not None and any(
                d.field == field and topic.lower() in d.topic.lower() for d in record.disagreements)
            if not found:
                missing.append(f"row {row}: {rid} {field} {topic!r}")
    assert missing == []


@needs_sheet
def test_every_quote_in_the_2026_files_is_word_for_word_in_the_sheet(shipped_db):
    sheet = _flat(_sheet())
    ours = [item for item in shipped_db.dataset.records["quotes"] if Path(item.file).name in CURATED_FILES]
    assert ours, "no quotes loaded from the 2026 files"
    missing = [f"{Path(item.file).name}:{item.line}: {item.record.id}" for item in ours
               if _flat(item.record.text) not in sheet]
    assert missing == []


def test_no_text_in_the_2026_files_points_at_the_research_sheet(shipped_db):
    pattern = re.compile(r"FACTS|§")
    leaks = []
    for kind in ("sources", "people", "events", "quotes"):
        for item in shipped_db.dataset.records[kind]:
            if Path(item.file).name in CURATED_FILES + ("sources-2026.yaml",) and pattern.search(item.record.model_dump_json()):
                leaks.append(f"{Path(item.file).name}:{item.line}: {item.record.id}")
    assert leaks == []

"""The 2022-2024 Russia–Ukraine research sheet is fully curated: every item and every disagreement has records."""

import os
import re
import unicodedata
from pathlib import Path

import pytest

from swapwatch import ARTICLES_DIR

SHEET_NAME = "FACTS-RU-UA-2022-2024.md"
CURATED_FILES = {"russia-ukraine-2022.yaml", "russia-ukraine-2023-2024.yaml"}


def _sheet_path() -> Path | None:
    for folder in (ARTICLES_DIR.parent, Path(os.environ.get("SWAPWATCH_SOURCES_DIR", ARTICLES_DIR.parent))):
        if (folder / SHEET_NAME).is_file():
            return folder / SHEET_NAME
    return None


SHEET = _sheet_path()
needs_sheet = pytest.mark.skipif(SHEET is None, reason=f"{SHEET_NAME} is not beside this checkout "
                                                        "(set SWAPWATCH_SOURCES_DIR to its folder)")

# Each numbered item of sections C, C-bodies and D -> the records that carry it.
ITEMS = {
    "C01": ["2022-03-01-sumy-local-swap"],
    "C02": ["2022-03-16-melitopol-mayor-exchange"],
    "C03": ["2022-03-24-first-pow-exchange"],
    "C04": ["2022-04-01-exchange"],
    "C05": ["2022-04-09-exchange"],
    "C06": ["2022-04-14-exchange"],
    "C07": ["2022-04-14-kherson-local-swap"],
    "C08": ["2022-04-19-exchange"],
    "C09": ["2022-04-21-exchange"],
    "C10": ["2022-04-28-exchange"],
    "C11": ["2022-05-06-exchange"],
    "C12": ["2022-06-10-mykolaiv-four-for-five"],
    "C13": ["2022-06-18-five-for-five"],
    "C14": ["2022-06-28-seventeen-for-fifteen"],
    "C15": ["2022-06-29-exchange-144"],
    "C16": ["2022-09-02-exchange"],
    "C17": ["2022-09-21-azovstal-medvedchuk-exchange", "zelensky-20220921-victory-for-215-families"],
    "C18": ["2022-10-11-exchange"],
    "C19": ["2022-10-13-exchange"],
    "C20": ["2022-10-17-all-female-exchange"],
    "C21": ["2022-10-26-exchange"],
    "C22": ["2022-10-29-exchange"],
    "C23": ["2022-11-03-exchange"],
    "C24": ["2022-11-11-exchange"],
    "C25": ["2022-11-23-exchange"],
    "C26": ["2022-11-24-exchange"],
    "C27": ["2022-11-26-exchange"],
    "C28": ["2022-12-01-exchange"],
    "C29": ["2022-12-06-exchange"],
    "C30": ["2022-12-14-exchange"],
    "C31": ["2022-12-31-exchange"],
    "C32": ["2023-01-08-exchange"],
    "C33": ["2023-02-04-exchange"],
    "C34": ["2023-02-16-exchange"],
    "C35": ["2023-03-07-exchange"],
    "C36": ["2023-04-03-exchange", "2023-03-24-wounded-russians-repatriated"],
    "C37": ["2023-04-10-exchange"],
    "C38": ["2023-04-16-easter-exchange"],
    "C39": ["2023-04-26-exchange"],
    "C40": ["2023-05-06-azov-for-pilots"],
    "C41": ["2023-05-25-exchange"],
    "C42": ["2023-06-11-exchange"],
    "C43": ["2023-07-06-exchange"],
    "C44": ["2023-08-07-exchange"],
    "C45": ["2024-01-03-exchange"],
    "C46": ["2024-01-31-exchange"],
    "C47": ["2024-02-08-exchange"],
    "C48": ["2024-05-31-exchange"],
    "C49": ["2024-06-25-exchange", "2024-06-53rd-exchange"],
    "C50": ["2024-06-28-vatican-mediated-release", "2024-06-53rd-exchange"],
    "C51": ["2024-07-17-exchange"],
    "C52": ["2024-08-24-exchange"],
    "C53": ["2024-09-13-exchange"],
    "C54": ["2024-09-14-exchange"],
    "C55": ["2024-10-18-exchange"],
    "C56": ["2024-12-30-exchange", "2024-12-30-ukraine-running-total"],
    "CB1": ["2022-06-02-bodies-160-for-160", "2022-06-08-bodies-50-for-50", "2022-06-14-azovstal-bodies-64",
            "2022-06-azovstal-bodies-25", "2022-06-28-bodies-46"],
    "CB2": ["2022-autumn-bodies-25", "2022-10-bodies-62-olenivka", "2022-12-27-bodies-42", "2023-bodies-61"],
    "CB3": ["2023-05-05-bodies-80", "2023-05-30-bodies-79", "2023-06-23-bodies-51", "2023-09-18-bodies-51",
            "2023-bodies-45"],
    "CB4": ["2024-03-15-bodies-100", "2024-03-29-bodies-121", "2024-05-31-exchange", "2024-06-14-bodies-254",
            "2024-08-02-bodies-250"],
    "CB5": ["2024-10-18-bodies-501"],
    "CB6": ["2024-11-08-bodies-563"],
    "CB7": ["2024-11-29-bodies-502"],
    "D1": ["2022-02-28-belarus-talks-rounds", "2022-03-10-antalya-foreign-ministers"],
    "D2": ["2022-03-29-istanbul-talks"],
    "D3": ["2022-05-16-azovstal-evacuation"],
    "D4": ["2022-07-22-istanbul-grain-deal", "2022-07-29-olenivka-explosion"],
    "D5": ["2022-08-18-lviv-trilateral"],
    "D6": ["2022-09-19-erdogan-announces-200-swap"],
    "D7": ["2022-10-17-ombudsmen-first-meeting", "2023-01-02-lubinets-plans-meeting", "2024-12-30-ombudsmen-meeting"],
    "D8": ["2023-07-08-azov-commanders-return"],
    "D9": ["2023-11-17-exchanges-frozen"],
    "D10": ["2024-01-24-il-76-crash", "2024-01-24-planned-exchange-called-off"],
    "D11": ["2024-08-06-kursk-incursion"],
    "D12": ["2022-09-21-azovstal-medvedchuk-exchange", "2024-06-28-vatican-mediated-release",
            "2023-10-16-qatar-children-returned"],
    "D13": ["2023-02-04-exchange", "2024-02-08-exchange", "2024-06-25-exchange", "2024-07-17-exchange",
            "2024-08-24-exchange", "2024-09-14-exchange", "2024-10-18-exchange", "2024-12-30-ukraine-running-total"],
}

# Each row of the sheet's discrepancy register (section F) -> the record and field holding the disagreement.
REGISTER = {
    1: ("2022-03-24-first-pow-exchange", "series"),
    2: ("2022-03-24-first-pow-exchange", "legs"),
    3: ("2022-03-24-first-pow-exchange", "legs"),
    4: ("2022-04-01-exchange", "legs"),
    5: ("2022-04-09-exchange", "legs"),
    6: ("2022-06-18-five-for-five", "legs"),
    7: ("2022-06-29-exchange-144", "date"),
    8: ("2022-09-21-azovstal-medvedchuk-exchange", "legs"),
    9: ("2022-09-21-azovstal-medvedchuk-exchange", "legs"),
    10: ("2022-10-11-exchange", "legs"),
    11: ("2022-10-17-all-female-exchange", "legs"),
    12: ("2022-10-29-exchange", "legs"),
    13: ("2022-11-23-exchange", "summary"),
    14: ("2022-11-23-exchange", "legs"),
    15: ("2022-12-06-exchange", "date"),
    16: ("2023-02-04-exchange", "date"),
    17: ("2023-05-06-azov-for-pilots", "date"),
    18: ("2024-01-03-exchange", "legs"),
    19: ("2024-01-31-exchange", "legs"),
    20: ("2024-12-30-exchange", "legs"),
    21: ("2024-05-31-exchange", "summary"),
    22: ("2024-06-53rd-exchange", "series"),
    23: ("2024-07-17-exchange", "legs"),
    24: ("2024-08-24-exchange", "legs"),
    25: ("2024-08-24-exchange", "countries"),
    26: ("2024-08-24-exchange", "reported"),
    27: ("2024-09-13-exchange", "legs"),
    28: ("2024-09-14-exchange", "series"),
    29: ("2024-10-18-exchange", "series"),
    30: ("2024-02-08-exchange", "series"),
    31: ("2023-02-04-exchange", "countries"),
    32: ("2024-09-14-exchange", "reported"),
    33: ("2022-12-31-exchange", "reported"),
    34: ("2022-04-28-exchange", "series"),
    35: ("2023-08-07-exchange", "reported"),
    36: ("2022-06-02-bodies-160-for-160", "date"),
    37: ("2022-06-08-bodies-50-for-50", "date"),
    38: ("2022-06-08-bodies-50-for-50", "reported"),
    39: ("2022-05-16-azovstal-evacuation", "summary"),
    40: ("2022-05-16-azovstal-evacuation", "summary"),
    41: ("2022-07-29-olenivka-explosion", "summary"),
    42: ("2024-01-24-il-76-crash", "summary"),
    43: ("2024-01-24-il-76-crash", "date_note"),
    44: ("2022-03-29-istanbul-talks", "countries"),
    45: ("erdogan-20220919-two-hundred-hostages", "text"),
    46: ("2022-07-22-istanbul-grain-deal", "summary"),
    47: ("2022-11-11-exchange", "sources"),
    48: ("2022-03-16-melitopol-mayor-exchange", "date"),
}


def _headings(text: str) -> list[str]:
    return re.findall(r"^## (C\d\d|CB\d+|D\d+)\.", text, flags=re.M)


def _register_rows(text: str) -> list[int]:
    register = text.split("# F. DISCREPANCY REGISTER")[1].split("\n# ")[0]
    return [int(n) for n in re.findall(r"^\| (\d+) \|", register, flags=re.M)]


def _records(shipped_db) -> dict:
    return {item.record.id: item.record for kind in ("events", "quotes", "people")
            for item in shipped_db.dataset.records[kind]}


@needs_sheet
def test_every_item_of_the_sheet_has_a_mapping_to_records():
    headings = _headings(SHEET.read_text(encoding="utf-8"))
    assert len(headings) > 70
    assert [h for h in headings if h not in ITEMS] == []
    assert [k for k in ITEMS if k not in headings] == []


def test_every_mapped_record_exists_in_the_shipped_data(shipped_db):
    records = _records(shipped_db)
    missing = [f"{item}: {rid}" for item, ids in ITEMS.items() for rid in ids if rid not in records]
    assert missing == []


@needs_sheet
def test_every_row_of_the_discrepancy_register_has_a_mapping():
    rows = _register_rows(SHEET.read_text(encoding="utf-8"))
    assert len(rows) > 40
    assert sorted(set(rows) ^ set(REGISTER)) == []


def test_every_register_row_is_a_disagreement_on_the_mapped_field(shipped_db):
    records = _records(shipped_db)
    missing = [f"#{n}: {rid} {field}" for n, (rid, field) in REGISTER.items()
               if rid not in records or field not in {d.field for d in records[rid].disagreements}]
    assert missing == []


@needs_sheet
def test_every_quote_in_the_curated_files_is_word_for_word_in_the_sheet(shipped_db):
    sheet = unicodedata.normalize("NFC", SHEET.read_text(encoding="utf-8"))
    curated = [item for item in shipped_db.dataset.records["quotes"] if Path(item.file).name in CURATED_FILES]
    assert len(curated) > 50
    missing = [item.record.id for item in curated
               if unicodedata.normalize("NFC", item.record.text) not in sheet.replace('\\"', '"')]
    assert missing == []


def test_no_user_visible_text_points_at_the_research_sheet(shipped_db):
    pattern = re.compile(r"FACTS|§|\bC\d\d\b|\bCB\d\b")
    leaks = []
    for kind in ("events", "quotes", "people", "sources"):
        for item in shipped_db.dataset.records[kind]:
            if Path(item.file).name in CURATED_FILES | {"sources-russia-ukraine-2022-2024.yaml"}:
                text = item.record.model_dump_json()
                if pattern.search(text):
                    leaks.append(item.record.id)
    assert leaks == []

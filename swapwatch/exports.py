"""CSV, Excel and JSON of any table, exactly as filtered, safe to open in a spreadsheet."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pandas as pd

from swapwatch.filters import Filters

FORMATS = ("csv", "xlsx", "json")
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
# A cell a spreadsheet would treat as a formula (OWASP's list), or a control character that can hide one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would execute gets a leading apostrophe; everything else is unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of frame with every text cell neutralised and list cells joined as text."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_cell)
    out.columns = [str(neutralise(str(c))) for c in out.columns]
    return out


def _cell(value: object) -> object:
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)):
        value = "; ".join(str(v) for v in list(value))
    return neutralise(value)


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel reads accents right; rows end in CRLF (RFC 4180)."""
    # With CRLF as the row end, a cell holding a lone CR or LF is quoted, so it cannot start a new
    # row (whose first cell would escape neutralise).
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "SwapWatch") -> bytes:
    """An Excel workbook with one sheet; text cells are written as text, never as formulas."""
    buffer = io.BytesIO()
    safe = safe_frame(frame)
    with pd.ExcelWriter(buffer, engine="xlsxwriter",
                        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}}) as writer:
        safe.to_excel(writer, sheet_name=re.sub(r"[\[\]:*?/\\]", " ", sheet)[:31] or "SwapWatch", index=False)
        worksheet = writer.sheets[next(iter(writer.sheets))]
        for n, column in enumerate(safe.columns):
            width = min(60, max([len(str(column))] + [len(str(v)) for v in safe[column].head(200)]) + 2)
            worksheet.set_column(n, n, width)
        worksheet.freeze_panes(1, 0)
        worksheet.autofilter(0, 0, len(safe), max(0, len(safe.columns) - 1))  # a filter row over the headers
    return buffer.getvalue()


def to_json(frame: pd.DataFrame) -> bytes:
    """A JSON array of row objects (dates as ISO text); JSON is data, so values are not altered."""
    records = json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def export(frame: pd.DataFrame, fmt: str, sheet: str = "SwapWatch", table: str | None = None) -> bytes:
    """The bytes of frame in one of FORMATS. Given the ``table`` it is, a CSV or Excel file heads its columns
    as the page does (swapwatch.headers); JSON keeps the column names, as keys for programs."""
    if table is not None and fmt in ("csv", "xlsx"):
        from swapwatch.headers import human

        frame = human(table, frame)
    if fmt == "csv":
        return to_csv(frame)
    if fmt == "xlsx":
        return to_xlsx(frame, sheet)
    if fmt == "json":
        return to_json(frame)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


# The page choices a file name states (a table's query parameter -> the word naming it).
CHOICE_WORDS = {"status": "custody", "period": "by", "search": "search", "speaker": "speaker", "topic": "topic",
                "channel": "channel"}


def file_name(table: str, filters: Filters, fmt: str, today: dt.date | None = None,
              choices: dict | None = None) -> str:
    """A name that says what the file holds: swapwatch_<table>_<filters and page choices>_<date>.<fmt>.

    ``choices`` are the table's own parameters as the page sets them (custody status, period, quote search…);
    each one set is named ("custody-held", "by-month", "search-istanbul")."""
    today = today or dt.date.today()
    parts = [f"{CHOICE_WORDS[key]}-{value}" for key, value in (choices or {}).items()
             if key in CHOICE_WORDS and value not in (None, "")]
    if filters.date_from or filters.date_to:
        parts.append(f"{filters.date_from or 'start'}-to-{filters.date_to or 'end'}")
    if filters.countries:
        parts.append("-".join(filters.countries) + ("" if filters.country_role == "any" else f"-{filters.country_role}"))
    parts += list(filters.kinds) + list(filters.statuses)
    if filters.person:
        parts.append("person-" + filters.person)
    label = re.sub(r"[^A-Za-z0-9]+", "-", "_".join(parts) or "all").strip("-")[:80] or "all"
    return f"swapwatch_{table}_{label}_{today.isoformat()}.{fmt}"

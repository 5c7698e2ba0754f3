"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) as the span of days they cover."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

PRECISIONS = {1: "year", 2: "month", 3: "day"}


@lru_cache(maxsize=65536)
def span(text: str) -> tuple[dt.date, dt.date]:
    """First and last day a partial date covers: '2025-05' -> (2025-05-01, 2025-05-31)."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def precision(text: str) -> str:
    """'day', 'month' or 'year', from how much of the date was written."""
    return PRECISIONS[text.count("-") + 1]


def days_in_month(year: int, month: int) -> int:
    """How many days a month has (31 for year 0, which the calendar module cannot handle)."""
    return calendar.monthrange(year, month)[1] if year else 31


# Ways of writing a date that curators type by habit, and how much of the date each gives.
_HABITS = (("%d %B %Y", 10), ("%d %b %Y", 10), ("%B %d, %Y", 10), ("%b %d, %Y", 10), ("%B %d %Y", 10),
           ("%Y/%m/%d", 10), ("%Y.%m.%d", 10), ("%Y-%m-%d", 10), ("%B %Y", 7), ("%b %Y", 7), ("%Y-%m", 7))


def guess(text: str) -> str | None:
    """The YYYY-MM-DD (or YYYY-MM) probably meant by '23 May 2025', 'May 2025' or '2025/5/23'; None if unsure."""
    for pattern, length in _HABITS:
        try:
            return dt.datetime.strptime(text.strip(), pattern).date().isoformat()[:length]
        except ValueError:
            continue
    return None

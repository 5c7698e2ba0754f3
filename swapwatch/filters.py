"""The global filter state as a typed value, and the query parameters it becomes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from swapwatch.records import COUNTRY_ROLES, EVENT_KINDS, EVENT_STATUSES

ROLE_CHOICES = ("any",) + COUNTRY_ROLES
# The People page's custody choices (link parameter `custody`), by id.
CUSTODY_LABELS = {"": "Everyone", "detainee": "Detainees", "held": "Still held", "released": "Released",
                  "exchanged": "Exchanged"}


@dataclass(frozen=True)
class Filters:
    """What the user asked to see: every field empty means "everything"."""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    countries: tuple[str, ...] = ()
    country_role: str = "any"
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    person: str = ""
    notices: tuple[str, ...] = field(default=(), compare=False)

    def params(self) -> dict:
        """The bound parameters every filtered query takes."""
        return dict(date_from=self.date_from, date_to=self.date_to, countries=list(self.countries),
                    country_role=self.country_role, kinds=list(self.kinds), statuses=list(self.statuses),
                    person=self.person)

    @property
    def active(self) -> bool:
        return self != Filters()

    def describe(self, country_names: dict[str, str] | None = None) -> str:
        """The active filters in one line of plain words ('all records' when none)."""
        names = country_names or {}
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or '…'} to {self.date_to or '…'}")
        if self.countries:
            role = "" if self.country_role == "any" else f" ({self.country_role})"
            parts.append(", ".join(names.get(c, c) for c in self.countries) + role)
        if self.kinds:
            parts.append("kinds: " + ", ".join(self.kinds))
        if self.statuses:
            parts.append("status: " + ", ".join(self.statuses))
        if self.person:
            parts.append(f"person: “{self.person}”")
        return "; ".join(parts) if parts else "all records"


def make_filters(date_range=(), countries=(), country_role="any", kinds=(), statuses=(), person="",
                 known_countries: set[str] | frozenset[str] = frozenset()) -> Filters:
    """A Filters value from raw widget values, dropping (and noting) anything it cannot use."""
    notices = []
    if isinstance(date_range, dt.date):  # one date, not a range
        date_range = (date_range,)
    dates = [d for d in (date_range or ()) if isinstance(d, dt.date)]
    date_from = dates[0] if dates else None
    date_to = dates[1] if len(dates) > 1 else None
    if date_from and date_to and date_to < date_from:
        date_from, date_to = date_to, date_from
        notices.append("The date range was reversed; showing it the right way round.")
    kept_countries = tuple(c for c in countries if c in known_countries) if known_countries else tuple(countries)
    if len(kept_countries) != len(tuple(countries)):
        notices.append("Some countries in the link are not in the data and were ignored.")
    if country_role not in ROLE_CHOICES:
        notices.append(f"Unknown country role ignored; showing any role.")
        country_role = "any"
    kept_kinds = tuple(k for k in kinds if k in EVENT_KINDS)
    kept_statuses = tuple(s for s in statuses if s in EVENT_STATUSES)
    if len(kept_kinds) != len(tuple(kinds)) or len(kept_statuses) != len(tuple(statuses)):
        notices.append("Unknown event kinds or statuses in the link were ignored.")
    person = (person or "").strip()[:200]
    return Filters(date_from, date_to, kept_countries, country_role, kept_kinds, kept_statuses, person,
                   tuple(notices))


def describe_view(filters: Filters, country_names: dict[str, str] | None = None,
                  choices: tuple[tuple[str, str], ...] | list[tuple[str, str]] = ()) -> str:
    """The filters and a page's own choices (``(name, value)``; empty values are left out) in one line."""
    words = [filters.describe(country_names)] + [f"{name}: {value}" for name, value in choices if value]
    return "; ".join(words)

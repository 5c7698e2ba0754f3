"""The data URLs' query: the dashboard's link parameters <-> filters and table options (no web framework here).

`/api/<table>.csv?country=UKR&kind=exchange&dates=2025-01-01` gives what
`python -m swapwatch export <table> --country UKR --kind exchange --from 2025-01-01` gives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlencode

import pandas as pd

from swapwatch.display import channel_name
from swapwatch.filters import CUSTODY_LABELS, ROLE_CHOICES, Filters
from swapwatch.records import EVENT_KINDS, EVENT_STATUSES

# Link parameters that choose a table's option (dashboard name -> export option), and the values they take.
OPTIONS = {"period": "period", "custody": "custody", "q": "search", "speaker": "speaker", "topic": "topic",
           "channel": "channel"}
PERIODS = ("month", "year")
EVERYONE = "everyone"  # the People page's "Everyone" ('' in the queries)
CUSTODY = (*(key for key in CUSTODY_LABELS if key), EVERYONE)
QUOTE_FACETS = ("speaker", "topic", "channel")  # the Quotes page's choices, from the quotes under the filters
# Parameters of the dashboard's links that choose nothing in a table: accepted, and ignored. (How a page is
# shown; which page of a list; the Map's colouring and the People page's profile, which the briefing pack follows.)
IGNORED = ("present", "theme", "page", "disputes-page", "profile", "measure")
PAGING = ("_size", "_next")
MAX_PERSON = 200


class BadQuery(ValueError):
    """A parameter the data URLs cannot use: the message names it and what it takes."""


@dataclass(frozen=True)
class Query:
    filters: Filters
    options: dict  # export options: period, custody, search (None: the table's default)


def parse(params: list[tuple[str, str]], countries: dict[str, str],
          quote_facets: Callable[[Filters], pd.DataFrame] | None = None) -> Query:
    """The filters and options of a data URL's parameters; BadQuery for anything not valid.

    ``countries`` maps each country code in the data to its name; a link may give either. ``quote_facets``
    gives the quote_facets rows (every value) under some filters: a speaker, topic or channel is checked
    against them, as the Quotes page offers its choices.
    """
    values: dict[str, list[str]] = {}
    for key, value in params:
        values.setdefault(key, []).append(value)
    allowed = ("dates", "country", "role", "kind", "status", "person", *OPTIONS, *IGNORED, *PAGING)
    for key in values:
        if key not in allowed:
            raise BadQuery(f"unknown parameter {key[:40]!r}; the data URLs take: {', '.join(allowed)}")
    dates = [_date(v) for v in values.get("dates", [])]
    if len(dates) > 2:
        raise BadQuery("dates: give at most two dates (from, then to), each YYYY-MM-DD")
    by_name = {name.casefold(): code for code, name in countries.items()}
    codes = []
    for value in values.get("country", []):
        code = value if value in countries else by_name.get(value.casefold())
        if code is None:
            raise BadQuery(f"country: {value[:40]!r} is not a country in the data; give an ISO alpha-3 code or "
                           f"the name, one of: {', '.join(sorted(countries))}")
        codes.append(code)
    role = _one(values, "role", ROLE_CHOICES) or "any"
    kinds = [_choice("kind", v, EVENT_KINDS) for v in values.get("kind", [])]
    statuses = [_choice("status", v, EVENT_STATUSES) for v in values.get("status", [])]
    person = _one(values, "person") or ""
    if len(person) > MAX_PERSON:
        raise BadQuery(f"person: at most {MAX_PERSON} characters")
    date_from, date_to = (dates + [None, None])[:2]
    if date_from and date_to and date_to < date_from:
        date_from, date_to = date_to, date_from
    filters = Filters(date_from, date_to, tuple(dict.fromkeys(codes)), role, tuple(dict.fromkeys(kinds)),
                      tuple(dict.fromkeys(statuses)), person.strip())
    custody = _one(values, "custody")
    labels = {label.casefold(): key or EVERYONE for key, label in CUSTODY_LABELS.items()}
    if custody is not None and custody not in CUSTODY:
        custody = labels.get(custody.casefold()) or _choice("custody", custody, CUSTODY)
    custody = "" if custody == EVERYONE else custody
    options = {"period": _one(values, "period", PERIODS), "custody": custody, "search": _one(values, "q")}
    given = {facet: _one(values, facet) for facet in QUOTE_FACETS}
    if any(given.values()):
        if quote_facets is None:
            raise BadQuery(f"{', '.join(f for f in QUOTE_FACETS if given[f])}: not taken here")
        options.update(quote_choices(quote_facets(filters), given))
    return Query(filters, options)


def quote_choices(facets: pd.DataFrame, given: dict[str, str | None]) -> dict[str, str]:
    """The Quotes page's speaker, topic and channel as quotes_table takes them (a person id, a topic, a channel
    id), each given by its id or by the label the page shows; BadQuery for one the page does not offer under
    these filters. ``facets`` is quote_facets' result (every value, not just the most quoted)."""
    chosen = {}
    for facet in QUOTE_FACETS:
        value = (given.get(facet) or "").strip()
        if not value:
            continue
        rows = facets[facets["facet"] == facet]
        labels = dict(zip(rows["value"], rows["label"].map(channel_name) if facet == "channel" else rows["label"]))
        by_label = {str(label).casefold(): key for key, label in labels.items()}
        key = value if value in labels else by_label.get(value.casefold())
        if key is None:
            offered = sorted(map(str, labels))
            raise BadQuery(f"{facet}: {value[:40]!r} is not a {facet} of the quotes under these filters; give its "
                           f"id or its name as the Quotes page lists it" + (
                               f", one of: {', '.join(offered[:20])}{', …' if len(offered) > 20 else ''}"
                               if offered else " (no quotes match these filters)"))
        chosen[facet] = key
    return chosen


def query_string(filters: Filters, **options) -> str:
    """The data URL parameters of the filters and options (those set), as the dashboard's links write them."""
    params: list[tuple[str, str]] = []
    if filters.date_from or filters.date_to:
        params += [("dates", filters.date_from.isoformat() if filters.date_from else "")]
        if filters.date_to:
            params += [("dates", filters.date_to.isoformat())]
    params += [("country", c) for c in filters.countries]
    if filters.country_role != "any":
        params.append(("role", filters.country_role))
    params += [("kind", k) for k in filters.kinds] + [("status", s) for s in filters.statuses]
    if filters.person:
        params.append(("person", filters.person))
    for name, option in OPTIONS.items():
        if options.get(option):
            params.append((name, options[option]))
    return urlencode(params)


def _date(value: str) -> dt.date | None:
    if value == "":
        return None  # dates=&dates=2025-06-30: to a date, from the start
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadQuery(f"dates: {value[:40]!r} is not a date; write YYYY-MM-DD") from None


def _choice(key: str, value: str, allowed) -> str:
    if value not in allowed:
        raise BadQuery(f"{key}: {value[:40]!r} is not one of {', '.join(allowed)}")
    return value


def _one(values: dict[str, list[str]], key: str, allowed=None) -> str | None:
    given = values.get(key)
    if not given:
        return None
    if len(given) > 1:
        raise BadQuery(f"{key}: give it once")
    return given[0] if allowed is None else _choice(key, given[0], allowed)

"""The checks of each record against the others: references that resolve, dates in order, legs that add up.

One loop (check_records) serves the whole-dataset check (crossref.check_references), the one-file
analysis (live.analyse) and the incremental re-check (live.crossindex): each passes the ids it knows,
where problems go, and its own did-you-mean budget (Hints).
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from swapwatch.dates import span
from swapwatch.problems import KNOCK_ON

# Comparisons a did-you-mean search may make in one check: each costs up to ~0.2 ms, and a file of
# thousands of dangling references against thousands of ids would otherwise take minutes.
HINT_BUDGET = 20_000


class Hints:
    """Did-you-mean hints for one check, all of them together within HINT_BUDGET comparisons."""

    def __init__(self) -> None:
        self.left = HINT_BUDGET

    @property
    def used(self) -> bool:
        """Whether a did-you-mean search ran."""
        return self.left != HINT_BUDGET

    def __call__(self, value: str, options) -> str:
        """A hint naming the option closest to value ('' when none, or when the budget is spent)."""
        if len(value) > 200 or len(options) > self.left:
            return ""
        self.left -= len(options)
        candidates = sorted(o for o in options if len(o) <= 2 * len(value) + 2)
        close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
        return f" — did you mean '{close[0]}'?" if close else ""


class KnownIds(set):
    """The ids of one kind that exist, and (lost) those that files which could not be read seem to define."""
    lost: dict[str, str] = {}  # id -> the file


def knock_on_message(what: str, value: str, file: str) -> str:
    """The message of a reference to an id that only an unreadable file seems to define."""
    return f"no {what} with id '{value}' ({file} could not be read: see its problem above)"


def check_records(records: dict[str, list], ids: dict, report: Callable, hints: Hints,
                  articles: set[str] | None = None, articles_dir: Path | None = None) -> None:
    """Check every record against the ids that exist (all cross-record checks but duplicate ids, programmes,
    release dates and unused sources, which need every record at once), reporting in a fixed order."""
    checker = _Checker(ids, report, hints)
    for item in records["sources"]:
        article = item.record.article
        if article is not None and articles is not None and article not in articles:
            report(item, item.line_of("article"), "unknown-article",
                   f"no article file '{article}' in {articles_dir}{hints(article, articles)}")
    for kind in ("people", "events", "quotes"):
        for item in records[kind]:
            checker.sources(item)
            checker.disagreements(item)
    for item in records["people"]:
        checker.person(item)
    for item in records["events"]:
        checker.event(item)
    for item in records["quotes"]:
        checker.quote(item)


@dataclass
class _Checker:
    ids: dict
    report: Callable
    hints: Hints = field(default_factory=Hints)

    def ref(self, item, line, kind, value, what) -> bool:
        known = self.ids[kind]
        if value in known:
            return True
        lost = getattr(known, "lost", {}).get(value)
        if lost is not None:
            self.report(item, line, KNOCK_ON, knock_on_message(what, value, lost))
        else:
            self.report(item, line, "foreign-key", f"no {what} with id '{value}'{self.hints(value, known)}")
        return False

    def sources(self, item) -> None:
        for i, source in enumerate(item.record.sources):
            self.ref(item, item.line_of("sources", i), "sources", source, "source")

    def disagreements(self, item) -> None:
        fields = {info.alias or name for name, info in type(item.record).model_fields.items()}
        for d, disagreement in enumerate(item.record.disagreements):
            root = disagreement.field.split(".")[0]
            if root not in fields:
                self.report(item, item.line_of("disagreements", d, "field"), "unknown-field",
                            f"disagreement field '{disagreement.field}' is not a field of this record"
                            f"{self.hints(root, fields)}")
            for v, value in enumerate(disagreement.values):
                for s, source in enumerate(value.sources):
                    self.ref(item, item.line_of("disagreements", d, "values", v, "sources", s),
                             "sources", source, "source")

    def person(self, item) -> None:
        born = item.record.born
        if born is not None and span(born)[0] > dt.date.today():
            self.report(item, item.line_of("born"), "date-in-future",
                        f"born {born} is in the future (today is {dt.date.today():%Y-%m-%d}); is the year mistyped?")
        for d, detention in enumerate(item.record.detentions):
            for s, source in enumerate(detention.sources):
                self.ref(item, item.line_of("detentions", d, "sources", s), "sources", source, "source")
            if detention.released_in is not None:
                self.ref(item, item.line_of("detentions", d, "released_in"), "events",
                         detention.released_in, "event")
            self.order(item, ("detentions", d), [("arrested", detention.arrested),
                                                 ("sentenced", detention.sentenced),
                                                 ("released", detention.released)])

    def order(self, item, path, dates) -> None:
        """Dates listed in the order they must happen in (partial dates may share a period)."""
        known = [(name, value) for name, value in dates if value is not None]
        for (first, a), (second, b) in zip(known, known[1:]):
            if span(b)[1] < span(a)[0]:
                self.report(item, item.line_of(*path, second), "date-order", f"{second} {b} is before {first} {a}")

    def event(self, item) -> None:
        event, report = item.record, self.report
        self.order(item, (), [("date", event.date), ("end_date", event.end_date)])
        _check_title_numbers(item, report)
        seen_roles = set()
        for c, country in enumerate(event.countries):
            if (country.country, country.role) in seen_roles:
                report(item, item.line_of("countries", c), "duplicate-value",
                       f"{country.country} is listed twice with role {country.role}")
            seen_roles.add((country.country, country.role))
        for n, leg in enumerate(event.legs):
            self.leg(item, ("legs", n), leg, seen_roles)
        for n, number in enumerate(event.series):
            self.ref(item, item.line_of("series", n, "by"), "people", number.by, "organisation")
            for s, source in enumerate(number.sources):
                self.ref(item, item.line_of("series", n, "sources", s), "sources", source, "source")
        for n, actor in enumerate(event.actors):
            self.ref(item, item.line_of("actors", n, "actor"), "people", actor.actor, "organisation")
        for n, total in enumerate(event.reported):
            here = ("reported", n)
            for key, value in (("by", total.by), ("series", total.series)):
                if value is not None:
                    self.ref(item, item.line_of(*here, key), "people", value, "person or organisation")
            for s, source in enumerate(total.sources):
                self.ref(item, item.line_of(*here, "sources", s), "sources", source, "source")
            if total.series is None and event.legs:
                _check_reported(item, here, total, event.legs, report)
        for n, link in enumerate(event.links):
            if link.event == event.id:
                report(item, item.line_of("links", n, "event"), "bad-link", "an event cannot link to itself")
            else:
                self.ref(item, item.line_of("links", n, "event"), "events", link.event, "event")

    def leg(self, item, here, leg, roles) -> None:
        event, report = item.record, self.report
        if leg.from_ == leg.to:
            report(item, item.line_of(*here, "to"), "bad-leg",
                   f"a leg goes from one country to another; both are {leg.to}")
        else:
            for code, role, verb, key in ((leg.from_, "releasing", "releases", "from"),
                                          (leg.to, "receiving", "receives", "to")):
                if (code, role) not in roles:
                    report(item, item.line_of(*here, key), "leg-country",
                           f"{code} {verb} people in this leg, so it must be in the event's countries as "
                           f"{role}; add '- {{country: {code}, role: {role}}}' under countries")
        if leg.most is not None and len(leg.people) > leg.most:
            report(item, item.line_of(*here, "people"), "bad-count",
                   f"the leg names {len(leg.people)} people but its count is {leg.most}")
        for p, person in enumerate(leg.people):
            self.ref(item, item.line_of(*here, "people", p), "people", person, "person")
        for s, source in enumerate(leg.sources):
            self.ref(item, item.line_of(*here, "sources", s), "sources", source, "source")
        start, end = span(event.date)[0], span(event.end_date or event.date)[1]
        if leg.date is not None and not (start <= span(leg.date)[0] and span(leg.date)[1] <= end):
            report(item, item.line_of(*here, "date"), "date-order",
                   f"leg date {leg.date} is outside the event's dates {event.date}"
                   + (f" to {event.end_date}" if event.end_date else ""))

    def quote(self, item) -> None:
        quote = item.record
        self.ref(item, item.line_of("speaker"), "people", quote.speaker, "person")
        if quote.event is not None:
            self.ref(item, item.line_of("event"), "events", quote.event, "event")


def legs_counted(total, legs) -> list:
    """The legs a reported total counts: its side(s), its groups (none named: every group but bodies)."""
    return [leg for leg in legs
            if (total.from_ is None or leg.from_ == total.from_) and (total.to is None or leg.to == total.to)
            and (leg.group in total.groups if total.groups else leg.group != "bodies")]


def _check_reported(item, here, total, legs, report) -> None:
    """Warn when the legs a stated total counts cannot add up to it (their ranges do not meet).

    queries/reconciliation.sql's `contradicts` is this comparison over loaded tables, where a programme's
    total also counts its stages' legs (in other records, perhaps other files); see docs/figures.md.
    """
    counted = legs_counted(total, legs)
    least = sum(leg.least for leg in counted)
    most = None if any(leg.most is None for leg in counted) else sum(leg.most for leg in counted)
    if (total.most is not None and least > total.most) or (most is not None and most < total.least):
        legs_said = f"{least:,}" if most == least else f"{least:,} to {most:,}" if most else f"at least {least:,}"
        said = f"{total.best:,}" if total.most == total.least else (
            f"{total.least:,} to {total.most:,}" if total.most is not None else f"at least {total.least:,}")
        report(item, item.line_of(*here), "legs-vs-reported",
               f"the sources state {said} for '{total.what}', but the legs it counts add up to {legs_said}; "
               "correct the legs, or mark uncertain ones with estimate (about, range, over, withheld)",
               severity="warning")


# "5 for 5", "1,000 for 1,000", "84-for-84": a title stating how many each side released.
_FOR = re.compile(r"(?<![\w,])(\d{1,3}(?:,\d{3})+|\d+)(?: |-)for(?: |-)(\d{1,3}(?:,\d{3})+|\d+)(?!\w|,\d)")
_MOST_LEGS = 12  # legs per direction whose sums are tried (2**12 sums)


def _check_title_numbers(item, report) -> None:
    """Warn when a title says 'A for B' and no legs of the event's two directions add up to A and B
    (a title may also name the whole programme a stage belongs to: one 'A for B' that adds up is enough)."""
    event = item.record
    matches = list(_FOR.finditer(event.title))
    legs = [leg for leg in event.legs if leg.group != "bodies"]
    directions = {(leg.from_, leg.to) for leg in legs}
    disputed = any(d.field.split(".")[0] in ("legs", "count") for d in event.disagreements)
    if disputed or any(leg.disputed for leg in legs):
        return  # the sources disagree on the numbers: the title may give one side's version
    if not matches or len(directions) != 2 or {d[::-1] for d in directions} != directions:
        return  # no numbers stated, or not a two-sided swap with legs to compare them with
    ways = [_sums([leg for leg in legs if (leg.from_, leg.to) == d]) for d in sorted(directions)]
    if any(s is None for s in ways):
        return
    match = matches[0]
    if not any(_adds_up([int(n.replace(",", "")) for n in m.groups()], ways) for m in matches):
        totals = " and ".join(f"{max(s):,} from {d[0]} to {d[1]}" for s, d in zip(ways, sorted(directions)))
        report(item, item.line_of("title"), "title-numbers",
               f"the title says '{match.group()}', but the legs move {totals}; correct the title or the legs",
               severity="warning")


def _adds_up(stated: list[int], ways: list[set[int]]) -> bool:
    return (stated[0] in ways[0] and stated[1] in ways[1]) or (stated[0] in ways[1] and stated[1] in ways[0])


def _sums(legs) -> set[int] | None:
    """Every total some of these legs add up to (their best figures); None when they cannot be compared:
    too many legs, or a figure that is not exact."""
    if len(legs) > _MOST_LEGS or any(leg.estimate != "exact" for leg in legs):
        return None
    counts = [leg.best for leg in legs]
    return {sum(chosen) for size in range(1, len(counts) + 1) for chosen in itertools.combinations(counts, size)}

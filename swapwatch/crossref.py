"""Checks between records: unique ids, references that resolve, dates in order, legs that add up.

A record that fails any of these is removed from the dataset (and its problem listed); a record
whose reference points at such a removed record (or at one that failed its shape check) is still
checked against the full id lists, so one mistake is reported once, where it was made.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
import threading
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from swapwatch import records as r
from swapwatch.dates import span
from swapwatch.yamlsource import KNOCK_ON, MAX_LISTED, Problem

if TYPE_CHECKING:
    from swapwatch.validate import Dataset, Located


def check_references(dataset: Dataset, articles_dir: Path | None = None) -> None:
    """Add cross-record problems to dataset and drop the records they concern."""
    _budget.left = HINT_BUDGET
    bad: set[int] = set()
    listed: Counter[str] = Counter()
    unlisted: dict[str, list[Problem]] = defaultdict(list)  # per file, beyond MAX_LISTED: counted, not listed

    def report(item: Located, line: int, code: str, message: str, severity: str = "error") -> None:
        if severity == "error":
            bad.add(id(item))
        if listed[item.file] >= MAX_LISTED:
            unlisted[item.file].append(Problem(item.file, line, code, "", severity))
            return
        listed[item.file] += 1
        dataset.problems.append(Problem(item.file, line, code, message, severity))

    ids, shown = _unique_ids(dataset, report)
    for kind, items in dataset.rejected.items():
        ids[kind] = KnownIds(ids[kind] | {item["id"] for item in items
                                          if isinstance(item, dict) and isinstance(item.get("id"), str)})
        ids[kind].lost = dataset.lost[kind]
    articles = _article_names(articles_dir)
    for item in dataset.records["sources"]:
        article = item.record.article
        if article is not None and articles is not None and article not in articles:
            report(item, item.line_of("article"), "unknown-article",
                   f"no article file '{article}' in {articles_dir}{_hint(article, articles)}")
    for kind in ("people", "events", "quotes"):
        for item in dataset.records[kind]:
            _check_sources(item, ids["sources"], report)
            _check_disagreements(item, ids["sources"], report)
    for item in dataset.records["people"]:
        _check_person(item, ids, report)
    for item in dataset.records["events"]:
        _check_event(item, ids, report)
    for item in dataset.records["quotes"]:
        _check_quote(item, ids, report)
    check_programmes(dataset.records["events"], wholes(dataset.records["events"]), report)
    dates = {key: (item.record.date, item.record.end_date) for key, item in shown["events"].items()}
    for item in dataset.records["people"]:
        for n, event, released, line in releases(item):
            if event in dates:
                check_release(item, line, event, released, *dates[event], report=report)
    cited = _cited_sources(dataset)
    for item in dataset.records["sources"]:
        if item.record.id not in cited:
            report(item, item.line, "unused-source",
                   f"source '{item.record.id}' is not cited by any record", severity="warning")
    for kind in r.RECORD_KINDS:
        dataset.records[kind] = [item for item in dataset.records[kind] if id(item) not in bad]
    for file, rest in unlisted.items():
        errors = sum(1 for p in rest if p.severity == "error")
        dataset.problems.append(Problem(
            file, min(p.line for p in rest), "too-many-problems",
            f"{len(rest):,} more problems with references, dates or legs ({errors:,} errors) are not listed "
            f"(the first {MAX_LISTED} are); fix those and check again", "error" if errors else "warning"))


_SINGULAR = {"sources": "source", "people": "person", "events": "event", "quotes": "quote"}


def _unique_ids(dataset: Dataset, report) -> tuple[dict[str, set[str]], dict[str, dict[str, Located]]]:
    """The ids of each kind, and the record shown for each (duplicates reported)."""
    ids: dict[str, set[str]] = {}
    shown: dict[str, dict[str, Located]] = {}
    modified = getattr(dataset, "modified", {})
    for kind in r.RECORD_KINDS:
        first: dict[str, Located] = {}
        # The record shown of two with one id is the one in the file changed longest ago (see precedence).
        for item in sorted(dataset.records[kind], key=lambda item: precedence(item.file, modified.get(item.file))):
            key = item.record.id
            if key in first:
                other = first[key]
                report(item, item.line_of("id"), "duplicate-id", duplicate_message(kind, key, other.file,
                                                                                    other.line_of("id")))
            else:
                first[key] = item
        ids[kind], shown[kind] = set(first), first
    return ids, shown


def precedence(file: str, modified_ns: int | None) -> tuple:
    """Of records with the same id, the one shown is the one whose file sorts first by this key: the file
    changed longest ago (it was there first; the other is usually a copy or a new record given a used id),
    then the file's name when the times are equal or unknown."""
    return (modified_ns if modified_ns is not None else float("inf"), file)


def duplicate_message(kind: str, key: str, shown_file: str, shown_line: int) -> str:
    return (f"{_SINGULAR[kind]} id '{key}' is already used at {shown_file}:{shown_line}, whose record is shown "
            "(it was there first); this one is left out until one of the two ids is changed: ids must be "
            "unique across all files")


def releases(item: Located) -> list[tuple[int, str, str, int]]:
    """A person's releases in a named event: (detention number, event id, released date, its line)."""
    return [(d, detention.released_in, detention.released, item.line_of("detentions", d, "released"))
            for d, detention in enumerate(item.record.detentions)
            if detention.released is not None and detention.released_in is not None]


def check_release(item, line: int, event: str, released: str, date: str, end_date: str | None, report) -> None:
    """Warn when a released date lies wholly outside the dates of the event said to release the person
    (partial dates count where they overlap: released 2024-03 fits an event on 2024-03-12)."""
    start, end = span(date)[0], span(end_date or date)[1]
    first, last = span(released)
    if last < start or first > end:
        dates = date + (f" to {end_date}" if end_date else "")
        report(item, line, "release-date",
               f"released {released}, but event '{event}' that released this person is dated {dates}; "
               "correct the date here or the event's", severity="warning")


def wholes(events) -> set[str]:
    """Ids of the events others name as their whole (`part-of`): programmes of staged swaps."""
    return {link.event for item in events for link in item.record.links if link.relation == "part-of"}


def check_programmes(events, programmes, report) -> None:
    """A programme's stages carry its legs; legs on the programme too would count its people twice."""
    for item in events:
        if item.record.legs and item.record.id in programmes:
            report(item, item.line_of("legs"), "programme-legs", programme_message(item.record.id))


def programme_message(event_id: str) -> str:
    return (f"event '{event_id}' has legs, but other events name it as their whole (part-of), so its stages "
            "carry the people moved and its own legs would count them twice; move the legs to the stages, "
            "or remove the part-of links")


def _article_names(articles_dir: Path | None) -> set[str] | None:
    if articles_dir is None or not Path(articles_dir).is_dir():
        return None
    return {p.name for p in Path(articles_dir).iterdir() if p.is_file()}


# Comparisons a did-you-mean search may make in one check: each costs up to ~0.2 ms, and a file of
# thousands of dangling references against thousands of ids would otherwise take minutes.
HINT_BUDGET = 20_000
_budget = threading.local()


def _hint(value: str, options) -> str:
    """A did-you-mean hint naming the option closest to value ('' when none, or when the budget is spent)."""
    left = getattr(_budget, "left", HINT_BUDGET)
    if len(value) > 200 or len(options) > left:
        return ""
    _budget.left = left - len(options)
    candidates = sorted(o for o in options if len(o) <= 2 * len(value) + 2)
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


class KnownIds(set):
    """The ids of one kind that exist, and (lost) those that files which could not be read seem to define."""
    lost: dict[str, str] = {}  # id -> the file


def _ref(item, line, known, value, what, report) -> bool:
    if value in known:
        return True
    lost = getattr(known, "lost", {}).get(value)
    if lost is not None:
        report(item, line, KNOCK_ON, knock_on_message(what, value, lost))
    else:
        report(item, line, "foreign-key", f"no {what} with id '{value}'{_hint(value, known)}")
    return False


def knock_on_message(what: str, value: str, file: str) -> str:
    return f"no {what} with id '{value}' ({file} could not be read: see its problem above)"


def _check_sources(item, sources, report) -> None:
    for i, source in enumerate(item.record.sources):
        _ref(item, item.line_of("sources", i), sources, source, "source", report)


def _check_disagreements(item, sources, report) -> None:
    fields = {info.alias or name for name, info in type(item.record).model_fields.items()}
    for d, disagreement in enumerate(item.record.disagreements):
        root = disagreement.field.split(".")[0]
        if root not in fields:
            report(item, item.line_of("disagreements", d, "field"), "unknown-field",
                   f"disagreement field '{disagreement.field}' is not a field of this record"
                   f"{_hint(root, fields)}")
        for v, value in enumerate(disagreement.values):
            for s, source in enumerate(value.sources):
                _ref(item, item.line_of("disagreements", d, "values", v, "sources", s),
                     sources, source, "source", report)


def _check_person(item, ids, report) -> None:
    born = item.record.born
    if born is not None and span(born)[0] > dt.date.today():
        report(item, item.line_of("born"), "date-in-future",
               f"born {born} is in the future (today is {dt.date.today():%Y-%m-%d}); is the year mistyped?")
    for d, detention in enumerate(item.record.detentions):
        for s, source in enumerate(detention.sources):
            _ref(item, item.line_of("detentions", d, "sources", s), ids["sources"], source, "source", report)
        if detention.released_in is not None:
            _ref(item, item.line_of("detentions", d, "released_in"), ids["events"],
                 detention.released_in, "event", report)
        _check_order(item, report, ("detentions", d),
                     [("arrested", detention.arrested), ("sentenced", detention.sentenced),
                      ("released", detention.released)])


def _check_order(item, report, path, dates) -> None:
    """Dates listed in the order they must happen in (partial dates may share a period)."""
    known = [(name, value) for name, value in dates if value is not None]
    for (first, a), (second, b) in zip(known, known[1:]):
        if span(b)[1] < span(a)[0]:
            report(item, item.line_of(*path, second), "date-order",
                   f"{second} {b} is before {first} {a}")


def _check_event(item, ids, report) -> None:
    event = item.record
    _check_order(item, report, (), [("date", event.date), ("end_date", event.end_date)])
    _check_title_numbers(item, report)
    roles = {(c.country, c.role) for c in event.countries}
    seen_roles = set()
    for c, country in enumerate(event.countries):
        if (country.country, country.role) in seen_roles:
            report(item, item.line_of("countries", c), "duplicate-value",
                   f"{country.country} is listed twice with role {country.role}")
        seen_roles.add((country.country, country.role))
    start, end = span(event.date)[0], span(event.end_date or event.date)[1]
    for n, leg in enumerate(event.legs):
        here = ("legs", n)
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
            _ref(item, item.line_of(*here, "people", p), ids["people"], person, "person", report)
        for s, source in enumerate(leg.sources):
            _ref(item, item.line_of(*here, "sources", s), ids["sources"], source, "source", report)
        if leg.date is not None and not (start <= span(leg.date)[0] and span(leg.date)[1] <= end):
            report(item, item.line_of(*here, "date"), "date-order",
                   f"leg date {leg.date} is outside the event's dates {event.date}"
                   + (f" to {event.end_date}" if event.end_date else ""))
    for n, number in enumerate(event.series):
        _ref(item, item.line_of("series", n, "by"), ids["people"], number.by, "organisation", report)
        for s, source in enumerate(number.sources):
            _ref(item, item.line_of("series", n, "sources", s), ids["sources"], source, "source", report)
    for n, actor in enumerate(event.actors):
        _ref(item, item.line_of("actors", n, "actor"), ids["people"], actor.actor, "organisation", report)
    for n, total in enumerate(event.reported):
        here = ("reported", n)
        for key, value in (("by", total.by), ("series", total.series)):
            if value is not None:
                _ref(item, item.line_of(*here, key), ids["people"], value, "person or organisation", report)
        for s, source in enumerate(total.sources):
            _ref(item, item.line_of(*here, "sources", s), ids["sources"], source, "source", report)
        if total.series is None and event.legs:
            _check_reported(item, here, total, event.legs, report)
    for n, link in enumerate(event.links):
        if link.event == event.id:
            report(item, item.line_of("links", n, "event"), "bad-link", "an event cannot link to itself")
        else:
            _ref(item, item.line_of("links", n, "event"), ids["events"], link.event, "event", report)


def legs_counted(total, legs) -> list:
    """The legs a reported total counts: its side(s), its groups (none named: every group but bodies)."""
    return [leg for leg in legs
            if (total.from_ is None or leg.from_ == total.from_) and (total.to is None or leg.to == total.to)
            and (leg.group in total.groups if total.groups else leg.group != "bodies")]


def _check_reported(item, here, total, legs, report) -> None:
    """Warn when the legs a stated total counts cannot add up to it (their ranges do not meet)."""
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


def _check_quote(item, ids, report) -> None:
    quote = item.record
    _ref(item, item.line_of("speaker"), ids["people"], quote.speaker, "person", report)
    if quote.event is not None:
        _ref(item, item.line_of("event"), ids["events"], quote.event, "event", report)


def _cited_sources(dataset: Dataset) -> set[str]:
    cited: set[str] = set()
    for items in dataset.rejected.values():
        cited |= _raw_citations(items)
    for kind in ("people", "events", "quotes"):
        for item in dataset.records[kind]:
            record = item.record
            cited.update(record.sources)
            for disagreement in record.disagreements:
                for value in disagreement.values:
                    cited.update(value.sources)
            for part in (getattr(record, "detentions", []) + getattr(record, "legs", [])
                         + getattr(record, "series", []) + getattr(record, "reported", [])):
                cited.update(part.sources)
    return cited


def _raw_citations(value: object) -> set[str]:
    """Every id listed under a 'sources' key anywhere in raw (unvalidated) records."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "sources" and isinstance(child, (list, str)):
                found.update(v for v in ([child] if isinstance(child, str) else child) if isinstance(v, str))
            else:
                found |= _raw_citations(child)
    elif isinstance(value, list):
        for child in value:
            found |= _raw_citations(child)
    return found

"""The table rows of one valid record: the same rows whether a whole folder or one changed file is loaded."""

from __future__ import annotations

import datetime as dt
import types
from functools import lru_cache
from typing import Annotated, Callable, Literal, Union, get_args, get_origin

from swapwatch.dates import precision, span
from swapwatch.records import country_name

TABLE_ORDER = (
    "countries", "sources", "people", "person_aliases", "person_nationalities", "person_roles",
    "detentions", "events", "event_countries", "legs", "leg_people", "event_links", "event_topics",
    "event_series", "event_actors", "reported_totals", "quotes", "quote_topics", "citations", "disagreements", "disagreement_values", "problems",
    "data_files", "timeline_points", "headline_figures", "country_pairs", "country_flows",
)
# The tables a record of each kind writes to: what must be cleared when the record goes.
RECORD_TABLES = {
    "sources": ("sources",),
    "people": ("people", "person_aliases", "person_nationalities", "person_roles", "detentions"),
    "events": ("events", "event_countries", "legs", "leg_people", "event_links", "event_topics",
               "event_series", "event_actors", "reported_totals"),
    "quotes": ("quotes", "quote_topics"),
}
RECORD_TYPE = {"sources": "source", "people": "person", "events": "event", "quotes": "quote"}

Add = Callable[[str, dict], None]


@lru_cache(maxsize=None)
def plain_fields(model: type) -> tuple[str, ...]:
    """The fields of a record model that hold one plain value (text, number, flag, choice, or nothing): a
    source's and an event's are copied to the column of the same name, so that a new one needs only its column."""
    return tuple(name for name, field in model.model_fields.items() if _plain(field.annotation))


def _plain(annotation) -> bool:
    origin = get_origin(annotation)
    if origin is Literal:
        return True
    if origin is Annotated:
        return _plain(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return all(arg is type(None) or _plain(arg) for arg in get_args(annotation))
    return annotation in (str, int, float, bool)


def _plain_values(record) -> dict:
    return {name: getattr(record, name) for name in plain_fields(type(record))}


def _start(text: str | None) -> dt.date | None:
    return span(text)[0] if text else None


def record_rows(kind: str, item, add: Add, countries: set[str]) -> None:
    """Add the rows of one valid record (a Located) and note the countries it names."""
    if kind == "sources":
        s = item.record
        add("sources", dict(
            _plain_values(s), published_start=_start(s.published),
            file=item.file, line=item.line, records_citing=0))  # (counted by the writer)
        return
    {"people": _person, "events": _event, "quotes": _quote}[kind](item, add, countries)
    _disputes(RECORD_TYPE[kind], item, add)


def _cite(add: Add, record_type: str, record_id: str, part: str, sources) -> None:
    for source in sources:
        add("citations", dict(record_type=record_type, record_id=record_id, part=part, source_id=source))


def _source_ids(*lists) -> list[str]:
    """Every source a record cites, in any part: sorted, once each."""
    return sorted({source for sources in lists for source in sources})


def _disputes(record_type: str, item, add: Add) -> None:
    label = {"event": "title", "person": "name"}.get(record_type)
    for n, d in enumerate(item.record.disagreements, start=1):
        key = f"{item.record.id}/{n}"
        add("disagreements", dict(
            id=key, record_type=record_type, record_id=item.record.id, field=d.field, topic=d.topic,
            note=d.note, record_label=getattr(item.record, label) if label else None, file=item.file,
            line=item.line_of("disagreements", n - 1)))
        for v, value in enumerate(d.values, start=1):
            add("disagreement_values", dict(disagreement_id=key, seq=v, value=value.value,
                                            source_ids=list(value.sources), sources_label=None))


def _latest_spell(detentions) -> int:
    """The number (from 1) of the latest spell in custody: latest arrest (an unknown date counts as
    earliest), then the last written."""
    keys = [(_start(d.arrested) or dt.date.min, n) for n, d in enumerate(detentions, start=1)]
    return max(keys)[1] if keys else 0


def _person(item, add: Add, countries: set[str]) -> None:
    p = item.record
    latest = _latest_spell(p.detentions)
    add("people", dict(id=p.id, name=p.name, kind=p.kind, title=p.title, description=p.description,
                       born=p.born, nationalities=list(p.nationalities), roles=list(p.roles),
                       source_ids=_source_ids(p.sources, *(d.sources for d in p.detentions)), sources_label=None,
                       latest_spell=latest, file=item.file, line=item.line))
    for a in p.aliases:
        add("person_aliases", dict(person_id=p.id, alias=a))
    for c in p.nationalities:
        add("person_nationalities", dict(person_id=p.id, country=c))
    for role in p.roles:
        add("person_roles", dict(person_id=p.id, role=role))
    countries.update(p.nationalities)
    _cite(add, "person", p.id, "", p.sources)
    for n, d in enumerate(p.detentions, start=1):
        add("detentions", dict(
            person_id=p.id, seq=n, held_by=d.held_by, arrested=d.arrested, arrested_start=_start(d.arrested),
            arrest_city=d.arrest_place.city if d.arrest_place else None,
            arrest_country=d.arrest_place.country if d.arrest_place else None,
            charge=d.charge, sentenced=d.sentenced, sentence=d.sentence, released=d.released,
            released_start=_start(d.released), released_in=d.released_in, note=d.note,
            latest=n == latest,
            # (the status and what rows show of other records are written by live.derived)
            status=None,
            released_in_title=None, released_for=None))
        countries.add(d.held_by)
        _cite(add, "person", p.id, f"detention {n}", d.sources)


def _event(item, add: Add, countries: set[str]) -> None:
    e = item.record
    first, last = span(e.date)[0], span(e.end_date or e.date)[1]
    add("events", dict(
        _plain_values(e), date_start=first, date_end=last, date_precision=precision(e.date),
        place_country=e.place.country if e.place else None,
        place_city=e.place.city if e.place else None, place_venue=e.place.venue if e.place else None,
        source_ids=_source_ids(e.sources, *(leg.sources for leg in e.legs), *(n.sources for n in e.series),
                               *(t.sources for t in e.reported)), sources_label=None,
        country_names=", ".join(sorted({country_name(c.country) for c in e.countries})),
        **_people_moved([leg for leg in e.legs if leg.group != "bodies"]), disputes=len(e.disagreements),
        file=item.file, line=item.line))
    if e.place:
        countries.add(e.place.country)
    for n, c in enumerate(e.countries):
        add("event_countries", dict(event_id=e.id, country=c.country, role=c.role, note=c.note,
                                    first_of_country=all(o.country != c.country for o in e.countries[:n])))
        countries.add(c.country)
    leg_days = [_start(leg.date) or first for leg in e.legs]
    days = sorted(set(leg_days))
    flows = set()  # (from, to) of the legs of people so far
    for n, (leg, day) in enumerate(zip(e.legs, leg_days), start=1):
        flow = (leg.from_, leg.to) if leg.group != "bodies" else None
        add("legs", dict(
            event_id=e.id, seq=n, from_country=leg.from_, to_country=leg.to, count=leg.best,
            estimate=leg.estimate, count_low=leg.least, count_high=leg.most, disputed=leg.disputed, grp=leg.group, date=leg.date, date_start=day, note=leg.note, stage=days.index(day) + 1,
            stages=len(days), first_of_flow=flow is not None and flow not in flows, people_names=None,
            event_kind=e.kind))
        flows.add(flow)
        partners = {q for other in e.legs if other.from_ == leg.to for q in other.people}
        for p in leg.people:
            add("leg_people", dict(event_id=e.id, leg_seq=n, person_id=p, partner_ids=sorted(partners - {p})))
        _cite(add, "event", e.id, f"leg {n}", leg.sources)
    for k in e.links:
        add("event_links", dict(event_id=e.id, linked_event_id=k.event, relation=k.relation, note=k.note))
    for t in e.topics:
        add("event_topics", dict(event_id=e.id, topic=t))
    for n, number in enumerate(e.series, start=1):
        add("event_series", dict(event_id=e.id, series_id=number.by, number=number.number,
                                 source_ids=sorted(set(number.sources))))
        _cite(add, "event", e.id, f"series {n}", number.sources)
    for a in e.actors:
        add("event_actors", dict(event_id=e.id, actor_id=a.actor, role=a.role, note=a.note))
    for n, t in enumerate(e.reported, start=1):
        as_of = t.as_of or e.date
        add("reported_totals", dict(
            event_id=e.id, seq=n, what=t.what, by_id=t.by, series_id=t.series, from_country=t.from_,
            to_country=t.to, groups=list(t.groups), count=t.best, estimate=t.estimate, count_low=t.least,
            count_high=t.most, as_of=as_of, as_of_end=span(as_of)[1], note=t.note,
            source_ids=sorted(set(t.sources))))
        countries.update(c for c in (t.from_, t.to) if c)
        _cite(add, "event", e.id, f"reported {n}", t.sources)
    _cite(add, "event", e.id, "", e.sources)


def _people_moved(legs) -> dict:
    """The people some legs moved: best, fewest and most (None: no upper bound), and those in disputed legs."""
    most = [leg.most for leg in legs]
    return dict(people_moved=sum(leg.best for leg in legs), people_low=sum(leg.least for leg in legs),
                people_high=None if None in most else sum(most),
                people_disputed=sum(leg.best for leg in legs if leg.disputed))


def _quote(item, add: Add, countries: set[str]) -> None:
    q = item.record
    first, last = span(q.date)
    add("quotes", dict(
        id=q.id, speaker_id=q.speaker, date=q.date, date_start=first, date_end=last, text=q.text,
        language=q.language, translation=q.translation, channel=q.channel,
        place_country=q.place.country if q.place else None, place_city=q.place.city if q.place else None,
        context=q.context, event_id=q.event, topics=list(q.topics), source_ids=_source_ids(q.sources),
        sources_label=None, speaker_name=None, event_title=None, file=item.file, line=item.line))
    for t in q.topics:
        add("quote_topics", dict(quote_id=q.id, topic=t))
    if q.place:
        countries.add(q.place.country)
    _cite(add, "quote", q.id, "", q.sources)

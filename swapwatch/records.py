"""The record models: the data contract for data/*.yaml, in code.

Every scalar reaches these models as the exact text the curator typed (see yamlsource.py); each
field type (fieldtypes.py) decides for itself how text becomes a value.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from swapwatch import editorschema as editor
from swapwatch.fieldtypes import COUNTRY_NAMES, country_name  # noqa: F401  (the names pages and rows show)
from swapwatch.fieldtypes import Count, Country, Date, Flag, Id, SourceIds, Text, Unique, Url, fail

EVENT_KINDS = (
    "exchange", "release", "arrest", "sentence", "detention", "call", "talks", "meeting", "summit",
    "statement", "agreement", "proposal", "attack", "sanctions", "repatriation", "visit", "report",
    "military",
)
EVENT_STATUSES = ("proposed", "announced", "agreed", "underway", "completed", "disputed", "cancelled")
COUNTRY_ROLES = ("releasing", "receiving", "mediator", "host", "party")
PERSON_KINDS = ("person", "organisation")
PERSON_ROLES = (
    "detainee", "head-of-state", "head-of-government", "minister", "official", "envoy", "diplomat",
    "spokesperson", "negotiator", "intelligence", "military", "politician", "journalist", "lawyer",
    "relative", "activist", "athlete", "teacher", "businessperson", "mediator", "agency", "other",
)
LEG_GROUPS = ("prisoners", "pows", "civilians", "wounded", "children", "bodies")
# How exact a reported count is (UCDP's low / best / high): `count` is the best figure.
ESTIMATES = ("exact", "about", "range", "over", "withheld")
LINK_RELATIONS = ("agreed-at", "announced-at", "proposed-at", "led-to", "follows", "part-of", "related")
QUOTE_CHANNELS = (
    "truth-social", "x", "telegram", "facebook", "press-conference", "statement", "readout", "briefing",
    "interview", "speech", "address", "remarks", "video", "letter", "other",
)
RECORD_KINDS = ("sources", "people", "events", "quotes")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Place(Record):
    """Where something happened: a country, and where known a city and a venue."""
    country: Country
    city: Text | None = None
    venue: Text | None = None


class DisputedValue(Record):
    """One version of a disputed fact, exactly as a set of sources gives it."""
    value: Text
    sources: SourceIds


class Disagreement(Record):
    """Sources that disagree about one fact of this record; every version is kept."""
    field: Text
    topic: Text
    values: Annotated[list[DisputedValue], Field(min_length=2)]
    note: Text | None = None


class Source(Record):
    """A published page or article that records cite."""
    id: Id
    outlet: Text
    title: Text | None = None
    published: Date | None = None
    published_note: Text | None = None
    url: Url | None = Field(default=None, description="the page's http(s) address")
    article: Text | None = None
    wire: Text | None = None
    language: Text | None = None
    note: Text | None = None
    reliability: Text | None = None


class Detention(Record):
    """One spell in custody: who held the person, why, for how long, and how it ended."""
    held_by: Country
    arrested: Date | None = None
    arrest_place: Place | None = None
    charge: Text | None = None
    sentenced: Date | None = None
    sentence: Text | None = None
    released: Date | None = None
    released_in: Id | None = Field(default=None, description="the id of the event that freed them: lowercase words joined by hyphens")
    note: Text | None = None
    sources: SourceIds


class Person(Record):
    """A named person (or an organisation that speaks, such as a ministry)."""
    id: Id
    name: Text
    kind: Literal[PERSON_KINDS] = "person"  # type: ignore[valid-type]
    aliases: Annotated[list[Text], *Unique] = []
    nationalities: Annotated[list[Country], *Unique] = []
    roles: Annotated[list[Literal[PERSON_ROLES]], Field(min_length=1), *Unique]  # type: ignore[valid-type]
    title: Text | None = None
    description: Text
    born: Date | None = None
    detentions: list[Detention] = []
    sources: SourceIds
    disagreements: list[Disagreement] = []


class EventCountry(Record):
    country: Country
    role: Literal[COUNTRY_ROLES]  # type: ignore[valid-type]
    note: Text | None = None


class Figure(Record):
    """A number of people as sources give it: exact, about, a range, a lower bound or withheld.

    Its subclasses (Leg, Reported) add the side the number moved on, written `from` (a Python keyword,
    so the field is from_ with an alias) and `to`; required for a leg, optional for a reported total.
    """
    model_config = ConfigDict(json_schema_extra=editor.FIGURE_RULES, populate_by_name=True)
    # Left out, None; written blank, an error like any other blank number (so not `Count | None`).
    count: Count = None  # type: ignore[assignment]
    estimate: Literal[ESTIMATES] = "exact"  # type: ignore[valid-type]
    low: Count = None  # type: ignore[assignment]
    high: Count = None  # type: ignore[assignment]

    @model_validator(mode="after")
    def _consistent(self):
        check_figure(self.estimate, self.count, self.low, self.high)
        return self

    @property
    def best(self) -> int:
        """The figure counted: the count, the low end of a range given without one, 0 when withheld."""
        if self.count is not None:
            return self.count
        return self.low if self.estimate == "range" else 0

    @property
    def least(self) -> int:
        """The smallest number of people the sources allow."""
        if self.estimate in ("about", "range") and self.low is not None:
            return self.low
        return self.best

    @property
    def most(self) -> int | None:
        """The largest number the sources allow; None when they set no upper bound (over, withheld)."""
        if self.estimate in ("over", "withheld"):
            return None
        if self.estimate in ("about", "range") and self.high is not None:
            return self.high
        return self.best


def check_figure(estimate: str, count: int | None, low: int | None, high: int | None) -> None:
    """The rules that tie a figure's count, estimate and bounds together (raised as a pydantic error)."""
    if estimate == "withheld":
        if count is not None or low is not None or high is not None:
            raise fail("bad-estimate", "a withheld figure has no count, low or high: the sources published none")
        return
    if estimate == "range":
        if low is None or high is None:
            raise fail("bad-estimate", "a range needs both low and high (\"1,000 to 1,200\": low: 1000, high: 1200)")
    elif count is None:
        raise fail("missing-count", "count is required (leave it out only with estimate: withheld)")
    if estimate in ("exact", "over") and (low is not None or high is not None):
        raise fail("bad-estimate", "low and high go with estimate: about or range, not {estimate}", estimate=estimate)
    if low is not None and high is not None and low > high:
        raise fail("bad-estimate", "low ({low}) is more than high ({high})", low=low, high=high)
    if count is not None and ((low is not None and count < low) or (high is not None and count > high)):
        raise fail("bad-estimate", "count {count} lies outside low..high", count=count)


class Leg(Figure):
    """One movement of people in an exchange: `count` people released by `from` to `to`."""
    from_: Country = Field(alias="from")
    to: Country
    group: Literal[LEG_GROUPS] = "prisoners"  # type: ignore[valid-type]
    date: Date | None = None
    people: Annotated[list[Id], *Unique] = []
    disputed: Flag = False
    note: Text | None = None
    sources: Annotated[list[Id], *Unique] = []


class SeriesNumber(Record):
    """The event's number in a series an organisation numbers ("the UAE's 18th mediation")."""
    by: Id
    number: Count
    sources: SourceIds


class Actor(Record):
    """An organisation involved in an event beside the countries (a mediating service, the ICRC)."""
    actor: Id = Field(description="the id of the organisation's people record: lowercase words joined by hyphens")
    role: Literal[COUNTRY_ROLES]  # type: ignore[valid-type]
    note: Text | None = None


class Reported(Figure):
    """A total that a source states: for this event, or with `series`, a running total of that series."""
    what: Text
    by: Id | None = None
    series: Id | None = None
    from_: Country | None = Field(default=None, alias="from")
    to: Country | None = None
    groups: Annotated[list[Literal[LEG_GROUPS]], *Unique] = []  # type: ignore[valid-type]
    as_of: Date | None = None
    note: Text | None = None
    sources: SourceIds


class EventLink(Record):
    event: Id
    relation: Literal[LINK_RELATIONS]  # type: ignore[valid-type]
    note: Text | None = None


class Event(Record):
    """Something that happened or was announced: an exchange, a call, talks, a statement..."""
    id: Id
    kind: Literal[EVENT_KINDS]  # type: ignore[valid-type]
    status: Literal[EVENT_STATUSES]  # type: ignore[valid-type]
    date: Date
    end_date: Date | None = None
    date_note: Text | None = None
    title: Text
    summary: Text
    place: Place | None = None
    countries: list[EventCountry] = []
    legs: list[Leg] = []
    links: list[EventLink] = []
    series: list[SeriesNumber] = []
    actors: list[Actor] = []
    reported: list[Reported] = []
    topics: Annotated[list[Id], *Unique] = []
    sources: SourceIds
    disagreements: list[Disagreement] = []


class Quote(Record):
    """Words someone said or wrote, exactly as the source prints them."""
    id: Id
    speaker: Id
    date: Date
    text: Text
    language: Text = "en"
    translation: Text | None = None
    channel: Literal[QUOTE_CHANNELS]  # type: ignore[valid-type]
    place: Place | None = None
    context: Text
    event: Id | None = None
    topics: Annotated[list[Id], *Unique] = []
    sources: SourceIds
    disagreements: list[Disagreement] = []


class DataFile(Record):
    """One YAML file in data/: any of the four record lists."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    # A list key left empty (`people:`) holds no records, as validate reads it.
    sources: list[Source] | None = []
    people: list[Person] | None = []
    events: list[Event] | None = []
    quotes: list[Quote] | None = []


MODELS = {"sources": Source, "people": Person, "events": Event, "quotes": Quote}


def choices(annotation: object) -> tuple[str, ...]:
    """The allowed values of a Literal field annotation."""
    return tuple(get_args(annotation))

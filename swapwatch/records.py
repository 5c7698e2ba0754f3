"""The record models: the data contract for data/*.yaml, in code.

Every scalar reaches these models as the exact text the curator typed (see yamlsource.py), so
each field type below decides for itself how text becomes a value and rejects anything it would
otherwise have to guess about (``NO`` stays Norway, ``010`` is not eight, ``1_000`` is not a number).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

import pycountry
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from swapwatch import dates, yamlerrors
from swapwatch import editorschema as editor
from swapwatch.limits import FIRST_YEAR, LAST_YEAR, MAX_COUNT, MAX_ID, MAX_TEXT, MAX_URL

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

# Patterns match whole values (fullmatch: no trailing line break) and ASCII digits only ([0-9], not \\d).
ID_PATTERN = re.compile(editor.ID_PATTERN)
DATE_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
COUNT_PATTERN = re.compile(r"0|[1-9][0-9]*")
_CONTROL = re.compile(f"[{editor.CONTROL}]")  # control characters but tab and line feed


def _fail(code: str, message: str, **context: object) -> PydanticCustomError:
    return PydanticCustomError(code, message, dict(context))


def _as_text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise _fail("bad-type", "must be {what}, not a {got}", what=what, got=_describe(value))
    return value


def _describe(value: object) -> str:
    if value is None:
        return "blank value"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def parse_id(value: object) -> str:
    text = _as_text(value, "an id")
    _no_odd_characters(text, "an id")
    if len(text) > MAX_ID:
        raise _fail("too-long", "an id may be at most {most} characters long; this one has {length}",
                    most=MAX_ID, length=f"{len(text):,}")
    if not ID_PATTERN.fullmatch(text):
        hint = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        raise _fail(
            "bad-id",
            "id must be lowercase letters, digits and single hyphens (like 'marc-fogel'), "
            "got '{text}'; did you mean '{hint}'?", text=text, hint=hint or "a-name")
    return text


def parse_date(value: object) -> str:
    """A date as written: YYYY, YYYY-MM or YYYY-MM-DD, checked against the calendar."""
    text = _as_text(value, "a date")
    _no_odd_characters(text, "a date")
    match = DATE_PATTERN.fullmatch(text)
    if not match:
        guess = dates.guess(text)
        raise _fail("bad-date", "date must be YYYY, YYYY-MM or YYYY-MM-DD, got '{text}'{hint}",
                    text=text, hint=f"; did you mean '{guess}'?" if guess else "")
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        raise _fail("bad-date", "'{text}' is not a real calendar date: months run from 01 to 12", text=text)
    if day and not 1 <= int(day) <= dates.days_in_month(int(year), int(month)):
        raise _fail("bad-date", "'{text}' is not a real calendar date: {month} has {last} days",
                    text=text, month=f"{year}-{month}", last=dates.days_in_month(int(year), int(month)))
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise _fail("bad-date", "year in '{text}' must be between {first} and {last}", text=text,
                    first=FIRST_YEAR, last=LAST_YEAR)
    return text


def parse_count(value: object) -> int:
    text = _as_text(value, "a whole number") if not isinstance(value, int) else str(value)
    _no_odd_characters(text, "a whole number")
    if not COUNT_PATTERN.fullmatch(text):
        raise _fail(
            "bad-number",
            "must be a whole number written with digits only (like 390), got '{text}'", text=text)
    if len(text) > len(str(MAX_COUNT)) or int(text) > MAX_COUNT:
        raise _fail("too-large", "{text} is more than {most}, the largest count SwapWatch holds; "
                    "is a digit too many?", text=text[:40], most=f"{MAX_COUNT:,}")
    return int(text)


_NON_ASCII_DIGIT = re.compile(r"[^\x00-\x7f]")


def _no_odd_characters(text: str, what: str) -> None:
    """Dates, counts and ids are typed in ASCII on one line: name a line break or a look-alike digit."""
    if text != text.rstrip("\r\n"):
        raise _fail("bad-character", "{what} must not end with a line break, got '{text}'; a '|' or '>' block "
                    "keeps its last line break: write the value on the key's line", what=what, text=text[:80])
    odd = _NON_ASCII_DIGIT.search(text)
    if odd and odd.group().isdigit():
        raise _fail("bad-character", "'{text}' holds {char}, a digit that is not ASCII; type it with the "
                    "digits 0-9", text=text[:80], char=yamlerrors.char_name(odd.group()))


def parse_bool(value: object) -> bool:
    text = _as_text(value, "true or false")
    if text not in ("true", "false"):
        raise _fail("bad-bool", "must be true or false, got '{text}'", text=text)
    return text == "true"


def _country_names() -> dict[str, str]:
    names = {}
    for country in pycountry.countries:
        names[country.alpha_3] = getattr(country, "common_name", None) or country.name
    return names


COUNTRY_NAMES = _country_names()


def country_name(code: str) -> str:
    """The display name of an ISO 3166-1 alpha-3 code (pycountry's common name where it has one)."""
    return COUNTRY_NAMES.get(code, code)


# Common English names that are not (or no longer) in ISO 3166's own names.
_COUNTRY_ALIASES = {"UK": "GBR", "BRITAIN": "GBR", "GREAT BRITAIN": "GBR", "ENGLAND": "GBR", "AMERICA": "USA",
                    "TURKEY": "TUR", "UAE": "ARE", "HOLLAND": "NLD"}


def suggest_country(text: str) -> str | None:
    """The alpha-3 code a curator probably meant by a name, alpha-2 or lowercase code (None if unsure)."""
    text = text.strip()
    if text.upper() in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[text.upper()]
    for lookup in (lambda t: pycountry.countries.get(alpha_3=t.upper()),
                   lambda t: pycountry.countries.get(alpha_2=t.upper()) if len(t) == 2 else None,
                   lambda t: pycountry.countries.lookup(t)):
        try:
            found = lookup(text)
        except LookupError:
            found = None
        if found is not None:
            return found.alpha_3
    if len(text) < 4:
        return None
    # A short form of one country's name ('Russia' for 'Russian Federation'); several matches: no guess.
    word = re.compile(rf"\b{re.escape(text)}", re.IGNORECASE)
    matches = {c.alpha_3 for c in pycountry.countries
               if any(word.search(getattr(c, attr, None) or "") for attr in ("name", "official_name", "common_name"))}
    return matches.pop() if len(matches) == 1 else None


def parse_country(value: object) -> str:
    text = _as_text(value, "an ISO 3166-1 alpha-3 country code")
    if text in COUNTRY_NAMES:
        return text
    guess = suggest_country(text)
    hint = f"; did you mean '{guess}' ({country_name(guess)})?" if guess else ""
    raise _fail(
        "bad-country",
        "'{text}' is not an ISO 3166-1 alpha-3 country code (like RUS, USA, UKR){hint}",
        text=text, hint=hint)


def parse_text(value: object) -> str:
    text = _as_text(value, "text")
    if not text.strip():
        raise _fail("empty-text", "must not be empty")
    if len(text) > MAX_TEXT:
        raise _fail("too-long", "text may be at most {most} characters long; this one has {length}",
                    most=f"{MAX_TEXT:,}", length=f"{len(text):,}")
    control = _CONTROL.search(text)
    if control:
        # Usually a backslash in double quotes: "C:\files" holds a form feed, not a backslash and an f.
        raise _fail("bad-character",
                    "must not contain the control character {char}; in double quotes a backslash starts an "
                    "escape (\\f, \\b, \\a ...), so write \\\\ for one backslash or use single quotes",
                    char=f"U+{ord(control.group()):04X}")
    return text


_URL = re.compile(r"https?://[^\s/?#]+\.[^\s]*", re.IGNORECASE)


def parse_url(value: object) -> str:
    text = parse_text(value)
    if len(text) > MAX_URL:
        raise _fail("too-long", "a web address may be at most {most} characters long; this one has {length}",
                    most=f"{MAX_URL:,}", length=f"{len(text):,}")
    if _URL.fullmatch(text):
        return text
    guess = f"https://{text}" if _URL.fullmatch(f"https://{text}") else None
    hint = f"; did you mean '{guess}'?" if guess else ""
    raise _fail("bad-url", "'{text}' is not a web address: it must start with http:// or https:// and hold no "
                "spaces{hint}", text=text[:200], hint=hint)


def _unique(values: list) -> list:
    seen = set()
    for value in values:
        if value in seen:
            raise _fail("duplicate-value", "'{value}' is listed twice", value=value)
        seen.add(value)
    return values


# Each type's JSON Schema is what an editor must accept of it (see editorschema.py).
Id = Annotated[str, BeforeValidator(parse_id), WithJsonSchema(editor.ID)]
Date = Annotated[str, BeforeValidator(parse_date), WithJsonSchema(editor.DATE_SCHEMA)]
Count = Annotated[int, BeforeValidator(parse_count), WithJsonSchema(editor.COUNT_SCHEMA)]
Flag = Annotated[bool, BeforeValidator(parse_bool), WithJsonSchema(editor.FLAG)]
Country = Annotated[str, BeforeValidator(parse_country), WithJsonSchema(
    {"type": "string", "enum": sorted(COUNTRY_NAMES), "description": "ISO 3166-1 alpha-3 country code"})]
Text = Annotated[str, BeforeValidator(parse_text), WithJsonSchema(editor.TEXT)]
Url = Annotated[str, BeforeValidator(parse_url), WithJsonSchema(editor.URL_SCHEMA)]
# Each item at most once: validate names the one listed twice, the editor underlines the list.
Unique = (AfterValidator(_unique), Field(json_schema_extra={"uniqueItems": True}))
SourceIds = Annotated[list[Id], Field(min_length=1), *Unique]


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
    url: Url | None = None
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
    released_in: Id | None = None
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
    """A number of people as sources give it: exact, about, a range, a lower bound or withheld."""
    model_config = ConfigDict(json_schema_extra=editor.FIGURE_RULES)
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
            raise _fail("bad-estimate", "a withheld figure has no count, low or high: the sources published none")
        return
    if estimate == "range":
        if low is None or high is None:
            raise _fail("bad-estimate", "a range needs both low and high (\"1,000 to 1,200\": low: 1000, high: 1200)")
    elif count is None:
        raise _fail("missing-count", "count is required (leave it out only with estimate: withheld)")
    if estimate in ("exact", "over") and (low is not None or high is not None):
        raise _fail("bad-estimate", "low and high go with estimate: about or range, not {estimate}", estimate=estimate)
    if low is not None and high is not None and low > high:
        raise _fail("bad-estimate", "low ({low}) is more than high ({high})", low=low, high=high)
    if count is not None and ((low is not None and count < low) or (high is not None and count > high)):
        raise _fail("bad-estimate", "count {count} lies outside low..high", count=count)


class Leg(Figure):
    """One movement of people in an exchange: `count` people released by `from` to `to`."""
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
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
    actor: Id
    role: Literal[COUNTRY_ROLES]  # type: ignore[valid-type]
    note: Text | None = None


class Reported(Figure):
    """A total that a source states: for this event, or with `series`, a running total of that series."""
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
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

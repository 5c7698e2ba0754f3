"""The field types of the record models: how the exact text a curator typed becomes a value.

Every scalar reaches these types as typed (see yamlsource.py), so each decides for itself how text
becomes a value and rejects anything it would otherwise have to guess about (``NO`` stays Norway,
``010`` is not eight, ``1_000`` is not a number). Each type's JSON Schema is what an editor must
accept of it (see editorschema.py).
"""

from __future__ import annotations

import re
from typing import Annotated

import pycountry
from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from swapwatch import dates, yamlerrors
from swapwatch import editorschema as editor
from swapwatch.limits import FIRST_YEAR, LAST_YEAR, MAX_COUNT, MAX_ID, MAX_TEXT, MAX_URL

# Patterns match whole values (fullmatch: no trailing line break) and ASCII digits only ([0-9], not \\d).
ID_PATTERN = re.compile(editor.ID_PATTERN)
DATE_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
COUNT_PATTERN = re.compile(r"0|[1-9][0-9]*")
_CONTROL = re.compile(f"[{editor.CONTROL}]")  # control characters but tab and line feed


def fail(code: str, message: str, **context: object) -> PydanticCustomError:
    """A validation error with a stable code and a message (pydantic fills in context's {names})."""
    return PydanticCustomError(code, message, dict(context))


def _as_text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise fail("bad-type", "must be {what}, not a {got}", what=what, got=_describe(value))
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
    """An id as written: lowercase letters, digits and single hyphens, at most MAX_ID characters."""
    text = _as_text(value, "an id")
    _no_odd_characters(text, "an id")
    if len(text) > MAX_ID:
        raise fail("too-long", "an id may be at most {most} characters long; this one has {length}",
                   most=MAX_ID, length=f"{len(text):,}")
    if not ID_PATTERN.fullmatch(text):
        hint = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        raise fail(
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
        raise fail("bad-date", "date must be YYYY, YYYY-MM or YYYY-MM-DD, got '{text}'{hint}",
                   text=text, hint=f"; did you mean '{guess}'?" if guess else "")
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        raise fail("bad-date", "'{text}' is not a real calendar date: months run from 01 to 12", text=text)
    if day and not 1 <= int(day) <= dates.days_in_month(int(year), int(month)):
        raise fail("bad-date", "'{text}' is not a real calendar date: {month} has {last} days",
                   text=text, month=f"{year}-{month}", last=dates.days_in_month(int(year), int(month)))
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise fail("bad-date", "year in '{text}' must be between {first} and {last}", text=text,
                   first=FIRST_YEAR, last=LAST_YEAR)
    return text


def parse_count(value: object) -> int:
    """A whole number written with ASCII digits only, at most MAX_COUNT."""
    text = _as_text(value, "a whole number") if not isinstance(value, int) else str(value)
    _no_odd_characters(text, "a whole number")
    if not COUNT_PATTERN.fullmatch(text):
        raise fail(
            "bad-number",
            "must be a whole number written with digits only (like 390), got '{text}'", text=text)
    if len(text) > len(str(MAX_COUNT)) or int(text) > MAX_COUNT:
        raise fail("too-large", "{text} is more than {most}, the largest count SwapWatch holds; "
                   "is a digit too many?", text=text[:40], most=f"{MAX_COUNT:,}")
    return int(text)


_NON_ASCII_DIGIT = re.compile(r"[^\x00-\x7f]")


def _no_odd_characters(text: str, what: str) -> None:
    """Dates, counts and ids are typed in ASCII on one line: name a line break or a look-alike digit."""
    if text != text.rstrip("\r\n"):
        raise fail("bad-character", "{what} must not end with a line break, got '{text}'; a '|' or '>' block "
                   "keeps its last line break: write the value on the key's line", what=what, text=text[:80])
    odd = _NON_ASCII_DIGIT.search(text)
    if odd and odd.group().isdigit():
        raise fail("bad-character", "'{text}' holds {char}, a digit that is not ASCII; type it with the "
                   "digits 0-9", text=text[:80], char=yamlerrors.char_name(odd.group()))


def parse_bool(value: object) -> bool:
    """true or false, written so."""
    text = _as_text(value, "true or false")
    if text not in ("true", "false"):
        raise fail("bad-bool", "must be true or false, got '{text}'", text=text)
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
    """An ISO 3166-1 alpha-3 code (a name or alpha-2 code is named as what was probably meant)."""
    text = _as_text(value, "an ISO 3166-1 alpha-3 country code")
    if text in COUNTRY_NAMES:
        return text
    guess = suggest_country(text)
    hint = f"; did you mean '{guess}' ({country_name(guess)})?" if guess else ""
    raise fail(
        "bad-country",
        "'{text}' is not an ISO 3166-1 alpha-3 country code (like RUS, USA, UKR){hint}",
        text=text, hint=hint)


def parse_text(value: object) -> str:
    """Text that is not blank, within MAX_TEXT and free of control characters but tab and line feed."""
    text = _as_text(value, "text")
    if not text.strip():
        raise fail("empty-text", "must not be empty")
    if len(text) > MAX_TEXT:
        raise fail("too-long", "text may be at most {most} characters long; this one has {length}",
                   most=f"{MAX_TEXT:,}", length=f"{len(text):,}")
    control = _CONTROL.search(text)
    if control:
        # Usually a backslash in double quotes: "C:\files" holds a form feed, not a backslash and an f.
        raise fail("bad-character",
                   "must not contain the control character {char}; in double quotes a backslash starts an "
                   "escape (\\f, \\b, \\a ...), so write \\\\ for one backslash or use single quotes",
                   char=f"U+{ord(control.group()):04X}")
    return text


_URL = re.compile(r"https?://[^\s/?#]+\.[^\s]*", re.IGNORECASE)


def parse_url(value: object) -> str:
    """A web address: http:// or https://, a host with a dot, no spaces, within MAX_URL."""
    text = parse_text(value)
    if len(text) > MAX_URL:
        raise fail("too-long", "a web address may be at most {most} characters long; this one has {length}",
                   most=f"{MAX_URL:,}", length=f"{len(text):,}")
    if _URL.fullmatch(text):
        return text
    guess = f"https://{text}" if _URL.fullmatch(f"https://{text}") else None
    hint = f"; did you mean '{guess}'?" if guess else ""
    raise fail("bad-url", "'{text}' is not a web address: it must start with http:// or https:// and hold no "
               "spaces{hint}", text=text[:200], hint=hint)


def _unique(values: list) -> list:
    seen = set()
    for value in values:
        if value in seen:
            raise fail("duplicate-value", "'{value}' is listed twice", value=value)
        seen.add(value)
    return values


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

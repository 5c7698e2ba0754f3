"""Each value type as an editor sees it: the JSON Schema fragments that mirror records.py's parsers.

SwapWatch reads every scalar as the text typed; an editor (yaml-language-server) reads YAML 1.2
core types first: `1.5` is a number, `true` a boolean, `2025` an integer, an empty value null.
So each fragment accepts whatever core type a value that validate accepts is read as, and uses the
same bounds (limits.py) and character rules, so the editor underlines what validate reports and
nothing else. Patterns are written for both Python's re and ECMA-262 (what editors run): explicit
character classes instead of \\s, and `$(?!\\n)` for the end, since Python's `$` also matches before
a final line break and a `|` block keeps one. Only draft 2020-12 keywords are used, so strict
validators (ajv's default) compile the schema too.
"""

from __future__ import annotations

import sys

from swapwatch.limits import FIRST_YEAR, LAST_YEAR, MAX_COUNT, MAX_ID, MAX_TEXT, MAX_URL

END = r"$(?!\n)"
# Control characters but tab and line feed: text must not hold them (fieldtypes.parse_text).
CONTROL = r"\u0000-\u0008\u000b-\u001f\u007f-\u009f"


def _ranges(codes: list[int]) -> str:
    """A character class body for code points, as \\uXXXX escapes both regex dialects read."""
    parts, start = [], None
    for index, code in enumerate(codes):
        start = code if start is None else start
        if index + 1 == len(codes) or codes[index + 1] != code + 1:
            parts.append(f"\\u{start:04x}" + (f"-\\u{code:04x}" if code != start else ""))
            start = None
    return "".join(parts)


# What Python counts as white space (str.isspace, re's \s): blank text is only these.
SPACE = _ranges([code for code in range(sys.maxunicode + 1) if chr(code).isspace()])

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# Years FIRST_YEAR..LAST_YEAR, then each month with its own days; 29 February only in leap years.
_YEAR = r"(?:19[0-9]{2}|20[0-9]{2}|2100)"
_LEAP = r"(?:19(?:0[48]|[2468][048]|[13579][26])|20(?:00|0[48]|[2468][048]|[13579][26]))"
_MONTH_DAY = (r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
              r"|02-(?:0[1-9]|1[0-9]|2[0-8]))")
DATE = rf"^(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{_YEAR}-{_MONTH_DAY}|{_LEAP}-02-29){END}"
assert (FIRST_YEAR, LAST_YEAR) == (1900, 2100), "DATE's year patterns spell out 1900-2100"
assert str(MAX_COUNT) == "1" + "0" * (len(str(MAX_COUNT)) - 1), "COUNT's pattern spells out a power of ten"
COUNT = rf"^(?:0|[1-9][0-9]{{0,{len(str(MAX_COUNT)) - 2}}}|{MAX_COUNT}){END}"
URL = (rf"^[Hh][Tt][Tt][Pp][Ss]?://[^{SPACE}{CONTROL}/?#]+\.[^{SPACE}{CONTROL}]*{END}")

TEXT = {
    # `title: 1.5`, `note: true` and `value: 2010` are text to SwapWatch: numbers and booleans are fine.
    "type": ["string", "number", "boolean"],
    "maxLength": MAX_TEXT,
    "allOf": [
        {"pattern": f"[^{SPACE}]", "description": "not empty or only spaces"},
        {"pattern": f"^[^{CONTROL}]*$",
         "description": "no control characters (in double quotes, write \\\\ for a backslash)"},
    ],
}
# `id: 2024` and `id: true` are ids to SwapWatch, an integer and a boolean to an editor.
ID = {"type": ["string", "integer", "boolean"], "pattern": f"^{ID_PATTERN}{END}", "maxLength": MAX_ID, "minimum": 0,
      "description": "lowercase words joined by hyphens"}
# A bare year (`date: 2025`) is an integer to an editor, and a date to SwapWatch; 20250611 is not.
DATE_SCHEMA = {"type": ["string", "integer"], "pattern": DATE, "minimum": FIRST_YEAR, "maximum": LAST_YEAR,
               "description": "YYYY, YYYY-MM or YYYY-MM-DD"}
# A count may be quoted ("390"); SwapWatch reads the digits either way.
COUNT_SCHEMA = {"type": ["integer", "string"], "minimum": 0, "maximum": MAX_COUNT, "pattern": COUNT,
                "description": f"a whole number from 0 to {MAX_COUNT:,}, digits only"}
FLAG = {"enum": [True, False, "true", "false"]}
URL_SCHEMA = {"type": "string", "pattern": URL, "maxLength": MAX_URL,
              "description": "a web address (http:// or https://) with a host name"}


def _estimate_is(*estimates: str) -> dict:
    return {"required": ["estimate"], "properties": {"estimate": {"enum": list(estimates)}}}


# records.check_figure's rules as far as a schema can say them (not low <= count <= high): a withheld
# figure has no numbers, a range has both bounds, any other has a count, and bounds go with about or range.
FIGURE_RULES = {"allOf": [
    {"if": _estimate_is("withheld"), "then": {"properties": {"count": False, "low": False, "high": False}}},
    {"if": _estimate_is("range"), "then": {"required": ["low", "high"]}},
    {"if": _estimate_is("range", "withheld"), "else": {"required": ["count"]}},
    {"if": _estimate_is("about", "range", "withheld"), "else": {"properties": {"low": False, "high": False}}},
]}

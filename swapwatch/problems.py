"""A problem with the data, located at file:line, and how problems are worded and listed."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_MESSAGE = 500  # characters of a problem's message; long values in it are shortened
MAX_LISTED = 100  # problems listed per file and check; the rest are counted in one more problem


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located at file:line."""
    file: str
    line: int
    code: str
    message: str
    severity: str = "error"

    def __post_init__(self) -> None:
        # A value quoted in a message may be megabytes long or hold line breaks: the problem stays one short line.
        object.__setattr__(self, "message", one_line(self.message))

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{one_line(self.file)}:{self.line}: {prefix}{self.code}: {self.message}"


# Control characters, line separators, direction controls, zero-width and odd spaces, variation selectors:
# a message shows them as escapes ('RUS\\u200b'), so a value that looks right shows why it is not.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\xa0\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                        "\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]")
_LONG_QUOTED = re.compile(r"'([^'\n]{80})[^'\n]{20,}'")


# A reference to an id that a file which could not be read seems to define: listed after its cause.
KNOCK_ON = "knock-on"


def listing_order(problem: Problem) -> tuple:
    """The order problems are listed in: by file and line, each knock-on after every cause it may follow."""
    return (problem.code == KNOCK_ON, problem.file, problem.line, problem.code, problem.message)


def one_line(text: str) -> str:
    """text on one line, control characters written as escapes (\\n, \\x07), long quoted values shortened."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    if len(text) > MAX_MESSAGE:
        text = _LONG_QUOTED.sub(lambda m: f"'{m.group(1)}…' ({len(m.group()) - 2:,} characters)", text)
    if len(text) > MAX_MESSAGE:
        text = text[:MAX_MESSAGE - 1] + "…"
    return text

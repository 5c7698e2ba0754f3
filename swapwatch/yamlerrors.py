"""YAML syntax errors and invisible characters, described in curators' words with the line to fix."""

from __future__ import annotations

import unicodedata

import yaml

_UNNAMED = {"\x85": "NEXT LINE", "\r": "CARRIAGE RETURN"}  # control characters have no name in the Unicode database


def char_name(char: str) -> str:
    """'U+2028 LINE SEPARATOR': a character named so a curator can find it."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '') or _UNNAMED.get(char, '')}".rstrip()


# Likely causes of libyaml's (and PyYAML's) syntax errors, in curators' words.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", "text that contains ': ' must be in quotes"),
    ("tab character", "indent with spaces, not tabs"),
    ("could not find expected ':'", "each line of a mapping must be 'key: value'"),
    ("did not find expected key", "check the indentation: the fields of one record must line up"),
    ("expected <block end>", "check the indentation: the fields of one record must line up"),
    ("expected ',' or ']'", "close the list with ']'"),
    ("expected ',' or '}'", "close the mapping with '}'"),
    ("unknown escape character", "inside double quotes a backslash starts an escape: write \\\\ for one "
                                 "backslash, or use single quotes"),
    ("end of stream", "close the quote"),
)


def syntax_error(err: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line of a YAML syntax error and a message that says what was probably meant."""
    last_line = max(1, len(text.rstrip().split("\n")))
    context_line = err.context_mark.line + 1 if err.context_mark else None
    problem_line = err.problem_mark.line + 1 if err.problem_mark else context_line or 1
    # A bracket or quote left open is only noticed at the end of the file, and a key without ':' on
    # the line after it: the line to fix is where the unclosed thing (or the key) starts.
    if context_line and (problem_line > last_line or "simple key" in (err.context or "")):
        line = min(context_line, last_line)
    else:
        line = min(problem_line, last_line)
    problem = err.problem or err.context or "the file is not valid YAML"
    message = f"YAML syntax error: {problem}"
    if err.context and err.problem:
        message += f" ({err.context}" + (f" that starts at line {context_line})" if context_line != line else ")")
    hint = next((h for key, h in _SYNTAX_HINTS if key in problem), None)
    lines = text.split("\n")
    if "simple key" in (err.context or "") and len(lines[line - 1] if line <= len(lines) else "") > 1024:
        hint = "a key may be at most 1024 characters long; is a line break or a ': ' missing?"
    if hint is None and "cannot start any token" in problem and err.problem_mark:
        row, column = err.problem_mark.line, err.problem_mark.column
        char = lines[row][column] if row < len(lines) and column < len(lines[row]) else ""
        hint = ("indent with spaces, not tabs" if char == "\t"
                else f"text that starts with '{char}' must be in quotes" if char else None)
    return line, message + (f"; {hint}" if hint else "")

"""YAML reading that keeps line numbers, keeps every scalar as typed, and refuses what it can't trust.

The file is read as a stream of parser events (libyaml's C parser where available), never
constructed into objects, so tags cannot build anything and aliases cannot expand. Every plain
scalar stays the exact text the curator typed; the record models decide what it means.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STANDARD_TAG = "tag:yaml.org,2002:"

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located at file:line."""
    file: str
    line: int
    code: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.line}: {prefix}{self.code}: {self.message}"


@dataclass
class Document:
    """A parsed file: its value tree, the line of every path in it, and what went wrong."""
    file: str
    value: object = None
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    flow: set[Path_] = field(default_factory=set)  # paths of mappings written inline, as {a: 1, b: 2}

    def line_of(self, path: Path_) -> int:
        """The line of the deepest known prefix of path (1 when nothing is known)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


class _Stop(Exception):
    def __init__(self, line: int, code: str, message: str):
        super().__init__(message)
        self.line, self.code, self.message = line, code, message


def read_yaml(path: Path, name: str | None = None) -> Document:
    """Read one YAML file into a Document; problems are collected, never raised."""
    name = name or str(path)
    doc = Document(name)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Stop(1, "file-too-large",
                        f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} — split it into several files")
        raw = path.read_bytes()
    except _Stop as stop:
        doc.problems.append(Problem(name, stop.line, stop.code, stop.message))
        return doc
    except IsADirectoryError:
        doc.problems.append(Problem(name, 1, "not-a-file", "this is a directory, not a YAML file"))
        return doc
    except OSError as err:
        doc.problems.append(Problem(name, 1, "unreadable", f"cannot read the file: {err.strerror or err}"))
        return doc
    return parse_bytes(raw, name)


def parse_bytes(raw: bytes, name: str) -> Document:
    """Parse YAML bytes into a Document (see read_yaml)."""
    doc = Document(name)
    if len(raw) > MAX_FILE_BYTES:
        doc.problems.append(Problem(name, 1, "file-too-large",
                                    f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} — "
                                    "split it into several files"))
        return doc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        doc.problems.append(Problem(name, line, "bad-encoding",
                                    f"byte 0x{raw[err.start]:02x} is not valid UTF-8; save the file as UTF-8"))
        return doc
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        doc.problems.append(Problem(name, line, "bad-encoding", "the file contains a NUL byte; is it binary?"))
        return doc
    odd = _YAML_ONLY_BREAKS.search(text)
    if odd:
        # YAML counts these as line breaks and editors do not, so every line number after one would be off.
        line = text[: odd.start()].count("\n") + 1
        doc.problems.append(Problem(name, line, "bad-character",
                                    f"the file contains {_char_name(odd.group())}, an invisible character that "
                                    "YAML reads as a line break; replace it with a space or a real line break"))
        return doc
    try:
        doc.value = _Builder(doc).build(text)
    except _Stop as stop:
        doc.value = None
        doc.problems.append(Problem(name, stop.line, stop.code, stop.message))
    except yaml.MarkedYAMLError as err:
        doc.value = None
        line, message = _syntax_error(err, text)
        doc.problems.append(Problem(name, line, "yaml-syntax", message))
    except yaml.reader.ReaderError as err:
        doc.value = None
        char = chr(err.character) if isinstance(err.character, int) else str(err.character)
        line = text[: text.find(char)].count("\n") + 1 if char in text else 1
        doc.problems.append(Problem(name, line, "bad-character",
                                    f"the file contains {_char_name(char)}, a control character YAML does not allow; "
                                    "remove it (it is usually invisible)"))
    except yaml.YAMLError as err:
        doc.value = None
        doc.problems.append(Problem(name, 1, "yaml-syntax", "YAML syntax error: " + " ".join(str(err).split())))
    return doc


_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
_UNNAMED = {"\x85": "NEXT LINE", "\r": "CARRIAGE RETURN"}  # control characters have no name in the Unicode database


def _char_name(char: str) -> str:
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


def _syntax_error(err: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
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
    if hint is None and "cannot start any token" in problem and err.problem_mark:
        lines = text.split("\n")
        row, column = err.problem_mark.line, err.problem_mark.column
        char = lines[row][column] if row < len(lines) and column < len(lines[row]) else ""
        hint = ("indent with spaces, not tabs" if char == "\t"
                else f"text that starts with '{char}' must be in quotes" if char else None)
    return line, message + (f"; {hint}" if hint else "")


class _Builder:
    """Turns parser events into dicts, lists, strings and None, recording each path's line."""

    def __init__(self, doc: Document):
        self.doc = doc

    def build(self, text: str) -> object:
        events = yaml.parse(text, Loader=_Loader)
        root: object = None
        documents = 0
        # stack entries: [container, path, pending_key, pending_key_line, key_lines]
        stack: list[list] = []
        for event in events:
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Stop(line, "multiple-documents",
                                "a file holds one YAML document; remove the second '---' or split the file")
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.AliasEvent):
                raise _Stop(line, "alias-not-allowed",
                            f"aliases (*{event.anchor}) are not allowed; write the value out in full")
            if getattr(event, "anchor", None):
                raise _Stop(line, "anchor-not-allowed",
                            f"anchors (&{event.anchor}) are not allowed; write each value out in full")
            tag = getattr(event, "tag", None)
            if tag is not None:
                shown = "!!" + tag[len(_STANDARD_TAG):] if tag.startswith(_STANDARD_TAG) else tag
                raise _Stop(line, "tag-not-allowed",
                            f"tags like '{shown}' are not allowed; remove the tag and write the plain value")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise _Stop(line, "too-deep", f"nesting deeper than {MAX_DEPTH} levels is not allowed")
                container: object = {} if isinstance(event, yaml.MappingStartEvent) else []
                path = self._place(stack, container, line)
                if isinstance(event, yaml.MappingStartEvent) and event.flow_style:
                    self.doc.flow.add(path)
                stack.append([container, path, None, None, {}])
                if len(stack) == 1:
                    root = container
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
            elif isinstance(event, yaml.ScalarEvent):
                # libyaml reports a plain scalar's style as '', the pure-Python parser as None.
                plain = not event.style and event.implicit[0]
                value = None if plain and event.value in NULL_WORDS else event.value
                if not stack:
                    root = value
                    self.doc.lines[()] = line
                else:
                    self._place(stack, value, line)
        return root

    def _place(self, stack: list[list], value: object, line: int) -> Path_:
        """Put value into the open container and return its path."""
        if not stack:
            self.doc.lines[()] = line
            return ()
        top = stack[-1]
        container, path = top[0], top[1]
        if isinstance(container, list):
            child = path + (len(container),)
            container.append(value)
            self.doc.lines[child] = line
            return child
        if top[2] is None:  # this value is a key
            if not isinstance(value, str):
                raise _Stop(line, "bad-key", "a key must be a plain name like 'title', not a list, mapping or blank")
            if value in top[4]:
                raise _Stop(line, "duplicate-key",
                            f"key '{value}' appears twice in this mapping (first at line {top[4][value]}); "
                            "keep one")
            top[2], top[3] = value, line
            return path
        key = top[2]
        top[4][key] = top[3]
        container[key] = value
        child = path + (key,)
        self.doc.lines[child] = top[3]
        top[2] = None
        return child

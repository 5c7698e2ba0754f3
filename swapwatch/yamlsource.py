"""YAML reading that keeps line numbers, keeps every scalar as typed, and refuses what it can't trust.

The file is read as a stream of parser events (libyaml's C parser where available), never
constructed into objects, so tags cannot build anything and aliases cannot expand. Every plain
scalar stays the exact text the curator typed; the record models decide what it means.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from swapwatch.yamlerrors import char_name as _char_name
from swapwatch.yamlerrors import syntax_error as _syntax_error

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
# Keys, list items and texts in one file. Real files hold a few thousand; the cap keeps a small
# file such as `[a,a,a,…]` from costing gigabytes of memory and minutes of checking.
MAX_VALUES = 250_000
MAX_MESSAGE = 500  # characters of a problem's message; long values in it are shortened
MAX_LISTED = 100  # problems listed per file and check; the rest are counted in one more problem
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


@dataclass
class Document:
    """A parsed file: its value tree, the line of every path in it, and what went wrong."""
    file: str
    value: object = None
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    flow: set[Path_] = field(default_factory=set)  # paths of mappings written inline, as {a: 1, b: 2}
    lost: tuple[tuple[str, str], ...] = ()  # (kind, id) it seems to define when it cannot be read (lostids.py)

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
        raw = _read_bounded(path)
    except _Stop as stop:
        doc.problems.append(Problem(name, stop.line, stop.code, stop.message))
        return doc
    except OSError as err:
        doc.problems.append(Problem(name, 1, *_read_error(err, path, name)))
        return doc
    return parse_bytes(raw, name)


def _read_bounded(path: Path) -> bytes:
    """The bytes of a regular file, never more than the size limit allows (raises _Stop or OSError)."""
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise _Stop(1, "not-a-file", "this is a directory, not a YAML file")
    if not stat.S_ISREG(info.st_mode):
        # A pipe or a device (a link to /dev/zero, say) would block or never end.
        raise _Stop(1, "not-a-file", "this is not a regular file (a pipe, socket or device?); replace it with a "
                                     "plain text file")
    with path.open("rb") as handle:
        # Read one byte over the limit, not the whole file: it may have grown since stat().
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        size = max(info.st_size, len(raw))
        raise _Stop(1, "file-too-large", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} — "
                                         "split it into several files")
    return raw


def _read_error(err: OSError, path: Path, name: str) -> tuple[str, str]:
    """The code and message for a file that could not be opened or read."""
    if "\ufffd" in name and isinstance(err, FileNotFoundError):
        return "bad-file-name", BAD_NAME_MESSAGE
    if err.errno == errno.ELOOP:
        return "bad-link", "this is a symbolic link that leads back to itself; remove it or point it at a file"
    if isinstance(err, FileNotFoundError):
        if os.path.islink(path):
            return "bad-link", f"this is a symbolic link to '{os.readlink(path)}', which does not exist"
        return "file-vanished", ("the file was removed or renamed while it was being read; "
                                 "it is read again at the next check")
    if isinstance(err, IsADirectoryError):
        return "not-a-file", "this is a directory, not a YAML file"
    if isinstance(err, PermissionError):
        return "unreadable", "cannot read the file: permission denied; make it readable (chmod a+r)"
    return "unreadable", f"cannot read the file: {err.strerror or err}"


BAD_NAME_MESSAGE = "the file name is not valid UTF-8, so it cannot be shown or read reliably; rename the file"


def parse_bytes(raw: bytes, name: str) -> Document:
    """Parse YAML bytes into a Document (see read_yaml)."""
    doc = Document(name)
    if len(raw) > MAX_FILE_BYTES:
        doc.problems.append(Problem(name, 1, "file-too-large",
                                    f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} — "
                                    "split it into several files"))
        return doc
    wide = _wide_encoding(raw)
    if wide:
        doc.problems.append(Problem(name, 1, "bad-encoding", f"the file is saved as {wide}; save it as UTF-8"))
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
    if not text.endswith("\n"):
        text += "\n"  # a block scalar that ends the file keeps its last line break, as YAML 1.2 reads it
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


def _wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when raw is text in one of them (by its byte-order mark, or NULs between ASCII)."""
    for mark, label in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                        (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if raw.startswith(mark):
            return label
    head = raw[:200]
    if len(head) >= 8:
        for start in (0, 1):
            if head[start::2].count(0) == len(head[start::2]) and 0 not in head[1 - start::2]:
                return "UTF-16"
    return None


_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
# What libyaml (a YAML 1.1 reader) accepts and YAML 1.2 and editors reject: text glued to a comment
# ("value"# note, [a, b]# note, ># note) and '?' glued to a key in braces ({?city: Moscow}).
_LENIENT = re.compile(r"""["'\]}]#|[|>][0-9+-]*#|[{,\[]\s*\?\S""")
_GLUED = "a comment needs a space before '#'; YAML editors read this line as an error"


def _yaml12(event, text: str, line: int) -> None:
    """Stop at what YAML 1.2 rejects but libyaml reads leniently (see _LENIENT)."""
    start, end = event.start_mark.index, event.end_mark.index
    if isinstance(event, yaml.ScalarEvent):
        style = event.style
        if style in ("'", '"') and text[end:end + 1] == "#":
            raise _Stop(line, "yaml-syntax", f"YAML syntax error: text glued to a comment after a quote; {_GLUED}")
        if style in ("|", ">") and re.match(r"[|>][0-9+-]*#", text[start:]):
            raise _Stop(line, "yaml-syntax", f"YAML syntax error: a comment glued to '{style}'; {_GLUED}")
        if not style and start and text[start - 1] == "?":
            raise _Stop(line, "yaml-syntax", f"YAML syntax error: '?{event.value}': a '?' before a key is read "
                        f"differently by editors ('?{event.value}') and here ('{event.value}'); remove the '?'")
    elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
        if end - start == 1 and text[end:end + 1] == "#":
            raise _Stop(line, "yaml-syntax", f"YAML syntax error: a comment glued to '{text[start]}'; {_GLUED}")


class _Builder:
    """Turns parser events into dicts, lists, strings and None, recording each path's line."""

    def __init__(self, doc: Document):
        self.doc = doc

    def build(self, text: str) -> object:
        events = yaml.parse(text, Loader=_Loader)
        strict = _LENIENT.search(text) is not None  # only then look for what libyaml reads leniently
        root: object = None
        documents = values = 0
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
            if strict:
                _yaml12(event, text, line)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.ScalarEvent)):
                values += 1
                if values > MAX_VALUES:
                    raise _Stop(line, "too-many-values", f"a file may hold at most {MAX_VALUES:,} values (keys, "
                                "list items and texts); split it into several files")
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

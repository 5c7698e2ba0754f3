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

from swapwatch.problems import KNOCK_ON, MAX_LISTED, MAX_MESSAGE, Problem, listing_order, one_line  # noqa: F401
from swapwatch.yamlbuild import MAX_DEPTH, MAX_VALUES, NULL_WORDS, Builder, Path_, Stop  # noqa: F401
from swapwatch.yamlerrors import char_name, syntax_error

MAX_FILE_BYTES = 5 * 1024 * 1024


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


def read_yaml(path: Path, name: str | None = None) -> Document:
    """Read one YAML file into a Document; problems are collected, never raised."""
    name = name or str(path)
    doc = Document(name)
    try:
        raw = read_bounded(path)
    except Stop as stop:
        doc.problems.append(Problem(name, stop.line, stop.code, stop.message))
        return doc
    except OSError as err:
        doc.problems.append(Problem(name, 1, *_read_error(err, path, name)))
        return doc
    return parse_bytes(raw, name)


def read_bounded(path: Path) -> bytes:
    """The bytes of a regular file, never more than the size limit allows (raises Stop or OSError)."""
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise Stop(1, "not-a-file", "this is a directory, not a YAML file")
    if not stat.S_ISREG(info.st_mode):
        # A pipe or a device (a link to /dev/zero, say) would block or never end.
        raise Stop(1, "not-a-file", "this is not a regular file (a pipe, socket or device?); replace it with a "
                                    "plain text file")
    with path.open("rb") as handle:
        # Read one byte over the limit, not the whole file: it may have grown since stat().
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        size = max(info.st_size, len(raw))
        raise Stop(1, "file-too-large", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} — "
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
    wide = wide_encoding(raw)
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
    odd = YAML_ONLY_BREAKS.search(text)
    if odd:
        # YAML counts these as line breaks and editors do not, so every line number after one would be off.
        line = text[: odd.start()].count("\n") + 1
        doc.problems.append(Problem(name, line, "bad-character",
                                    f"the file contains {char_name(odd.group())}, an invisible character that "
                                    "YAML reads as a line break; replace it with a space or a real line break"))
        return doc
    if not text.endswith("\n"):
        text += "\n"  # a block scalar that ends the file keeps its last line break, as YAML 1.2 reads it
    try:
        doc.value = Builder(doc.lines, doc.flow).build(text)
    except Stop as stop:
        doc.value = None
        doc.problems.append(Problem(name, stop.line, stop.code, stop.message))
    except yaml.MarkedYAMLError as err:
        doc.value = None
        line, message = syntax_error(err, text)
        doc.problems.append(Problem(name, line, "yaml-syntax", message))
    except yaml.reader.ReaderError as err:
        doc.value = None
        char = chr(err.character) if isinstance(err.character, int) else str(err.character)
        line = text[: text.find(char)].count("\n") + 1 if char in text else 1
        doc.problems.append(Problem(name, line, "bad-character",
                                    f"the file contains {char_name(char)}, a control character YAML does not allow; "
                                    "remove it (it is usually invisible)"))
    except yaml.YAMLError as err:
        doc.value = None
        doc.problems.append(Problem(name, 1, "yaml-syntax", "YAML syntax error: " + " ".join(str(err).split())))
    return doc


def wide_encoding(raw: bytes) -> str | None:
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


YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]|\r(?!\n)")

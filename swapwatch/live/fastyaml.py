"""The same Document as yamlsource.parse_bytes, sooner, for the plain files that make up almost all data.

parse_bytes turns libyaml's events into values with a general loop that also explains every kind of
trouble. Here a tighter loop handles only the plain case (UTF-8 text, one document, a mapping at the
top, no anchors, aliases, tags or repeated keys, within the size limits) and hands anything else to
parse_bytes itself, so problems are always found and worded by yamlsource. That both give the same
Document is a test's job, not a run-time guard's: tests/test_fastyaml.py, test_yaml_test_suite.py and
test_curator_edits.py compare them on every fixture, every data file and the YAML test suite.
"""

from __future__ import annotations

import yaml

from swapwatch.yamlbuild import LENIENT, MAX_DEPTH, MAX_VALUES, NULL_WORDS
from swapwatch.yamlsource import MAX_FILE_BYTES, YAML_ONLY_BREAKS, Document, parse_bytes, wide_encoding

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML without libyaml: only parse_bytes
    CParser = None

ENABLED = CParser is not None


class _Unusual(Exception):
    """Something parse_bytes must look at."""


def parse(raw: bytes, name: str) -> Document:
    """Parse YAML bytes into exactly the Document yamlsource.parse_bytes gives."""
    text = _plain_text(raw) if ENABLED else None
    if text is None:
        return parse_bytes(raw, name)
    try:
        value, lines, flow = _build(text)
    except Exception:
        return parse_bytes(raw, name)
    return Document(name, value=value, lines=lines, flow=flow)


def _plain_text(raw: bytes) -> str | None:
    """The text, when none of parse_bytes' checks before parsing would object; else None."""
    if len(raw) > MAX_FILE_BYTES or wide_encoding(raw):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.startswith("\ufeff") or "\x00" in text or YAML_ONLY_BREAKS.search(text):
        return None
    if LENIENT.search(text):
        return None  # parse_bytes looks closer
    return text if text.endswith("\n") else text + "\n"


_SCALAR, _MAP, _SEQ = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent


def _build(text: str) -> tuple[object, dict, set]:
    """Values, the line of every path and the paths of {...} mappings; _Unusual for anything else."""
    parser = CParser(text)
    lines: dict[tuple, int] = {}
    flow: set[tuple] = set()
    stack: list[list] = []  # [container, path, is_mapping, pending key, its line, lines of keys seen]
    top = root = None
    values = 0
    try:
        get = parser.get_event
        if get().__class__ is not yaml.StreamStartEvent or get().__class__ is not yaml.DocumentStartEvent:
            raise _Unusual
        while True:
            event = get()
            kind = event.__class__
            if kind is _SCALAR:
                if event.anchor is not None or event.tag is not None or top is None:
                    raise _Unusual
                values += 1
                value = event.value
                if not event.style and event.implicit[0] and value in NULL_WORDS:
                    value = None
                if top[2]:
                    key = top[3]
                    if key is None:
                        if value is None or value in top[5]:
                            raise _Unusual
                        top[3], top[4] = value, event.start_mark.line + 1
                    else:
                        top[5][key] = top[4]
                        top[0][key] = value
                        lines[top[1] + (key,)] = top[4]
                        top[3] = None
                else:
                    container = top[0]
                    lines[top[1] + (len(container),)] = event.start_mark.line + 1
                    container.append(value)
            elif kind is _MAP_END or kind is _SEQ_END:
                stack.pop()
                top = stack[-1] if stack else None
            elif kind is _MAP or kind is _SEQ:
                if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                    raise _Unusual
                values += 1
                is_map = kind is _MAP
                new: object = {} if is_map else []
                if top is None:
                    if not is_map:
                        raise _Unusual
                    path, root = (), new
                    lines[path] = event.start_mark.line + 1
                elif top[2]:
                    key = top[3]
                    if key is None:
                        raise _Unusual
                    top[5][key] = top[4]
                    top[0][key] = new
                    path = top[1] + (key,)
                    lines[path] = top[4]
                    top[3] = None
                else:
                    path = top[1] + (len(top[0]),)
                    top[0].append(new)
                    lines[path] = event.start_mark.line + 1
                if is_map and event.flow_style:
                    flow.add(path)
                top = [new, path, is_map, None, None, {}]
                stack.append(top)
            elif kind is yaml.DocumentEndEvent:
                break
            else:
                raise _Unusual
        if get().__class__ is not yaml.StreamEndEvent or values > MAX_VALUES or root is None:
            raise _Unusual
    finally:
        parser.dispose()
    return root, lines, flow

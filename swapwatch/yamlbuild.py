"""YAML text -> values with the line of every path: libyaml's parser events, built by hand.

The events are never constructed into objects, so tags cannot build anything and aliases cannot
expand; every plain scalar stays the exact text the curator typed (NULL_WORDS aside: blank).
What YAML 1.2 (and so every editor) rejects but libyaml reads leniently is refused too.
"""

from __future__ import annotations

import re

import yaml

MAX_DEPTH = 40
# Keys, list items and texts in one file. Real files hold a few thousand; the cap keeps a small
# file such as `[a,a,a,…]` from costing gigabytes of memory and minutes of checking.
MAX_VALUES = 250_000
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STANDARD_TAG = "tag:yaml.org,2002:"

Path_ = tuple[str | int, ...]


class Stop(Exception):
    """A reason to stop reading a file: its line, code and message."""

    def __init__(self, line: int, code: str, message: str):
        super().__init__(message)
        self.line, self.code, self.message = line, code, message


# What libyaml (a YAML 1.1 reader) accepts and YAML 1.2 and editors reject: text glued to a comment
# ("value"# note, [a, b]# note, ># note) and '?' glued to a key in braces ({?city: Moscow}).
LENIENT = re.compile(r"""["'\]}]#|[|>][0-9+-]*#|[{,\[]\s*\?\S""")
_GLUED = "a comment needs a space before '#'; YAML editors read this line as an error"


def _yaml12(event, text: str, line: int) -> None:
    """Stop at what YAML 1.2 rejects but libyaml reads leniently (see LENIENT)."""
    start, end = event.start_mark.index, event.end_mark.index
    if isinstance(event, yaml.ScalarEvent):
        style = event.style
        if style in ("'", '"') and text[end:end + 1] == "#":
            raise Stop(line, "yaml-syntax", f"YAML syntax error: text glued to a comment after a quote; {_GLUED}")
        if style in ("|", ">") and re.match(r"[|>][0-9+-]*#", text[start:]):
            raise Stop(line, "yaml-syntax", f"YAML syntax error: a comment glued to '{style}'; {_GLUED}")
        if not style and start and text[start - 1] == "?":
            raise Stop(line, "yaml-syntax", f"YAML syntax error: '?{event.value}': a '?' before a key is read "
                       f"differently by editors ('?{event.value}') and here ('{event.value}'); remove the '?'")
    elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
        if end - start == 1 and text[end:end + 1] == "#":
            raise Stop(line, "yaml-syntax", f"YAML syntax error: a comment glued to '{text[start]}'; {_GLUED}")


class Builder:
    """Turns parser events into dicts, lists, strings and None, recording each path's line."""

    def __init__(self, lines: dict[Path_, int], flow: set[Path_]):
        self.lines, self.flow = lines, flow  # filled in: the line of every path, the paths written {...}

    def build(self, text: str) -> object:
        """The value tree of text, filling in lines and flow; raises Stop at what is not allowed."""
        events = yaml.parse(text, Loader=_Loader)
        strict = LENIENT.search(text) is not None  # only then look for what libyaml reads leniently
        root: object = None
        documents = values = 0
        # stack entries: [container, path, pending_key, pending_key_line, key_lines]
        stack: list[list] = []
        for event in events:
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise Stop(line, "multiple-documents",
                               "a file holds one YAML document; remove the second '---' or split the file")
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.AliasEvent):
                raise Stop(line, "alias-not-allowed",
                           f"aliases (*{event.anchor}) are not allowed; write the value out in full")
            if getattr(event, "anchor", None):
                raise Stop(line, "anchor-not-allowed",
                           f"anchors (&{event.anchor}) are not allowed; write each value out in full")
            tag = getattr(event, "tag", None)
            if tag is not None:
                shown = "!!" + tag[len(_STANDARD_TAG):] if tag.startswith(_STANDARD_TAG) else tag
                raise Stop(line, "tag-not-allowed",
                           f"tags like '{shown}' are not allowed; remove the tag and write the plain value")
            if strict:
                _yaml12(event, text, line)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.ScalarEvent)):
                values += 1
                if values > MAX_VALUES:
                    raise Stop(line, "too-many-values", f"a file may hold at most {MAX_VALUES:,} values (keys, "
                               "list items and texts); split it into several files")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise Stop(line, "too-deep", f"nesting deeper than {MAX_DEPTH} levels is not allowed")
                container: object = {} if isinstance(event, yaml.MappingStartEvent) else []
                path = self._place(stack, container, line)
                if isinstance(event, yaml.MappingStartEvent) and event.flow_style:
                    self.flow.add(path)
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
                    self.lines[()] = line
                else:
                    self._place(stack, value, line)
        return root

    def _place(self, stack: list[list], value: object, line: int) -> Path_:
        """Put value into the open container and return its path."""
        if not stack:
            self.lines[()] = line
            return ()
        top = stack[-1]
        container, path = top[0], top[1]
        if isinstance(container, list):
            child = path + (len(container),)
            container.append(value)
            self.lines[child] = line
            return child
        if top[2] is None:  # this value is a key
            if not isinstance(value, str):
                raise Stop(line, "bad-key", "a key must be a plain name like 'title', not a list, mapping or blank")
            if value in top[4]:
                raise Stop(line, "duplicate-key",
                           f"key '{value}' appears twice in this mapping (first at line {top[4][value]}); "
                           "keep one")
            top[2], top[3] = value, line
            return path
        key = top[2]
        top[4][key] = top[3]
        container[key] = value
        child = path + (key,)
        self.lines[child] = top[3]
        top[2] = None
        return child

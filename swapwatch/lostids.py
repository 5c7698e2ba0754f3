"""The ids a file would have defined, when the file cannot be read: so knock-on errors can name their cause.

A file thrown out whole (a YAML syntax error, a repeated key, an anchor or a tag) defines no records,
so every reference to its ids in other files fails too. Those reference errors are reported as
`knock-on` problems that name the file, listed after every other problem (see yamlsource.listing_order).

The ids come from a tolerant scan of the text, not from a partial parse: a YAML reader stops at the
first error, so it would miss every id after it (a syntax error near the top hides them all), and the
refused constructs (anchors, tags, repeated keys) would need a second, lenient reader. The scan looks
at each line on its own: the top-level key it is under (`people:`, `events:` ...) gives the kind, and
`id: value` (first on its line, or after '{' or ',' in {flow} style; quoted or not) gives an id.
Records hold no other `id:` keys; a line of free text that happens to start `id: x` can only add an id
to the explanations, never hide or add a problem, since the references it explains are errors either way.
"""

from __future__ import annotations

import re

from swapwatch.editorschema import ID_PATTERN
from swapwatch.yamlsource import Document

KINDS = ("sources", "people", "events", "quotes")
_TOP = re.compile(r"([A-Za-z_][\w-]*)\s*:(?:\s|$)")
# `id:` first on its line (after any '- '), or after '{' or ',' in a {flow} mapping.
_ID = re.compile(rf"""(?:^\s*(?:-\s+)*|[{{,]\s*)id\s*:\s+(['"]?)({ID_PATTERN})\1\s*(?=[,}}#]|$)""")


def scan(raw: bytes) -> tuple[tuple[str, str], ...]:
    """(kind, id) of every record id the text seems to define, in order, each once."""
    found: dict[tuple[str, str], None] = {}
    kind = None
    for line in raw.decode("utf-8", "replace").splitlines():
        top = _TOP.match(line)
        if top:
            kind = top.group(1) if top.group(1) in KINDS else None
        if kind is not None and "id" in line:
            for match in _ID.finditer(line):
                found[kind, match.group(2)] = None
    return tuple(found)


def thrown_out(doc: Document) -> bool:
    """Whether the file could not be read at all (its records are all missing), as opposed to read with
    problems in some records, or deliberately not read (a leftover copy)."""
    return doc.value is None and any(p.severity == "error" for p in doc.problems)

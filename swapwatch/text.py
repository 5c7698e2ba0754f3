"""Record text shown as text: escaping for Streamlit's Markdown, so nothing in a record becomes markup."""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones Markdown,
# Streamlit's extensions ($ math, :color[...] directives) or HTML would otherwise interpret.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:=\"'])")
# Unicode's explicit direction controls: embeddings, overrides and isolates (and their ends).
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ISOLATE, _END_ISOLATE = "\u2068", "\u2069"  # FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE


def md(value: object) -> str:
    """value as Markdown that displays exactly its characters (None shows as an empty string)."""
    if value is None:
        return ""
    text = isolate_direction(str(value))
    escaped = _SPECIAL.sub(r"\\\1", text)
    # Line breaks stay line breaks, but cannot start a heading, list or quote block.
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")


def isolate_direction(text: str) -> str:
    """text unchanged, or (when it holds direction controls) isolated so they cannot reorder what follows.

    A right-to-left override in a name would otherwise run on past it and reverse the rest of the
    line it is shown in. Inside an isolate every embedding and override ends with the isolate.
    """
    if not _BIDI_CONTROL.search(text):
        return text
    depth = unmatched = 0
    for char in text:
        if char in "\u2066\u2067\u2068":
            depth += 1
        elif char == _END_ISOLATE:
            if depth:
                depth -= 1
            else:
                unmatched += 1  # would close our isolate early: give it one of its own to close
    return _ISOLATE * (1 + unmatched) + text + _END_ISOLATE * (depth + 1)

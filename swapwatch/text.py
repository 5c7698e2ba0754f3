"""Record text shown as text: escaping for Streamlit's Markdown, so nothing in a record becomes markup."""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones Markdown,
# Streamlit's extensions ($ math, :color[...] directives) or HTML would otherwise interpret.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:=\"'])")


def md(value: object) -> str:
    """value as Markdown that displays exactly its characters (None shows as an empty string)."""
    if value is None:
        return ""
    text = str(value)
    escaped = _SPECIAL.sub(r"\\\1", text)
    # Line breaks stay line breaks, but cannot start a heading, list or quote block.
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")

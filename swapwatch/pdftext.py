"""What the pack's pages share: its ink colours and how a value reads as text."""

from __future__ import annotations

import math
import re

import pandas as pd

INK, GREY, LIGHT = (34, 34, 34), (110, 110, 110), (235, 235, 235)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def text(value: object) -> str:
    """A cell or line as plain text: missing as empty, whole numbers without '.0', control characters as U+FFFD."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (list, tuple)):
        value = "; ".join(text(v) for v in value)
    return _CONTROL.sub("\ufffd", str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\n", " \u21b5 "))

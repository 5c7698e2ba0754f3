"""How record values read on screen (UI-free): channel names, quotes as cut from their sentence, a record's
sources as one row each. The stored values are never changed: these are for display only.
"""

from __future__ import annotations

import re

import pandas as pd

# Channels by id, as a person names them (an id not listed reads as its words, capitalised).
CHANNELS = {"truth-social": "Truth Social", "x": "X (Twitter)", "twitter": "X (Twitter)", "tv": "Television",
            "press-conference": "Press conference", "interview": "Interview", "statement": "Statement",
            "telegram": "Telegram", "facebook": "Facebook", "speech": "Speech", "briefing": "Briefing",
            "social-media": "Social media", "article": "Article", "op-ed": "Opinion piece"}


def channel_name(channel: object) -> str:
    """A channel id as a person reads it: "truth-social" -> "Truth Social"."""
    if channel is None or (isinstance(channel, float) and pd.isna(channel)):
        return ""
    text = str(channel)
    return CHANNELS.get(text, text.replace("-", " ").replace("_", " ").capitalize())


_TRAILING = re.compile(r"[\s,;]+$")


def quote_text(text: object) -> str:
    """A quote as displayed: without the comma or semicolon it kept from the sentence it was cut from."""
    if text is None:
        return ""
    return _TRAILING.sub("", str(text).strip())


def cited(sources: pd.DataFrame) -> pd.DataFrame:
    """A record's sources (record_sources) one row each, with the parts of the record each supports."""
    if sources.empty:
        return pd.DataFrame(columns=["outlet", "title", "published", "url", "supports"])
    frame = sources.astype(object).where(sources.notna(), None)
    rows = []
    for _, group in frame.groupby("id", sort=False):
        first = group.iloc[0]
        parts = sorted({str(p) for p in group["part"] if p not in (None, "")})
        rows.append(dict(outlet=first["outlet"] or "", title=first["title"] or "", published=first["published"] or "",
                         url=first["url"] or "", supports=", ".join(parts) or "the record"))
    return pd.DataFrame(rows)

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
            "social-media": "Social media", "article": "Article", "op-ed": "Opinion piece", "remarks": "Remarks",
            "readout": "Readout", "address": "Address", "video": "Video", "other": "Other"}


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


ADDRESS_TITLE = "(title from the page address)"
_FILE_ENDING = re.compile(r"\.(?:s?html?|php|aspx?)$", re.I)


def _letter_words(text: str) -> list[str]:
    """The words of text that hold no digit (article numbers, dates and hashes are left out of comparisons)."""
    return [w for w in re.findall(r"[^\W_]+", text) if not any(c.isdigit() for c in w)]


def title_from_address(title: object, url: object) -> bool:
    """Whether a source's title is only the words of its URL (data/README.md: where a title came only from the
    URL, the title is the URL's words), not a headline: its words are those of one segment of the URL's path,
    in order, with no capital a headline would have that the address does not."""
    from urllib.parse import unquote, urlsplit

    if not isinstance(title, str) or not isinstance(url, str) or title.startswith("["):
        return False
    words = _letter_words(title)
    if len(words) < 2:
        return False
    for segment in unquote(urlsplit(url).path).split("/"):
        slug = _letter_words(_FILE_ENDING.sub("", segment))
        if [w.lower() for w in slug] == [w.lower() for w in words]:
            capitals = [w for w, s in zip(words[1:], slug[1:]) if w != w.lower() and w != s]
            return not capitals
    return False


def address_titles(sources: pd.DataFrame) -> pd.Series:
    """For each source (title, url), whether its title is only the words of its address."""
    return pd.Series([title_from_address(t, u) for t, u in zip(sources["title"], sources["url"])],
                     index=sources.index, dtype=bool)


def mark_address_titles(sources: pd.DataFrame) -> pd.DataFrame:
    """The sources with each title that is only its address's words marked as such, so it does not read as a
    headline (the stored title is kept, after the mark)."""
    marked = address_titles(sources)
    return sources.assign(title=[f"{ADDRESS_TITLE} {t}" if m else t for t, m in zip(sources["title"], marked)])


MUTED = "color: #595959; font-style: italic"  # 7:1 on white: muted, still readable


def muted_address_titles(frame: pd.DataFrame):
    """A Styler of the table drawing the titles marked by mark_address_titles muted, unlike headlines."""
    def titles(column: pd.Series) -> list[str]:
        return [MUTED if str(v).startswith(ADDRESS_TITLE) else "" for v in column]

    return frame.style.apply(titles, subset=["title"]) if "title" in frame.columns else frame.style

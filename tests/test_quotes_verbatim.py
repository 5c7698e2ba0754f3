"""Every quote in the shipped data is printed word for word in the research sheets or the founding articles.

A quote's `text` must be a copy of what its source printed. The sheets (../shared/sources/FACTS*.md) copy each
quote exactly as the page printed it, and the founding articles (articles/*.txt) are the pages themselves, so
every quote of every data file, including files added later, must appear in one of them.

Comparison ignores only what copying between editors changes without changing a word:
- runs of whitespace (spaces, tabs, line breaks) count as one space;
- typographic quote marks and apostrophes count as their plain forms (‘ ’ ‚ ‛ ′ as ', “ ” „ ‟ ″ as ").
Everything else (spelling, punctuation, dashes, ellipses, accents, capitals) must match exactly.
"""

import re

import pytest

from swapwatch import ARTICLES_DIR

SOURCES_DIR = ARTICLES_DIR.parent
needs_sources = pytest.mark.skipif(not (SOURCES_DIR / "FACTS.md").is_file(),
                                   reason="../shared/sources is not beside this checkout")

_PLAIN_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                               "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})


def normalise(text: str) -> str:
    """The text with whitespace runs as one space and typographic quote marks as plain ones."""
    return re.sub(r"\s+", " ", text.translate(_PLAIN_QUOTES)).strip()


def test_normalising_ignores_whitespace_and_typographic_quotes_only():
    assert normalise("“It’s  over,”\n he said") == normalise("\"It's over,\" he said")
    assert normalise("over -- now") != normalise("over – now")
    assert normalise("Kyiv") != normalise("Kiev")


@pytest.fixture(scope="module")
def printed_texts():
    sheets = sorted(SOURCES_DIR.glob("FACTS*.md"))
    articles = sorted(ARTICLES_DIR.glob("*.txt"))
    return [normalise(p.read_text(encoding="utf-8")) for p in sheets + articles]


@needs_sources
def test_every_quote_appears_word_for_word_in_a_sheet_or_a_founding_article(shipped_db, printed_texts):
    missing = [f"{item.file}:{item.line}: {item.record.id}"
               for item in shipped_db.dataset.records["quotes"]
               if not any(normalise(item.record.text) in text for text in printed_texts)]
    assert not missing, "quotes not printed word for word in any sheet or founding article:\n" + "\n".join(missing)

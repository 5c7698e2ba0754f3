"""Source titles and outlets say what the page is: no title is a lossy copy of its URL, no outlet a copied one.

Where a page's headline is not known, its title is the words of its URL (data/README.md). An earlier copy lost
every word of 12 or more letters on the way ("…hold prisoner exchange on day" for "…on independence-day"), so a
title whose words are those of a URL segment with some words left out is reported. Words holding a digit may be
left out (article numbers, dates, hashes), and so may file endings (.html). A title in [brackets] is our
description, not a copy.

The outlet is the site that hosts the page; the outlet whose copy it carries goes in `wire` (FACTS.md: "(wire:
…)", "(X text)"), so no outlet is "mirror" or "… text".
"""

import re
from urllib.parse import unquote, urlsplit

import pytest

_FILE_ENDING = re.compile(r"\.(?:s?html?|php|aspx?)$", re.I)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    rest = iter(whole)
    return all(word in rest for word in part)


def words_lost_from_url(title: str, url: str) -> list[str]:
    """The letter-only words of the URL segment the title was copied from that the title lacks ([] if not a copy)."""
    title_words = _words(title)
    if not title_words or title.startswith("["):
        return []
    for segment in unquote(urlsplit(url).path).split("/"):
        segment_words = _words(_FILE_ENDING.sub("", segment))
        if len(segment_words) > 1 and _is_subsequence(title_words, segment_words):
            return [w for w in segment_words if w not in title_words and not any(c.isdigit() for c in w)]
    return []


@pytest.mark.parametrize("title, url, lost", [
    ("Ukraine russia hold prisoner exchange on day",
     "https://kyivindependent.com/ukraine-russia-hold-prisoner-exchange-on-independence-day", ["independence"]),
    ("Ukraine russia hold prisoner exchange on independence day",
     "https://kyivindependent.com/ukraine-russia-hold-prisoner-exchange-on-independence-day", []),
    ("Russia ukraine talks second round of peace negotiations conclude in istanbul after an hour",
     "https://www.wionews.com/world/russia-ukraine-talks-second-round-of-peace-negotiations-conclude-in-istanbul"
     "-after-an-hour-1748869852279", []),
    ("Brittney griner sentenced to 9 years in",
     "https://www.rhymeswithsnitch.com/2022/08/brittney-griner-sentenced-to-9-years-in.html", []),
    ("RUSSIA USA TALKS",
     "https://www.globalbankingandfinance.com/RUSSIA-USA-TALKS-c5687339-b94f-409b-9d08-140b57682f99", []),
    ("Trump putin alaska summit ends without on ukraine war",
     "https://www.radiodalsan.com/trump-putin-alaska-summit-ends-without-breakthrough-on-ukraine-war/",
     ["breakthrough"]),
    ("Putin and Trump agree to talk again", "https://example.com/news/2025/05/19/putin-trump-call", []),
    ("[Report on the talks; page not retrieved here]", "https://example.com/talks-report", []),
])
def test_a_title_copied_from_a_url_that_lost_words_is_detected(title, url, lost):
    assert words_lost_from_url(title, url) == lost


def test_no_source_title_is_a_lossy_copy_of_its_url(shipped_db):
    lossy = [f"{item.file}:{item.line}: {item.record.id}: lost {', '.join(lost)}"
             for item in shipped_db.dataset.records["sources"]
             if item.record.title and item.record.url
             and (lost := words_lost_from_url(item.record.title, item.record.url))]
    assert not lossy, "titles that leave out words of their URL:\n" + "\n".join(lossy)


def copied_outlet(outlet: str) -> bool:
    """Whether an outlet names a copy ('mirror', 'Reuters text', 'Le Monde copy') instead of the hosting site."""
    # Lower-case only: the sheet's "mirror", "X text" and "X copy" are descriptions, "Daily Mirror" is a name.
    return re.search(r"(?:^|\s)(?:mirror|text|copy)(?:\s|$)", outlet.strip()) is not None


@pytest.mark.parametrize("outlet, copied", [("mirror", True), ("Newsweek text", True), ("Reuters text", True),
                                            ("RFE/RL mirror", True), ("Le Monde copy", True),
                                            ("mirror of The Times/The Australian", True),
                                            ("Pravda.ru, Putin full text", True), ("severuss.online", False),
                                            ("Reuters", False), ("Daily Mirror", False)])
def test_an_outlet_naming_a_copy_is_detected(outlet, copied):
    assert copied_outlet(outlet) is copied


def test_every_outlet_is_the_hosting_site_not_a_copy(shipped_db):
    copies = [f"{item.file}:{item.line}: {item.record.id}: outlet {item.record.outlet!r}"
              for item in shipped_db.dataset.records["sources"] if copied_outlet(item.record.outlet)]
    assert not copies, "outlets naming a copied outlet (put it in wire):\n" + "\n".join(copies)

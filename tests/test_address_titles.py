"""Bibliography titles that are only the words of the page's address are marked as such, never as headlines."""

import pandas as pd
import pytest

from swapwatch import display
from swapwatch.filters import Filters
from swapwatch.load import load_dataset
from tests.conftest import PROJECT_DIR


@pytest.mark.parametrize("title, url, from_address", [
    ("Russia and us conduct prisoner swap in abu dhabi",
     "https://anewz.tv/world/world-news/5529/russia-and-us-conduct-prisoner-swap-in-abu-dhabi/news", True),
    ("In istanbul talks with ukraine russia proposes exchanging 1 200 more soldiers being held prisoner",
     "https://www.aa.com.tr/en/x/in-istanbul-talks-with-ukraine-russia-proposes-exchanging-1-200-more-soldiers-being"
     "-held-prisoner/3640218", True),
    ("Griner sentenced to nine years in russia",
     "https://www.avpress.com/sports/griner-sentenced-to-nine-years-in-russia/article_cfce373e-1484-11ed.html", True),
    ("RUSSIA USA TALKS", "https://www.globalbankingandfinance.com/RUSSIA-USA-TALKS-c5687339-b94f-409b", True),
    ("Russia and US conduct prisoner swap in Abu Dhabi",  # a headline's capitals: the page's own title
     "https://anewz.tv/world/world-news/5529/russia-and-us-conduct-prisoner-swap-in-abu-dhabi/news", False),
    ("Ukraine and Russia exchange prisoners ahead of Orthodox Easter ceasefire",
     "https://analyse.optim.biz/index.php?rest_route=%2Fwp%2Fv2%2Fposts%2F1877477", False),
    ("Russia and us conduct prisoner swap", "https://anewz.tv/russia-and-us-conduct-prisoner-swap-in-abu-dhabi",
     False),  # fewer words than the address: not its words alone
    ("[Report on the talks; page not retrieved here]", "https://example.com/report-on-the-talks", False),
    (None, "https://example.com/a-b", False),
    ("Talks", None, False),
])
def test_a_title_is_from_the_address_only_when_it_is_exactly_the_address_s_words(title, url, from_address):
    assert display.title_from_address(title, url) is from_address


def test_marked_titles_keep_the_recorded_title_after_the_mark_and_are_drawn_muted():
    sources = pd.DataFrame({"title": ["Talks end in istanbul", "Talks end in Istanbul", None],
                            "url": ["https://e.com/talks-end-in-istanbul"] * 2 + [None]})
    marked = display.mark_address_titles(sources)
    assert list(marked["title"][:2]) == [f"{display.ADDRESS_TITLE} Talks end in istanbul", "Talks end in Istanbul"]
    assert marked["title"].isna().iloc[2]
    styles = display.muted_address_titles(marked.fillna("")).to_html()
    assert styles.count(display.MUTED.split(";")[0]) == 1
    assert list(sources["title"])[0] == "Talks end in istanbul"  # the data is not changed


def test_the_shipped_bibliography_marks_its_address_titles_and_no_headline():
    sources = load_dataset(PROJECT_DIR / "data").run("sources_table", **Filters().params(), limit=None)
    marked = display.address_titles(sources)
    assert marked.sum() > 100  # most sources without a known headline carry their address's words
    assert not marked[sources["title"].fillna("").str.startswith("[")].any()

"""The data URLs' parameters: the dashboard's link names, read into filters, with a clear message for a bad value."""

import datetime as dt
from urllib.parse import parse_qsl

import pandas as pd
import pytest

from swapwatch import takeaway
from swapwatch.dataurls import BadQuery, parse, query_string
from swapwatch.filters import Filters
from tests.test_views import PAGES, open_page

COUNTRIES = {"UKR": "Ukraine", "RUS": "Russian Federation", "USA": "United States"}
FACETS = pd.DataFrame({"facet": ["speaker", "speaker", "topic", "channel", "channel"],  # as quote_facets gives them
                       "value": ["mina-official", "tom-aide", "talks", "press-conference", "truth-social"],
                       "label": ["Mina Official", "Tom Aide", "talks", "press-conference", "truth-social"]})


@pytest.mark.parametrize("filters, options", [
    (Filters(), {}),
    (Filters(countries=("UKR", "RUS"), country_role="releasing", kinds=("exchange",), statuses=("completed",)), {}),
    (Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 6, 30), person="Fogel & <co>"), {"period": "month"}),
    (Filters(date_to=dt.date(2024, 12, 31)), {"custody": "held"}),
    (Filters(date_from=dt.date(2025, 1, 1)), {"search": "Istanbul; =1+1"}),
    (Filters(countries=("UKR",)), {"speaker": "mina-official", "topic": "talks", "channel": "press-conference"}),
])
def test_a_view_written_as_a_data_url_query_reads_back_as_the_same_view(filters, options):
    query = parse(parse_qsl(query_string(filters, **options), keep_blank_values=True), COUNTRIES, lambda _: FACETS)
    assert query.filters == filters
    assert {k: v for k, v in query.options.items() if v is not None} == options


def test_a_country_may_be_named_by_code_or_by_the_name_the_dashboard_shows():
    assert parse([("country", "Ukraine"), ("country", "RUS")], COUNTRIES).filters.countries == ("UKR", "RUS")


def test_a_custody_may_be_given_by_id_or_by_the_label_the_dashboard_shows():
    assert parse([("custody", "Still held")], COUNTRIES).options["custody"] == "held"


@pytest.mark.parametrize("value", ["Everyone", "everyone"])
def test_the_people_page_everyone_choice_is_taken_as_no_custody_condition(value):
    assert parse([("custody", value)], COUNTRIES).options["custody"] == ""


@pytest.mark.parametrize("params, message", [
    ([("kind", "swap")], "kind: 'swap' is not one of exchange, release,"),
    ([("status", "done")], "status: 'done' is not one of "),
    ([("role", "boss")], "role: 'boss' is not one of any, releasing,"),
    ([("country", "Atlantis")], "country: 'Atlantis' is not a country in the data; give an ISO alpha-3 code or the "
                                "name, one of: RUS, UKR, USA"),
    ([("dates", "2025-13-01")], "dates: '2025-13-01' is not a date; write YYYY-MM-DD"),
    ([("dates", "2025-01-01")] * 3, "dates: give at most two dates"),
    ([("period", "week")], "period: 'week' is not one of month, year"),
    ([("custody", "jailed")], "custody: 'jailed' is not one of detainee, held, released, exchanged"),
    ([("contry", "UKR")], "unknown parameter 'contry'; the data URLs take: dates, country,"),
    ([("q", "a"), ("q", "b")], "q: give it once"),
])
def test_a_bad_parameter_is_refused_with_a_message_naming_it_and_what_it_takes(params, message):
    with pytest.raises(BadQuery) as refused:
        parse(params, COUNTRIES)
    assert str(refused.value).startswith(message)


def test_a_speaker_topic_or_channel_may_be_given_by_id_or_by_the_label_the_quotes_page_shows():
    query = parse([("speaker", "Mina Official"), ("topic", "talks"), ("channel", "Truth Social")], COUNTRIES,
                  lambda _: FACETS)
    assert {k: query.options[k] for k in ("speaker", "topic", "channel")} == \
        {"speaker": "mina-official", "topic": "talks", "channel": "truth-social"}


def test_the_speakers_topics_and_channels_offered_are_those_of_the_quotes_under_the_filters():
    asked = []
    parse([("country", "UKR"), ("speaker", "tom-aide")], COUNTRIES, lambda filters: asked.append(filters) or FACETS)
    assert asked == [Filters(countries=("UKR",))]


@pytest.mark.parametrize("params, message", [
    ([("speaker", "Nobody")], "speaker: 'Nobody' is not a speaker of the quotes under these filters; give its id or "
                              "its name as the Quotes page lists it, one of: mina-official, tom-aide"),
    ([("topic", "weather")], "topic: 'weather' is not a topic of the quotes under these filters"),
    ([("channel", "pigeon")], "channel: 'pigeon' is not a channel of the quotes under these filters"),
    ([("speaker", "a"), ("speaker", "b")], "speaker: give it once"),
])
def test_an_unknown_speaker_topic_or_channel_is_refused_naming_what_the_page_offers(params, message):
    with pytest.raises(BadQuery) as refused:
        parse(params, COUNTRIES, lambda _: FACETS)
    assert str(refused.value).startswith(message)


def test_a_speaker_with_no_quotes_under_the_filters_is_refused_saying_none_match():
    with pytest.raises(BadQuery, match=r"\(no quotes match these filters\)"):
        parse([("speaker", "mina-official")], COUNTRIES, lambda _: FACETS.head(0))


def test_the_dashboard_link_parameters_that_choose_no_rows_are_ignored():
    query = parse([("present", "1"), ("profile", "marc-fogel"), ("measure", "released")], COUNTRIES)
    assert query.filters == Filters()


@pytest.mark.parametrize("page", PAGES)
def test_each_page_links_to_the_data_url_of_each_of_its_tables_under_its_filters(monkeypatch, page):
    app = open_page(monkeypatch, page, country="UKR", kind="exchange")
    links = [button.proto.url for button in app.get("link_button")]
    name = page.removeprefix("views/").removesuffix(".py")
    for table in takeaway.TABLES[name]:
        for fmt in ("csv", "json"):
            found = [link for link in links if link.startswith(f"/api/{table}.{fmt}?")]
            assert len(found) == 1, (table, fmt, links)
            assert ("country", "UKR") in parse_qsl(found[0].split("?", 1)[1])
            assert ("kind", "exchange") in parse_qsl(found[0].split("?", 1)[1])


def test_the_quotes_page_data_url_carries_the_speaker_topic_and_channel_chosen_on_it(monkeypatch):
    app = open_page(monkeypatch, "views/quotes.py")
    app.selectbox(key="topic").set_value("ceasefire").run()
    app.selectbox(key="channel").set_value("briefing").run()
    link = next(b.proto.url for b in app.get("link_button") if b.proto.url.startswith("/api/quotes.csv?"))
    params = parse_qsl(link.split("?", 1)[1])
    assert ("topic", "ceasefire") in params and ("channel", "briefing") in params

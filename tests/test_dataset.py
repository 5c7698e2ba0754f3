"""The shipped dataset: valid, complete, sourced, quoted word for word, and documented."""

import re

import pytest

from swapwatch import ARTICLES_DIR
from swapwatch.__main__ import main
from swapwatch.load import load_dataset
from swapwatch import records as r
from swapwatch.schema import SCHEMA_PATH, schema_text
from tests.conftest import PROJECT_DIR

SOURCES_DIR = ARTICLES_DIR.parent
needs_sources = pytest.mark.skipif(not (SOURCES_DIR / "FACTS.md").is_file(),
                                   reason="../shared/sources is not beside this checkout")


def test_validate_reports_no_problem_at_all_on_the_shipped_data(monkeypatch, capsys):
    monkeypatch.chdir(PROJECT_DIR)
    status = main(["validate", "data"])
    lines = capsys.readouterr().out.splitlines()
    assert (status, lines[:-1]) == (0, []), "validate data lists problems (errors or warnings)"
    assert re.match(r"valid: 0 errors, 0 warnings in \d+ files; ", lines[-1])


def test_every_shipped_source_is_cited_by_some_record(shipped_db):
    unused = [str(p) for p in shipped_db.dataset.problems if p.code == "unused-source"]
    assert unused == []


@pytest.mark.parametrize("table, at_least", [("events", 40), ("people", 50), ("quotes", 40), ("sources", 40),
                                             ("legs", 40), ("disagreements", 40), ("detentions", 20)])
def test_the_dataset_covers_the_sources_in_depth(shipped_db, table, at_least):
    assert shipped_db.table_counts()[table] >= at_least


def test_every_table_of_the_shipped_database_is_filled(shipped_db):
    empty = [t for t, n in shipped_db.table_counts().items() if n == 0 and t != "problems"]
    assert empty == []


@needs_sources
def test_every_url_in_the_facts_sheet_sections_a_to_d_is_a_source(shipped_db):
    facts = (SOURCES_DIR / "FACTS.md").read_text(encoding="utf-8")
    body = facts.split("# E. CHRONOLOGICAL INDEX")[0]
    body = re.sub(r"## C15\..*?(?=\n## )", "", body, flags=re.S)  # C15 is out of scope (2026)
    urls = {u.rstrip(".") for u in re.findall(r"https?://[^\s);,]+", body)}
    known = {item.record.url for item in shipped_db.dataset.records["sources"]}
    assert sorted(urls - known) == []


@needs_sources
def test_each_founding_article_is_a_cited_source(shipped_db):
    cited_articles = {item.record.article for item in shipped_db.dataset.records["sources"] if item.record.article}
    assert cited_articles == {p.name for p in ARTICLES_DIR.glob("*.txt")}


def test_every_record_field_is_documented_for_curators():
    guide = (PROJECT_DIR / "data" / "README.md").read_text(encoding="utf-8")
    models = [r.Source, r.Person, r.Detention, r.Event, r.EventCountry, r.Leg, r.EventLink, r.Quote, r.Place,
              r.Disagreement, r.DisputedValue]
    undocumented = [f"{m.__name__}.{info.alias or name}" for m in models
                    for name, info in m.model_fields.items()
                    if not re.search(rf"\b{re.escape(info.alias or name)}:", guide)]
    assert undocumented == []


@pytest.mark.parametrize("choices", [r.EVENT_KINDS, r.EVENT_STATUSES, r.COUNTRY_ROLES, r.PERSON_ROLES,
                                     r.LEG_GROUPS, r.LINK_RELATIONS, r.QUOTE_CHANNELS])
def test_every_allowed_value_is_documented_for_curators(choices):
    guide = (PROJECT_DIR / "data" / "README.md").read_text(encoding="utf-8")
    assert [c for c in choices if f"`{c}`" not in guide and f" {c} " not in guide] == []


def test_the_shipped_json_schema_matches_the_record_models():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run: python -m swapwatch schema"


def test_every_data_file_points_editors_at_the_schema():
    missing = [p.name for p in sorted((PROJECT_DIR / "data").glob("*.yaml"))
               if not p.read_text(encoding="utf-8").startswith(
                   "# yaml-language-server: $schema=../schema/swapwatch.schema.json")]
    assert missing == []


def test_no_two_sources_are_the_same_page(shipped_db):
    shared = shipped_db.con.execute(
        "select url, list(id order by id) from sources where url is not null group by url having count(*) > 1").fetchall()
    assert shared == []


# Two exchange records whose days overlap and whose releasing and receiving countries are the same countries are
# one swap recorded twice, unless the data says otherwise: one is `part-of` the other (a stage of a programme) or
# they are linked `related` (two separate swaps on one day, each with its own record).
_EXCHANGES_RECORDED_TWICE = """
    with sides as (
        select e.id, e.date_start, e.date_end, list(distinct c.country order by c.country) as countries
        from events e join event_countries c on c.event_id = e.id
        where e.kind = 'exchange' and c.role in ('releasing', 'receiving')
        group by all)
    select a.id, b.id
    from sides a join sides b
      on a.id < b.id and a.countries = b.countries
     and a.date_start <= b.date_end and b.date_start <= a.date_end
    where not exists (
        select 1 from event_links l
        where l.relation in ('part-of', 'related')
          and ((l.event_id = a.id and l.linked_event_id = b.id) or (l.event_id = b.id and l.linked_event_id = a.id)))
    order by a.id, b.id
"""


def exchanges_recorded_twice(con) -> list[tuple[str, str]]:
    """Pairs of exchange ids on overlapping days between the same countries, not linked part-of or related."""
    return con.execute(_EXCHANGES_RECORDED_TWICE).fetchall()


def test_no_exchange_is_recorded_twice_under_two_ids(shipped_db):
    assert exchanges_recorded_twice(shipped_db.con) == []


_TWO_SWAPS = """\
sources:
  - {id: src, outlet: Example, title: "[A report]", published: 2022-09-22, url: "https://example.com/swap"}
events:
  - id: swap-a
    kind: exchange
    status: completed
    date: 2022-09-21
    end_date: 2022-09-22
    title: A swap over two days
    summary: Our words.
    countries: [{country: RUS, role: releasing}, {country: UKR, role: receiving}]
    sources: [src]
  - id: swap-b
    kind: {kind_b}
    status: completed
    date: {date_b}
    title: A swap a day later
    summary: Our words.
    countries: [{countries_b}]
{links_b}    sources: [src]
"""
_RUS_TO_UKR = "{country: RUS, role: releasing}, {country: UKR, role: receiving}"
_UKR_TO_RUS = "{country: UKR, role: releasing}, {country: RUS, role: receiving}"
_RUS_TO_BLR = "{country: RUS, role: releasing}, {country: BLR, role: receiving}"


@pytest.mark.parametrize("kind_b, date_b, sides_b, link, recorded_twice", [
    ("exchange", "2022-09-22", _RUS_TO_UKR, None, [("swap-a", "swap-b")]),
    ("exchange", "2022-09-22", _UKR_TO_RUS, None, [("swap-a", "swap-b")]),      # the same countries, other way round
    ("exchange", "2022-09-22", _RUS_TO_UKR, "follows", [("swap-a", "swap-b")]),  # a link that does not set them apart
    ("exchange", "2022-09-22", _RUS_TO_UKR, "part-of", []),
    ("exchange", "2022-09-22", _RUS_TO_UKR, "related", []),
    ("exchange", "2022-09-23", _RUS_TO_UKR, None, []),                          # no day in common
    ("exchange", "2022-09-22", _RUS_TO_BLR, None, []),                          # other countries
    ("repatriation", "2022-09-22", _RUS_TO_UKR, None, []),                      # bodies returned: not a swap
])
def test_two_exchanges_on_a_shared_day_between_the_same_countries_are_one_too_many_unless_linked(
        tmp_path, kind_b, date_b, sides_b, link, recorded_twice):
    links = f"    links: [{{event: swap-a, relation: {link}}}]\n" if link else ""
    text = (_TWO_SWAPS.replace("{kind_b}", kind_b).replace("{date_b}", date_b).replace("{countries_b}", sides_b)
            .replace("{links_b}", links))
    (tmp_path / "swaps.yaml").write_text(text, encoding="utf-8")
    db = load_dataset(tmp_path, articles_dir=None)
    assert [p.code for p in db.dataset.errors] == []
    assert exchanges_recorded_twice(db.con) == recorded_twice

"""The shipped dataset: valid, complete, sourced, quoted word for word, and documented."""

import re

import pytest

from swapwatch import ARTICLES_DIR
from swapwatch.__main__ import main
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

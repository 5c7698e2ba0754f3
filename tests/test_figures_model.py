"""Uncertain counts and reported totals: what a curator may write and what each figure then counts."""

import pytest

from swapwatch.validate import validate_documents
from swapwatch.yamlsource import parse_bytes

TEMPLATE = """\
sources:
  - id: src
    outlet: Example News
events:
  - id: swap
    kind: exchange
    status: completed
    date: 2025-05-23
    title: A swap
    summary: Our words.
    countries:
      - {{country: RUS, role: releasing}}
      - {{country: UKR, role: receiving}}
    legs:
      - {{from: RUS, to: UKR, {leg}}}
      - {{from: RUS, to: UKR, count: 10, group: bodies}}
    reported:
      - {{what: People returned, to: UKR, sources: [src], {reported}}}
    sources: [src]
"""


def check(leg: str, reported: str = "count: 1"):
    """Problems ('line: code: message', warnings too) and the first leg, for one leg and one reported total."""
    text = TEMPLATE.format(leg=leg, reported=reported)
    dataset = validate_documents([parse_bytes(text.encode(), "f.yaml")])
    problems = [str(p).removeprefix("f.yaml:") for p in dataset.problems]
    events = [item.record for item in dataset.records["events"]]
    return problems, events[0].legs[0] if events else None


@pytest.mark.parametrize("leg, best, least, most", [
    ("count: 246", 246, 246, 246),
    ("count: 250, estimate: about", 250, 250, 250),
    ("count: 250, estimate: about, low: 240, high: 260", 250, 240, 260),
    ("estimate: range, low: 1000, high: 1200", 1000, 1000, 1200),
    ("count: 1100, estimate: range, low: 1000, high: 1200", 1100, 1000, 1200),
    ("count: 1000, estimate: over", 1000, 1000, None),
    ("estimate: withheld", 0, 0, None),
])
def test_each_kind_of_estimate_counts_a_best_a_lowest_and_a_highest_figure(leg, best, least, most):
    _, first = check(leg, reported=f"count: {best}" if most is None else f"estimate: range, low: {least}, high: {most}")
    assert (first.best, first.least, first.most) == (best, least, most)


@pytest.mark.parametrize("leg, problem", [
    ("estimate: range, low: 1000", "15: bad-estimate: a range needs both low and high "
                                   "(\"1,000 to 1,200\": low: 1000, high: 1200)"),
    ("estimate: range, low: 1200, high: 1000", "15: bad-estimate: low (1200) is more than high (1000)"),
    ("count: 5, estimate: withheld", "15: bad-estimate: a withheld figure has no count, low or high: "
                                     "the sources published none"),
    ("estimate: about", "15: missing-count: count is required (leave it out only with estimate: withheld)"),
    ("count: 5, low: 1", "15: bad-estimate: low and high go with estimate: about or range, not exact"),
    ("count: 5, estimate: over, high: 9", "15: bad-estimate: low and high go with estimate: about or range, not over"),
    ("count: 50, estimate: about, low: 1, high: 9", "15: bad-estimate: count 50 lies outside low..high"),
    ("count: 5, estimate: roughly", "15: bad-choice: 'estimate' must be one of: exact, about, range, over, withheld; "
                                    "got 'roughly'"),
])
def test_a_figure_whose_parts_contradict_each_other_is_an_error_at_its_leg(leg, problem):
    assert check(leg)[0] == [problem]


REACHABLE = [
    ("count: 5", "count: 5"),
    ("count: 250, estimate: about, low: 200, high: 300", "count: 280"),
    ("count: 1000, estimate: over", "count: 1500"),
    ("estimate: withheld", "count: 20"),
    ("count: 5", "estimate: range, low: 4, high: 6"),
    ("count: 5", "count: 15, groups: [prisoners, bodies]"),
    ("count: 5", "count: 10, groups: [bodies]"),
]


@pytest.mark.parametrize("leg, reported", REACHABLE)
def test_a_reported_total_the_legs_can_add_up_to_gives_no_warning(leg, reported):
    assert check(leg, reported)[0] == []


UNREACHABLE = [
    ("count: 5", "count: 7", "the sources state 7 for 'People returned', but the legs it counts add up to 5"),
    ("count: 1000, estimate: over", "count: 900",
     "the sources state 900 for 'People returned', but the legs it counts add up to at least 1,000"),
    ("count: 250, estimate: about, low: 200, high: 300", "estimate: range, low: 400, high: 500",
     "the sources state 400 to 500 for 'People returned', but the legs it counts add up to 200 to 300"),
]


@pytest.mark.parametrize("leg, reported, said", UNREACHABLE)
def test_a_reported_total_the_legs_cannot_reach_is_a_warning_at_its_line(leg, reported, said):
    assert check(leg, reported)[0] == [
        f"18: warning: legs-vs-reported: {said}; correct the legs, or mark uncertain ones with estimate "
        "(about, range, over, withheld)"]


@pytest.mark.parametrize("leg, reported", REACHABLE + [case[:2] for case in UNREACHABLE])
def test_the_reconciliation_query_marks_a_contradiction_exactly_where_validate_warns(tmp_path, leg, reported):
    # The rule is written twice, in recordchecks (per event, with a line, no database) and in
    # reconciliation.sql (over loaded tables, a programme with its stages' legs): here they must agree.
    from swapwatch.filters import Filters
    from tests.test_queries import fixture_with

    warned = any(p.startswith("18: warning: legs-vs-reported") for p in check(leg, reported)[0])
    rows = fixture_with(tmp_path, "swap.yaml", TEMPLATE.format(leg=leg, reported=reported)).run(
        "reconciliation", **Filters().params())
    assert rows.loc[rows["event_id"] == "swap", "contradicts"].astype(bool).tolist() == [warned]


def test_series_actors_and_reported_totals_must_name_known_records():
    text = TEMPLATE.format(leg="count: 5", reported="count: 5, by: nobody") + (
        "    series: [{by: ghost-ministry, number: 3, sources: [src]}]\n"
        "    actors: [{actor: ghost-ministry, role: mediator}]\n")
    problems = [str(p).removeprefix("f.yaml:") for p in validate_documents([parse_bytes(text.encode(), "f.yaml")]).problems]
    assert problems == ["18: foreign-key: no person or organisation with id 'nobody'",
                        "20: foreign-key: no organisation with id 'ghost-ministry'",
                        "21: foreign-key: no organisation with id 'ghost-ministry'"]

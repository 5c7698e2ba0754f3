"""`python -m swapwatch validate`: one problem per line, then a summary; exit 0 valid, 1 invalid, 2 misused."""

import re
import subprocess
import sys

import pytest

from swapwatch import ARTICLES_DIR
from swapwatch.__main__ import main
from swapwatch.validate import validate_dir
from swapwatch.records import Event
from tests.conftest import BAD_DIR, GOOD_DIR, PROJECT_DIR, allowed_fields

PROBLEM_LINE = re.compile(r"^\S+\.ya?ml:\d+: (warning: )?[a-z]+(-[a-z]+)*: \S.*$")
SUMMARY = re.compile(r"^INVALID: (\d+) errors?, (\d+) warnings? in \d+ files?; loaded \d+ sources?, \d+ (?:people|person), "
                     r"\d+ events?, \d+ quotes?$")
BROKEN = """\
sources:
  - id: src
    outlet: Example News
  - id: unused
    outlet: Nobody Cites Me
events:
  - id: swap
    kind: exchange
    staus: completed
    sources: [src]
"""


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "swapwatch", *args], cwd=PROJECT_DIR, capture_output=True,
                          text=True, timeout=120)


def test_the_good_fixture_validates_with_exit_status_0():
    result = run_cli("validate", "tests/data/good")
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "valid: 0 errors, 0 warnings in 3 files; loaded 5 sources, 7 people, 4 events, 2 quotes\n", "")


def test_the_bad_folder_prints_one_problem_per_line_then_a_summary_and_exits_1(monkeypatch):
    result = run_cli("validate", "tests/data/bad")
    *lines, summary = result.stdout.splitlines()
    monkeypatch.chdir(PROJECT_DIR)
    assert lines == [str(p) for p in validate_dir(BAD_DIR, ARTICLES_DIR).problems]
    assert [line for line in lines if not PROBLEM_LINE.match(line)] == []
    errors, warnings = map(int, SUMMARY.match(summary).groups())
    assert errors + warnings == len(lines) and errors > 0
    assert (result.returncode, result.stderr) == (1, "")


def test_each_problem_and_the_summary_are_printed_exactly(tmp_path, monkeypatch, capsys):
    (tmp_path / "events.yaml").write_text(BROKEN)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "."]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "events.yaml:4: warning: unused-source: source 'unused' is not cited by any record",
        "events.yaml:7: missing-field: required field 'date' is missing",
        "events.yaml:7: missing-field: required field 'summary' is missing",
        "events.yaml:7: missing-field: required field 'title' is missing",
        "events.yaml:9: unknown-field: unknown field 'staus' — did you mean 'status'?; allowed here: "
        + allowed_fields(Event),
        "INVALID: 4 errors, 1 warning in 1 file; loaded 2 sources, 0 people, 0 events, 0 quotes",
    ]


def test_no_warnings_prints_errors_only_but_still_counts_warnings(tmp_path, monkeypatch, capsys):
    (tmp_path / "sources.yaml").write_text("sources:\n  - id: unused\n    outlet: Nobody Cites Me\n")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", ".", "--no-warnings"]) == 0
    assert capsys.readouterr().out == (
        "valid: 0 errors, 1 warning in 1 file; loaded 1 source, 0 people, 0 events, 0 quotes\n")


def test_the_data_folder_defaults_to_swapwatch_data(monkeypatch, capsys):
    monkeypatch.setenv("SWAPWATCH_DATA", str(GOOD_DIR))
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("valid: 0 errors, 0 warnings in 3 files;")


@pytest.mark.parametrize("args, message", [
    (["validate", "no/such/folder"], "error: data folder not found: no/such/folder"),
    (["validate", "--frobnicate"], "error: unrecognized arguments: --frobnicate"),
    (["validate", "tests/data/good", "tests/data/bad"], "error: unrecognized arguments: tests/data/bad"),
    (["valdate"], "error: argument COMMAND: invalid choice: 'valdate'"),
    ([], "error: the following arguments are required: COMMAND"),
])
def test_a_missing_folder_or_a_bad_option_exits_2_with_a_usage_message(monkeypatch, capsys, args, message):
    monkeypatch.chdir(PROJECT_DIR)
    with pytest.raises(SystemExit) as exit_:
        main(args)
    captured = capsys.readouterr()
    assert (exit_.value.code, captured.out) == (2, "")
    assert captured.err.startswith("usage: python -m swapwatch") and message in captured.err


def test_a_missing_folder_exits_2_from_the_real_command_line():
    result = run_cli("validate", "no/such/folder")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.rstrip().endswith("error: data folder not found: no/such/folder")

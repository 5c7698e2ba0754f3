"""Deliberately broken copies of the shipped data: each gives a precise path:line problem and exit 1.

Each case finds the first line of the shipped data matching a pattern, changes it as a careless
curator might, runs `python -m swapwatch validate` on the copy, and expects a problem of a given
code at exactly that line of that file — never a crash, never a silently changed value.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR

DATA_DIR = PROJECT_DIR / "data"

# (case name, line pattern, replacement for the matched line, expected code, expected line offset)
CASES = [
    ("impossible date", r"^(\s+)date: \d{4}-\d{2}-\d{2}$", r"\1date: 2025-02-30", "bad-date", 0),
    ("date in words", r"^(\s+)date: \d{4}-\d{2}-\d{2}$", r"\1date: 23 May 2025", "bad-date", 0),
    ("misspelt field", r"^(\s+)status: completed$", r"\1staus: completed", "unknown-field", 0),
    ("alpha-2 country code", r"^(\s+- \{?country: )RUS\b", r"\1RU", "bad-country", 0),
    ("country name", r"^(\s+- \{?country: )UKR\b", r"\1Ukraine", "bad-country", 0),
    ("count with a comma", r"^(\s+)count: \d+$", r"\1count: 1,000", "bad-number", 0),
    ("count with underscores", r"^(\s+)count: \d+$", r"\1count: 1_000", "bad-number", 0),
    ("count with a leading zero", r"^(\s+)count: \d+$", r"\1count: 010", "bad-number", 0),
    ("count too large for the database", r"^(\s+)count: \d+$", r"\1count: 99999999999", "too-large", 0),
    ("date with full-width digits", r"^(\s+)date: \d{4}-\d{2}-\d{2}$", "\\1date: \uff12\uff10\uff12\uff15-05-23",
     "bad-character", 0),
    ("approximate count", r"^(\s+)count: \d+$", r"\1count: ~300", "bad-number", 0),
    ("unknown event kind", r"^(\s+)kind: exchange$", r"\1kind: swap", "bad-choice", 0),
    ("unknown status", r"^(\s+)status: completed$", r"\1status: done", "bad-choice", 0),
    ("dangling source", r"^(\s+)sources: \[([a-z0-9-]+)", r"\1sources: [\2-typo", "foreign-key", 0),
    ("dangling speaker", r"^(\s+)speaker: ([a-z0-9-]+)$", r"\1speaker: \2-typo", "foreign-key", 0),
    ("id with capitals", r"^(\s+)- id: ([a-z0-9-]+)$", r"\1- id: Bad_Id", "bad-id", 0),
    ("python tag", r"^(\s+)summary: [^>|\s].*$", r"\1summary: !!python/object/apply:os.system [echo hi]",
     "tag-not-allowed", 0),
    ("int tag", r"^(\s+)count: (\d+)$", r"\1count: !!int \2", "tag-not-allowed", 0),
    ("anchor", r"^(\s+)title: (.*)$", r"\1title: &t \2", "anchor-not-allowed", 0),
    ("unclosed flow list", r"^(\s+)topics: \[(.*)\]$", r"\1topics: [\2", "yaml-syntax", None),
    ("tab indentation", r"^(\s+)title: (.*)$", "\ttitle: x", "yaml-syntax", None),
    ("blank required text", r"^(\s+)summary: [^>|\s].*$", r"\1summary:", "bad-type", 0),
    ("empty text", r"^(\s+)summary: [^>|\s].*$", r'\1summary: "  "', "empty-text", 0),
    ("a list where text is expected", r"^(\s+)title: (.*)$", r"\1title: [a, b]",
     "bad-type", 0),
    ("boolean-looking role", r"^(\s+)roles: \[(.*)\]$", r"\1roles: [yes]", "bad-choice", 0),
    ("unknown channel", r"^(\s+)channel: \S+$", r"\1channel: tweet", "bad-choice", 0),
    ("leg from an unlisted country", r"^(\s+)- from: ([A-Z]{3})$", r"\1- from: FRA", "leg-country", 0),
]


def break_copy(tmp_path: Path, pattern: str, replacement: str) -> tuple[Path, str, int]:
    """Copy data/ to tmp_path, change the first matching line; return the copy, file and line."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    regex = re.compile(pattern)
    for path in sorted(copy.glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines, start=1):
            if regex.search(line):
                lines[number - 1] = regex.sub(replacement, line)
                path.write_text("\n".join(lines), encoding="utf-8")
                return copy, path.name, number
    pytest.fail(f"no line of the shipped data matches {pattern!r}")


def validate(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "swapwatch", "validate", "--no-warnings", str(data_dir)],
                          capture_output=True, text=True, timeout=120, cwd=data_dir.parent,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)})


@pytest.mark.parametrize("name, pattern, replacement, code, offset",
                         CASES, ids=[case[0] for case in CASES])
def test_a_broken_copy_reports_the_exact_line_and_exits_1(tmp_path, name, pattern, replacement, code, offset):
    copy, file_name, line = break_copy(tmp_path, pattern, replacement)
    result = validate(copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    problems = [row for row in result.stdout.splitlines() if row.startswith("data/")]
    expected_prefix = f"data/{file_name}:"
    mine = [row for row in problems if row.startswith(expected_prefix) and f": {code}: " in row]
    assert mine, f"expected a {code} problem in {file_name}, got:\n" + "\n".join(problems[:10])
    if offset is not None:
        assert any(row.startswith(f"{expected_prefix}{line + offset}: ") for row in mine), mine


def test_the_shipped_data_is_valid_before_breaking(tmp_path):
    result = validate(DATA_DIR)
    assert result.returncode == 0, result.stdout[-3000:]

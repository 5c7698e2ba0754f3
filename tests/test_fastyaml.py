"""The quick YAML path gives exactly the documents yamlsource.parse_bytes gives, on every kind of file."""

from pathlib import Path

import pytest

from swapwatch.live import fastyaml
from bench import synth
from swapwatch.yamlsource import parse_bytes
from tests.conftest import PROJECT_DIR, TESTS_DIR

FIXTURES = sorted(p for folder in (TESTS_DIR / "data", PROJECT_DIR / "data") for p in folder.rglob("*.y*ml"))


def same(raw: bytes) -> None:
    quick, plain = fastyaml.parse(raw, "f.yaml"), parse_bytes(raw, "f.yaml")
    assert (quick.value, quick.lines, quick.flow, quick.problems) == (plain.value, plain.lines, plain.flow,
                                                                      plain.problems)


def test_the_quick_path_is_on_where_libyaml_is_installed():
    # Without libyaml every file would take parse_bytes, and the comparisons below would compare it with itself.
    assert fastyaml.ENABLED, "PyYAML has no libyaml (yaml._yaml.CParser): install PyYAML's binary wheel"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(PROJECT_DIR)))
def test_every_fixture_and_data_file_parses_to_the_same_document(path: Path):
    same(path.read_bytes())


@pytest.mark.parametrize("text", [
    "", "# only a comment\n", "---\n", "a: 1\n---\nb: 2\n", "- a\n- b\n", "just text\n", "a: &x 1\nb: *x\n",
    "a: !!str 1\n", "a: 1\na: 2\n", "? [a, b]\n: c\n", "~: x\n", "a: {b: 1, c: [x, {d: ~}]}\n",
    "a:\n  - {x: 1}\n  -\n    - deep\n", "a: 'quoted null'\nb: null\nc: ''\nd: \"~\"\n", "a: |\n  block\n  text\n",
    "a: 1\n...\n", "--- \na: 1\n", "a: [1, 2\n", "\ufeffa: 1\n", "a: b\r\nc: d\r\n", "a: x\u2028y\n",
])
def test_unusual_texts_parse_to_the_same_document(text):
    same(text.encode("utf-8"))


def test_a_synthetic_file_parses_to_the_same_document(tmp_path):
    synth.generate(300, tmp_path, seed=5)
    for path in tmp_path.glob("*.yaml"):
        same(path.read_bytes())

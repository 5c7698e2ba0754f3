"""Reading YAML: every scalar stays the text typed, every path keeps its line, and nothing unsafe gets through."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import yaml

from swapwatch import yamlbuild
from swapwatch.yamlsource import MAX_FILE_BYTES, parse_bytes, read_yaml

HAS_LIBYAML = hasattr(yaml, "CSafeLoader")
PARSERS = [pytest.param("CSafeLoader", id="libyaml",
                        marks=pytest.mark.skipif(not HAS_LIBYAML, reason="PyYAML built without libyaml")),
           pytest.param("SafeLoader", id="pure-python")]


@pytest.fixture(params=PARSERS)
def parser(request, monkeypatch):
    """Run the test with libyaml's parser and with PyYAML's pure-Python one: both must agree."""
    monkeypatch.setattr(yamlbuild, "_Loader", getattr(yaml, request.param))


def problems(text: str | bytes) -> list[str]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return [str(p) for p in parse_bytes(raw, "f.yaml").problems]


@pytest.mark.parametrize("typed, value", [
    ("yes", "yes"), ("No", "No"), ("on", "on"), ("OFF", "OFF"), ("NO", "NO"), ("true", "true"),
    ("1984", "1984"), ("010", "010"), ("1_000", "1_000"), ("1,000", "1,000"), ("0x1F", "0x1F"),
    ("1e3", "1e3"), (".inf", ".inf"), ("-1", "-1"), ("20:37", "20:37"), ("2025-05-23", "2025-05-23"),
    ("~300", "~300"), ("nUll", "nUll"), ("'yes'", "yes"), ('"010"', "010"), ("'null'", "null"), ('""', ""),
    ("", None), ("~", None), ("null", None), ("Null", None), ("NULL", None),
])
def test_every_scalar_is_the_text_typed_and_only_blank_or_null_words_are_blank(parser, typed, value):
    doc = parse_bytes(f"key: {typed}\n".encode(), "f.yaml")
    assert (doc.problems, doc.value) == ([], {"key": value})


def test_the_line_of_every_key_and_list_item_is_recorded(parser):
    doc = parse_bytes(b"events:\n  - id: a\n    legs:\n      - {from: RUS, to: UKR}\n\n  - id: b\n", "f.yaml")
    assert doc.lines == {
        (): 1, ("events",): 1, ("events", 0): 2, ("events", 0, "id"): 2, ("events", 0, "legs"): 3,
        ("events", 0, "legs", 0): 4, ("events", 0, "legs", 0, "from"): 4, ("events", 0, "legs", 0, "to"): 4,
        ("events", 1): 6, ("events", 1, "id"): 6,
    }


def test_a_path_that_was_not_written_takes_the_line_of_its_deepest_written_parent():
    doc = parse_bytes(b"events:\n  - id: a\n    legs:\n      - {from: RUS}\n", "f.yaml")
    assert doc.line_of(("events", 0, "legs", 0, "count")) == 4
    assert doc.line_of(("events", 0, "status")) == 2
    assert doc.line_of(("quotes", 3)) == 1


@pytest.mark.parametrize("text, expected", [
    ("a: 1\nb:\n  c: 2\n  c: 3\n",
     "f.yaml:4: duplicate-key: key 'c' appears twice in this mapping (first at line 3); keep one"),
    ("events:\n  - {id: a, kind: talks, id: b}\n",
     "f.yaml:2: duplicate-key: key 'id' appears twice in this mapping (first at line 2); keep one"),
    ("? [a]\n: 1\n", "f.yaml:1: bad-key: a key must be a plain name like 'title', not a list, mapping or blank"),
    ("~: 1\n", "f.yaml:1: bad-key: a key must be a plain name like 'title', not a list, mapping or blank"),
    ("a: &x 1\n", "f.yaml:1: anchor-not-allowed: anchors (&x) are not allowed; write each value out in full"),
    ("a: 1\nb: *x\n", "f.yaml:2: alias-not-allowed: aliases (*x) are not allowed; write the value out in full"),
    ("a: !!python/object/apply:os.system [echo hi]\n", "f.yaml:1: tag-not-allowed: tags like "
     "'!!python/object/apply:os.system' are not allowed; remove the tag and write the plain value"),
    ("a:\n  b: !!int 5\n",
     "f.yaml:2: tag-not-allowed: tags like '!!int' are not allowed; remove the tag and write the plain value"),
    ("a: !!str 5\n",
     "f.yaml:1: tag-not-allowed: tags like '!!str' are not allowed; remove the tag and write the plain value"),
    ("a: !!map {b: 1}\n",
     "f.yaml:1: tag-not-allowed: tags like '!!map' are not allowed; remove the tag and write the plain value"),
    ("a: !local x\n",
     "f.yaml:1: tag-not-allowed: tags like '!local' are not allowed; remove the tag and write the plain value"),
    ("sources: []\n---\npeople: []\n", "f.yaml:2: multiple-documents: a file holds one YAML document; "
     "remove the second '---' or split the file"),
    ("a: b\nc: \x00\n", "f.yaml:2: bad-encoding: the file contains a NUL byte; is it binary?"),
])
def test_what_a_data_file_must_not_hold_is_reported_at_its_line(parser, text, expected):
    assert problems(text) == [expected]


@pytest.mark.skipif(not HAS_LIBYAML, reason="the messages are libyaml's")
@pytest.mark.parametrize("text, expected", [
    ("a: [b, c\nd: e\n", "f.yaml:2: yaml-syntax: YAML syntax error: did not find expected ',' or ']' "
     "(while parsing a flow sequence that starts at line 1); close the list with ']'"),
    ("a: {b: c\n", "f.yaml:1: yaml-syntax: YAML syntax error: did not find expected ',' or '}' "
     "(while parsing a flow mapping); close the mapping with '}'"),
    ("title: Talks: day one\n", "f.yaml:1: yaml-syntax: YAML syntax error: mapping values are not allowed in "
     "this context; text that contains ': ' must be in quotes"),
    ("a:\n\tb: c\n", "f.yaml:2: yaml-syntax: YAML syntax error: found character that cannot start any token "
     "(while scanning for the next token); indent with spaces, not tabs"),
    ("a: @handle\n", "f.yaml:1: yaml-syntax: YAML syntax error: found character that cannot start any token "
     "(while scanning for the next token); text that starts with '@' must be in quotes"),
    ('a: "unclosed\nb: c\n', "f.yaml:1: yaml-syntax: YAML syntax error: found unexpected end of stream "
     "(while scanning a quoted scalar); close the quote"),
    ("a: [b,\n  c,\n  d\n\n", "f.yaml:1: yaml-syntax: YAML syntax error: did not find expected ',' or ']' "
     "(while parsing a flow sequence); close the list with ']'"),
    ('a: "C:\\path"\n', "f.yaml:1: yaml-syntax: YAML syntax error: found unknown escape character "
     "(while parsing a quoted scalar); inside double quotes a backslash starts an escape: write \\\\ for one "
     "backslash, or use single quotes"),
    ("a: b\nc\nd: e\n", "f.yaml:2: yaml-syntax: YAML syntax error: could not find expected ':' "
     "(while scanning a simple key); each line of a mapping must be 'key: value'"),
    ("a:\n  - b\n c: d\n", "f.yaml:3: yaml-syntax: YAML syntax error: did not find expected key "
     "(while parsing a block mapping that starts at line 1); check the indentation: the fields of one record "
     "must line up"),
])
def test_a_syntax_error_names_its_line_and_the_likely_fix(text, expected):
    assert problems(text) == [expected]


@pytest.mark.parametrize("text", ["a: [b, c\nd: e\n", "title: Talks: day one\n", "a:\n\tb: c\n",
                                  'a: "unclosed\nb: c\n', "a: b\nc\nd: e\n", "a:\n  - b\n c: d\n"])
def test_both_parsers_put_a_syntax_error_on_the_same_line(monkeypatch, text):
    lines = set()
    for loader in ("CSafeLoader", "SafeLoader") if HAS_LIBYAML else ("SafeLoader",):
        monkeypatch.setattr(yamlbuild, "_Loader", getattr(yaml, loader))
        lines.add(tuple((p.line, p.code) for p in parse_bytes(text.encode(), "f.yaml").problems))
    assert len(lines) == 1


def test_an_alias_bomb_is_refused_at_its_first_anchor_without_expanding(parser, tmp_path):
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    rows += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(rows) + "\n")
    started = time.perf_counter()
    doc = read_yaml(bomb, "bomb.yaml")
    assert time.perf_counter() - started < 1
    assert [str(p) for p in doc.problems] == [
        "bomb.yaml:1: anchor-not-allowed: anchors (&a) are not allowed; write each value out in full"]


@pytest.mark.parametrize("text, line", [
    ("[" * 10_000, 1),
    ("{a: " * 10_000, 1),
    ("- " * 10_000 + "x\n", 1),
    ("".join("  " * depth + f"k{depth}:\n" for depth in range(1_000)), 41),
])
def test_deep_nesting_is_refused_without_crashing(parser, text, line):
    assert problems(text) == [f"f.yaml:{line}: too-deep: nesting deeper than 40 levels is not allowed"]


@pytest.mark.parametrize("depth, expected", [
    (40, []), (41, ["f.yaml:1: too-deep: nesting deeper than 40 levels is not allowed"])])
def test_forty_levels_of_nesting_are_the_limit(parser, depth, expected):
    assert problems("[" * depth + "]" * depth) == expected


@pytest.mark.parametrize("raw, expected", [
    (b"a: b\nc: d\ne: caf\xe9\n", "f.yaml:3: bad-encoding: byte 0xe9 is not valid UTF-8; save the file as UTF-8"),
    ("a: é\n".encode("utf-16"), "f.yaml:1: bad-encoding: the file is saved as UTF-16; save it as UTF-8"),
    ("a: é\n".encode("utf-16-be"), "f.yaml:1: bad-encoding: the file is saved as UTF-16; save it as UTF-8"),
    ("a: é\n".encode("utf-32"), "f.yaml:1: bad-encoding: the file is saved as UTF-32; save it as UTF-8"),
])
def test_a_file_that_is_not_utf8_is_reported_at_the_line_of_the_first_bad_byte(raw, expected):
    assert problems(raw) == [expected]


def test_a_byte_order_mark_is_accepted_and_changes_nothing(parser):
    text = b"sources:\n  - id: a\n"
    plain, marked = parse_bytes(text, "f.yaml"), parse_bytes(b"\xef\xbb\xbf" + text, "f.yaml")
    assert marked.problems == []
    assert (marked.value, marked.lines) == (plain.value, plain.lines) == ({"sources": [{"id": "a"}]}, plain.lines)


def test_windows_line_endings_read_like_unix_ones(parser):
    text = b"sources:\n  - id: a\n\n    outlet: 'A, B'\n"
    plain, windows = parse_bytes(text, "f.yaml"), parse_bytes(text.replace(b"\n", b"\r\n"), "f.yaml")
    assert (windows.problems, windows.value, windows.lines) == ([], plain.value, plain.lines)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "---\n...\n"])
def test_an_empty_file_reads_as_no_value_and_no_problem(parser, text):
    doc = parse_bytes(text.encode(), "f.yaml")
    assert (doc.value, doc.problems) == (None, [])


def test_a_directory_named_like_a_yaml_file_is_reported_not_read(tmp_path):
    (tmp_path / "x.yaml").mkdir()
    doc = read_yaml(tmp_path / "x.yaml", "x.yaml")
    assert [str(p) for p in doc.problems] == ["x.yaml:1: not-a-file: this is a directory, not a YAML file"]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    assert [str(p) for p in read_yaml(big, "big.yaml").problems] == [
        "big.yaml:1: file-too-large: file is 5,242,881 bytes; the limit is 5,242,880 — split it into several files"]


@pytest.mark.parametrize("raw, expected", [
    ('a: b\nc: "x\u2028y"\n'.encode(), "f.yaml:2: bad-character: the file contains U+2028 LINE SEPARATOR, an invisible "
     "character that YAML reads as a line break; replace it with a space or a real line break"),
    ("a: b\x85c\n".encode(), "f.yaml:1: bad-character: the file contains U+0085 NEXT LINE, an invisible character "
     "that YAML reads as a line break; replace it with a space or a real line break"),
    (b"a: b\rc: d\r\n", "f.yaml:1: bad-character: the file contains U+000D CARRIAGE RETURN, an invisible "
     "character that YAML reads as a line break; replace it with a space or a real line break"),
    ("a: é\nb: \x07\n".encode(), "f.yaml:2: bad-character: the file contains U+0007, a control character YAML does "
     "not allow; remove it (it is usually invisible)"),
])
def test_an_invisible_character_that_would_shift_lines_or_break_yaml_is_named_at_its_line(parser, raw, expected):
    assert problems(raw) == [expected]


YAMLISH = st.text(alphabet=st.sampled_from(list("ab:-[]{},'\"#&*!|>%@` \t\n\r\x07\x85\u2028é~?")), max_size=60)


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(YAMLISH, st.binary(max_size=60)))
def test_any_input_gives_a_value_or_one_line_problems_on_lines_of_the_file(text):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    doc = parse_bytes(raw, "f.yaml")
    line_count = max(1, raw.rstrip().count(b"\n") + 1)
    for problem in doc.problems:
        assert "\n" not in str(problem)
        # A bad byte is named where it is, even in trailing blank lines; other problems on a written line.
        last = raw.count(b"\n") + 1 if problem.code in ("bad-character", "bad-encoding") else line_count
        assert 1 <= problem.line <= last, (problem, raw)
    assert all(1 <= line <= line_count for line in doc.lines.values()), (doc.lines, raw)
    assert doc.problems or isinstance(doc.value, (dict, list, str, type(None)))

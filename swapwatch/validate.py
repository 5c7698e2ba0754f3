"""Shape and cross-reference checks: YAML documents -> valid records + a list of Problems.

A record with a problem is left out of the result (and its problem listed); every other record is
kept, so one curator's typo never hides the rest of the data.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from swapwatch import lostids
from swapwatch import records as r
from swapwatch.crossref import check_references
from swapwatch.yamlsource import BAD_NAME_MESSAGE, MAX_LISTED, Document, Problem, _read_bounded, listing_order, read_yaml


@dataclass(frozen=True)
class Located:
    """A valid record with where it was written."""
    kind: str
    record: BaseModel
    file: str
    line: int
    doc: Document = field(repr=False, compare=False)
    path: tuple = ()

    def line_of(self, *sub: str | int) -> int:
        return self.doc.line_of(self.path + sub)


@dataclass
class Dataset:
    """Every valid record, by kind, and every problem found."""
    records: dict[str, list[Located]] = field(default_factory=lambda: {k: [] for k in r.RECORD_KINDS})
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    modified: dict[str, int] = field(default_factory=dict)  # file -> modification time (ns), where known
    # Records that failed their shape check, as read (by kind): their ids and citations still count
    # as existing, so one mistake is not reported again as dangling references or unused sources.
    rejected: dict[str, list] = field(default_factory=lambda: {k: [] for k in r.RECORD_KINDS})
    # Ids that files which could not be read seem to define (kind -> id -> file): see lostids.py.
    lost: dict[str, dict[str, str]] = field(default_factory=lambda: {k: {} for k in r.RECORD_KINDS})

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def count(self, kind: str) -> int:
        return len(self.records[kind])


def data_files(data_dir: Path) -> list[Path]:
    """The YAML files of a data folder (extensions in any case: .yaml, .YML ...) and the copies that editors
    and sync services leave beside them (see leftover), in a stable order; hidden folders skipped."""
    found = []
    for path in data_dir.rglob("*"):
        parts = path.relative_to(data_dir).parts
        if any(part.startswith(".") for part in parts[:-1]):
            continue
        if leftover(path.name) or (is_yaml_name(path.name) and not path.name.startswith(".")):
            found.append(path)
    return sorted(found)


def is_yaml_name(name: str) -> bool:
    """Whether a file name ends in .yaml or .yml, in any case."""
    return name.lower().endswith((".yaml", ".yml"))


# Names editors, file managers and sync services give the copies they leave beside a file: x copy.yaml,
# x copy 2.yaml, x - Copy.yaml, Copy of x.yaml, x (1).yaml, x.yaml~, x.yaml.bak, .#x.yaml, #x.yaml#,
# .x.yaml.swp, x.sync-conflict-20250101-120000-ABCDEFG.yaml, x (conflicted copy 2025-01-01).yaml ...
_LEFTOVER = re.compile(
    r"""^(?:
        \.\#.* | \#.*\# | .*~                                   # Emacs lock and autosave files, backups~
      | .*\.ya?ml[.~\#].*                                       # x.yaml.bak, x.yaml.swp, x.yaml.orig ...
      | copy\ of\ .*\.ya?ml
      | .*(?:\ copy(?:\ \d+)? | \ -\ copy(?:\ \(\d+\))? | \ \(\d+\) | \.sync-conflict-[^.]*
            | \ \([^)]*conflict[^)]*\) | [._-](?:bak|backup|orig|old|tmp|swp|save))\.ya?ml
    )$""", re.IGNORECASE | re.VERBOSE)
LEFTOVER_MESSAGE = ("this looks like a copy or backup that an editor or sync service left beside a data file, so "
                    "it is not read; delete it, or give it a name of its own ending in .yaml if it holds records "
                    "you want shown")


def leftover(name: str) -> bool:
    """Whether a file name looks like an editor's or sync service's copy of a YAML file (it is listed, not read)."""
    return bool(_LEFTOVER.match(name)) and (".yaml" in name.lower() or ".yml" in name.lower())


def validate_dir(data_dir: Path, articles_dir: Path | None = None) -> Dataset:
    """Read, check and cross-check every YAML file under data_dir."""
    data_dir = Path(data_dir)
    dataset = Dataset()
    if not data_dir.is_dir():
        dataset.problems.append(Problem(str(data_dir), 1, "no-data-dir", "data folder not found"))
        return dataset
    docs = []
    for path in data_files(data_dir):
        name = display_name(path)
        dataset.files.append(name)
        try:
            dataset.modified[name] = path.stat().st_mtime_ns
        except OSError:
            pass
        if "\ufffd" in name and "\ufffd" not in os.fsdecode(path):
            # The dashboard finds a file again by its shown name, which this one cannot have: refuse it here too.
            docs.append(Document(name, problems=[Problem(name, 1, "bad-file-name", BAD_NAME_MESSAGE)]))
            continue
        if leftover(path.name):
            docs.append(ignored(name))
            continue
        doc = read_yaml(path, name)
        if lostids.thrown_out(doc):
            doc.lost = _lost_ids(path)
        docs.append(doc)
    return validate_documents(docs, articles_dir, dataset)


def _lost_ids(path: Path) -> tuple[tuple[str, str], ...]:
    try:
        return lostids.scan(_read_bounded(path))
    except Exception:  # too large, or gone since: its problem says so, and no ids are known
        return ()


def ignored(name: str) -> Document:
    """The document of a file that is listed but not read: an editor's or sync service's leftover."""
    return Document(name, problems=[Problem(name, 1, "ignored-file", LEFTOVER_MESSAGE, severity="warning")])


def display_name(path: Path) -> str:
    """A path as shown in problems: relative to the working folder where possible, always valid text.

    The file keeps its own name (a symbolic link is shown as the link, not as what it points to).
    """
    shown = str(path)
    try:
        cwd = Path.cwd().resolve()
        for full in (Path(os.path.abspath(path)), path.parent.resolve() / path.name):
            if full.is_relative_to(cwd):
                shown = str(full.relative_to(cwd))
                break
    except (OSError, RuntimeError):  # no working folder, or a loop of links above the file
        pass
    # A name that is not UTF-8 (its bytes kept as surrogates) could be neither printed nor stored.
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def validate_documents(docs: list[Document], articles_dir: Path | None = None,
                       dataset: Dataset | None = None) -> Dataset:
    """Check parsed documents: each record's shape, then references between records."""
    dataset = dataset or Dataset()
    for doc in docs:
        dataset.problems.extend(doc.problems)
        if not doc.problems:
            _check_shapes(doc, dataset)
        for kind, key in doc.lost:
            dataset.lost[kind].setdefault(key, doc.file)
    check_references(dataset, articles_dir)
    dataset.problems.sort(key=listing_order)
    return dataset


@dataclass
class _Tally:
    """Problems listed for one file so far, and how many went unlisted from which line on."""
    listed: int = 0
    unlisted: int = 0
    first_line: int = 0

    def skip(self, count: int, line: int) -> None:
        self.first_line = self.first_line or line
        self.unlisted += count


def _check_shapes(doc: Document, dataset: Dataset) -> None:
    """Check the records of one parsed file: valid ones go to dataset.records, the others' problems to its list."""
    value = doc.value
    if value is None:
        dataset.problems.append(Problem(doc.file, 1, "empty-file", "the file holds no records",
                                        severity="warning"))
        return
    if not isinstance(value, dict):
        dataset.problems.append(Problem(doc.file, doc.line_of(()), "bad-file",
                                        "a data file must be a mapping with any of the lists "
                                        + ", ".join(f"'{k}:'" for k in r.RECORD_KINDS)))
        return
    tally = _Tally()
    for key, items in value.items():
        if key not in r.MODELS:
            dataset.problems.append(Problem(doc.file, doc.line_of((key,)), "unknown-field",
                                            f"unknown list '{key}'{_did_you_mean(key, r.RECORD_KINDS)}; "
                                            "a data file holds " + ", ".join(r.RECORD_KINDS)))
            meant = difflib.get_close_matches(str(key), r.RECORD_KINDS, n=1, cutoff=0.6)
            if meant and isinstance(items, list):
                dataset.rejected[meant[0]].extend(items)
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            dataset.problems.append(Problem(doc.file, doc.line_of((key,)), "bad-type",
                                            f"'{key}' must be a list of records, each starting with '- '"))
            continue
        for index, item in enumerate(items):
            _check_record(doc, key, index, item, dataset, tally)
    if tally.unlisted:
        count = tally.unlisted
        dataset.problems.append(Problem(
            doc.file, tally.first_line, "too-many-problems",
            f"{count:,} more problem{'s' if count != 1 else ''} from this line on {'are' if count != 1 else 'is'} "
            f"not listed (the first {MAX_LISTED} are); fix those and check again"))


def _check_record(doc: Document, kind: str, index: int, item: object, dataset: Dataset,
                  tally: _Tally | None = None) -> None:
    """Keep item as a valid record, or list its problems (only count them once its file has too many)."""
    model = r.MODELS[kind]
    path = (kind, index)
    tally = tally if tally is not None else _Tally()
    try:
        record = model.model_validate(item)
    except ValidationError as err:
        dataset.rejected[kind].append(item)
        errors = err.errors(include_url=False, include_context=True)
        room = MAX_LISTED - tally.listed
        # The problems past the cap are counted, not explained: one record may hold 100,000 unknown keys.
        shown = _one_per_mistake(errors[:room], model) if room > 0 else []
        for error in shown:
            loc = path + tuple(error["loc"])
            in_braces = loc[:-1] in doc.flow
            dataset.problems.append(Problem(doc.file, doc.line_of(loc), *_explain(error, model, in_braces)))
            tally.listed += 1
        if len(errors) > max(room, 0):
            rest = errors[max(room, 0):]
            tally.skip(len(rest), doc.line_of(path + tuple(rest[0]["loc"])))
        return
    dataset.records[kind].append(Located(kind, record, doc.file, doc.line_of(path), doc, path))


def _one_per_mistake(errors: list[dict], model: type[BaseModel]) -> list[dict]:
    """Errors without 'required field x is missing' where an unknown field next to it is a misspelt x."""
    meant = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            close = difflib.get_close_matches(str(loc[-1]), _field_names(_model_at(model, loc)), n=1, cutoff=0.6)
            meant.update((loc[:-1] + (name,)) for name in close)
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in meant)]


def _field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel]:
    """The model class that owns the last element of a pydantic error location."""
    current = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = next((i for n, i in current.model_fields.items() if (i.alias or n) == part), None)
        if info is None:
            break
        inner = _inner_model(info.annotation)
        if inner is None:
            break
        current = inner
    return current


def _inner_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found:
            return found
    return None


def _did_you_mean(word: str, options) -> str:
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def _explain(error: dict, model: type[BaseModel], in_braces: bool = False) -> tuple[str, str]:
    """A stable code and a curator-friendly message for one pydantic error (in_braces: in a {...} mapping)."""
    kind, loc = error["type"], tuple(error["loc"])
    name = ".".join(str(p) for p in loc if not isinstance(p, int)) or "record"
    where = _field_label(loc)
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        fields = _field_names(owner)
        if in_braces and str(loc[-1])[:1].isdigit():
            # `{count: 1,000}`: inside { } a comma separates fields, so '000' became a field name.
            return "unknown-field", (f"unknown field '{loc[-1]}'; inside {{ }} a comma separates fields, "
                                     "so write numbers without commas (1000, not 1,000) "
                                     "and put text that contains a comma in quotes")
        return "unknown-field", (f"unknown field '{loc[-1]}'{_did_you_mean(loc[-1], fields)}; "
                                 f"allowed here: {', '.join(fields)}")
    if kind == "missing":
        return "missing-field", f"required field '{loc[-1]}' is missing"
    if kind == "literal_error":
        expected = [c.strip().strip("'") for c in error["ctx"]["expected"].replace(" or ", ", ").split(",")]
        got = error.get("input")
        hint = _did_you_mean(got, expected) if isinstance(got, str) else ""
        return "bad-choice", f"{where} must be one of: {', '.join(expected)}; got {_show(got)}{hint}"
    if kind in ("list_type",):
        return "bad-type", f"{where} must be a list, like [a, b] or one '- item' per line; got {_show(error.get('input'))}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "bad-type", f"{where} must be a mapping of fields (key: value); got {_show(error.get('input'))}"
    if kind == "too_short":
        need = error["ctx"].get("min_length", 1)
        return "too-few", f"{where} must list at least {need} item{'s' if need != 1 else ''}"
    if kind in ("string_type",):
        return "bad-type", f"{where} must be text; got {_show(error.get('input'))}"
    message = error["msg"]
    if loc and isinstance(loc[-1], int):  # a rule over a whole list item: the line names the item
        return kind if "-" in kind else kind.replace("_", "-"), message
    return kind if "-" in kind else kind.replace("_", "-"), f"{where}: {message}"


def _field_label(loc: tuple) -> str:
    names = [str(p) for p in loc if not isinstance(p, int)]
    return f"'{names[-1]}'" if names else "record"


def _show(value: object) -> str:
    if value is None:
        return "a blank value"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)

"""Shape checks: each record of a parsed file against its model, pydantic's errors in a curator's words."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from swapwatch import records as r
from swapwatch.dataset import Dataset, Located
from swapwatch.problems import MAX_LISTED, Problem
from swapwatch.yamlsource import Document


@dataclass
class _Tally:
    """Problems listed for one file so far, and how many went unlisted from which line on."""
    listed: int = 0
    unlisted: int = 0
    first_line: int = 0

    def skip(self, count: int, line: int) -> None:
        self.first_line = self.first_line or line
        self.unlisted += count


def check_shapes(doc: Document, dataset: Dataset) -> None:
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

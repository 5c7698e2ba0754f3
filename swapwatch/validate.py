"""Validation of a data folder: its files found and read, their records shape-checked and cross-checked.

A record with a problem is left out of the result (and its problem listed); every other record is
kept, so one curator's typo never hides the rest of the data.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from swapwatch import lostids
from swapwatch.crossref import check_references
from swapwatch.dataset import Dataset
from swapwatch.shapes import check_shapes
from swapwatch.yamlsource import BAD_NAME_MESSAGE, Document, Problem, listing_order, read_bounded, read_yaml


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
        doc = unread(path, name)
        if doc is None:
            doc = read_yaml(path, name)
            if lostids.thrown_out(doc):
                doc.lost = _lost_ids(path)
        docs.append(doc)
    return validate_documents(docs, articles_dir, dataset)


def _lost_ids(path: Path) -> tuple[tuple[str, str], ...]:
    try:
        return lostids.scan(read_bounded(path))
    except Exception:  # too large, or gone since: its problem says so, and no ids are known
        return ()


def unread(path: Path, name: str) -> Document | None:
    """The document of a file that is listed but must not be read (a name that is not UTF-8, an editor's
    leftover), else None."""
    if "\ufffd" in name and "\ufffd" not in os.fsdecode(path):
        # The dashboard finds a file again by its shown name, which this one cannot have: refuse it here too.
        return Document(name, problems=[Problem(name, 1, "bad-file-name", BAD_NAME_MESSAGE)])
    return ignored(name) if leftover(path.name) else None


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
            check_shapes(doc, dataset)
        for kind, key in doc.lost:
            dataset.lost[kind].setdefault(key, doc.file)
    check_references(dataset, articles_dir)
    dataset.problems.sort(key=listing_order)
    return dataset

"""The on-disk cache that makes a restart fast: the loaded database and what the checks found, per data folder.

An entry is only used when everything it was built from is unchanged: the code (every module and
SQL file, the library versions), the data folder, the working folder, the article list, and every
data file (name, size, modification and change time, inode; a file changed too recently to tell by
its times alone is compared by content hash, as git does for "racily clean" files). Anything
unreadable, truncated or of another format is ignored (and rebuilt), never trusted.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import shutil
import sys
import time
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from swapwatch import PROJECT_DIR

FORMAT = 3  # 3: legs hold estimates; events their series, actors and reported totals
KEEP_ENTRIES = 1
# A file whose times are this close to when it was read may change again within the same clock tick.
RACY_NS = 2_000_000_000
_LIBRARIES = ("duckdb", "pydantic", "pydantic_core", "PyYAML", "pycountry", "pyarrow", "pandas")


def cache_root() -> Path | None:
    """$SWAPWATCH_CACHE, or .cache/swapwatch in the project; None when set to 'off'."""
    value = os.environ.get("SWAPWATCH_CACHE", "").strip()
    if value.lower() in ("off", "0", "no", "false"):
        return None
    return Path(value).expanduser() if value else PROJECT_DIR / ".cache" / "swapwatch"


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of everything that decides what a data folder loads as: code, SQL, library versions."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    for lib in _LIBRARIES:
        try:
            digest.update(f"{lib}={importlib.metadata.version(lib)};".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{lib}=?;".encode())
    for folder, pattern in ((PROJECT_DIR / "swapwatch", "*.py"), (PROJECT_DIR / "queries", "**/*.sql")):
        for path in sorted(folder.glob(pattern)):
            digest.update(str(path.relative_to(PROJECT_DIR)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def entry_key(data_dir: Path, articles_dir: Path | None, articles: set[str] | None) -> str:
    """The key of a data folder's cache entry (the code version included)."""
    parts = [code_version(), str(Path(data_dir).resolve()), os.getcwd(), str(articles_dir),
             "\n".join(sorted(articles)) if articles is not None else "-"]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def file_stamp(info: os.stat_result) -> tuple:
    """What tells a file version apart without reading it."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def is_racy(stamp: tuple, read_ns: int) -> bool:
    """Whether a change within the same clock tick as the read could have left the stamp unchanged."""
    times = [t for t in stamp[1:3] if t is not None]  # modification and change times
    return not times or read_ns - max(times) < RACY_NS


@dataclass
class Head:
    """The small part of an entry, read at every start: file versions, problems, and checksums."""
    key: str
    files: dict[str, tuple]                     # name -> (stamp, sha, racy)
    state: dict = field(default_factory=dict)    # what the store needs at once (problems per file, times)
    db_sha: str = ""
    parts: dict[str, str] = field(default_factory=dict)  # other files of the entry -> their sha256
    format: int = FORMAT


def _sha_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


_SWEPT: set[Path] = set()
UNUSED_DAYS, MOST_FOLDERS = 1, 16


def _sweep(root: Path, keep: Path) -> None:
    """Remove the entries of data folders not loaded for a day, and all but the most recent few
    (once per process and cache root)."""
    if root in _SWEPT:
        return
    _SWEPT.add(root)
    used = []
    for folder in root.iterdir():
        try:
            if folder != keep and (folder / "current").is_file():
                used.append(((folder / "current").stat().st_mtime, folder))
        except OSError:
            continue
    used.sort(reverse=True)
    for n, (when, folder) in enumerate(used):
        if n >= MOST_FOLDERS - 1 or time.time() - when > UNUSED_DAYS * 86400:
            shutil.rmtree(folder, ignore_errors=True)


class Cache:
    """One data folder's entries under the cache root, and the per-file blobs they share."""

    def __init__(self, root: Path, key: str):
        self.folder = root / key[:24]
        self.blobs = self.folder / "blobs"
        self.key = key

    def begin(self) -> Path:
        """A new, not yet visible entry folder to fill."""
        self.blobs.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"entry-{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
        tmp.mkdir()
        return tmp

    def has_blob(self, name: str) -> bool:
        """Whether a per-file blob of this name is stored."""
        return (self.blobs / name).is_file()

    def put_blob(self, name: str, data: bytes) -> None:
        """Store a per-file blob (it carries its own checksum)."""
        _write_atomic(self.blobs / name, hashlib.sha256(data).digest() + data)

    def get_blob(self, name: str) -> bytes:
        """A blob's data; ValueError if it is damaged."""
        raw = (self.blobs / name).read_bytes()
        if hashlib.sha256(raw[32:]).digest() != raw[:32]:
            raise ValueError(f"cache blob {name} is damaged")
        return raw[32:]

    def commit(self, tmp: Path, head: Head, parts: dict[str, bytes]) -> None:
        """Finish an entry (its db.duckdb already copied in) and make it the current one, atomically."""
        try:
            for name, data in parts.items():
                (tmp / name).write_bytes(data)
                head.parts[name] = hashlib.sha256(data).hexdigest()
            head.db_sha = _sha_file(tmp / "db.duckdb")
            (tmp / "head.pickle").write_bytes(pickle.dumps(head, protocol=pickle.HIGHEST_PROTOCOL))
            entry = tmp.with_suffix("")
            tmp.rename(entry)
            _write_atomic(self.folder / "current", entry.name.encode())
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self._prune(entry.name, head)
        _sweep(self.folder.parent, keep=self.folder)

    def _prune(self, keep: str, head: Head) -> None:
        entries = sorted((p for p in self.folder.glob("entry-*") if p.name != keep and p.suffix != ".tmp"),
                         key=lambda p: p.name)
        for old in entries[: max(0, len(entries) - (KEEP_ENTRIES - 1))]:
            shutil.rmtree(old, ignore_errors=True)
        used = set(head.state.get("blobs", {}).values())
        for path in list(self.folder.glob("*.tmp")) + list(self.blobs.glob("*")):
            try:  # unused blobs go after a while (a store started from an older entry may still want them)
                if path.name in used or time.time() - path.stat().st_mtime < 3600:
                    continue
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink()
            except OSError:
                continue

    def read_head(self) -> tuple[Head, Path] | None:
        """The current entry's head and folder, or None if there is none that can be trusted."""
        try:
            entry = self.folder / (self.folder / "current").read_text().strip()
            head = pickle.loads((entry / "head.pickle").read_bytes())
        except Exception:
            return None
        if not isinstance(head, Head) or head.format != FORMAT or head.key != self.key:
            return None
        return head, entry

    def copy_db(self, head: Head, entry: Path, target: Path) -> bool:
        """Copy the entry's database to target if it is intact."""
        try:
            shutil.copyfile(entry / "db.duckdb", target)
            return _sha_file(target) == head.db_sha
        except OSError:
            return False

    @staticmethod
    def read_part(head: Head, entry: Path, name: str) -> bytes:
        """One of the entry's other files; ValueError if it is damaged."""
        raw = (entry / name).read_bytes()
        if hashlib.sha256(raw).hexdigest() != head.parts.get(name):
            raise ValueError(f"cache file {name} is damaged")
        return raw

"""The files of a data folder: listed cheaply enough to check on every query, and read one by one."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from swapwatch.live import cache
from swapwatch.live.analyse import read_file
from swapwatch.validate import data_files, display_name
from swapwatch.yamlsource import Document


def read_yaml(path: Path, name: str | None = None) -> Document:
    """Read one data file as yamlsource.read_yaml does; the document also carries the bytes read (`raw`)."""
    doc, raw = read_file(path, name or str(path))
    doc.raw = raw
    return doc


class Listing:
    """validate.data_files of a folder, listed again only when a folder in it changed (or a second passed)."""

    def __init__(self, folder: Path):
        self.folder, self.files, self.folders, self.at = folder, [], {}, -1e9

    def get(self) -> list[Path]:
        """The data files, sorted as data_files sorts them."""
        now = time.monotonic()
        if now - self.at < 1.0 and self.folders == self._times(self.folders):
            return self.files
        seen = self._times([self.folder] + [Path(d) for d, _, _ in os.walk(self.folder)])
        self.files = data_files(self.folder) if self.folder.is_dir() else []
        self.folders, self.at = seen, now
        return self.files

    @staticmethod
    def _times(folders) -> dict[Path, int | None]:
        found = {}
        for folder in folders:
            try:
                found[folder] = os.stat(folder).st_mtime_ns
            except OSError:
                found[folder] = None
        return found


class Folder:
    """A data folder as a store looks at it: the stamp of its files, and the path of each name shown."""

    def __init__(self, folder: Path):
        self.listing = Listing(folder)
        self._names: dict[Path, str] = {}
        self._paths: dict[str, Path] = {}
        self._recent: tuple[float, tuple] | None = None  # (when, stamp): the latest stamp taken, for recent_stamp
        self._recent_lock = threading.Lock()

    def stamp(self) -> tuple:
        """Name, size, times and inode of every data file: changes whenever a file does."""
        entries = []
        for path in self.listing.get():
            name = self._names.get(path)
            if name is None:
                name = self._names[path] = display_name(path)
                self._paths[name] = path
            try:
                entries.append((name,) + cache.file_stamp(path.stat()))
            except OSError as err:  # a broken or looping link: listed, so that reading it names the problem
                entries.append((name, None, None, None, f"stat failed: {err.errno}"))
        return tuple(entries)

    def fresh_stamp(self) -> tuple:
        """The stamp as stamp() gives it, kept as the freshest look for recent_stamp."""
        stamp = self.stamp()
        self._recent = (time.monotonic(), stamp)
        return stamp

    def recent_stamp(self, max_age: float) -> tuple:
        """The stamp as stamp() gives it, or as it was taken less than `max_age` seconds ago (a thread asking
        while another looks waits for that look)."""
        with self._recent_lock:
            now = time.monotonic()
            if self._recent is None or now - self._recent[0] >= max_age:
                self._recent = (now, self.stamp())
            return self._recent[1]

    def path(self, name: str) -> Path:
        """The file shown under this name."""
        return self._paths.get(name) or (Path(name) if Path(name).is_absolute() else Path.cwd() / name)

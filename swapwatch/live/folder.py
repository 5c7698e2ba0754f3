"""The files of a data folder, listed cheaply enough to check on every query."""

from __future__ import annotations

import os
import time
from pathlib import Path

from swapwatch.validate import data_files


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

"""Settings read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

from swapwatch import DEFAULT_DATA_DIR


def data_dir() -> Path:
    """The data folder: $SWAPWATCH_DATA, or the shipped data/ folder."""
    value = os.environ.get("SWAPWATCH_DATA", "").strip()
    return Path(value).expanduser() if value else DEFAULT_DATA_DIR

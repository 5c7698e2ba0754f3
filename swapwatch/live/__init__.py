"""The live data folder behind one class, Store: a parallel first load, restarts from the cache, edits applied
file by file (see store.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from swapwatch.live.store import Store

__all__ = ["Store"]


def __getattr__(name: str):
    # Imported when first asked for, not with the package: a worker process (python -m
    # swapwatch.live.parallel) and the plain load use parts of this package without the store's machinery.
    if name == "Store":
        from swapwatch.live.store import Store
        return Store
    raise AttributeError(f"module 'swapwatch.live' has no attribute {name!r}")

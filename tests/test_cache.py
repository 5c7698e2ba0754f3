"""The on-disk cache: a restart with unchanged files starts from it, and nothing changed is ever served from it."""

import os
import shutil

import pytest

from swapwatch.live import cache
from swapwatch.live import parallel
from swapwatch.live import storecache
from swapwatch.live import Store
from swapwatch.load import load_dataset
from tests.conftest import GOOD_DIR
from tests.test_crossindex import listed, rows


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SWAPWATCH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(storecache, "MIN_BYTES", 0)  # the fixture is tiny; cache it all the same
    data = tmp_path / "data"
    shutil.copytree(GOOD_DIR, data)
    return data


def started(folder):
    """A new store's database (as after a restart), with every cache write finished."""
    store = Store(folder, articles_dir=None)
    database = store.database()
    store.cache.flush()
    return store, database


def test_a_restart_with_unchanged_files_starts_warm_with_the_same_database(folder):
    first, cold = started(folder)
    second, warm = started(folder)
    assert (first.last_load, second.last_load) == ("cold", "warm")
    assert rows(warm.con) == rows(cold.con)
    assert listed(warm.dataset.problems) == listed(cold.dataset.problems)
    assert {k: len(v) for k, v in warm.dataset.records.items()} == {k: len(v) for k, v in cold.dataset.records.items()}


def test_a_file_edited_after_the_cache_was_written_is_read_again(folder):
    started(folder)
    path = folder / "events.yaml"
    path.write_text(path.read_text().replace("title: ", "title: Edited ", 1))
    store, database = started(folder)
    assert store.last_load in ("warm+reload", "cold")
    assert rows(database.con) == rows(load_dataset(folder, articles_dir=None).con)


def test_a_file_rewritten_with_its_old_size_and_time_is_still_seen(folder):
    started(folder)
    path = folder / "events.yaml"
    before = path.stat()
    text = path.read_text()
    path.write_text(text.replace("title: ", "titlE: ", 1))  # same size; then the old modification time back
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    store, database = started(folder)
    assert any(p.code == "unknown-field" for p in database.dataset.problems)


def test_a_file_changed_too_recently_to_tell_by_its_times_is_compared_by_content(folder, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 10**18)  # every file counts as just written
    monkeypatch.setattr(cache, "file_stamp", lambda info: (info.st_size, info.st_mtime_ns))  # a coarse file system
    started(folder)
    path = folder / "events.yaml"
    before = path.stat()
    path.write_text(path.read_text().replace("title: ", "titlE: ", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    store, database = started(folder)
    assert any(p.code == "unknown-field" for p in database.dataset.problems)


@pytest.mark.parametrize("damage", ["db.duckdb", "head.pickle", "settled.pickle", "current"])
def test_a_damaged_cache_is_ignored_and_rebuilt(folder, tmp_path, damage):
    _, cold = started(folder)
    entries = tmp_path / "cache"
    target = next(entries.rglob(damage))
    target.write_bytes(target.read_bytes()[: len(target.read_bytes()) // 2] + b"garbage")
    path = folder / "events.yaml"
    path.write_text(path.read_text().replace("title: ", "title: Edited ", 1))  # needs the index, not only the head
    store, database = started(folder)
    assert rows(database.con) == rows(load_dataset(folder, articles_dir=None).con)


def test_new_code_does_not_use_a_cache_written_by_old_code(folder, monkeypatch):
    started(folder)
    monkeypatch.setattr(cache, "code_version", lambda: "another version of the code")
    store, _ = started(folder)
    assert store.last_load == "cold"


def test_a_small_folder_is_kept_in_memory_and_not_cached(folder, monkeypatch):
    monkeypatch.setattr(storecache, "MIN_BYTES", 10**9)
    first, _ = started(folder)
    second, _ = started(folder)
    assert (first.last_load, second.last_load, second.live_path) == ("cold", "cold", None)


def test_with_the_cache_off_the_database_is_kept_in_memory(folder, monkeypatch):
    monkeypatch.setenv("SWAPWATCH_CACHE", "off")
    first, _ = started(folder)
    second, _ = started(folder)
    assert (first.last_load, second.last_load, second.live_path) == ("cold", "cold", None)


def test_a_file_showing_its_last_good_version_keeps_the_cache_from_being_written(folder):
    store, _ = started(folder)
    path = folder / "events.yaml"
    path.write_text(path.read_text().replace("events:", "events: [", 1))
    assert any(p.code == "showing-last-good-version" for p in store.database().dataset.problems)
    store.cache.flush()
    restarted, database = started(folder)
    assert restarted.last_load in ("warm+reload", "cold")
    assert listed(database.dataset.problems) == listed(load_dataset(folder, articles_dir=None).dataset.problems)


def test_files_analysed_by_worker_processes_load_exactly_as_in_one_process(folder, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(parallel, "BATCH_BYTES", 1)
    monkeypatch.setenv("SWAPWATCH_WORKERS", "2")
    monkeypatch.setenv("SWAPWATCH_CACHE", "off")
    store, database = started(folder)
    assert rows(database.con) == rows(load_dataset(folder, articles_dir=None).con)

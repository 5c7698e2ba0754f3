"""Shared fixtures: the tiny good dataset loaded into a fresh in-memory database."""

from pathlib import Path

import pytest

from swapwatch.load import load_dataset

TESTS_DIR = Path(__file__).resolve().parent
GOOD_DIR = TESTS_DIR / "data" / "good"
BAD_DIR = TESTS_DIR / "data" / "bad"
PROJECT_DIR = TESTS_DIR.parent


def allowed_fields(model) -> str:
    """The fields an unknown-field message lists for a record type, in the model's order (records.py)."""
    return ", ".join(field.alias or name for name, field in model.model_fields.items())

@pytest.fixture(scope="session")
def good_db():
    """A database loaded from tests/data/good (read-only: do not modify it in a test)."""
    return load_dataset(GOOD_DIR, articles_dir=None)


@pytest.fixture(scope="session")
def shipped_db():
    """A database loaded from the shipped data/ folder."""
    return load_dataset(PROJECT_DIR / "data")


@pytest.fixture(autouse=True)
def _sign_in_off_unless_a_test_asks(monkeypatch):
    """Tests see the dashboard as shipped (no sign-in), even on a machine whose secrets turn it on."""
    monkeypatch.setenv("SWAPWATCH_AUTH", "off")

"""SwapWatch: a briefing dashboard of prisoner exchanges and the diplomacy around them."""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_DIR / "data"
QUERIES_DIR = PROJECT_DIR / "queries"
ARTICLES_DIR = PROJECT_DIR.parent / "shared" / "sources" / "articles"

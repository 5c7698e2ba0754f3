"""Deep links without 404s: each page's address serves Streamlit's page, telling it where its server is.

Opened at `/exchanges`, Streamlit's front end does not know whether `/exchanges` is a page or the
address the app is served under, so it first asks `/exchanges/_stcore/health` and `/host-config`,
gets 404s, and falls back to `/` (streamlit/streamlit#7074). Answering those two with 200 would be
wrong: the front end would then take `/exchanges` as the app's base and open the default page.
Instead the page addresses serve the same index.html with `window.__streamlit.BACKEND_BASE_URL`
(the front end's documented setting for where the server is) set to the app's root, so it asks
the root's health and host-config only, as on a link to `/`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

PAGES_DIR = Path(__file__).resolve().parent.parent / "views"
MARK = "<head>"


def page_paths(pages_dir: Path = PAGES_DIR) -> list[str]:
    """The URL path of every page (st.Page takes it from the file's name), e.g. `exchanges`."""
    return sorted(path.stem for path in pages_dir.glob("*.py") if not path.stem.startswith("_"))


def base_setting(base_url_path: str) -> str:
    """The script that tells the front end its server is at the app's root (under server.baseUrlPath)."""
    base = base_url_path.strip("/")
    root = f'window.location.origin + "/{base}"' if base else "window.location.origin"
    return f"<script>window.__streamlit = {{BACKEND_BASE_URL: {root}}};</script>"


@cache
def _index_html() -> str:
    from streamlit import file_util

    return (Path(file_util.get_static_dir()) / "index.html").read_text(encoding="utf-8")


def with_base_setting(index_html: str, base_url_path: str) -> str:
    """index.html with the base setting first in its head (before the app's own script reads it)."""
    if MARK not in index_html:
        raise ValueError("Streamlit's index.html has no <head>: the deep-link setting cannot go in")
    return index_html.replace(MARK, MARK + base_setting(base_url_path), 1)


def page(request: Request) -> HTMLResponse:
    """A page's address: Streamlit's index.html, told where the server is."""
    from streamlit import config

    body = with_base_setting(_index_html(), config.get_option("server.baseUrlPath") or "")
    return HTMLResponse(body, headers={"Cache-Control": "no-cache"})


def routes(pages_dir: Path = PAGES_DIR) -> list[Route]:
    """A route for every page's address (`/exchanges`; the dashboard's own links have no trailing slash)."""
    return [Route(f"/{name}", page, methods=["GET"]) for name in page_paths(pages_dir)]

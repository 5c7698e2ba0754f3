"""Take the README's screenshots: every page on the shipped data, in Chromium, offline.

Usage: .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
Starts its own server on a free port and stops it afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, Server, wait_for_app  # noqa: E402

SHOTS = {
    "overview": "/",
    "exchanges": "/exchanges?kind=exchange",
    "people": "/people?custody=exchanged",
    "quotes": "/quotes?q=exchange",
    "map": "/map?measure=released",
    "sources": "/sources",
    "health": "/health",
    "presenter": "/?kind=exchange&present=1",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    copy = Path(tempfile.mkdtemp()) / "data"
    shutil.copytree(PROJECT_DIR / "data", copy)
    server = Server(copy)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            context = browser.new_context(viewport={"width": 1440, "height": 1000})
            context.route("**/*", lambda route: route.continue_() if "localhost" in route.request.url
                          else route.abort())
            for name, path in SHOTS.items():
                page = context.new_page()
                page.goto(server.url + path)
                wait_for_app(page)
                page.wait_for_timeout(1500)  # let charts finish their transitions
                page.screenshot(path=args.out / f"{name}.png")
                page.close()
                print(f"{args.out / (name + '.png')}")
            browser.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

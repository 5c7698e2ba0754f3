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

DESKTOP, PROJECTOR, WALL = {"width": 1440, "height": 1000}, {"width": 1280, "height": 720}, {"width": 1920, "height": 1080}
# name -> (path, viewport)
SHOTS = {
    "overview": ("/", DESKTOP),
    "exchanges": ("/exchanges?kind=exchange", DESKTOP),
    "people": ("/people?custody=exchanged&profile=evan-gershkovich", DESKTOP),
    "quotes": ("/quotes?q=exchange", DESKTOP),
    "map": ("/map?measure=released", DESKTOP),
    "sources": ("/sources", DESKTOP),
    "health": ("/health", DESKTOP),
    "presenter": ("/exchanges?kind=exchange&present=1", PROJECTOR),  # a 720p projector
    "presenter-map-dark": ("/map?kind=exchange&present=1&theme=dark", PROJECTOR),
    "presenter-wall": ("/?kind=exchange&present=1", WALL),
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
            for name, (path, viewport) in SHOTS.items():
                context = browser.new_context(viewport=viewport)
                context.route("**/*", lambda route: route.continue_() if "localhost" in route.request.url
                              else route.abort())
                page = context.new_page()
                page.goto(server.url + path)
                wait_for_app(page)
                page.wait_for_timeout(1500)  # let charts finish their transitions
                page.screenshot(path=args.out / f"{name}.png")
                context.close()
                print(f"{args.out / (name + '.png')}")
            browser.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""python -m tests.load: the full load test against a fresh server on a copy of the shipped data."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from tests.browser.conftest import Server
from tests.conftest import PROJECT_DIR
from tests.load import run_load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.load", description=__doc__)
    parser.add_argument("--sessions", type=int, default=25, help="concurrent sessions (default 25)")
    parser.add_argument("--seconds", type=float, default=60, help="how long they change filters (default 60)")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds a session waits before each change (default 0: saturate the server)")
    parser.add_argument("--reruns", type=int, default=500, help="consecutive reruns for the memory check")
    parser.add_argument("--data", type=Path, default=PROJECT_DIR / "data", help="data folder to copy")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(args.data, data_dir)
        server = Server(data_dir)
        try:
            report = run_load(server.url, server.process.pid, data_dir, args.sessions, args.seconds, args.reruns,
                              think=args.think)
        finally:
            server.stop()
    summary = report.summary()
    for key, value in summary.items():
        print(f"{key:28} {value}")
    for error in report.errors[:20]:
        print("ERROR", error)
    print(json.dumps(summary))
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())

"""python -m tests.load: a room at once beside a peer, then the load test with a curator's edits, then the
memory check, against fresh servers on a copy of the shipped data.

1. A room at once (tests/load/room.py): SwapWatch and Datasette serving the same tables take turns
   (ours, peer, ours, peer): `--sessions` clients changing filters for `--room-seconds`; as many opening
   the same link at once; as many idle tabs for `--idle-seconds`. Each window's figures, then the two side
   by side with the peer's ratio to ours.
2. The load test: `--sessions` sessions change filters for `--seconds` while a curator edits a record;
   every figure checked.
3. The memory check: `--reruns` consecutive reruns in one session.

`--compare NAME='STREAMLIT OPTIONS'` and `--baseline GIT-REF` add SwapWatch servers to step 1 (another
configuration, the code of another commit), so a change is measured side by side with what it changes.
`--replicas N` runs step 1 against N replicas behind nginx (swapwatch/replicas.py) beside one server.
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from swapwatch.load import load_dataset
from tests.browser.conftest import Server
from tests.conftest import PROJECT_DIR
from tests.load import Expectations, run_load
from tests.load.room import PHASES, Datasette, SwapWatch, run_room, side_by_side


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=25, help="concurrent sessions (default 25)")
    parser.add_argument("--room-seconds", type=float, default=20,
                        help="each window of sessions changing filters, in step 1 (default 20)")
    parser.add_argument("--idle-seconds", type=float, default=20, help="each window of idle tabs (default 20; 0: none)")
    parser.add_argument("--rounds", type=int, default=2, help="windows of each server per phase (default 2)")
    parser.add_argument("--phases", default=",".join(PHASES),
                        help=f"step 1's phases, in this order (default {','.join(PHASES)})")
    parser.add_argument("--no-peer", action="store_true", help="leave Datasette out of step 1")
    parser.add_argument("--compare", action="append", default=[], metavar="NAME=OPTIONS",
                        help="another SwapWatch server in step 1, started with these `streamlit run` options")
    parser.add_argument("--baseline", metavar="GIT-REF", help="another SwapWatch server in step 1, on this commit's code")
    parser.add_argument("--replicas", default="",
                        help="step 1 also against replicas behind nginx (make serve): a number, or several (1,2)")
    parser.add_argument("--seconds", type=float, default=60, help="the load test with edits, step 2 (default 60; 0: skip)")
    parser.add_argument("--think", type=float, default=0.0,
                        help="step 2: mean seconds a session waits before each change (default 0: saturate the server)")
    parser.add_argument("--reruns", type=int, default=500, help="consecutive reruns for the memory check (0: skip)")
    parser.add_argument("--data", type=Path, default=PROJECT_DIR / "data", help="data folder to copy")
    args = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data_dir = tmp / "data"
        shutil.copytree(args.data, data_dir)
        if args.room_seconds:
            failed |= room(args, tmp, data_dir)
        if args.seconds or args.reruns:
            failed |= load_and_memory(args, data_dir)
    return 1 if failed else 0


def room(args, tmp: Path, data_dir: Path) -> bool:
    """Step 1; True if a window had errors."""
    expectations = Expectations(data_dir)
    started, targets = [], []
    try:
        server = Server(data_dir)
        started.append(server)
        targets.append(SwapWatch("swapwatch", server.url, [server.process.pid], expectations))
        for spec in args.compare:
            name, _, options = spec.partition("=")
            other = Server(data_dir, args=tuple(shlex.split(options)))
            started.append(other)
            targets.append(SwapWatch(name, other.url, [other.process.pid], expectations))
        if args.baseline:
            code = tmp / "baseline"
            code.mkdir()
            archive = subprocess.run(["git", "archive", args.baseline], cwd=PROJECT_DIR, check=True,
                                     capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
            other = Server(data_dir, project_dir=code)
            started.append(other)
            targets.append(SwapWatch(f"baseline-{args.baseline}", other.url, [other.process.pid], expectations))
        for count in (int(n) for n in args.replicas.split(",") if n):
            from swapwatch.replicas import ReplicaSet

            replicas = ReplicaSet(count, data_dir, tmp / f"replicas-{count}", auth="off")
            started.append(replicas)
            targets.append(SwapWatch(f"{count}-replicas", replicas.url, replicas.pids(), expectations))
        if not args.no_peer:
            peer = Datasette(load_dataset(data_dir), tmp)
            started.append(peer)
            targets.append(peer)
        phases = tuple(phase for phase in args.phases.split(",") if phase)
        unknown = set(phases) - set(PHASES)
        if unknown:
            raise SystemExit(f"--phases: not a phase: {', '.join(sorted(unknown))} (phases: {', '.join(PHASES)})")
        windows = run_room(targets, args.sessions, args.room_seconds, args.idle_seconds, args.rounds, phases=phases)
    finally:
        for process in reversed(started):
            process.stop()
    print(f"\nA room at once: {args.sessions} sessions; every window's figure, then (xN) the median's ratio to "
          "swapwatch's")
    print(side_by_side(windows, "swapwatch"))
    errors = [error for window in windows for error in window.errors]
    for error in errors[:20]:
        print("ERROR", error)
    print(json.dumps([window.figures() for window in windows]))
    return bool(errors)


def load_and_memory(args, data_dir: Path) -> bool:
    """Steps 2 and 3; True if they had errors."""
    server = Server(data_dir)
    try:
        report = run_load(server.url, server.process.pid, data_dir, args.sessions, args.seconds, args.reruns,
                          think=args.think)
    finally:
        server.stop()
    summary = report.summary()
    for part, figures in summary.items():
        print(f"\n{part}")
        for key, value in figures.items():
            print(f"  {key:28} {value}")
    for error in report.errors[:20]:
        print("ERROR", error)
    print(json.dumps(summary))
    return bool(report.errors)


if __name__ == "__main__":
    sys.exit(main())

"""The bench's command line: python -m bench [run options] | python -m bench synth --events N --out DIR."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["synth"]:
        return synth(argv[1:])
    from bench.run import add_arguments, run

    parser = argparse.ArgumentParser(prog="python -m bench", description="measure loads, reloads, queries and "
                                     "page reruns against the targets (python -m bench synth: write synthetic data)")
    add_arguments(parser)
    return run(parser.parse_args(argv))


def synth(argv: list[str]) -> int:
    """Write a synthetic dataset in the real YAML format and print its counts as JSON."""
    from bench.synth import generate

    parser = argparse.ArgumentParser(prog="python -m bench synth", description=synth.__doc__)
    parser.add_argument("--events", type=int, required=True, help="how many events")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (its synth-*.yaml are replaced)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    args = parser.parse_args(argv)
    if args.events < 1:
        parser.error("--events must be at least 1")
    print(json.dumps(generate(args.events, args.out, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

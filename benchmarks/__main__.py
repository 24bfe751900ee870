"""`python -m benchmarks <suite> [--json] [...]`: run one benchmark suite (server, catalog, orders...).

A suite is the module `benchmarks.<suite>` with a `main(argv: list[str]) -> int`.
"""

from __future__ import annotations

import importlib
import re
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python -m benchmarks <suite> [--json] [suite options]   (e.g. server, catalog, orders)")
        return 0 if argv else 2
    suite = argv[0]
    if not re.fullmatch(r"[a-z][a-z0-9_]*", suite) or suite.startswith("_"):
        print(f"unknown suite: {suite}", file=sys.stderr)
        return 2
    try:
        module = importlib.import_module(f"benchmarks.{suite}")
    except ModuleNotFoundError as exc:
        if exc.name != f"benchmarks.{suite}":
            raise
        print(f"unknown suite: {suite}", file=sys.stderr)
        return 2
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())

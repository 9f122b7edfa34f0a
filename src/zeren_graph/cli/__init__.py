"""The ``zeren`` command line: thin wrappers that parse, call the library and print.

Each sub-command lives in its own module exposing ``register(subparsers)``;
the module's ``run(args)`` returns the exit code. Bad input or usage exits
with code 2 and a message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from zeren_graph import __version__
from zeren_graph.cli import _common, check, diff, draw, info, simulate, trace

__all__ = ["build_parser", "main"]

_COMMANDS = (info, check, trace, diff, draw, simulate)


def build_parser() -> argparse.ArgumentParser:
    """Build the ``zeren`` argument parser with every sub-command."""
    parser = _common.ZerenArgumentParser(
        prog="zeren",
        description="zeren_graph (责任图): check responsibility lists and simulate "
        "how pressure fades down a hierarchy.",
    )
    parser.add_argument("--version", action="version", version=f"zeren {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``zeren`` with ``argv`` (default: the process arguments); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    return _common.run_guarded(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

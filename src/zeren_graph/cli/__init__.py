"""The ``zeren`` command line: thin wrappers that parse, call the library and print.

Each sub-command lives in its own module exposing ``register(subparsers)``;
the module's ``run(args)`` returns the exit code. :func:`main` runs
everything — importing the sub-commands, parsing, the command itself — inside
one guard (:func:`zeren_graph.cli._guard.guard`): bad input or usage exits 2
with one message on stderr, Ctrl-C exits 130 with one line, a closed pipe on
stdout exits 141 quietly, never a traceback. The exit codes are listed in
``docs/errors.md``.

This module imports only the standard library at import time, so the window
in which a Ctrl-C could escape the guard is as short as possible.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from zeren_graph.cli import _common, _guard

__all__ = ["COMMANDS", "build_parser", "main"]

#: The sub-commands, in the order ``zeren --help`` lists them.
COMMANDS = ("info", "check", "convert", "trace", "diff", "draw", "simulate", "claims", "verify")


def build_parser() -> argparse.ArgumentParser:
    """Build the ``zeren`` argument parser with every sub-command.

    Every sub-command also takes ``--all-problems``: list every problem of a
    bad input, not only the first :data:`~zeren_graph.cli._guard.MAX_PROBLEMS`.

    Examples
    --------
    >>> args = build_parser().parse_args(["info", "清单.csv", "--all-problems"])
    >>> args.command, args.all_problems
    ('info', True)
    """
    from zeren_graph import __version__  # noqa: PLC0415

    parser = _common.ZerenArgumentParser(
        prog="zeren",
        description="zeren_graph (责任图): check responsibility lists and simulate "
        "how pressure fades down a hierarchy.",
    )
    parser.add_argument("--version", action="version", version=f"zeren {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        import_module(f"zeren_graph.cli.{name}").register(sub)
    for command in sub.choices.values():
        if "--all-problems" not in command._option_string_actions:
            command.add_argument(
                "--all-problems",
                action="store_true",
                help=f"list every problem of a bad input, not only the first "
                f"{_guard.MAX_PROBLEMS} (also: ZEREN_MAX_PROBLEMS=0)",
            )
    return parser


def _command(argv: Sequence[str]) -> str:
    """``zeren CMD`` for messages, guessed from ``argv`` before it is parsed."""
    for arg in argv:
        if not arg.startswith("-"):
            return f"zeren {arg}" if arg in COMMANDS else "zeren"
    return "zeren"


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``zeren`` with ``argv`` (default: the process arguments); return the exit code.

    Usage errors, ``--help`` and ``--version`` raise :class:`SystemExit`
    (code 2, 0 and 0), as :mod:`argparse` does.
    """
    _guard.reopen_closed_std_streams()
    if argv is None:  # the process is this command alone (console script, python -m)
        from zeren_graph._gc import own_process  # noqa: PLC0415

        own_process()
    args = list(sys.argv[1:] if argv is None else argv)

    def body() -> int:
        parsed = build_parser().parse_args(args)
        return int(parsed.func(parsed))

    return _guard.guard(body, command=_command(args), all_problems="--all-problems" in args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

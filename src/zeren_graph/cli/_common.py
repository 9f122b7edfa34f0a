"""Shared pieces of the sub-commands' argument parsers: the parser class, the model arguments.

The top-level guard every command runs in (exit codes, safe messages, the
standard streams) is :mod:`zeren_graph.cli._guard`; its names are re-exported
here for the modules and tests that import them from this one.

Examples
--------
>>> parser = ZerenArgumentParser(prog="zeren info")
>>> add_model_args(parser)
>>> args = parser.parse_args(["清单.csv", "--units", "单位.csv"])
>>> args.list, args.units
('清单.csv', '单位.csv')
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from zeren_graph.cli._guard import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PIPE,
    MAX_PROBLEMS,
    display,
    error_lines,
    guard,
    reopen_closed_std_streams,
    run_guarded,
)

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PIPE",
    "MAX_PROBLEMS",
    "ZerenArgumentParser",
    "add_model_args",
    "display",
    "error_lines",
    "guard",
    "reopen_closed_std_streams",
    "run_guarded",
]

#: Longest argparse usage message, in characters (it may echo an argument).
_USAGE_CHARS = 500


class ZerenArgumentParser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit 2 with a one-line, escaped message."""

    def error(self, message: str) -> NoReturn:
        """Print ``message`` (escaped, bounded) and the usage line on stderr, then exit 2."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {display(message, _USAGE_CHARS)}\n")


def add_model_args(parser: argparse.ArgumentParser, *, scope: bool = True) -> None:
    """Add the ``LIST``, ``--units`` and (unless ``scope`` is false) ``--scope`` arguments.

    ``zeren trace`` has a ``--scope`` of its own (the duty's unit), so it takes none here.
    """
    parser.add_argument(
        "list",
        metavar="LIST",
        help="responsibility list: .yaml/.yml/.json model, or a .csv/.xlsx/.xls/.docx flat list "
        "(in a Word document, its first table holding the list's columns)",
    )
    parser.add_argument(
        "--units",
        metavar="UNITS",
        default=None,
        help="units table (.csv, .xlsx, .xls or .docx) giving the hierarchy",
    )
    if not scope:
        return
    parser.add_argument(
        "--scope",
        metavar="UNIT",
        default=None,
        help="the issuing body of a task table (任务分工表): the scope of all its tasks "
        "(default: read from the title row, the document's title or the sheet name)",
    )

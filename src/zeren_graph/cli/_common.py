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
>>> args = parser.parse_args(["清单.csv", "--column", "主办处室=lead", "--layout", "task_table"])
>>> opts = read_options(args, find=False)
>>> dict(opts.columns), opts.layout
({'主办处室': 'lead'}, 'task_table')
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, cast

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

if TYPE_CHECKING:
    from zeren_graph.checks.config import CheckConfig
    from zeren_graph.io.options import Layout, ReadOptions

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
    "add_reading_args",
    "display",
    "error_lines",
    "guard",
    "read_options",
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
    add_reading_args(parser)
    if not scope:
        return
    parser.add_argument(
        "--scope",
        metavar="UNIT",
        default=None,
        help="the issuing body of a task table (任务分工表): the scope of all its tasks "
        "(default: read from the title row, the document's title or the sheet name)",
    )


def _column(text: str) -> tuple[str, str]:
    from zeren_graph.io.options import parse_column  # noqa: PLC0415

    try:
        return parse_column(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_reading_args(parser: argparse.ArgumentParser) -> None:
    """Add ``--column HEADER=FIELD`` (repeatable) and ``--layout NAME``, the reading's fixes."""
    parser.add_argument(
        "--column",
        metavar="HEADER=FIELD",
        action="append",
        type=_column,
        default=[],
        help="read the column headed HEADER as FIELD (lead, support, leaders, duty, unit, "
        "post, person, role, ... or ignore), whatever its header says; repeatable",
    )
    parser.add_argument(
        "--layout",
        metavar="NAME",
        default=None,
        help="read the list as this layout (long, task_table, grouped, text_list) instead of "
        "the one its headers suggest",
    )


def _found_config(args: argparse.Namespace) -> CheckConfig | None:
    """Return the configuration ``--config`` names, else the one found nearby (``--no-config``)."""
    from zeren_graph._config_files import any_config_file  # noqa: PLC0415

    given = getattr(args, "config", None)
    if given is None and (getattr(args, "no_config", False) or not any_config_file(Path.cwd())):
        return None  # no configuration: the schema is not even imported
    from zeren_graph.checks.config import find_config, load_config  # noqa: PLC0415

    if given is not None:
        return load_config(given)
    found = find_config(Path.cwd())
    return None if found is None else load_config(found)


def read_options(
    args: argparse.Namespace, config: CheckConfig | None = None, *, find: bool = True
) -> ReadOptions:
    """Return the reading options: the configuration's ``reading:`` under the command line's.

    Without ``config`` the configuration is looked for as ``zeren check`` does,
    unless ``find`` is false.
    """
    from zeren_graph.io.options import ReadOptions  # noqa: PLC0415

    if config is None and find:
        config = _found_config(args)
    base = config.reading if config is not None and config.reading is not None else ReadOptions()
    layout = cast("Layout | None", getattr(args, "layout", None))
    return base.over(ReadOptions(columns=dict(getattr(args, "column", [])), layout=layout))

"""Shared plumbing of the sub-commands: error handling, model arguments, output."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import NoReturn

from zeren_graph.errors import ZerenError

__all__ = ["EXIT_INPUT", "ZerenArgumentParser", "add_model_args", "run_guarded"]

#: Exit code for bad input or usage.
EXIT_INPUT = 2


class ZerenArgumentParser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit 2 with a one-line hint."""

    def error(self, message: str) -> NoReturn:
        """Print ``message`` and the usage line on stderr, then exit 2."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


def add_model_args(parser: argparse.ArgumentParser) -> None:
    """Add the ``LIST`` and ``--units`` arguments every model command takes."""
    parser.add_argument(
        "list",
        metavar="LIST",
        help="responsibility list: .yaml/.yml/.json model, or .csv/.xlsx flat list",
    )
    parser.add_argument(
        "--units",
        metavar="UNITS",
        default=None,
        help="units table (.csv or .xlsx) giving the hierarchy",
    )


def run_guarded(args: argparse.Namespace) -> int:
    """Call ``args.func(args)``; turn a :class:`ZerenError` into exit 2 on stderr."""
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except BrokenPipeError:
        # the reader of our output went away (`zeren diff ... | head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except ZerenError as exc:
        print(f"zeren {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:  # missing file, permission denied, ...
        name = exc.filename if exc.filename is not None else ""
        print(f"zeren {args.command}: error: {name}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT

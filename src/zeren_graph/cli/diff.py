"""``zeren diff OLD NEW``: findings introduced and resolved, and assignments changed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zeren_graph.cli._common import add_reading_args, read_options

if TYPE_CHECKING:
    from zeren_graph.checks import CheckConfig

__all__ = ["EXIT_FINDINGS", "register", "run"]

#: Exit code when a new finding is at or above ``--fail-on``.
EXIT_FINDINGS = 1


def register(sub: Any) -> None:  # argparse's _SubParsersAction is private
    """Add the ``diff`` sub-command to ``sub``."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "diff",
        help="compare two versions of a list: findings introduced/resolved, rows changed",
        description="Check two versions of a responsibility list and print the findings "
        "the new one introduces and resolves, and the assignments added, removed and "
        "changed. Exit 0 when no introduced finding is at or above --fail-on, 1 when one "
        "is, 2 on bad input.",
    )
    parser.add_argument("old", metavar="OLD", help="the old list or model")
    parser.add_argument("new", metavar="NEW", help="the new list or model")
    parser.add_argument(
        "--units", metavar="UNITS", default=None, help="units table of OLD (and of NEW)"
    )
    parser.add_argument(
        "--units-new",
        metavar="UNITS",
        default=None,
        help="units table of NEW, when it differs from --units",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        default=None,
        help="checks configuration (default: zeren.yaml, .zeren.yaml or pyproject.toml "
        "[tool.zeren] in the current directory)",
    )
    parser.add_argument(
        "--no-config", action="store_true", help="ignore configuration files found nearby"
    )
    add_reading_args(parser)
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error")
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.set_defaults(func=run)


def _config(args: argparse.Namespace) -> CheckConfig | None:
    """Return the configuration as ``zeren check`` finds it."""
    from zeren_graph.checks import find_config, load_config  # noqa: PLC0415

    if args.config is not None:
        return load_config(args.config)
    found = None if args.no_config else find_config(Path.cwd())
    return None if found is None else load_config(found)


def run(args: argparse.Namespace) -> int:
    """Run ``zeren diff``; return the exit code (0, 1 or 2)."""
    from zeren_graph.analysis.diff import diff  # noqa: PLC0415
    from zeren_graph.analysis.render import diff_dict, diff_markdown, diff_text  # noqa: PLC0415
    from zeren_graph.checks import Severity  # noqa: PLC0415
    from zeren_graph.io import load  # noqa: PLC0415  (loaders import openpyxl)
    from zeren_graph.output.escape import json_text  # noqa: PLC0415

    config = _config(args)
    options = read_options(args)
    old = load(args.old, units=args.units, options=options)
    new_units = args.units_new if args.units_new is not None else args.units
    new = load(args.new, units=new_units, options=options)
    result = diff(old, new, config=config)
    if args.format == "json":
        print(json_text(diff_dict(result, args.lang), nonfinite="null"))
    elif args.format == "markdown":
        print(diff_markdown(result, args.lang), end="")
    else:
        print(diff_text(result, args.lang))
    if args.fail_on == "never":
        return 0
    threshold = Severity(args.fail_on)
    return EXIT_FINDINGS if any(f.severity >= threshold for f in result.introduced) else 0

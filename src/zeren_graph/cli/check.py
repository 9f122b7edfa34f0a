"""``zeren check LIST [--units UNITS] [--config FILE] [--format ...] [--fail-on ...] [--lang ...]``.

Exit codes: 0 when no finding is at or above ``--fail-on`` (default: error),
1 when one is, 2 on bad input or usage. Without ``--config`` the current
directory's ``zeren.yaml``, ``.zeren.yaml`` (or ``.yml``) or the
``[tool.zeren]`` table of its ``pyproject.toml`` is used, if any
(``--no-config`` turns that off).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zeren_graph._gc import freeze_loaded
from zeren_graph.cli._common import add_model_args, read_options
from zeren_graph.output.escape import terminal

if TYPE_CHECKING:  # the rule catalogue loads only when the command runs
    from zeren_graph.checks.config import CheckConfig
    from zeren_graph.checks.report import CheckReport

__all__ = ["exit_code", "register", "run"]

_FAIL_ON = ("error", "warning", "info", "never")


def register(sub: Any) -> None:  # argparse's _SubParsersAction is private
    """Add the ``check`` sub-command to ``sub``."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "check",
        help="check a responsibility list for blind spots, overlaps and other failures",
        description="Run the rule catalogue (ZG101–ZG502, docs/rules.md) on a responsibility "
        "list and report findings and coverage. Exit 0 when no finding is at or above "
        "--fail-on, 1 when one is, 2 on bad input.",
    )
    add_model_args(parser)
    parser.add_argument(
        "--config",
        metavar="FILE",
        default=None,
        help="configuration (YAML, or a pyproject.toml with [tool.zeren]); default: "
        "zeren.yaml, .zeren.yaml or pyproject.toml [tool.zeren] in the current directory",
    )
    parser.add_argument(
        "--no-config", action="store_true", help="ignore configuration files found nearby"
    )
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.add_argument(
        "--fail-on",
        choices=_FAIL_ON,
        default="error",
        help="exit 1 when a finding is at or above this severity (default: error)",
    )
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="message language")
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour text output (auto: on a terminal, unless NO_COLOR is set)",
    )
    parser.set_defaults(func=run)


def exit_code(report: CheckReport, fail_on: str) -> int:
    """Return 1 when a finding is at or above ``fail_on`` (``"never"``: 0), else 0.

    Examples
    --------
    >>> from zeren_graph.checks import check
    >>> from zeren_graph.model import ResponsibilityModel
    >>> exit_code(check(ResponsibilityModel()), "info")
    0
    """
    from zeren_graph.checks.finding import Severity  # noqa: PLC0415

    if fail_on == "never":
        return 0
    return 1 if report.at_least(Severity(fail_on)) else 0


def _config(args: argparse.Namespace) -> CheckConfig | None:
    from zeren_graph.checks import find_config, load_config  # noqa: PLC0415

    if args.config is not None:
        return load_config(args.config)
    if args.no_config:
        return None
    found = find_config(Path.cwd())
    return None if found is None else load_config(found)


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def run(args: argparse.Namespace) -> int:
    """Run ``zeren check``; return the exit code."""
    from zeren_graph.checks import check, to_json, to_markdown, to_text  # noqa: PLC0415
    from zeren_graph.io import read  # noqa: PLC0415  (loaders import openpyxl)

    config = _config(args)
    result = read(
        args.list,
        units=args.units,
        scope=args.scope,
        options=read_options(args, config, find=False),
    )
    freeze_loaded()  # the model lives until exit: keep the collector off it
    for warning in result.report.warnings:
        print(f"zeren check: warning: {terminal(str(warning))}", file=sys.stderr)
    report = check(result.model, config=config).with_rows(result.report.rows)
    if args.format == "json":
        out = to_json(report, lang=args.lang)
    elif args.format == "markdown":
        out = to_markdown(report, lang=args.lang)
    else:
        out = to_text(report, lang=args.lang, color=_use_color(args.color))
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return exit_code(report, args.fail_on)

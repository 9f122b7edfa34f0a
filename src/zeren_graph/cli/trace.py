"""``zeren trace LIST DUTY [--scope UNIT]``: the accountability chain of a duty (一案双查)."""

from __future__ import annotations

import argparse
from typing import Any

from zeren_graph.cli._common import add_model_args, read_options

__all__ = ["register", "run"]


def register(sub: Any) -> None:  # argparse's _SubParsersAction is private
    """Add the ``trace`` sub-command to ``sub``."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "trace",
        help="who answers for a duty: the accountability chain (一案双查, 倒查)",
        description="Print the accountability chain of a duty: its owners, the first "
        "responsible of its scope unit, its supervisors, and the first responsible of "
        "every unit up the chain of command to the root (一案双查, 倒查).",
    )
    add_model_args(parser, scope=False)
    parser.add_argument("duty", metavar="DUTY", help="duty name (or duty id)")
    parser.add_argument(
        "--scope",
        metavar="UNIT",
        default=None,
        help="the unit the duty covers; needed when the name exists in several units",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``zeren trace``; return the exit code (0, or 2 on bad input)."""
    from zeren_graph._display import strip_controls  # noqa: PLC0415
    from zeren_graph._gc import freeze_loaded  # noqa: PLC0415
    from zeren_graph.analysis.chain import accountability_chain  # noqa: PLC0415
    from zeren_graph.io import load  # noqa: PLC0415  (loaders import openpyxl)
    from zeren_graph.output.escape import json_text  # noqa: PLC0415

    model = load(args.list, units=args.units, options=read_options(args))
    freeze_loaded()  # the model lives until exit: keep the collector off it
    chain = accountability_chain(model, args.duty, scope=args.scope)
    if args.format == "json":
        print(json_text(chain.model_dump(mode="json"), nonfinite="null"))
    else:  # names may hold escape sequences: never pass them to the terminal
        print(strip_controls(chain.text(args.lang), keep="\n"))
    return 0

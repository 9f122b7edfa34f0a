"""``zeren info LIST [--units UNITS] [--format text|json]``: describe a model."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from zeren_graph._gc import freeze_loaded
from zeren_graph.cli._common import add_model_args, read_options
from zeren_graph.output.escape import json_text, terminal

if TYPE_CHECKING:
    from zeren_graph.summary import ModelSummary

__all__ = ["register", "run"]


def register(sub: Any) -> None:  # argparse's _SubParsersAction is private
    """Add the ``info`` sub-command to ``sub``."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "info",
        help="describe a responsibility list or model",
        description="Load a responsibility list or model and describe it: counts of units, "
        "posts, persons, duties and assignments, rows read, roots and levels.",
    )
    add_model_args(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)


def _text(summary: ModelSummary, name: str | None) -> str:
    lines = [f"model: {terminal(name)}"] if name else []
    lines += [
        f"rows read:    {summary.rows}",
        f"units:        {summary.units}",
        f"posts:        {summary.posts}",
        f"persons:      {summary.persons}",
        f"duties:       {summary.duties}",
        f"assignments:  {summary.assignments}",
        f"roots:        {terminal(', '.join(summary.roots)) or '-'}",
    ]
    if summary.levels:
        lines.append("levels:")
        for lv in summary.levels:
            names = f" ({terminal(', '.join(lv.names))})" if lv.names else ""
            lines.append(f"  {lv.depth}{names}: {lv.units} units")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run ``zeren info``; return the exit code."""
    from zeren_graph.io import read  # noqa: PLC0415  (loaders import openpyxl)

    result = read(args.list, units=args.units, scope=args.scope, options=read_options(args))
    freeze_loaded()  # the model lives until exit: keep the collector off it
    report = result.report
    from zeren_graph.summary import summarize  # noqa: PLC0415

    summary = summarize(result.model, rows=report.rows)
    skipped = [{"file": s.file, "row": s.row, "reason": s.reason} for s in report.skipped]
    warnings = [str(w) for w in report.warnings]
    for warning in warnings:
        print(f"zeren info: warning: {terminal(warning)}", file=sys.stderr)
    if args.format == "json":
        doc = {"summary": summary.to_dict(), "skipped": skipped, "warnings": warnings}
        if report.reading is not None:
            doc["reading"] = report.reading.to_dict()
        print(json_text(doc, nonfinite="null"))
    else:
        print(_text(summary, result.model.name))
        if report.reading is not None:
            print("how the file was read:")
            print(
                "\n".join(f"  {terminal(line)}" for line in report.reading.describe().splitlines())
            )
        for s in skipped:
            where = terminal(f"{s['file']}, row {s['row']}")
            print(f"skipped {where}: {terminal(str(s['reason']))}")
    return 0

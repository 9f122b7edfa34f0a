"""``zeren draw LIST [--units UNITS] -o FILE.png|svg [--root UNIT] [--depth N] [--lang en|zh]``.

Draws the unit hierarchy with posts and duties, the findings of ``zeren check``
highlighted (``--no-findings`` leaves them out). Large models are drawn per
subtree: ``--root UNIT`` and ``--depth N``. Exit 0 when the file is written,
2 on bad input or usage (unknown root, unsupported extension, too many units).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zeren_graph.cli._common import add_model_args
from zeren_graph.errors import InputError, Problem

if TYPE_CHECKING:
    from zeren_graph.checks.finding import Finding
    from zeren_graph.model import ResponsibilityModel

__all__ = ["FORMATS", "register", "run"]

#: Output formats by file extension. PDF is left out: matplotlib cannot embed
#: the CFF-flavoured OpenType CJK fonts (Noto Sans CJK) in PDF.
FORMATS = {".png": "png", ".svg": "svg"}


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a whole number >= 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def register(sub: Any) -> None:  # argparse's _SubParsersAction is private
    """Add the ``draw`` sub-command to ``sub``."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "draw",
        help="draw the unit hierarchy with posts, duties and findings (PNG or SVG)",
        description="Draw the hierarchy of a responsibility list as a tree of units with "
        "their posts and duties; findings of `zeren check` are highlighted by severity. "
        "Draw large models per subtree with --root and --depth. Chinese labels need a CJK "
        "font: pip install zeren_graph[cjk], or apt-get install fonts-noto-cjk.",
    )
    add_model_args(parser)
    parser.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="the image to write: .png or .svg"
    )
    parser.add_argument("--root", metavar="UNIT", default=None, help="draw this unit's subtree")
    parser.add_argument(
        "--depth", metavar="N", type=_positive, default=None, help="levels to draw (1: the root)"
    )
    parser.add_argument(
        "--duties",
        choices=("auto", "list", "count", "none"),
        default="auto",
        help="list each unit's duties, count them, or leave them out (auto: list up to 4)",
    )
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="label language")
    parser.add_argument(
        "--no-findings", action="store_true", help="do not run the checks; draw the tree only"
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        default=None,
        help="checks configuration (default: zeren.yaml or pyproject.toml [tool.zeren] in "
        "the current directory)",
    )
    parser.add_argument(
        "--no-config", action="store_true", help="ignore configuration files found nearby"
    )
    parser.add_argument(
        "--max-nodes",
        metavar="N",
        type=_positive,
        default=None,
        help="refuse to draw more units than this (default: 250)",
    )
    parser.add_argument("--dpi", type=_positive, default=150, help="PNG resolution (default 150)")
    parser.set_defaults(func=run)


def _output_format(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        problem = Problem(
            "unsupported-format",
            f"cannot write {suffix or 'a file without extension'!r}",
            file=path,
            value=suffix,
            hint=f"use one of {', '.join(FORMATS)}",
        )
        raise InputError([problem])
    return FORMATS[suffix]


def _findings(args: argparse.Namespace, model: ResponsibilityModel) -> tuple[Finding, ...]:
    if args.no_findings:
        return ()
    from zeren_graph.checks import check, find_config, load_config  # noqa: PLC0415

    config: Any = None
    if args.config is not None:
        config = load_config(args.config)
    elif not args.no_config and (found := find_config(Path.cwd())) is not None:
        config = load_config(found)
    return tuple(check(model, config=config).findings)


def _print_warnings(caught: list[warnings.WarningMessage]) -> None:
    """Print each warning once; matplotlib's missing-glyph warnings as one line."""
    glyphs = [w for w in caught if str(w.message).startswith("Glyph ")]
    seen: set[str] = set()
    for w in caught:
        text = str(w.message)
        if w in glyphs or text in seen:
            continue
        seen.add(text)
        print(f"zeren draw: warning: {text}", file=sys.stderr)
    if glyphs:
        print(
            f"zeren draw: warning: {len(glyphs)} characters could not be drawn "
            "(no glyph in the font)",
            file=sys.stderr,
        )


def run(args: argparse.Namespace) -> int:
    """Run ``zeren draw``; return the exit code (0, or 2 on bad input)."""
    from zeren_graph.io import read  # noqa: PLC0415  (loaders import openpyxl)
    from zeren_graph.plot.draw import MAX_NODES, draw, units_to_draw  # noqa: PLC0415

    fmt = _output_format(args.output)
    result = read(args.list, units=args.units)
    for warning in result.report.warnings:
        print(f"zeren draw: warning: {warning}", file=sys.stderr)
    max_nodes = args.max_nodes or MAX_NODES
    # Fail fast on a bad --root or a drawing too large, before running the checks.
    units_to_draw(result.model, root=args.root, depth=args.depth, max_nodes=max_nodes)
    findings = _findings(args, result.model)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = draw(
            result.model,
            findings=findings,
            root=args.root,
            depth=args.depth,
            duties=args.duties,
            lang=args.lang,
            max_nodes=max_nodes,
        )
        fig.savefig(args.output, format=fmt, dpi=args.dpi)
    _print_warnings(caught)
    print(f"wrote {args.output}")
    return 0

"""``zeren draw LIST [--units UNITS] -o FILE.png|svg [--root UNIT] [--depth N] [--lang en|zh]``.

Draws the unit hierarchy with posts and duties, the findings of ``zeren check``
highlighted (``--no-findings`` leaves them out). Large models are drawn per
subtree: ``--root UNIT`` and ``--depth N``. Exit 0 when the file is written,
2 on bad input or usage (unknown root, unsupported extension, too many units,
an image too many pixels at ``--dpi``, a symbolic link as output).

The checks that cost nothing come first: the extension and the output path,
then the size of the drawing (linear in the units, however deep the
hierarchy), then the checks of the model, then the size in pixels, before
anything is rendered. The image is written atomically (a temporary file
renamed into place).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zeren_graph._display import excerpt
from zeren_graph._gc import freeze_loaded
from zeren_graph.cli._common import add_model_args, read_options
from zeren_graph.cli._guard import display

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
        msg = f"expected a whole number >= 1, got '{excerpt(text, 40)}'"
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
        help="refuse to draw more units than this (default: 250, or ZEREN_LIMIT_DRAW_UNITS)",
    )
    parser.add_argument(
        "--dpi",
        type=_positive,
        default=150,
        help="resolution (default 150); the image may have at most 200 million pixels "
        "(ZEREN_LIMIT_DRAW_PIXELS)",
    )
    parser.set_defaults(func=run)


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
        print(f"zeren draw: warning: {display(text)}", file=sys.stderr)
    if glyphs:
        print(
            f"zeren draw: warning: {len(glyphs)} characters could not be drawn "
            "(no glyph in the font)",
            file=sys.stderr,
        )


def run(args: argparse.Namespace) -> int:
    """Run ``zeren draw``; return the exit code (0, or 2 on bad input)."""
    from zeren_graph.io import read  # noqa: PLC0415  (loaders import openpyxl)
    from zeren_graph.output.atomic import refuse_symlink  # noqa: PLC0415
    from zeren_graph.plot.draw import draw, figure_size  # noqa: PLC0415
    from zeren_graph.plot.save import check_pixels, output_format, save  # noqa: PLC0415

    fmt = output_format(args.output)
    refuse_symlink(Path(args.output))  # before the work, not after it
    result = read(args.list, units=args.units, scope=args.scope, options=read_options(args))
    freeze_loaded()  # the model lives until exit: keep the collector off it
    for warning in result.report.warnings:
        print(f"zeren draw: warning: {display(warning)}", file=sys.stderr)
    # Fail fast on a bad --root, too many units or too many pixels, before running the checks.
    shape = {"root": args.root, "depth": args.depth, "max_nodes": args.max_nodes}
    check_pixels(figure_size(result.model, duties=args.duties, lang=args.lang, **shape), args.dpi)
    findings = _findings(args, result.model)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = draw(
            result.model,
            findings=findings,
            duties=args.duties,
            lang=args.lang,
            dpi=args.dpi,
            **shape,
        )
        save(fig, args.output, dpi=args.dpi, fmt=fmt)
    _print_warnings(caught)
    print(f"wrote {display(args.output)}")
    return 0

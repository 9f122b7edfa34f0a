"""``zeren convert LIST [--units U] [--scope S] [-o OUT]``: write the canonical long form.

The list is read as ``zeren info`` reads it (any layout, any format) and
written back as the long list — one row per duty × holder × role, Chinese
headers — so an office can see what the tool understood, correct it in Excel
and check it again. Converting the output again gives the same bytes.

``OUT`` decides the format:

- ``.csv``: the long list (UTF-8 with BOM, which Excel opens) and, when the
  model has a hierarchy, its units table beside it as ``OUT_units.csv``;
- ``.xlsx``: one workbook with the sheets ``清单`` and ``单位表``;
- ``.yaml``/``.yml``/``.json``: the native document (everything the model holds);
- no ``-o`` (or ``-o -``): the long list as CSV on stdout (UTF-8, no BOM, no units).

The summary (rows, units, where) goes to stderr, so stdout holds only data.

Examples
--------
>>> import argparse
>>> from zeren_graph.cli._common import ZerenArgumentParser
>>> sub = ZerenArgumentParser(prog="zeren").add_subparsers(dest="command")
>>> register(sub)
>>> args = sub.choices["convert"].parse_args(["分工.docx", "-o", "清单.xlsx"])
>>> args.list, args.output
('分工.docx', '清单.xlsx')
>>> units_path(Path("out/清单.csv"))
PosixPath('out/清单_units.csv')
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zeren_graph.errors import OutputError
from zeren_graph.output.escape import csv_cell, terminal

if TYPE_CHECKING:
    from zeren_graph.model import ResponsibilityModel

__all__ = ["OUTPUT_SUFFIXES", "not_carried", "register", "run", "units_path"]

#: The extensions ``-o`` accepts.
OUTPUT_SUFFIXES = (".csv", ".xlsx", ".yaml", ".yml", ".json")
_NATIVE = (".yaml", ".yml", ".json")


def register(sub: Any) -> None:  # argparse's _SubParsersAction is private
    """Add the ``convert`` sub-command to ``sub``."""
    from zeren_graph.cli._common import add_model_args  # noqa: PLC0415

    parser: argparse.ArgumentParser = sub.add_parser(
        "convert",
        help="write a list as the canonical long form (what the tool understood)",
        description="Read a responsibility list in any layout (long list, task table ...) and "
        "format, and write the canonical long form: one row per duty x holder x role, with "
        "Chinese headers, plus the units found. Converting the output again gives the same "
        "file. The summary goes to stderr.",
    )
    add_model_args(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default=None,
        help="where to write: .csv (the long list, UTF-8 with BOM, and OUT_units.csv beside it "
        "when there is a hierarchy), .xlsx (sheets 清单 and 单位表), .yaml/.yml/.json (the "
        "native model); default or '-': the long list as CSV on stdout",
    )
    parser.set_defaults(func=run)


def units_path(output: Path) -> Path:
    """Return where the units table of a ``.csv`` output goes: ``OUT_units.csv``."""
    return output.with_name(f"{output.stem}_units{output.suffix}")


def not_carried(model: ResponsibilityModel) -> list[str]:
    """Return what of ``model`` a long list (with its units table) cannot carry.

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel, Supervision, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="乙镇", parent="县委")],
    ...     supervisions=[Supervision(supervisor="县委", supervised="乙镇")])
    >>> not_carried(m)
    ['1 supervisions']
    """
    used_posts = {a.holder for a in model.assignments if not a.collective}
    used_duties = {a.duty for a in model.assignments}
    holders = {p for post in model.posts for p in post.holders}
    lost = [
        (len(model.supervisions), "supervisions"),
        (len(model.document_supervisors), "supervisors of the whole document (ZG104)"),
        (sum(1 for p in model.persons if p.id not in holders), "persons holding no post"),
        (sum(1 for p in model.posts if p.id not in used_posts), "posts without a row"),
        (sum(1 for d in model.duties if d.id not in used_duties), "duties without a row"),
        (sum(1 for p in model.posts if p.full_time is not None), "posts' full_time"),
        (sum(1 for u in model.units if u.name not in (None, u.id)), "units' names"),
        (
            sum(1 for d in model.duties if d.indicator or d.frequency),
            "duty-level indicators or frequencies (written into each row of the duty)",
        ),
    ]
    out = [f"{n} {what}" for n, what in lost if n]
    if model.name:
        out.append("the model's name")
    if not model.has_hierarchy and any(u.parent for u in model.units):
        out.append("the units' parents (the model has no hierarchy)")
    return out


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _refuse_inputs(targets: list[Path], inputs: list[Path]) -> None:
    for target in targets:
        for source in inputs:
            if _same_file(target, source) or target.resolve() == source.resolve():
                raise OutputError(
                    "refusing to overwrite an input file",
                    path=str(target),
                    hint="write the long form to another file with -o",
                )


def _stdout_csv(rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([csv_cell(c) for c in r] for r in rows)
    sys.stdout.write(buffer.getvalue())
    sys.stdout.flush()


def _say(message: str) -> None:
    print(f"zeren convert: {message}", file=sys.stderr)


def _write(model: ResponsibilityModel, output: Path, suffix: str) -> None:
    """Write ``model`` to ``output`` in the format of ``suffix``; say what was written."""
    from zeren_graph.io.export import (  # noqa: PLC0415
        dump_json,
        dump_yaml,
        write_list,
        write_units,
        write_workbook,
    )
    from zeren_graph.output.atomic import atomic_write  # noqa: PLC0415

    keep_units = model.has_hierarchy
    n_rows, n_units = len(model.assignments), len(model.units)
    where = terminal(str(output))
    if suffix in _NATIVE:
        text = dump_json(model) if suffix == ".json" else dump_yaml(model)
        atomic_write(output, text)
        _say(f"wrote the model ({n_units} units, {len(model.duties)} duties, {n_rows} assignments)"
             f" to {where}")  # fmt: skip
    elif suffix == ".xlsx":
        write_workbook(model, output, headers="zh", units=keep_units)
        sheets = f"清单 ({n_rows} rows)" + (f" and 单位表 ({n_units} units)" if keep_units else "")
        _say(f"wrote {sheets} to {where}")
    elif keep_units:
        write_list(model, output, headers="zh")
        write_units(model, units_path(output), headers="zh")
        unit_file = terminal(str(units_path(output)))
        _say(f"wrote {n_rows} rows to {where} and {n_units} units to {unit_file}")
        _say(f"check it again with: zeren check {where} --units {unit_file}")
    else:
        write_list(model, output, headers="zh")
        _say(f"wrote {n_rows} rows to {where} (no hierarchy: no units table)")


def run(args: argparse.Namespace) -> int:
    """Run ``zeren convert``; return the exit code."""
    from zeren_graph.cli._common import read_options  # noqa: PLC0415
    from zeren_graph.io import read  # noqa: PLC0415  (loaders import openpyxl)
    from zeren_graph.io.export import list_rows  # noqa: PLC0415
    from zeren_graph.output.atomic import refuse_symlink  # noqa: PLC0415

    output = None if args.output in (None, "-") else Path(args.output)
    suffix = output.suffix.lower() if output is not None else ".csv"
    if suffix not in OUTPUT_SUFFIXES:
        raise OutputError(
            f"cannot tell the output format from the extension {suffix or '(none)'!r}",
            path=str(output),
            hint="use one of " + ", ".join(OUTPUT_SUFFIXES),
        )
    if output is not None:
        targets = [output, units_path(output)] if suffix == ".csv" else [output]
        inputs = [Path(args.list)] + ([Path(args.units)] if args.units else [])
        _refuse_inputs(targets, inputs)
        for target in targets:
            refuse_symlink(target)  # before the (maybe long) read

    result = read(args.list, units=args.units, scope=args.scope, options=read_options(args))
    model, report = result.model, result.report
    for warning in report.warnings:
        _say(f"warning: {terminal(str(warning))}")
    for s in report.skipped:
        if s.reason != "empty row":
            _say(f"skipped {terminal(f'{s.file}, row {s.row}')}: {terminal(s.reason)}")
    lost = [] if suffix in _NATIVE else not_carried(model)
    if lost:
        _say(f"the long form cannot carry {terminal('; '.join(lost))} (write .yaml to keep all)")
    if output is not None:
        _write(model, output, suffix)
        return 0
    _stdout_csv(list_rows(model, headers="zh"))
    extra = " (the units table is written only with -o OUT.csv or .xlsx)"
    _say(f"wrote {len(model.assignments)} rows to stdout{extra if model.has_hierarchy else ''}")
    return 0

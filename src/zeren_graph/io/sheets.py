"""Workbooks with a sheet per unit or department: every sheet that is a list, in one model.

When no sheet is named and a workbook has no sheet named as the list (``清单`` …),
:func:`list_sheets` opens every visible sheet (the units sheet aside) and keeps
those whose header is a list — long list, task table or grouped list; the others
are named with why (a note sheet ``说明`` has no header). Hidden sheets stay
skipped and named. With two or more lists, :func:`read_sheets` interprets each
and builds **one** model from their rows, each row's source carrying its sheet.

Each sheet's unit is the issuer of its title row ("组织部2024年党建工作任务清单"
→ 组织部), else the sheet name. A task table's 责任人 cells are posts of that
unit, and a task whose row names no lead is led by it — also on a sheet with no
holder column at all (序号 | 工作任务 | 完成时限), read as a task table only here.
The scope of every task is the issuing body given (``--scope``); without one,
each sheet's tasks are scoped to its own unit, and the reading says so. Without
a units table the hierarchy is implied: the scope (if given) as root, each
sheet's unit under it (else a root of its own), the other holders under the
sheet that names them first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from zeren_graph.errors import EmptyFileError, MissingColumnError
from zeren_graph.io.columns import LIST_COLUMNS
from zeren_graph.io.flat import FlatStats, read_list
from zeren_graph.io.formats.book import Book
from zeren_graph.io.layouts.expand import expand_placeholders
from zeren_graph.io.layouts.task_table import CANONICAL, TaskRows, interpret_tasks
from zeren_graph.io.layouts.titles import title_context
from zeren_graph.io.layouts.vocabulary import (
    SHEET_COLUMNS,
)
from zeren_graph.io.options import ReadOptions
from zeren_graph.io.reading import ColumnReading, Reading, long_reading
from zeren_graph.io.report import SkippedRow
from zeren_graph.io.tabular import UNIT_SHEETS, Table
from zeren_graph.io.text import clean
from zeren_graph.io.units import UnitsTable
from zeren_graph.model import ResponsibilityModel, Unit

__all__ = ["COMBINED", "interpret", "list_sheets", "read_sheets", "sheet_unit"]

#: The columns of the one table the rows of every sheet are put into.
COMBINED = tuple(LIST_COLUMNS.aliases)
_ID = COMBINED.index("id")
_FROM_CANONICAL = [COMBINED.index("derived_from" if c == "derived" else c) for c in CANONICAL]


def list_sheets(
    book: Book, options: ReadOptions | None = None
) -> tuple[list[Table], list[tuple[str, str]]]:
    """Open every visible sheet but the units sheet; return the lists and the others with why."""
    options = options or ReadOptions()
    units = book.find(UNIT_SHEETS)
    tables: list[Table] = []
    others: list[tuple[str, str]] = []
    for name in book.sheets:
        if name == units:
            continue
        try:
            tables.append(book.table(name, options.for_sheet(name).column_set(SHEET_COLUMNS)))
        except (MissingColumnError, EmptyFileError) as error:
            problem = error.problems[0]
            why = "empty" if isinstance(error, EmptyFileError) else "no header row of a list"
            shown = problem.message.partition("(headers found: ")[2].partition(")")[0]
            others.append((name, f"not a list: {why}" + (f" (found {shown})" if shown else "")))
    others += [(name, f"{state} sheet, skipped") for name, state in book.hidden.items()]
    return tables, others


def sheet_unit(table: Table) -> tuple[str, str]:
    """Return the unit a sheet belongs to and where it was found (title row, else sheet name).

    Examples
    --------
    >>> t = Table("a.xlsx", "组织部", [], {}, 2, iter([]))
    >>> t.above = [["组织部2024年党建工作任务清单", "组织部2024年党建工作任务清单"]]
    >>> sheet_unit(t)
    ('组织部', "the title row '组织部2024年党建工作任务清单'")
    """
    for row in table.above:
        text = "".join(dict.fromkeys(c.strip() for c in row if c.strip()))
        found = title_context(text) if text else None
        if found is not None and found.issuer:
            return found.issuer, f"the title row '{text}'"
    return clean(table.sheet or table.file), f"the sheet name '{table.sheet}'"


def _sheet_context(table: Table, options: ReadOptions) -> tuple[str, str, str]:
    """Return a sheet's unit, where it came from, and the scope of its tasks."""
    own = options.for_sheet(table.sheet)
    unit, unit_from = (own.unit, "the unit you gave it") if own.unit else sheet_unit(table)
    return unit, unit_from, own.scope or unit


def interpret(
    table: Table, scope: str | None, context: Sequence[str], unit: str | None = None
) -> TaskRows | None:
    """Interpret a located table by its layout: task table or grouped list; ``None`` if long."""
    layout = table.column_set.layout if table.column_set is not None else ""
    if layout == "task_table":
        return interpret_tasks(table, scope=scope, context=context, unit=unit)
    if layout == "grouped":
        from zeren_graph.io.layouts.grouped import interpret_grouped  # noqa: PLC0415

        return interpret_grouped(table, scope=scope, context=context)
    return None


def _long_rows(table: Table) -> tuple[list[list[str]], list[int]]:
    """Return the rows of a long-list sheet in :data:`COMBINED` order, and their numbers."""
    index = [table.columns.get(c, -1) for c in COMBINED]
    out, numbers = [], []
    for number, raw in table.numbered():
        out.append([raw[i] if 0 <= i < len(raw) else "" for i in index])
        numbers.append(number)
    return out, numbers


def read_sheets(
    tables: list[Table], others: list[tuple[str, str]], units: UnitsTable | None,
    options: ReadOptions,
) -> tuple[ResponsibilityModel, FlatStats, Reading, int]:  # fmt: skip
    """Read every sheet of ``tables`` into one model: its stats, the reading, the rows read.

    A sheet's unit is the one ``options`` give it, else the one its title row or name says.
    """
    rows: list[list[str]] = []
    numbers: list[int] = []
    sheets: list[str | None] = []
    skipped: list[SkippedRow] = []
    readings: list[Reading] = []
    implied: dict[str, Unit] = {}
    any_long = False
    sheet_units: list[str] = []
    for table in tables:
        unit, unit_from, sheet_scope = _sheet_context(table, options)
        sheet_units.append(unit)
        done = interpret(table, sheet_scope, (), unit)
        if done is None:
            any_long = True
            got, got_numbers = _long_rows(table)
            for row in got:
                if row[_ID]:
                    row[_ID] = f"{table.sheet}/{clean(row[_ID])}"
            rows += got
            numbers += got_numbers
            skipped += [SkippedRow(table.label, r, "empty row") for r in table.empty_rows]
            counts = {"rows": len(got)}
            reading = long_reading(table.label, table.headers, table.columns, counts)
            sheets += [table.sheet] * len(got)
            readings.append(dataclasses.replace(reading, scope=unit, scope_from=unit_from))
            continue
        done, units = expand_placeholders(done, units)  # 各乡镇党委 → the units it names
        for row in done.rows:
            wide = [""] * len(COMBINED)
            for src, dst in enumerate(_FROM_CANONICAL):
                wide[dst] = row[src]
            if wide[_ID]:  # 序号 restarts on every sheet: the sheet makes it unique
                wide[_ID] = f"{table.sheet}/{clean(wide[_ID])}"
            rows.append(wide)
        numbers += done.numbers
        sheets += [table.sheet] * len(done.rows)
        skipped += [*done.skipped, *(SkippedRow(table.label, r, "empty row")
                                     for r in table.empty_rows)]  # fmt: skip
        if done.units is not None:
            for u in done.units.units:
                implied.setdefault(u.id, u)
        note = f"the sheet's unit '{unit}' from {unit_from}"
        readings.append(dataclasses.replace(done.reading, notes=(note, *done.reading.notes)))
    for unit in sheet_units:  # each sheet's unit under the scope, or a root of its own
        parent = clean(options.scope) if options.scope and clean(options.scope) != unit else None
        implied[unit] = Unit(id=unit, parent=parent, kind=implied[unit].kind) if (
            unit in implied) else Unit(id=unit, parent=parent)  # fmt: skip
    headers = [LIST_COLUMNS.chinese(c) for c in COMBINED]
    first = tables[0]
    combined = Table(first.file, None, headers, {c: i for i, c in enumerate(COMBINED)}, 0,
                     iter(rows))  # fmt: skip
    combined.warnings = [w for t in tables for w in (*t.warnings, *t.stray_warnings())]
    given = units if units is not None or any_long else UnitsTable(units=list(implied.values()))
    model, stats = read_list(combined, given, numbers=numbers, sheets=sheets)
    stats.skipped = sorted([*stats.skipped, *skipped], key=lambda s: (s.file, s.row))
    stats.warnings = [w for w in stats.warnings if "columns ignored" not in str(w)]
    reading = _merge(readings, others, options.scope, units is None and not any_long)
    counts = {**reading.counts, "assignments": len(model.assignments)}
    return model, stats, dataclasses.replace(reading, counts=counts), counts["rows"]


def _merge(
    readings: list[Reading], others: list[tuple[str, str]], scope: str | None, implied: bool
) -> Reading:
    """Return one reading of several sheets: per-sheet counts, columns, notes, not read."""
    layouts = sorted({r.layout for r in readings})
    counts: dict[str, int] = {}
    for r in readings:
        for key, value in r.counts.items():
            counts[key] = counts.get(key, 0) + value

    def each(r: Reading, items: tuple[str, ...]) -> list[str]:
        return [f"{r.sheets[0]}: {item}" for item in items]

    notes = [f"{len(readings)} sheets read into one model"]
    if implied:
        notes.append("no units table: the hierarchy the document implies was built")
    if scope is None:
        notes.append("no scope given (--scope): each sheet's tasks are scoped to its own unit")
    columns: list[ColumnReading] = [c for r in readings for c in r.columns]
    return Reading(
        layouts[0] if len(layouts) == 1 else "mixed: " + ", ".join(layouts),
        tuple(s for r in readings for s in r.sheets),
        tuple(columns),
        scope,
        "the scope given (--scope)" if scope else "each sheet's unit",
        tuple(s for r in readings for s in each(r, r.split)),
        (*notes, *(n for r in readings for n in each(r, r.notes))),
        tuple(w for r in readings for w in each(r, r.warnings)),
        counts,
        tuple(h for r in readings for h in r.header_rows),
        tuple((r.sheets[0], dict(r.counts)) for r in readings),
        tuple(others),
        tuple(dict.fromkeys(s for r in readings for s in r.supervision)),
    )

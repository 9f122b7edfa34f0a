r"""Reading a list or a model: :func:`read` (the model and a report) and :func:`load`.

Reading is a pipeline: **open** (:mod:`.opening`: the file's tables, merges
resolved) → **locate** (header and title rows, :mod:`.tabular`) → **interpret**
(a layout turns the table into canonical rows, :mod:`.layouts`, :mod:`.sheets`)
→ **build** (canonical rows → the model, :mod:`.flat`). A long list goes from
locate to build directly; the layouts are imported only for the tables that
need them.

Examples
--------
>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.csv"
>>> _ = f.write_text("职责,单位,责任类型\n组织生活,乙镇党委,主体责任\n", encoding="utf-8")
>>> result = read(f)
>>> result.report.reading.layout, result.report.assignments
('long', 1)
"""

from __future__ import annotations

import dataclasses
import gc
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from zeren_graph._gc import paused_gc
from zeren_graph.errors import InputError, Problem, ZerenWarning
from zeren_graph.io.flat import FlatStats, read_list
from zeren_graph.io.opening import (
    NATIVE_SUFFIXES,
    book_context,
    open_list,
    units_table,
)
from zeren_graph.io.options import ReadOptions, mark_reading
from zeren_graph.io.reading import Reading, long_reading
from zeren_graph.io.report import LoadReport, LoadResult
from zeren_graph.io.tabular import Table, ignored_columns
from zeren_graph.io.units import UnitsTable
from zeren_graph.model import ResponsibilityModel

if TYPE_CHECKING:
    from zeren_graph.io.formats.book import Book
    from zeren_graph.io.layouts.task_table import TaskRows

__all__ = ["load", "read"]

#: The layouts read by :mod:`.layouts` (the interpret step) rather than built directly.
_INTERPRETED = ("task_table", "grouped")


def _read_rows(
    table: Table, book: Book | None, unit_table: UnitsTable | None, options: ReadOptions
) -> tuple[ResponsibilityModel, FlatStats, Reading, int]:
    """Interpret and build the located table: its model, stats, reading and rows read."""
    layout = table.column_set.layout if table.column_set is not None else ""
    if layout not in _INTERPRETED:  # a long list: built directly, no layout imported
        model, stats = read_list(table, unit_table)
        built = len(model.assignments)
        counts = {"rows": stats.rows, "assignments": built,
                  "skipped": sum(1 for s in stats.skipped if s.reason != "empty row")}  # fmt: skip
        reading = long_reading(table.label, table.headers, table.columns, counts)
        reading = dataclasses.replace(reading, header_rows=((table.label, table.header_rows),))
        return model, stats, reading, stats.rows
    from zeren_graph.io.layouts.vocabulary import TASK_COLUMNS  # noqa: PLC0415

    own = options.for_sheet(table.sheet)
    context = book_context(book, table.sheet)
    if layout == "task_table":  # (as .sheets.interpret, without the multi-sheet reader)
        from zeren_graph.io.layouts.task_table import interpret_tasks  # noqa: PLC0415

        tasks = interpret_tasks(table, scope=own.scope, context=context, unit=own.unit)
    else:
        from zeren_graph.io.layouts.grouped import interpret_grouped  # noqa: PLC0415

        tasks = interpret_grouped(table, scope=own.scope, context=context)
    ignored = ignored_columns(table, table.column_set or TASK_COLUMNS, "task tables")
    return _build_tasks(tasks, unit_table, [ignored] if ignored is not None else [])


def _build_tasks(
    tasks: TaskRows, unit_table: UnitsTable | None, warned: list[Warning]
) -> tuple[ResponsibilityModel, FlatStats, Reading, int]:
    """Build the canonical rows of a task table or grouped list."""
    from zeren_graph.io.layouts.expand import expand_placeholders  # noqa: PLC0415

    tasks, unit_table = expand_placeholders(tasks, unit_table)  # 各乡镇党委 → its units
    canonical = tasks.canonical()
    implied = unit_table is None
    model, stats = read_list(canonical, unit_table or tasks.units, numbers=tasks.numbers)
    stats.skipped = sorted([*stats.skipped, *tasks.skipped], key=lambda s: s.row)
    stats.warnings += warned
    reading = tasks.reading
    notes = reading.notes
    if implied:
        implied_note = (
            "no units table: the hierarchy the document implies was built (the scope "
            f"'{reading.scope}' as root, every holder unit under it)"
        )
        notes = (implied_note, *notes)
    counts = {**reading.counts, "assignments": len(model.assignments)}
    reading = dataclasses.replace(reading, notes=notes, counts=counts)
    return model, stats, reading, reading.counts["rows"]


def _read_sections(
    book: Book | None, unit_table: UnitsTable | None, scope: str | None
) -> tuple[ResponsibilityModel, FlatStats, Reading, int]:
    """Read a Word document without a list table as a grouped list in paragraphs."""
    from zeren_graph.io.layouts.grouped import read_sections  # noqa: PLC0415

    assert book is not None
    paragraphs = [p.text for p in getattr(book, "paragraphs", [])]
    tasks = read_sections(book.file, paragraphs, scope)
    if tasks is None:
        raise book.missing(
            "the document has no table for the responsibility list, and no sections naming "
            "a subject and its role (一、党委:主体责任)"
        )
    return _build_tasks(tasks, unit_table, [])


def read(
    path: str | Path,
    *,
    units: str | Path | None = None,
    sheet: str | None = None,
    scope: str | None = None,
    options: ReadOptions | None = None,
) -> LoadResult:
    r"""Load a model and report what was read, built and skipped.

    Parameters
    ----------
    path : str or Path
        A native document (``.yaml``, ``.yml``, ``.json``) or a flat list
        (``.csv``, ``.tsv``, ``.txt``, ``.xlsx``, ``.xls``, ``.docx``).
    units : str or Path, optional
        A units table (CSV, XLSX, XLS or DOCX) for a flat list. A workbook's own
        sheet named ``units``/``单位``/``单位表`` is used when this is not given.
    sheet : str, optional
        The list's sheet in a workbook (default: ``list``/``清单``/``责任清单``,
        else the first sheet that is not the units table), or its table in a
        Word document (``表1``, ``表2`` …; default: the first table whose header
        row holds the list's columns).
    scope : str, optional
        The issuing body of a task table (任务分工表), the scope of all its tasks;
        by default it is read from the title row(s), the Word document's title or
        the sheet name. It wins over ``options.scope``.
    options : ReadOptions, optional
        The user's corrections of the reading: headers mapped to fields (or
        ``ignore``), the layout, scope and unit, per sheet too (see
        :mod:`zeren_graph.io.options`); the reading marks each "mapped by you".

    Returns
    -------
    LoadResult
        ``.model`` and ``.report`` (files, rows, assignments, skipped rows, warnings).

    Raises
    ------
    InputError
        Or a child (``DecodeError``, ``MissingColumnError`` ...), with every problem.
    OSError
        When a file cannot be opened.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.csv"
    >>> _ = f.write_text("职责,单位,责任类型\n组织生活,乙镇党委,主体\n\n组织生活,县委,主体\n",
    ...                  encoding="gb18030")
    >>> report = read(f).report
    >>> report.rows, report.assignments, [(s.row, s.reason) for s in report.skipped]
    (2, 2, [(3, 'empty row')])
    """
    path = Path(path)
    options = (options or ReadOptions()).over(ReadOptions(scope=scope))
    problems = options.validate()
    if problems:
        raise InputError(problems)
    scope = options.scope
    if path.suffix.lower() in NATIVE_SUFFIXES:
        if units is not None:
            raise InputError(
                [
                    Problem(
                        "invalid-input",
                        "a units table applies to flat lists only: a YAML/JSON model holds "
                        "its own units",
                        file=str(units),
                        hint="drop --units, or put the units into the document",
                    )
                ]
            )
        from zeren_graph.io.native import read_document  # noqa: PLC0415

        model = read_document(path)
        n = len(model.assignments)
        return LoadResult(model, LoadReport(files=(str(path),), rows=n, assignments=n))
    with paused_gc():
        tables, book, not_read, text_tasks = open_list(path, sheet, options)
        try:
            unit_table = units_table(units, book)
            if text_tasks is not None:
                model, stats, reading, rows = _build_tasks(text_tasks, unit_table, [])
            elif len(tables) > 1:
                from zeren_graph.io.sheets import read_sheets  # noqa: PLC0415

                model, stats, reading, rows = read_sheets(tables, not_read, unit_table, options)
            elif tables:
                model, stats, reading, rows = _read_rows(tables[0], book, unit_table, options)
                if not_read:
                    reading = dataclasses.replace(reading, not_read=tuple(not_read))
            else:
                model, stats, reading, rows = _read_sections(book, unit_table, scope)
            paragraphs = [p.text for p in getattr(book, "paragraphs", ())]
            if tables and paragraphs:  # a Word document's closing lines (ZG104)
                from zeren_graph.io.layouts.supervision import (  # noqa: PLC0415
                    paragraph_supervision,
                )

                reading = paragraph_supervision(reading, paragraphs)
            notes = book.notes() if book is not None else []
            reading = mark_reading(reading, options)
        finally:
            if book is not None:
                book.close()
        _age_young_objects()
    # the row fields the source had (a leader column is read as a post in role direct)
    had = {
        "leader" if (c.field, c.role) == ("post", "direct") else c.field for c in reading.columns
    }
    # and the supervision it states for the whole document (ZG104)
    supervisors = tuple(sorted(set(reading.supervision)))
    model = model.model_copy(
        update={
            "row_fields": tuple(sorted(had - {"ignore"})),
            "document_supervisors": supervisors,
        }
    )
    label = tables[0].label if len(tables) == 1 else str(path)  # a text list: the file
    files = (label,) + ((unit_table.file,) if unit_table is not None else ())
    found = [*stats.warnings, *(unit_table.warnings if unit_table else ()), *notes]
    report = LoadReport(
        files=files,
        rows=rows,
        assignments=len(model.assignments),
        skipped=tuple(stats.skipped) + tuple(unit_table.skipped if unit_table else ()),
        warnings=tuple(found),
        unit_rows=unit_table.rows if unit_table is not None else 0,
        reading=reading,
    )
    return LoadResult(model, report)


def _age_young_objects() -> None:
    """Move the objects the cyclic collector tracks to its oldest generation.

    The model just built is a million acyclic objects at 100k rows, all young
    and all outliving the call; the first collection after the pause would
    traverse them at once (0.3 s at 100k rows, 15 % of the load). In the oldest
    generation only a full collection visits them, as it does every long-lived
    object. :func:`gc.freeze` then :func:`gc.unfreeze` do it in two list splices;
    skipped when the caller keeps objects frozen (their freeze is theirs).
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def load(
    path: str | Path,
    *,
    units: str | Path | None = None,
    sheet: str | None = None,
    scope: str | None = None,
    options: ReadOptions | None = None,
) -> ResponsibilityModel:
    r"""Load a model; emit the report's warnings (see :func:`read` for the parameters).

    Examples
    --------
    >>> import tempfile, pathlib, warnings
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.csv"
    >>> _ = f.write_text("职责,单位,责任类型\n组织生活,乙镇党委,主体责任\n", encoding="utf-8")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     model = load(f)
    >>> model.has_hierarchy, caught[0].category.__name__
    (False, 'HierarchyWarning')
    """
    result = read(path, units=units, sheet=sheet, scope=scope, options=options)
    for warning in result.report.warnings:
        warnings.warn(warning, stacklevel=2)
    skipped = [s for s in result.report.skipped if s.reason != "empty row"]
    if skipped:
        listed = "; ".join(str(s) for s in skipped[:10])
        more = f" and {len(skipped) - 10} more" if len(skipped) > 10 else ""
        warnings.warn(ZerenWarning(f"{len(skipped)} rows skipped: {listed}{more}"), stacklevel=2)
    return result.model

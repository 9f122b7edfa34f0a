r"""Loaders and exporters: YAML/JSON models, CSV/XLSX flat lists and units tables.

:func:`read` and :func:`load` pick the loader from the file's extension:
``.yaml``/``.yml``/``.json`` are native documents, ``.csv`` (also ``.tsv``,
``.txt``), ``.xlsx``, ``.xls`` and ``.docx`` (the tables of a Word document) flat
responsibility lists. Every loader returns the same
:class:`~zeren_graph.model.ResponsibilityModel`; ``docs/format.md`` describes the
formats and ``docs/errors.md`` the errors.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "单位表.csv").write_text("单位,上级单位\n县委,\n乙镇党委,县委\n", encoding="gbk")
>>> _ = (d / "清单.csv").write_text(
...     "职责,责任单位,岗位,责任人,责任类型\n组织生活,乙镇党委,书记,张三,第一责任人\n",
...     encoding="utf-8-sig")
>>> result = read(d / "清单.csv", units=d / "单位表.csv")
>>> result.report.rows, result.report.assignments, result.model.posts[0].holders
(1, 1, ('张三',))
>>> print(dump_yaml(result.model).splitlines()[0])
units:
"""

from __future__ import annotations

import dataclasses
import re
import warnings
from pathlib import Path

from zeren_graph._gc import paused_gc
from zeren_graph.errors import InputError, MissingColumnError, Problem, ZerenWarning
from zeren_graph.io.columns import LIST_COLUMNS, UNIT_COLUMNS
from zeren_graph.io.export import (
    dump_json,
    dump_yaml,
    json_schema,
    list_rows,
    schema_text,
    to_document,
    unit_rows,
    write_list,
    write_units,
)
from zeren_graph.io.flat import FlatStats, read_list
from zeren_graph.io.formats.book import BOOK_SUFFIXES, Book, open_book
from zeren_graph.io.formats.delimited import open_csv
from zeren_graph.io.layouts.expand import expand_placeholders
from zeren_graph.io.layouts.grouped import read_sections
from zeren_graph.io.layouts.supervision import paragraph_supervision
from zeren_graph.io.layouts.task_table import TaskRows
from zeren_graph.io.layouts.text_list import read_text_list
from zeren_graph.io.layouts.vocabulary import LAYOUT_COLUMNS, TASK_COLUMNS
from zeren_graph.io.native import parse_document, read_document
from zeren_graph.io.options import TEXT_LIST_NEEDS, ReadOptions, forced_error, mark_reading
from zeren_graph.io.reading import Reading, long_reading
from zeren_graph.io.report import LoadReport, LoadResult, SkippedRow
from zeren_graph.io.sheets import interpret, list_sheets, read_sheets
from zeren_graph.io.tabular import LIST_SHEETS, UNIT_SHEETS, Table, ignored_columns
from zeren_graph.io.text import decode, encoding_note, read_input
from zeren_graph.io.units import UnitsTable, load_units, open_units, read_units_table
from zeren_graph.model import ResponsibilityModel

__all__ = [
    "LIST_COLUMNS",
    "NATIVE_SUFFIXES",
    "TABLE_SUFFIXES",
    "UNIT_COLUMNS",
    "LoadReport",
    "LoadResult",
    "ReadOptions",
    "Reading",
    "SkippedRow",
    "dump_json",
    "dump_yaml",
    "json_schema",
    "list_rows",
    "load",
    "load_units",
    "parse_document",
    "read",
    "schema_text",
    "to_document",
    "unit_rows",
    "write_list",
    "write_units",
]

#: Extensions of native documents.
NATIVE_SUFFIXES = (".yaml", ".yml", ".json")
#: Extensions of flat lists (``.doc`` only to say how to save it as ``.docx``).
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".docx")


def _unknown_format(path: Path) -> InputError:
    hint = {".et": "save it as .xlsx", ".ods": "save it as .xlsx", ".wps": "save it as .docx"}.get(
        path.suffix.lower()
    )
    listed = ", ".join(NATIVE_SUFFIXES + TABLE_SUFFIXES)
    return InputError(
        [
            Problem(
                "unknown-format",
                f"cannot tell the format from the extension {path.suffix or '(none)'!r}; "
                f"use one of {listed}",
                file=str(path),
                hint=hint,
            )
        ]
    )


def _list_tables(
    path: Path, sheet: str | None, options: ReadOptions
) -> tuple[list[Table], Book | None, list[tuple[str, str]]]:
    """Open the list's table(s): one, or every sheet that is a list (see :mod:`.sheets`)."""
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES + BOOK_SUFFIXES:
        raise _unknown_format(path)
    if suffix not in BOOK_SUFFIXES:
        return [open_csv(path, options.column_set(LAYOUT_COLUMNS))], None, []
    book = open_book(path)
    try:
        if sheet is not None:
            name = book.require(sheet, "responsibility list")
            return [book.table(name, options.for_sheet(name).column_set(LAYOUT_COLUMNS))], book, []
        found = book.pick(LIST_SHEETS, options.column_set(LAYOUT_COLUMNS))
        others = [s for s in book.sheets if book.find(UNIT_SHEETS) != s]
        if found is None and book.kind != "table" and len(others) > 1:
            tables, not_lists = list_sheets(book, options)
            if tables:
                return tables, book, not_lists
        first = found or (others[0] if others else None)
        if first is None:
            if getattr(book, "paragraphs", None):
                return [], book, []
            what = "document" if book.kind == "table" else "workbook"
            raise book.missing(f"the {what} has no {book.kind} for the responsibility list")
        return [book.table(first, options.for_sheet(first).column_set(LAYOUT_COLUMNS))], book, []
    except BaseException:
        book.close()
        raise


def _units_table(units: str | Path | None, book: Book | None) -> UnitsTable | None:
    if units is not None:
        if Path(units).suffix.lower() not in TABLE_SUFFIXES + BOOK_SUFFIXES:
            raise _unknown_format(Path(units))
        return read_units_table(open_units(units))
    if book is not None and book.find(UNIT_SHEETS) is not None:
        return read_units_table(open_units(book.file, book))
    return None


def _context(book: Book | None, sheet: str | None) -> list[str]:
    """Return the text before a Word table (its title paragraphs), else nothing."""
    tables = getattr(book, "tables", None)
    if book is None or tables is None:
        return []
    found = next((t for t in tables if t.name == sheet), None)
    paragraphs = getattr(book, "paragraphs", [])
    return [p.text for p in paragraphs[: found.position]] if found is not None else []


def _read_rows(
    table: Table, book: Book | None, unit_table: UnitsTable | None, options: ReadOptions
) -> tuple[ResponsibilityModel, FlatStats, Reading, int]:
    """Interpret and build the located table: its model, stats, reading and rows read."""
    own = options.for_sheet(table.sheet)
    tasks = interpret(table, own.scope, _context(book, table.sheet), own.unit)
    if tasks is None:
        model, stats = read_list(table, unit_table)
        built = len(model.assignments)
        counts = {"rows": stats.rows, "assignments": built,
                  "skipped": sum(1 for s in stats.skipped if s.reason != "empty row")}  # fmt: skip
        reading = long_reading(table.label, table.headers, table.columns, counts)
        reading = dataclasses.replace(reading, header_rows=((table.label, table.header_rows),))
        return model, stats, reading, stats.rows
    ignored = ignored_columns(table, table.column_set or TASK_COLUMNS, "task tables")
    return _build_tasks(tasks, unit_table, [ignored] if ignored is not None else [])


def _build_tasks(
    tasks: TaskRows, unit_table: UnitsTable | None, warned: list[Warning]
) -> tuple[ResponsibilityModel, FlatStats, Reading, int]:
    """Build the canonical rows of a task table or grouped list."""
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
    assert book is not None
    paragraphs = [p.text for p in getattr(book, "paragraphs", [])]
    tasks = read_sections(book.file, paragraphs, scope)
    if tasks is None:
        raise book.missing(
            "the document has no table for the responsibility list, and no sections naming "
            "a subject and its role (一、党委:主体责任)"
        )
    return _build_tasks(tasks, unit_table, [])


def _text_list(path: Path, scope: str | None) -> TaskRows | None:
    """Read a ``.txt`` file without a list header as a plain-text task list, if it is one."""
    if path.suffix.lower() != ".txt":
        return None
    text, encoding = decode(read_input(path), str(path))
    tasks = read_text_list(str(path), re.split(r"\r\n|\r|\n", text), scope)
    note = encoding_note(encoding)
    if tasks is not None and note:
        tasks.table.warnings.append(ZerenWarning(f"{path}: {note}"))
    return tasks


def _open_list(
    path: Path, sheet: str | None, options: ReadOptions
) -> tuple[list[Table], Book | None, list[tuple[str, str]], TaskRows | None]:
    """Open the list's tables, or read a ``.txt`` without a list header as a text list."""
    if options.layout == "text_list":
        tasks = _text_list(path, options.scope)
        if tasks is None:
            raise forced_error(str(path), "text_list", TEXT_LIST_NEEDS)
        return [], None, [], tasks
    try:
        return (*_list_tables(path, sheet, options), None)
    except MissingColumnError as error:
        if options.layout is not None:
            raise forced_error(str(path), options.layout, error) from None
        tasks = _text_list(path, options.scope)
        if tasks is None:
            raise
        return [], None, [], tasks


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
        model = read_document(path)
        n = len(model.assignments)
        return LoadResult(model, LoadReport(files=(str(path),), rows=n, assignments=n))
    with paused_gc():
        tables, book, not_read, text_tasks = _open_list(path, sheet, options)
        try:
            unit_table = _units_table(units, book)
            if text_tasks is not None:
                model, stats, reading, rows = _build_tasks(text_tasks, unit_table, [])
            elif len(tables) > 1:
                model, stats, reading, rows = read_sheets(tables, not_read, unit_table, options)
            elif tables:
                model, stats, reading, rows = _read_rows(tables[0], book, unit_table, options)
                if not_read:
                    reading = dataclasses.replace(reading, not_read=tuple(not_read))
            else:
                model, stats, reading, rows = _read_sections(book, unit_table, scope)
            if tables:
                paragraphs = [p.text for p in getattr(book, "paragraphs", ())]
                reading = paragraph_supervision(reading, paragraphs)
            notes = book.notes() if book is not None else []
            reading = mark_reading(reading, options)
        finally:
            if book is not None:
                book.close()
    # the row fields the source had (a leader column is read as a post in role direct)
    had = {
        "leader" if (c.field, c.role) == ("post", "direct") else c.field for c in reading.columns
    }
    # and the supervision it states for the whole document (ZG104)
    supervisors = tuple(sorted(set(reading.supervision)))
    model = model.model_copy(
        update={"row_fields": tuple(sorted(had - {"ignore"})), "document_supervisors": supervisors}
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

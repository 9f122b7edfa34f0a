r"""The *open* step of reading a list: the file's table(s), its units table, or a text list.

:func:`open_list` opens a flat list: the one table of a CSV file, the list's sheet
of a workbook (or every sheet that is a list, see :mod:`.sheets`), or a ``.txt``
file without a list header read as a plain-text task list. :func:`units_table`
opens the units table given, or the workbook's own units sheet. The formats and
layouts are imported only when a file needs them, so reading a CSV list loads
neither openpyxl nor the task-table layouts.

Examples
--------
>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.csv"
>>> _ = f.write_text("职责,单位,责任类型\n组织生活,乙镇党委,主体\n", encoding="utf-8")
>>> from zeren_graph.io.options import ReadOptions
>>> tables, book, not_read, text_tasks = open_list(f, None, ReadOptions())
>>> tables[0].columns, book, not_read, text_tasks
({'duty': 0, 'unit': 1, 'role': 2}, None, [], None)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from zeren_graph.errors import InputError, MissingColumnError, Problem, ZerenWarning
from zeren_graph.io.formats.book import BOOK_SUFFIXES, Book, open_book
from zeren_graph.io.formats.delimited import open_csv
from zeren_graph.io.layouts.vocabulary import LAYOUT_COLUMNS
from zeren_graph.io.options import TEXT_LIST_NEEDS, ReadOptions, forced_error
from zeren_graph.io.tabular import LIST_SHEETS, UNIT_SHEETS, Table
from zeren_graph.io.text import decode, encoding_note, read_input
from zeren_graph.io.units import UnitsTable, open_units, read_units_table

if TYPE_CHECKING:
    from zeren_graph.io.layouts.task_table import TaskRows

__all__ = [
    "NATIVE_SUFFIXES",
    "TABLE_SUFFIXES",
    "book_context",
    "open_list",
    "units_table",
    "unknown_format",
]

#: Extensions of native documents.
NATIVE_SUFFIXES = (".yaml", ".yml", ".json")
#: Extensions of flat lists (``.doc`` only to say how to save it as ``.docx``).
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".docx")


def unknown_format(path: Path) -> InputError:
    """Return the error for a file whose extension names no format read here."""
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
        raise unknown_format(path)
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
            from zeren_graph.io.sheets import list_sheets  # noqa: PLC0415 - workbooks only

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


def units_table(units: str | Path | None, book: Book | None) -> UnitsTable | None:
    """Open and read the units table ``units``, else the units sheet of ``book``, if any."""
    if units is not None:
        if Path(units).suffix.lower() not in TABLE_SUFFIXES + BOOK_SUFFIXES:
            raise unknown_format(Path(units))
        return read_units_table(open_units(units))
    if book is not None and book.find(UNIT_SHEETS) is not None:
        return read_units_table(open_units(book.file, book))
    return None


def book_context(book: Book | None, sheet: str | None) -> list[str]:
    """Return the text before a Word table (its title paragraphs), else nothing."""
    tables = getattr(book, "tables", None)
    if book is None or tables is None:
        return []
    found = next((t for t in tables if t.name == sheet), None)
    paragraphs = getattr(book, "paragraphs", [])
    return [p.text for p in paragraphs[: found.position]] if found is not None else []


def _text_list(path: Path, scope: str | None) -> TaskRows | None:
    """Read a ``.txt`` file without a list header as a plain-text task list, if it is one."""
    if path.suffix.lower() != ".txt":
        return None
    from zeren_graph.io.layouts.text_list import read_text_list  # noqa: PLC0415

    text, encoding = decode(read_input(path), str(path))
    tasks = read_text_list(str(path), re.split(r"\r\n|\r|\n", text), scope)
    note = encoding_note(encoding)
    if tasks is not None and note:
        tasks.table.warnings.append(ZerenWarning(f"{path}: {note}"))
    return tasks


def open_list(
    path: Path, sheet: str | None, options: ReadOptions
) -> tuple[list[Table], Book | None, list[tuple[str, str]], TaskRows | None]:
    """Open the list's tables, or read a ``.txt`` without a list header as a text list.

    Returns the tables, the workbook or document (to be closed by the caller), the
    sheets that are not lists with why, and the task rows of a text list.
    """
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

"""Rows of XLSX sheets, read in one pass, merged cells filled and formulas checked.

A :class:`Workbook` opens the file in openpyxl's read-only mode once its
archive passed :func:`~zeren_graph.io.formats.archive.check_archive`, and
returns each sheet as a :class:`~zeren_graph.io.tabular.Table`. A sheet
declaring or holding more than ``sheet_cells`` cells, merged ranges covering
more than ``merged_cells`` cells and a cell longer than ``cell_chars`` raise
:class:`~zeren_graph.errors.LimitError` before the work is done. Hidden sheets
are skipped and named in a warning, and so are the visible sheets not read; a
formula without a saved value, or a cell holding a spreadsheet error
(``#REF!``), is an error naming the sheet, row and column.

Examples
--------
>>> import tempfile, pathlib, openpyxl
>>> f = pathlib.Path(tempfile.mkdtemp()) / "单位表.xlsx"
>>> wb = openpyxl.Workbook()
>>> wb.active.append(["单位", "上级单位"])
>>> wb.active.append(["县委", None])
>>> wb.active.merge_cells("A3:A4")
>>> wb.active["A3"], wb.active["B3"], wb.active["B4"] = "乙镇党委", "县委", "乙镇"
>>> wb.save(f)
>>> from zeren_graph.io.columns import UNIT_COLUMNS
>>> with Workbook(f) as book:
...     t = book.table(book.sheets[0], UNIT_COLUMNS)
...     print(list(t.numbered()), t.filled)
[(2, ['县委']), (3, ['乙镇党委', '县委']), (4, ['乙镇党委', '乙镇'])] {4: {0}}
"""

from __future__ import annotations

import functools
import warnings
from pathlib import Path
from typing import Any, BinaryIO

from zeren_graph._display import excerpt
from zeren_graph.errors import InputError, ZerenWarning
from zeren_graph.io.columns import ColumnSet
from zeren_graph.io.formats.archive import _BROKEN, _unreadable, check_archive
from zeren_graph.io.formats.book import (
    Book,
    SheetCells,
    cell_text,
    check_cells,
    fill_merged,
    grid_rows,
)
from zeren_graph.io.tabular import Row, Table, column_letter, make_table
from zeren_graph.io.text import checked_size
from zeren_graph.limits import current, exceeded

__all__ = ["Workbook"]

#: Excel's own bounds: rows and columns of a sheet.
_EXCEL_ROWS, _EXCEL_COLUMNS = 1_048_576, 16_384


@functools.cache
def _parser_class() -> type[Any]:
    """Return openpyxl's sheet parser, extended to note formulas without values and errors."""
    from openpyxl.worksheet._reader import (  # noqa: PLC0415
        FORMULA_TAG,
        VALUE_TAG,
        WorkSheetParser,
    )

    class _SheetParser(WorkSheetParser):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.no_value: list[tuple[int, int, str]] = []
            self.errors: list[tuple[int, int, str]] = []

        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["value"] is None:
                formula = element.find(FORMULA_TAG)
                saved = element.find(VALUE_TAG)
                # no <v>, or an empty one on a cell that is not a string (openpyxl writes <v/>)
                empty = saved is None or (not saved.text and element.get("t") != "str")
                if formula is not None and empty:
                    text = f"={formula.text}" if formula.text else "(a shared formula)"
                    self.no_value.append((cell["row"], cell["column"], text))
            elif cell["data_type"] == "e":
                self.errors.append((cell["row"], cell["column"], str(cell["value"])))
            return cell

    return _SheetParser


class Workbook(Book):
    """An XLSX workbook whose sheets are read as grids of strings, merged cells filled.

    The workbook is opened in openpyxl's read-only mode after its archive passed
    :func:`check_archive`; each sheet is read in one pass. Hidden and very
    hidden sheets are not taken by :meth:`find`; :meth:`notes` names them, and
    the visible sheets not read. Close the workbook (or use it in a ``with``
    block) when done.

    Raises
    ------
    DecodeError
        When the file is not a readable ``.xlsx`` workbook.
    LimitError
        When the file or its archive exceed a limit.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> from zeren_graph.io.columns import LIST_COLUMNS
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.xlsx"
    >>> wb = openpyxl.Workbook()
    >>> wb.active.title = "旧清单"
    >>> wb.active.sheet_state = "hidden"
    >>> ws = wb.create_sheet("清单")
    >>> for row in (["职责", "单位", "责任类型"], ["组织生活", "乙镇党委", "主体责任"]):
    ...     ws.append(row)
    >>> wb.save(f)
    >>> with Workbook(f) as book:
    ...     print(book.sheets, book.hidden)
    ...     print(book.table(book.sheets[0], LIST_COLUMNS).header_row)
    ...     print(book.notes()[0])
    ['清单'] {'旧清单': 'hidden'}
    1
    ...清单.xlsx: hidden sheet skipped: '旧清单' (to read one, unhide it in Excel or WPS, ...)
    """

    def __init__(self, path: str | Path) -> None:
        import openpyxl  # noqa: PLC0415 - only needed for workbooks
        from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

        super().__init__(str(path))
        checked_size(path, self.file)
        check_archive(path, self.file)
        # openpyxl refuses a name not ending in .xlsx (an .xlsx saved as .xls): give it the file
        named = str(path).lower().endswith(".xlsx")
        self._handle: BinaryIO | None = None if named else open(path, "rb")  # noqa: SIM115
        source = path if self._handle is None else self._handle
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                self._book = openpyxl.load_workbook(source, read_only=True, data_only=True)
        except (InvalidFileException, OSError, *_BROKEN) as exc:
            if self._handle is not None:
                self._handle.close()
            if isinstance(exc, FileNotFoundError):
                raise
            raise _unreadable(self.file, exc) from exc
        self._notes += [f"openpyxl: {excerpt(str(w.message), 120)}" for w in caught]
        states = {ws.title: getattr(ws, "sheet_state", "visible") for ws in self._book.worksheets}
        data = [ws.title for ws in self._book.worksheets if hasattr(ws, "_worksheet_path")]
        self.sheets = [s for s in data if states[s] == "visible"]
        self.hidden = {s: states[s] for s in data if states[s] != "visible"}

    def close(self) -> None:
        """Close the workbook's file."""
        self._book.close()
        if self._handle is not None:
            self._handle.close()

    def table(self, sheet: str, columns: ColumnSet) -> Table:
        """Return ``sheet`` as a :class:`Table`, merged cells filled into every row they span.

        Raises
        ------
        LimitError
            When the sheet declares more than ``sheet_cells`` cells, holds more,
            its merged ranges cover more than ``merged_cells`` cells, or a cell
            is longer than ``cell_chars``.
        InputError
            When a formula at or below the header has no saved value
            (``formula-without-value``), or a cell holds a spreadsheet error
            (``formula-error``).
        """
        label = f"{self.file}[{sheet}]"
        ws = self._book[sheet]
        self.read_sheets.append(sheet)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                read = self._read(ws, label)
        except InputError:
            raise
        except (OSError, *_BROKEN) as exc:
            raise _unreadable(label, exc) from exc
        table = make_table(
            self.file, sheet, grid_rows(read.grid, read.rows), columns, filled=read.filled
        )
        check_cells(table, read)
        if sheet in self.hidden:
            table.warnings.append(
                ZerenWarning(f"{label}: the sheet is hidden; it was read because it was named")
            )
        notes = read.notes + [f"openpyxl: {excerpt(str(w.message), 120)}" for w in caught]
        table.warnings += [ZerenWarning(f"{label}: {n}") for n in notes]
        return table

    def _read(self, ws: Any, label: str) -> SheetCells:
        limits = current()
        rows = (ws.max_row or 0) - (ws.min_row or 1) + 1
        cols = (ws.max_column or 0) - (ws.min_column or 1) + 1
        if rows > 0 and cols > 0 and rows * cols > limits.sheet_cells:
            raise exceeded(
                "sheet_cells",
                f"the sheet declares {rows} rows × {cols} columns ({rows * cols} cells)",
                file=label,
            )
        book = self._book
        with ws._get_source() as src:
            parser = _parser_class()(
                src,
                ws._shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            grid = _parse_grid(parser, label, limits.sheet_cells, limits.cell_chars)
        used_rows = max(grid, default=0)
        used_cols = max((len(r) for r in grid.values()), default=0)
        filled = _fill_merged(parser.merged_cells, grid, used_rows, used_cols, label)
        return SheetCells(grid, used_rows, filled, parser.no_value, parser.errors, [])


def _parse_grid(parser: Any, label: str, max_cells: int, max_chars: int) -> dict[int, Row]:
    """Read the rows of a sheet into ``{row number: cells}``, counting cells against the limit."""
    grid: dict[int, Row] = {}
    count = 0
    for number, cells in parser.parse():
        values = [(c["column"], c["value"]) for c in cells if c["value"] is not None]
        if not values:
            continue
        width = max(c for c, _ in values)
        if number > _EXCEL_ROWS or width > _EXCEL_COLUMNS or number < 1:
            raise _unreadable(label, f"a cell at row {number}, column {width} is outside a sheet")
        count += width
        if count > max_cells:
            raise exceeded(
                "sheet_cells", f"the sheet holds more than {max_cells} cells", file=label
            )
        row = [""] * width
        for column, value in values:
            text = cell_text(value)
            if len(text) > max_chars:
                raise exceeded(
                    "cell_chars",
                    f"the cell in column {column_letter(column - 1)} is {len(text)} characters "
                    "long",
                    file=label,
                    row=number,
                )
            row[column - 1] = text
        grid[number] = row
    return grid


def _fill_merged(
    merged: Any, grid: dict[int, Row], used_rows: int, used_cols: int, label: str
) -> dict[int, set[int]]:
    """Fill openpyxl's merged ranges with :func:`~zeren_graph.io.formats.book.fill_merged`."""
    from openpyxl.utils.cell import range_boundaries  # noqa: PLC0415

    if merged is None:
        return {}
    ranges: list[tuple[int, int, int, int]] = []
    for m in merged.mergeCell:
        min_col, min_row, max_col, max_row = range_boundaries(m.ref)
        if min_col is None or min_row is None or max_col is None or max_row is None:
            raise _unreadable(label, f"an open merged range '{excerpt(str(m.ref), 30)}'")
        ranges.append((min_col, min_row, max_col, max_row))
    return fill_merged(ranges, grid, used_rows, used_cols, label)

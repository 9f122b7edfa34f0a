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

import datetime as dt
import functools
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from zeren_graph._display import excerpt
from zeren_graph.errors import InputError, MissingSheetError, Problem, ZerenWarning
from zeren_graph.io.columns import ColumnSet, header_key
from zeren_graph.io.formats.archive import _BROKEN, _unreadable, check_archive
from zeren_graph.io.tabular import (
    LIST_SHEETS,
    UNIT_SHEETS,
    Row,
    Table,
    column_letter,
    make_table,
)
from zeren_graph.io.text import file_size
from zeren_graph.limits import current, exceeded

__all__ = ["Workbook"]

#: Excel's own bounds: rows and columns of a sheet.
_EXCEL_ROWS, _EXCEL_COLUMNS = 1_048_576, 16_384


def _cell(value: Any) -> str:  # noqa: PLR0911 - one return per type
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


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


@dataclass
class _Sheet:
    """The cells of one sheet, read into memory."""

    grid: dict[int, Row]
    rows: int
    filled: dict[int, set[int]]
    no_value: list[tuple[int, int, str]]
    errors: list[tuple[int, int, str]]
    notes: list[str]


class Workbook:
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

        self.file = str(path)
        size, limit = file_size(path), current().file_bytes
        if size > limit:
            raise exceeded("file_bytes", f"the file is {size} bytes", file=self.file)
        check_archive(path, self.file)
        self._notes: list[str] = []
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                self._book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (InvalidFileException, OSError, *_BROKEN) as exc:
            if isinstance(exc, FileNotFoundError):
                raise
            raise _unreadable(self.file, exc) from exc
        self._notes += [f"openpyxl: {excerpt(str(w.message), 120)}" for w in caught]
        states = {ws.title: getattr(ws, "sheet_state", "visible") for ws in self._book.worksheets}
        data = [ws.title for ws in self._book.worksheets if hasattr(ws, "_worksheet_path")]
        #: The visible worksheets, in workbook order.
        self.sheets: list[str] = [s for s in data if states[s] == "visible"]
        #: The hidden worksheets and their state (``hidden`` or ``veryHidden``).
        self.hidden: dict[str, str] = {s: states[s] for s in data if states[s] != "visible"}
        self.read_sheets: list[str] = []

    def __enter__(self) -> Workbook:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the workbook's file."""
        self._book.close()

    def find(self, names: Sequence[str]) -> str | None:
        """Return the first visible sheet whose name matches one of ``names`` (case-folded)."""
        keys = {header_key(n) for n in names}
        return next((s for s in self.sheets if header_key(s) in keys), None)

    def require(self, sheet: str, purpose: str) -> str:
        """Return ``sheet`` if the workbook has it, else raise :class:`MissingSheetError`.

        A hidden sheet is returned too, since it was asked for by name; reading
        it adds a warning.
        """
        found = self.find([sheet])
        if found is None:
            key = header_key(sheet)
            found = next((s for s in self.hidden if header_key(s) == key), None)
        if found is None:
            raise self.missing(f"there is no sheet named '{excerpt(sheet)}' for the {purpose}")
        return found

    def missing(self, message: str) -> MissingSheetError:
        """Build the error for a sheet that is not there, listing the sheets."""
        listed = ", ".join(f"'{excerpt(s)}'" for s in self.sheets) or "none visible"
        if self.hidden:
            listed += "; hidden: " + ", ".join(f"'{excerpt(s)}'" for s in self.hidden)
        return MissingSheetError(
            [
                Problem(
                    "missing-sheet",
                    f"{message} (sheets: {listed})",
                    file=self.file,
                    hint=f"name the list sheet {' / '.join(LIST_SHEETS)} and the units "
                    f"sheet {' / '.join(UNIT_SHEETS)}",
                )
            ]
        )

    def notes(self) -> list[Warning]:
        """Return the warnings about the workbook: hidden sheets skipped, sheets not read.

        Call it after reading the sheets wanted.
        """
        found: list[Warning] = []
        skipped = [s for s in self.hidden if s not in self.read_sheets]
        if skipped:
            names = ", ".join(
                f"'{excerpt(s)}'" + (" (very hidden)" if self.hidden[s] == "veryHidden" else "")
                for s in skipped
            )
            sheets = "sheet" if len(skipped) == 1 else "sheets"
            found.append(
                ZerenWarning(
                    f"{self.file}: hidden {sheets} skipped: {names} (to read one, unhide it in "
                    "Excel or WPS, or name it: read(..., sheet=...))"
                )
            )
        unread = [s for s in self.sheets if s not in self.read_sheets]
        if unread and self.read_sheets:
            names = ", ".join(f"'{excerpt(s)}'" for s in unread)
            found.append(ZerenWarning(f"{self.file}: sheets not read: {names}"))
        found += [ZerenWarning(f"{self.file}: {note}") for note in self._notes]
        return found

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
            self.file, sheet, _grid_rows(read.grid, read.rows), columns, filled=read.filled
        )
        _check_formulas(table, read)
        if sheet in self.hidden:
            table.warnings.append(
                ZerenWarning(f"{label}: the sheet is hidden; it was read because it was named")
            )
        notes = read.notes + [f"openpyxl: {excerpt(str(w.message), 120)}" for w in caught]
        table.warnings += [ZerenWarning(f"{label}: {n}") for n in notes]
        return table

    def _read(self, ws: Any, label: str) -> _Sheet:
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
        return _Sheet(grid, used_rows, filled, parser.no_value, parser.errors, [])


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
            text = _cell(value)
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
    """Copy each merged range's value into its cells, within the used grid; return those filled."""
    from openpyxl.utils.cell import range_boundaries  # noqa: PLC0415

    filled: dict[int, set[int]] = {}
    if merged is None:
        return filled
    ranges: list[tuple[int, int, int, int]] = []
    area = largest = 0
    biggest = ""
    for m in merged.mergeCell:
        min_col, min_row, max_col, max_row = range_boundaries(m.ref)
        if min_col is None or min_row is None or max_col is None or max_row is None:
            raise _unreadable(label, f"an open merged range '{excerpt(str(m.ref), 30)}'")
        size = (max_row - min_row + 1) * (max_col - min_col + 1)
        area += size
        if size > largest:
            largest, biggest = size, str(m.ref)
        ranges.append((min_col, min_row, max_col, max_row))
    if area > current().merged_cells:
        raise exceeded(
            "merged_cells",
            f"the merged ranges of the sheet cover {area} cells (the largest, "
            f"{excerpt(biggest, 30)}, {largest})",
            file=label,
        )
    for min_col, min_row, max_col, max_row in ranges:
        top = grid.get(min_row)
        value = top[min_col - 1] if top is not None and min_col <= len(top) else ""
        for r in range(min_row, min(max_row, used_rows) + 1):
            row = grid.get(r)
            if row is None:
                row = grid[r] = []
            last = min(max_col, used_cols)
            if len(row) < last:
                row.extend([""] * (last - len(row)))
            for c in range(min_col, last + 1):
                row[c - 1] = value
                if r > min_row:
                    filled.setdefault(r, set()).add(c - 1)
    return filled


def _grid_rows(grid: dict[int, Row], rows: int) -> Iterator[Row]:
    """Yield rows 1 to ``rows`` of ``grid``, an empty list for each row it lacks."""
    for number in range(1, rows + 1):
        yield grid.pop(number, [])


def _check_formulas(table: Table, sheet: _Sheet) -> None:
    """Raise for formulas without a saved value and error values at or below the header."""
    problems: list[Problem] = []
    for row, column, formula in sheet.no_value:
        if row < table.header_row:
            continue
        problems.append(
            Problem(
                "formula-without-value",
                f"the cell holds a formula ({excerpt(formula, 40)}) without a saved value, "
                "so it would read as empty",
                file=table.label,
                row=row,
                column=table.column_name(column - 1),
                value=excerpt(formula, 40),
                hint="open it in Excel or WPS and save it so formulas have values, or paste values",
            )
        )
    for row, column, error in sheet.errors:
        if row < table.header_row:
            continue
        problems.append(
            Problem(
                "formula-error",
                f"the cell holds the spreadsheet error {excerpt(error, 20)}",
                file=table.label,
                row=row,
                column=table.column_name(column - 1),
                value=excerpt(error, 20),
                hint="correct the formula (or the cell) in Excel or WPS, or paste values",
            )
        )
    if problems:
        problems.sort(key=lambda p: p.row or 0)
        raise InputError(problems)

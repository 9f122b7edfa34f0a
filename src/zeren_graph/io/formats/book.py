"""What every reader of a file with several sheets offers: XLSX, XLS and DOCX alike.

:class:`Book` is the base of :class:`~zeren_graph.io.formats.xlsx.Workbook`,
:class:`~zeren_graph.io.formats.xls.XlsWorkbook` and
:class:`~zeren_graph.io.formats.docx.DocxDocument`: the visible sheets in order
(``sheets``), the hidden ones named (``hidden``), finding a sheet by name
(:meth:`Book.find`, :meth:`Book.require`), the error listing the sheets
(:meth:`Book.missing`) and the warnings about what was skipped or not read
(:meth:`Book.notes`). A subclass opens the file, fills those attributes and
implements :meth:`Book.table` and :meth:`Book.close`.

:func:`fill_merged` copies the value of each merged range into every cell it
spans, the same way for every format, after checking the ``merged_cells`` limit;
:func:`cell_text` turns a cell's value into text, and :func:`check_cells` refuses
the cells holding a spreadsheet error (or a formula without a saved value).

Examples
--------
>>> grid = {1: ["职责", "单位"], 2: ["组织生活", "乙镇党委"], 3: ["", "甲镇党委"]}
>>> fill_merged([(1, 2, 1, 3)], grid, 3, 2, "清单.xls[清单]")
{3: {0}}
>>> grid[3]
['组织生活', '甲镇党委']
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from zeren_graph._display import excerpt
from zeren_graph.errors import InputError, MissingSheetError, Problem, ZerenWarning
from zeren_graph.io.columns import ColumnSet, header_key
from zeren_graph.io.tabular import LIST_SHEETS, UNIT_SHEETS, Row, Table
from zeren_graph.limits import current, exceeded

__all__ = [
    "BOOK_SUFFIXES",
    "Book",
    "SheetCells",
    "cell_text",
    "check_cells",
    "fill_merged",
    "grid_rows",
    "open_book",
]

#: Extensions of the files read as books of sheets.
BOOK_SUFFIXES = (".xlsx", ".xls", ".docx", ".doc")
#: A merged range: first column, first row, last column, last row (1-based, inclusive).
Range = tuple[int, int, int, int]


class Book(ABC):
    """A file of named sheets, read one at a time as :class:`Table` objects.

    Subclasses set ``file``, ``sheets`` (the visible sheets, in order) and
    ``hidden`` (hidden sheet → its state, ``hidden`` or ``veryHidden``), and
    append every sheet they read to ``read_sheets``, so that :meth:`notes` can
    name what was skipped. Use a book in a ``with`` block, or close it.
    """

    #: What a sheet is called in messages ("sheet", or "table" in a Word document).
    kind = "sheet"
    #: How to read a hidden sheet, said in the warning that names it.
    unhide = "unhide it in Excel or WPS, or name it: read(..., sheet=...)"

    def __init__(self, file: str) -> None:
        self.file = file
        #: The visible sheets, in order.
        self.sheets: list[str] = []
        #: The hidden sheets and their state (``hidden`` or ``veryHidden``).
        self.hidden: dict[str, str] = {}
        #: The sheets read so far, in the order they were read.
        self.read_sheets: list[str] = []
        self._notes: list[str] = []

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:  # noqa: B027 - a hook: most readers hold no file after opening
        """Release the file (nothing to do by default)."""

    @abstractmethod
    def table(self, sheet: str, columns: ColumnSet) -> Table:
        """Return ``sheet`` as a :class:`Table` whose header holds ``columns``."""

    def find(self, names: Sequence[str]) -> str | None:
        """Return the first visible sheet whose name matches one of ``names`` (case-folded)."""
        keys = {header_key(n) for n in names}
        return next((s for s in self.sheets if header_key(s) in keys), None)

    def pick(self, names: Sequence[str], columns: ColumnSet) -> str | None:
        """Return the sheet to read for ``columns`` when none is named: by default :meth:`find`.

        A Word document, whose tables have no names, returns the first table
        whose header holds ``columns`` instead.
        """
        return self.find(names)

    def require(self, sheet: str, purpose: str) -> str:
        """Return ``sheet`` if the book has it, else raise :class:`MissingSheetError`.

        A hidden sheet is returned too, since it was asked for by name; reading
        it adds a warning.
        """
        found = self.find([sheet])
        if found is None:
            key = header_key(sheet)
            found = next((s for s in self.hidden if header_key(s) == key), None)
        if found is None:
            named = f"'{excerpt(sheet)}'"
            raise self.missing(f"there is no {self.kind} named {named} for the {purpose}")
        return found

    def missing_hint(self) -> str:
        """Return the hint of :meth:`missing`: how to name the sheets."""
        return (
            f"name the list sheet {' / '.join(LIST_SHEETS)} and the units "
            f"sheet {' / '.join(UNIT_SHEETS)}"
        )

    def missing(self, message: str) -> MissingSheetError:
        """Build the error for a sheet that is not there, listing the sheets."""
        listed = ", ".join(f"'{excerpt(s)}'" for s in self.sheets) or "none visible"
        if self.hidden:
            listed += "; hidden: " + ", ".join(f"'{excerpt(s)}'" for s in self.hidden)
        return MissingSheetError(
            [
                Problem(
                    "missing-sheet",
                    f"{message} ({self.kind}s: {listed})",
                    file=self.file,
                    hint=self.missing_hint(),
                )
            ]
        )

    def describe(self, sheet: str) -> str:
        """Return how :meth:`notes` names ``sheet`` among those not read."""
        return f"'{excerpt(sheet)}'"

    def notes(self) -> list[Warning]:
        """Return the warnings about the book: hidden sheets skipped, sheets not read.

        Call it after reading the sheets wanted.
        """
        found: list[Warning] = []
        skipped = [s for s in self.hidden if s not in self.read_sheets]
        if skipped:
            names = ", ".join(
                f"'{excerpt(s)}'" + (" (very hidden)" if self.hidden[s] == "veryHidden" else "")
                for s in skipped
            )
            what = self.kind if len(skipped) == 1 else f"{self.kind}s"
            found.append(
                ZerenWarning(f"{self.file}: hidden {what} skipped: {names} (to read one, "
                             f"{self.unhide})")
            )  # fmt: skip
        unread = [s for s in self.sheets if s not in self.read_sheets]
        if unread and self.read_sheets:
            names = ", ".join(self.describe(s) for s in unread)
            found.append(ZerenWarning(f"{self.file}: {self.kind}s not read: {names}"))
        found += [ZerenWarning(f"{self.file}: {note}") for note in self._notes]
        return found


def open_book(path: str | Path) -> Book:
    """Open the workbook or Word document ``path``, picking the reader by its extension.

    ``.xlsx`` is read by :class:`~zeren_graph.io.formats.xlsx.Workbook`, ``.xls``
    by :class:`~zeren_graph.io.formats.xls.XlsWorkbook` and ``.docx`` by
    :class:`~zeren_graph.io.formats.docx.DocxDocument`. An XLSX workbook saved as
    ``.xls`` (or a DOCX document saved as ``.doc``), as offices' systems often
    export, is read as what it is, with a warning saying so; Word's binary
    ``.doc`` is a :class:`~zeren_graph.errors.DecodeError`.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.xls"
    >>> openpyxl.Workbook().save(f)
    >>> with open_book(f) as book:
    ...     print(type(book).__name__, book.notes()[0])
    Workbook ...清单.xls: the file is an .xlsx workbook saved with the .xls extension; ...
    """
    from zeren_graph.io.formats.docx import DocxDocument, not_docx  # noqa: PLC0415
    from zeren_graph.io.formats.xls import XlsWorkbook, sniff  # noqa: PLC0415
    from zeren_graph.io.formats.xlsx import Workbook  # noqa: PLC0415

    suffix = Path(path).suffix.lower()
    if suffix in (".xls", ".doc"):
        with open(path, "rb") as f:
            head = f.read(512)
        if sniff(head) == "zip":
            book: Book = Workbook(path) if suffix == ".xls" else DocxDocument(path)
            real = ".xlsx workbook" if suffix == ".xls" else ".docx document"
            book._notes.append(
                f"the file is an {real} saved with the {suffix} extension; it was read as "
                f"one (rename it to {real.split(maxsplit=1)[0]})"
            )
            return book
        if suffix == ".doc":
            raise not_docx(str(path), head)
        return XlsWorkbook(path)
    if suffix == ".docx":
        return DocxDocument(path)
    return Workbook(path)


def fill_merged(
    ranges: Iterable[Range], grid: dict[int, Row], used_rows: int, used_cols: int, label: str
) -> dict[int, set[int]]:
    """Copy each merged range's value into its cells, within the used grid; return those filled.

    ``ranges`` are ``(first column, first row, last column, last row)``, 1-based
    and inclusive; the value is the range's top-left cell's. The cells filled
    below a range's first row are returned per row number (0-based columns),
    as :attr:`Table.filled <zeren_graph.io.tabular.Table.filled>` holds them.

    Raises
    ------
    LimitError
        When the ranges cover more than ``merged_cells`` cells.
    """
    listed = list(ranges)
    area = largest = 0
    biggest: Range | None = None
    for merged in listed:
        size = (merged[3] - merged[1] + 1) * (merged[2] - merged[0] + 1)
        area += size
        if size > largest:
            largest, biggest = size, merged
    if area > current().merged_cells and biggest is not None:
        from zeren_graph.io.tabular import column_letter  # noqa: PLC0415

        ref = (
            f"{column_letter(biggest[0] - 1)}{biggest[1]}:{column_letter(biggest[2] - 1)}"
            f"{biggest[3]}"
        )
        raise exceeded(
            "merged_cells",
            f"the merged ranges of the sheet cover {area} cells (the largest, {ref}, {largest})",
            file=label,
        )
    filled: dict[int, set[int]] = {}
    for min_col, min_row, max_col, max_row in listed:
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


def cell_text(value: Any) -> str:  # noqa: PLR0911 - one return per type
    """Return a cell's value as the text a list holds: whole floats as integers, dates ISO.

    Examples
    --------
    >>> import datetime as dt
    >>> [cell_text(v) for v in (None, 3.0, 2.5, True, dt.datetime(2024, 3, 1), dt.time(8, 30))]
    ['', '3', '2.5', 'true', '2024-03-01', '08:30:00']
    """
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


@dataclass
class SheetCells:
    """The cells of one sheet, read into memory: ``errors`` are (row, column, text), 1-based."""

    grid: dict[int, Row]
    rows: int
    filled: dict[int, set[int]]
    no_value: list[tuple[int, int, str]]
    errors: list[tuple[int, int, str]]
    notes: list[str]


def grid_rows(grid: dict[int, Row], rows: int) -> Iterator[Row]:
    """Yield rows 1 to ``rows`` of ``grid``, an empty list for each row it lacks."""
    for number in range(1, rows + 1):
        yield grid.pop(number, [])


def check_cells(table: Table, sheet: SheetCells) -> None:
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

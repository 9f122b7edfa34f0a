r"""Rows of CSV files and XLSX sheets, with the header row found and merged cells filled.

A :class:`Table` is a header (found as the first of the first
:data:`HEADER_SEARCH_ROWS` rows that holds every required column, so title rows
above it are skipped) and an iterator over the data rows below it.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> text = "乙镇责任清单\n职责,单位,责任类型\n组织生活,乙镇党委,主体责任\n"
>>> _ = (d / "清单.csv").write_text(text, encoding="gbk")
>>> t = open_csv(d / "清单.csv", LIST_COLUMNS)
>>> t.header_row, t.columns, list(t.numbered())
(2, {'duty': 0, 'unit': 1, 'role': 2}, [(3, ['组织生活', '乙镇党委', '主体责任'])])
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zeren_graph.errors import (
    DecodeError,
    EmptyFileError,
    MissingColumnError,
    MissingSheetError,
    Problem,
)
from zeren_graph.io.columns import LIST_COLUMNS, ColumnSet, header_key
from zeren_graph.io.text import clean, decode

__all__ = [
    "HEADER_SEARCH_ROWS",
    "LIST_SHEETS",
    "UNIT_SHEETS",
    "Table",
    "Workbook",
    "make_table",
    "open_csv",
]

#: How many rows from the top are searched for the header row.
HEADER_SEARCH_ROWS = 20
#: Sheet names taken as the responsibility list in a workbook.
LIST_SHEETS = ("list", "清单", "责任清单")
#: Sheet names taken as the units table in a workbook.
UNIT_SHEETS = ("units", "单位", "单位表")

Row = list[str]


@dataclass
class Table:
    """A header and the data rows of one CSV file or sheet.

    ``rows`` yields the raw rows below the header, the first being row
    ``first_row`` (1-based, as a spreadsheet shows it). Consumers skip empty
    rows, recording those followed by data in ``empty_rows``. ``filled``
    holds, per row number, the column indices whose value was copied from a
    merged cell above.
    """

    file: str
    sheet: str | None
    headers: list[str]
    columns: dict[str, int]
    header_row: int
    rows: Iterator[Row]
    filled: dict[int, set[int]] = field(default_factory=dict)
    empty_rows: list[int] = field(default_factory=list)
    clean: bool = False  # every cell is known to be normalised and trimmed already

    @property
    def label(self) -> str:
        """Return ``file`` or ``file[sheet]`` for messages."""
        return f"{self.file}[{self.sheet}]" if self.sheet else self.file

    @property
    def first_row(self) -> int:
        """Return the number of the first row below the header."""
        return self.header_row + 1

    def header(self, column: str) -> str:
        """Return the header of canonical ``column`` as the user wrote it."""
        return self.headers[self.columns[column]]

    def ignored_headers(self, columns: ColumnSet) -> list[str]:
        """Return the non-empty headers that name no column (or one already taken)."""
        used = set(self.columns.values())
        return [h for i, h in enumerate(self.headers) if h and i not in used]

    def numbered(self) -> Iterator[tuple[int, Row]]:
        """Yield ``(row_number, cells)`` of the non-empty rows; record the empty ones."""
        pending: list[int] = []
        for number, row in enumerate(self.rows, start=self.first_row):
            if any(row):
                if pending:
                    self.empty_rows.extend(pending)
                    pending = []
                yield number, row
            else:
                pending.append(number)  # trailing empty rows are not data rows

    def no_data(self) -> EmptyFileError:
        """Return the error for a table with a header but no data rows."""
        return _empty(
            self.label, "it has a header row but no data rows", "add rows below the header"
        )


def make_table(
    file: str,
    sheet: str | None,
    rows: Iterable[Row],
    columns: ColumnSet,
    *,
    filled: dict[int, set[int]] | None = None,
) -> Table:
    """Find the header row in ``rows`` and return the table below it.

    Raises
    ------
    EmptyFileError
        When there is no non-empty row.
    MissingColumnError
        When no row among the first :data:`HEADER_SEARCH_ROWS` holds every
        required column; the message names the headers found.

    Examples
    --------
    >>> from zeren_graph.io.columns import UNIT_COLUMNS
    >>> t = make_table("a.csv", None, [["单位", "上级单位"], ["县委", ""]], UNIT_COLUMNS)
    >>> t.columns, list(t.numbered())
    ({'unit': 0, 'parent': 1}, [(2, ['县委', ''])])
    """
    source = iter(rows)
    head = list(itertools.islice(source, HEADER_SEARCH_ROWS))
    where = f"{file}[{sheet}]" if sheet else file
    best: list[str] | None = None
    for number, row in enumerate(head, start=1):
        headers = [clean(c) for c in row]
        found = columns.match(headers)
        if not columns.missing(found):
            rest = itertools.chain(head[number:], source) if number < len(head) else source
            return Table(file, sheet, headers, found, number, rest, filled or {})
        if any(headers) and (best is None or len(found) > len(columns.match(best))):
            best = headers
    if best is None:
        if next((r for r in source if any(c.strip() for c in r)), None) is None:
            raise _empty(where, "it holds no data", "is it the right file, and was it saved?")
        best = []
    raise _missing_columns(where, columns, best)


def _empty(where: str, why: str, hint: str) -> EmptyFileError:
    return EmptyFileError(
        [Problem("empty-file", f"the file is empty: {why}", file=where, hint=hint)]
    )


def _missing_columns(where: str, columns: ColumnSet, headers: list[str]) -> MissingColumnError:
    missing = columns.missing(columns.match(headers))
    shown = ", ".join(f"'{h}'" for h in headers if h) or "none"
    problems = [
        Problem(
            "missing-column",
            f"required column '{c}' is missing (headers found: {shown})",
            file=where,
            column=c,
            hint=f"add a column headed {columns.describe(c)}; the header row must be among "
            f"the first {HEADER_SEARCH_ROWS} rows",
        )
        for c in missing
    ]
    return MissingColumnError(problems)


def _sniff_delimiter(text: str) -> str:
    sample = text[:4096].splitlines()[:5]
    counts = {d: sum(line.count(d) for line in sample) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def open_csv(path: str | Path, columns: ColumnSet = LIST_COLUMNS) -> Table:
    r"""Read a CSV file in UTF-8, UTF-8-BOM, UTF-16 or GB18030/GBK as a :class:`Table`.

    The file is decoded at once; rows are parsed lazily. Commas, tabs and
    semicolons are recognised as delimiters.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "单位表.txt"
    >>> _ = f.write_text("单位\t上级单位\n县委\t\n", encoding="utf-8")
    >>> from zeren_graph.io.columns import UNIT_COLUMNS
    >>> t = open_csv(f, UNIT_COLUMNS)
    >>> t.headers, t.clean, list(t.numbered())
    (['单位', '上级单位'], True, [(2, ['县委', ''])])
    """
    file = str(path)
    text, _ = decode(Path(path).read_bytes(), file)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = make_table(file, None, reader, columns)
    table.clean = is_clean(text, delimiter)
    return table


_SPACES = " \t\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"


def is_clean(text: str, delimiter: str = ",") -> bool:
    r"""Whether every cell of a CSV text is NFKC-normalised and trimmed already.

    Then the loaders need not normalise cell by cell. Texts with quotes are
    not examined (a quoted cell may hold delimiters and line breaks).

    Examples
    --------
    >>> is_clean("职责,单位\n组织生活,乙镇党委\n"), is_clean("职责, 单位\n")
    (True, False)
    >>> is_clean("职责,单位\n组织生活,乙镇党委\u3000\n")
    False
    """
    if '"' in text or not unicodedata.is_normalized("NFKC", text):
        return False
    for space in _SPACES:
        if space == delimiter or space not in text:
            continue
        edges = (delimiter + space, space + delimiter, "\n" + space, space + "\n", space + "\r")
        if text.startswith(space) or text.endswith(space) or any(e in text for e in edges):
            return False
    return True


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


class Workbook:
    """An XLSX workbook whose sheets are read as grids of strings, merged cells filled.

    Raises
    ------
    DecodeError
        When the file is not a readable ``.xlsx`` workbook.
    """

    def __init__(self, path: str | Path) -> None:
        import openpyxl  # noqa: PLC0415 - only needed for workbooks
        from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

        self.file = str(path)
        try:
            self._book = openpyxl.load_workbook(path, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
            if isinstance(exc, FileNotFoundError):
                raise
            raise DecodeError(
                [
                    Problem(
                        "undecodable-file",
                        f"not a readable .xlsx workbook ({exc})",
                        file=self.file,
                        hint="open it in Excel or WPS and save it as .xlsx",
                    )
                ]
            ) from exc
        self.sheets: list[str] = list(self._book.sheetnames)

    def find(self, names: Sequence[str]) -> str | None:
        """Return the first sheet whose name matches one of ``names`` (case-folded)."""
        keys = {header_key(n) for n in names}
        return next((s for s in self.sheets if header_key(s) in keys), None)

    def require(self, sheet: str, purpose: str) -> str:
        """Return ``sheet`` if the workbook has it, else raise :class:`MissingSheetError`."""
        found = self.find([sheet])
        if found is None:
            raise self.missing(f"there is no sheet named '{sheet}' for the {purpose}")
        return found

    def missing(self, message: str) -> MissingSheetError:
        """Build the error for a sheet that is not there, listing the sheets."""
        listed = ", ".join(f"'{s}'" for s in self.sheets)
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

    def table(self, sheet: str, columns: ColumnSet) -> Table:
        """Return ``sheet`` as a :class:`Table`, merged cells filled into every row they span."""
        ws = self._book[sheet]
        grid = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
        filled: dict[int, set[int]] = {}
        for rng in ws.merged_cells.ranges:
            value = _cell(ws.cell(rng.min_row, rng.min_col).value)
            for r in range(rng.min_row, rng.max_row + 1):
                row = grid[r - 1]
                row.extend([""] * (rng.max_col - len(row)))
                for c in range(rng.min_col, rng.max_col + 1):
                    row[c - 1] = value
                    if r > rng.min_row:
                        filled.setdefault(r, set()).add(c - 1)
        return make_table(self.file, sheet, grid, columns, filled=filled)

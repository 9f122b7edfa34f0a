r"""Rows of CSV files and XLSX sheets, with the header row found and merged cells filled.

A :class:`Table` is a header (found as the first of the first
:data:`HEADER_SEARCH_ROWS` rows that holds every required column, so title rows
above it are skipped) and an iterator over the data rows below it.

Nothing is lost silently and nothing hostile is let through:

- a file above the ``file_bytes`` limit, an XLSX archive whose members expand
  beyond ``archive_bytes`` (or by more than ``archive_ratio``), a sheet declaring
  more than ``sheet_cells`` cells, merged ranges covering more than
  ``merged_cells`` cells and a cell longer than ``cell_chars`` raise
  :class:`~zeren_graph.errors.LimitError` before the work is done;
- a CSV quote left open to the end of the file, or a quoted cell with text
  after its closing quote, is an error naming the row where it opens; a quoted
  cell whose lines look like rows of their own is named in a warning;
- cells outside the header's columns are named in a warning (:meth:`Table.stray`);
- hidden sheets are skipped and named in a warning, and so are the visible
  sheets not read; a formula without a saved value, or a cell holding a
  spreadsheet error (``#REF!``), is an error naming the sheet, row and column.

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
import functools
import io
import itertools
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from zeren_graph._display import excerpt
from zeren_graph.errors import (
    DecodeError,
    EmptyFileError,
    InputError,
    MissingColumnError,
    MissingSheetError,
    Problem,
    ZerenWarning,
)
from zeren_graph.io.columns import LIST_COLUMNS, ColumnSet, header_key
from zeren_graph.io.text import clean, decode, encoding_note, file_size, read_input
from zeren_graph.limits import current, exceeded
from zeren_graph.output.escape import uncsv_cell

__all__ = [
    "HEADER_SEARCH_ROWS",
    "LIST_SHEETS",
    "UNIT_SHEETS",
    "Table",
    "Workbook",
    "check_archive",
    "column_letter",
    "ignored_columns",
    "make_table",
    "open_csv",
]

#: How many rows from the top are searched for the header row.
HEADER_SEARCH_ROWS = 20
#: Sheet names taken as the responsibility list in a workbook.
LIST_SHEETS = ("list", "清单", "责任清单")
#: Sheet names taken as the units table in a workbook.
UNIT_SHEETS = ("units", "单位", "单位表")
#: How many examples a warning or a list of headers shows before "and N more".
_SHOWN = 5
#: Excel's own bounds: rows and columns of a sheet.
_EXCEL_ROWS, _EXCEL_COLUMNS = 1_048_576, 16_384
_MiB = 1 << 20

Row = list[str]


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of the 0-based column ``index``.

    Examples
    --------
    >>> column_letter(0), column_letter(5), column_letter(26), column_letter(16383)
    ('A', 'F', 'AA', 'XFD')
    """
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class Table:
    """A header and the data rows of one CSV file or sheet.

    ``rows`` yields the raw rows below the header, the first being row
    ``first_row`` (1-based, as a spreadsheet shows it). Consumers skip empty
    rows, recording those followed by data in ``empty_rows``, and pass every
    row wider than the header (or any row, when a header cell is empty) to
    :meth:`stray`. ``filled`` holds, per row number, the column indices whose
    value was copied from a merged cell above. ``warnings`` are about the file
    itself (its encoding, swallowed rows, cells outside the header); the
    loaders add them to the report.
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
    warnings: list[Warning] = field(default_factory=list)
    stray_cells: list[tuple[int, int, str]] = field(default_factory=list)
    stray_count: int = 0

    @property
    def label(self) -> str:
        """Return ``file`` or ``file[sheet]`` for messages."""
        return f"{self.file}[{self.sheet}]" if self.sheet else self.file

    @property
    def first_row(self) -> int:
        """Return the number of the first row below the header."""
        return self.header_row + 1

    @functools.cached_property
    def unheaded(self) -> list[int]:
        """Return the indices of the empty header cells (their column's cells are ignored)."""
        return [i for i, h in enumerate(self.headers) if not h]

    def header(self, column: str) -> str:
        """Return the header of canonical ``column`` as the user wrote it."""
        return self.headers[self.columns[column]]

    def column_name(self, index: int) -> str:
        """Return the header of the 0-based column ``index``, else its number and letter.

        Examples
        --------
        >>> from zeren_graph.io.columns import UNIT_COLUMNS
        >>> t = make_table("a.csv", None, [["单位", ""], ["县委", ""]], UNIT_COLUMNS)
        >>> t.column_name(0), t.column_name(1), t.column_name(6)
        ('单位', 'column 2 (B)', 'column 7 (G)')
        """
        if index < len(self.headers) and self.headers[index]:
            return self.headers[index]
        return f"column {index + 1} ({column_letter(index)})"

    def ignored_headers(self, columns: ColumnSet) -> list[str]:
        """Return the non-empty headers that name no column (or one already taken)."""
        used = set(self.columns.values())
        return [h for i, h in enumerate(self.headers) if h and i not in used]

    def stray(self, number: int, row: Row) -> None:
        """Record the non-empty cells of ``row`` beyond the header or under an empty header.

        Examples
        --------
        >>> from zeren_graph.io.columns import UNIT_COLUMNS
        >>> t = make_table("清单.csv", None, [["单位"], ["县委", "多余", ""]], UNIT_COLUMNS)
        >>> t.stray(2, ["县委", "多余", ""])
        >>> print(t.stray_warnings()[0])
        清单.csv: 1 cell outside the header's columns ignored: row 2, column 2 (B): '多余'
        """
        width = len(self.headers)
        found = [i for i in self.unheaded if i < len(row) and row[i].strip()]
        found += [i for i in range(width, len(row)) if row[i].strip()]
        for i in found:
            self.stray_count += 1
            if len(self.stray_cells) < _SHOWN:
                self.stray_cells.append((number, i, row[i]))

    def stray_warnings(self) -> list[Warning]:
        """Return the warning naming the cells :meth:`stray` found (none if there are none)."""
        if not self.stray_count:
            return []
        n = self.stray_count
        shown = "; ".join(
            f"row {r}, {self.column_name(i)}: '{excerpt(v, 30)}'" for r, i, v in self.stray_cells
        )
        more = f"; and {n - len(self.stray_cells)} more" if n > len(self.stray_cells) else ""
        cells = "cell" if n == 1 else "cells"
        return [
            ZerenWarning(
                f"{self.label}: {n} {cells} outside the header's columns ignored: {shown}{more}"
            )
        ]

    def numbered(self) -> Iterator[tuple[int, Row]]:
        """Yield ``(row_number, cells)`` of the non-empty rows; record the empty ones."""
        pending: list[int] = []
        width, check = len(self.headers), bool(self.unheaded)
        for number, row in enumerate(self.rows, start=self.first_row):
            if any(row):
                if pending:
                    self.empty_rows.extend(pending)
                    pending = []
                if check or len(row) > width:
                    self.stray(number, row)
                yield number, row
            else:
                pending.append(number)  # trailing empty rows are not data rows

    def no_data(self) -> EmptyFileError:
        """Return the error for a table with a header but no data rows."""
        return _empty(
            self.label, "it has a header row but no data rows", "add rows below the header"
        )


def ignored_columns(table: Table, columns: ColumnSet, what: str) -> ZerenWarning | None:
    """Return the warning naming the headed columns that were ignored, if any.

    Examples
    --------
    >>> rows = [["职责", "单位", "责任类型", "备注"], ["组织生活", "县委", "主体", "无"]]
    >>> t = make_table("清单.csv", None, rows, LIST_COLUMNS)
    >>> print(ignored_columns(t, LIST_COLUMNS, "the list format"))
    清单.csv: columns ignored (not part of the list format): '备注'
    """
    ignored = table.ignored_headers(columns)
    if not ignored:
        return None
    names = ", ".join(f"'{excerpt(h, 30)}'" for h in ignored[:20])
    if len(ignored) > 20:
        names += f" and {len(ignored) - 20} more"
    return ZerenWarning(f"{table.label}: columns ignored (not part of {what}): {names}")


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
    number = _header_index(head, columns)
    if number is not None:
        headers = [clean(c) for c in head[number - 1]]
        found = columns.match(headers)
        rest = itertools.chain(head[number:], source) if number < len(head) else source
        return Table(file, sheet, headers, found, number, rest, filled or {})
    best: list[str] | None = None
    for row in head:
        headers = [clean(c) for c in row]
        if any(headers) and (
            best is None or len(columns.match(headers)) > len(columns.match(best))
        ):
            best = headers
    if best is None:
        if next((r for r in source if any(c.strip() for c in r)), None) is None:
            raise _empty(where, "it holds no data", "is it the right file, and was it saved?")
        best = []
    raise _missing_columns(where, columns, best)


def _header_index(head: Sequence[Row], columns: ColumnSet) -> int | None:
    """Return the 1-based number of the header row among ``head``, or ``None``."""
    for number, row in enumerate(head, start=1):
        if not columns.missing(columns.match([clean(c) for c in row])):
            return number
    return None


def _empty(where: str, why: str, hint: str) -> EmptyFileError:
    return EmptyFileError(
        [Problem("empty-file", f"the file is empty: {why}", file=where, hint=hint)]
    )


def _shown_headers(headers: Sequence[str]) -> str:
    named = [h for h in headers if h]
    shown = ", ".join(f"'{excerpt(h, 30)}'" for h in named[:20]) or "none"
    return shown + (f" and {len(named) - 20} more" if len(named) > 20 else "")


def _missing_columns(where: str, columns: ColumnSet, headers: list[str]) -> MissingColumnError:
    missing = columns.missing(columns.match(headers))
    shown = _shown_headers(headers)
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


class _CsvState:
    """What the CSV record iterator knows when it must explain an error or a warning."""

    def __init__(self, text: str, delimiter: str, file: str, columns: ColumnSet) -> None:
        self.text, self.delimiter, self.file, self.columns = text, delimiter, file, columns
        self.head: list[Row] = []
        self.table: Table | None = None
        self.warnings: list[Warning] = []

    def column(self, index: int) -> str:
        """Name column ``index`` by the table's header, or the header row found so far."""
        if self.table is not None:
            return self.table.column_name(index)
        number = _header_index(self.head, self.columns)
        if number is not None:
            headers = [clean(c) for c in self.head[number - 1]]
            if index < len(headers) and headers[index]:
                return headers[index]
        return f"column {index + 1} ({column_letter(index)})"

    def width(self) -> int:
        return max((len(r) for r in self.head), default=0)

    def rest_from(self, line: int) -> str:
        """Return the text from the start of physical ``line`` (1-based) to the end."""
        stream = io.StringIO(self.text, newline="")
        for _ in range(line - 1):
            if not stream.readline():
                break
        return stream.read()

    def error(self, exc: csv.Error, row: int, line: int, last_line: int) -> InputError:
        """Turn ``exc``, raised reading record ``row`` that starts at ``line``, into an error."""
        reason = str(exc)
        at = f"row {row}" + (f" (line {line})" if line != row else "")
        if "field larger than field limit" in reason:
            return exceeded(
                "cell_chars", f"a cell of {at} is longer than the limit allows", file=self.file,
                row=row,
            )  # fmt: skip
        rest = self.rest_from(line)
        try:
            fields = next(csv.reader(io.StringIO(rest, newline=""), delimiter=self.delimiter))
        except (csv.Error, StopIteration):  # pragma: no cover - non-strict parsing never fails
            fields = [""]
        index = max(len(fields) - 1, 0)
        if "unexpected end of data" in reason:
            lines = last_line - line
            return InputError(
                [
                    Problem(
                        "unclosed-quote",
                        f"a quoted cell opened in {at} is never closed: the rest of the file "
                        f"({lines} more line{'s' if lines != 1 else ''}) would be read as one "
                        "cell",
                        file=self.file,
                        row=row,
                        column=self.column(index),
                        value=excerpt(fields[-1] if fields else "", 40),
                        hint='close the quote, or write a quote inside a cell twice ("")',
                    )
                ]
            )
        if "expected after" in reason:
            index = _field_after_quote(rest, self.delimiter)
            message = f"in {at}, a quoted cell goes on after its closing quote"
            hint = (
                'quote the whole cell and double the quotes inside ("""三会一课""制度"), '
                "or remove the quotes"
            )
        else:
            message, hint = f"{at} is not valid CSV: {reason}", "save the file again from Excel"
        return InputError(
            [
                Problem(
                    "invalid-csv", message, file=self.file, row=row,
                    column=self.column(index), value=excerpt(_physical_line(rest), 40), hint=hint,
                )
            ]
        )  # fmt: skip

    def spanning(self, row: Row, number: int, line: int) -> None:
        """Warn when a quoted cell of ``row`` spans lines that look like rows of their own."""
        need = max(2, self.width() // 2)
        for index, cell in enumerate(row):
            if "\n" not in cell and "\r" not in cell:
                continue
            lines = cell.splitlines()
            rowlike = [x for x in lines[1:] if x.count(self.delimiter) >= need]
            if not rowlike:
                continue
            at = f"row {number}" + (f" (line {line})" if line != number else "")
            self.warnings.append(
                ZerenWarning(
                    f"{self.file}, {at}, {self.column(index)}: a quoted cell spans "
                    f"{len(lines)} lines, {len(rowlike)} of which look like rows of their own "
                    f"('{excerpt(rowlike[0], 40)}'); if a closing quote is missing, those rows "
                    "were read as part of this cell"
                )
            )


def _physical_line(text: str) -> str:
    return text.split("\n", 1)[0].rstrip("\r")


def _field_after_quote(text: str, delimiter: str) -> int:
    """Return the index of the field of the first line whose closing quote is followed by text."""
    line = _physical_line(text)
    index, quoted, start = 0, False, True
    i = 0
    while i < len(line):
        ch = line[i]
        if quoted:
            if ch == '"':
                if i + 1 < len(line) and line[i + 1] == '"':
                    i += 1
                elif i + 1 < len(line) and line[i + 1] != delimiter:
                    return index
                else:
                    quoted = False
        elif ch == delimiter:
            index, start = index + 1, True
            i += 1
            continue
        elif ch == '"' and start:
            quoted = True
        start = False
        i += 1
    return index


def _records(reader: Any, state: _CsvState, *, unescape: bool) -> Iterator[Row]:
    """Yield the records of ``reader``; csv errors become input errors naming the row.

    With ``unescape``, the ``'`` that the writers put before a cell a spreadsheet
    would run (``'=SUM(A1)``) is removed (:func:`~zeren_graph.output.escape.uncsv_cell`).
    """
    count = line = 0
    head, search = state.head, HEADER_SEARCH_ROWS
    try:
        for row in reader:
            count += 1
            if unescape:
                row = [uncsv_cell(c) if c[:1] == "'" else c for c in row]  # noqa: PLW2901
            end = reader.line_num
            if end - line > 1:
                state.spanning(row, count, line + 1)
            if count <= search:
                head.append(row)
            line = end
            yield row
    except csv.Error as exc:
        raise state.error(exc, count + 1, line + 1, reader.line_num) from None


def open_csv(path: str | Path, columns: ColumnSet = LIST_COLUMNS) -> Table:
    r"""Read a CSV file in UTF-8, UTF-8-BOM, UTF-16, GB18030/GBK, Big5 or Shift-JIS.

    The file is decoded at once; rows are parsed lazily. Commas, tabs and
    semicolons are recognised as delimiters. A file read as Big5 or Shift-JIS
    gets a warning naming the encoding. A cell the writers protected from
    running as a formula (``'=SUM(A1)``, see :mod:`zeren_graph.output.escape`)
    reads as it was written (``=SUM(A1)``).

    Raises
    ------
    LimitError
        When the file is larger than the ``file_bytes`` limit, or a cell longer
        than ``cell_chars`` (raised as the rows are read).
    InputError
        When a quote is never closed (``unclosed-quote``) or a quoted cell goes
        on after its closing quote (``invalid-csv``), raised as the rows are read.

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
    text, encoding = decode(read_input(path), file)
    delimiter = _sniff_delimiter(text)
    csv.field_size_limit(max(current().cell_chars, 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    state = _CsvState(text, delimiter, file, columns)
    quoted = "'" in text  # a cell the writers protected from running as a formula?
    table = make_table(file, None, _records(reader, state, unescape=quoted), columns)
    state.table = table
    note = encoding_note(encoding)
    table.warnings = [ZerenWarning(f"{file}: {note}")] if note else []
    table.warnings += state.warnings
    state.warnings = table.warnings  # warnings found while reading go to the table
    table.clean = not quoted and is_clean(text, delimiter)
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


def _unreadable(file: str, why: object) -> DecodeError:
    return DecodeError(
        [
            Problem(
                "undecodable-file",
                f"not a readable .xlsx workbook ({excerpt(str(why), 120)})",
                file=file,
                hint="open it in Excel or WPS and save it as .xlsx",
            )
        ]
    )


#: What a broken or hostile workbook makes openpyxl, zipfile or the XML parser raise.
_BROKEN = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    SyntaxError,  # xml.etree.ElementTree.ParseError
    NotImplementedError,
)


def check_archive(path: str | Path, file: str | None = None) -> None:
    """Refuse a zip archive (XLSX, DOCX) whose members would expand beyond the limits.

    Only the archive's directory is read: the total of the members' sizes is
    checked against ``archive_bytes``, and every member above 1 MiB against
    ``archive_ratio`` (a zip bomb expands about 1000-fold; Excel's sheets 5- to
    30-fold). The sizes are those the archive declares, which the unzipping
    then enforces.

    Raises
    ------
    LimitError
        When a limit is exceeded.
    DecodeError
        When the file is not a zip archive.

    Examples
    --------
    >>> import tempfile, pathlib, zipfile
    >>> from zeren_graph.limits import override
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.xlsx"
    >>> with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("xl/worksheets/sheet1.xml", "<c/>" * 600_000)
    >>> check_archive(f)
    Traceback (most recent call last):
    ...
    zeren_graph.errors.LimitError: ...: member 'xl/worksheets/sheet1.xml' would expand ...
    >>> with override(archive_ratio=100_000):
    ...     check_archive(f)
    """
    file = str(path) if file is None else file
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise _unreadable(file, exc) from exc
    limits = current()
    total = sum(m.file_size for m in members)
    if total > limits.archive_bytes:
        raise exceeded(
            "archive_bytes", f"the archive's members would expand to {total} bytes", file=file
        )
    for m in members:
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > _MiB and ratio > limits.archive_ratio:
            raise exceeded(
                "archive_ratio",
                f"member '{excerpt(m.filename, 60)}' would expand {ratio:.0f}-fold "
                f"({m.compress_size} to {m.file_size} bytes: a zip bomb?)",
                file=file,
            )


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

r"""Tables: the header row located in the rows of a sheet, whatever the file format.

This is the locate step of reading: the modules of :mod:`zeren_graph.io.formats`
open a file (CSV/TSV/TXT in :mod:`~zeren_graph.io.formats.delimited`, XLSX in
:mod:`~zeren_graph.io.formats.xlsx`) into raw rows of cells, and
:func:`make_table` finds the header among them. A :class:`Table` is a header
(found as the first of the first :data:`HEADER_SEARCH_ROWS` rows that holds
every required column, so title rows above it are skipped) and an iterator over
the data rows below it.

Nothing is lost silently: a file with no data is an
:class:`~zeren_graph.errors.EmptyFileError`, a header row lacking a required
column a :class:`~zeren_graph.errors.MissingColumnError` naming the headers
found (and those that look like the missing column: ``'责任单元' looks like
'unit' (责任单位)?``), cells outside the header's columns are named in a warning
(:meth:`Table.stray`), and so are the ignored headers, first those that look
like a known column (:func:`ignored_columns`). Headers are matched as
:mod:`zeren_graph.io.columns` describes: spaces, a trailing colon and trailing
bracketed annotations do not count.

The readers that moved to :mod:`zeren_graph.io.formats` (:class:`Workbook`,
:func:`open_csv`, :func:`is_clean`, :func:`check_archive`) can still be
imported from here.

Examples
--------
>>> from zeren_graph.io.columns import LIST_COLUMNS
>>> rows = [["乙镇责任清单"], ["职责", "单位", "责任类型"], ["组织生活", "乙镇党委", "主体责任"]]
>>> t = make_table("清单.csv", None, rows, LIST_COLUMNS)
>>> t.header_row, t.columns, list(t.numbered())
(2, {'duty': 0, 'unit': 1, 'role': 2}, [(3, ['组织生活', '乙镇党委', '主体责任'])])
"""

from __future__ import annotations

import functools
import importlib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from zeren_graph._display import excerpt
from zeren_graph.errors import EmptyFileError, MissingColumnError, Problem, ZerenWarning
from zeren_graph.io.columns import NEAR_MAX_HEADERS, ColumnSet, HeaderMatch
from zeren_graph.io.layouts.detect import find_header
from zeren_graph.io.text import clean

if TYPE_CHECKING:  # imported on first use by __getattr__: the formats import this module
    from zeren_graph.io.formats.archive import check_archive
    from zeren_graph.io.formats.delimited import is_clean, open_csv
    from zeren_graph.io.formats.xlsx import Workbook

__all__ = [
    "HEADER_SEARCH_ROWS",
    "LIST_SHEETS",
    "UNIT_SHEETS",
    "Table",
    "Workbook",
    "check_archive",
    "column_letter",
    "ignored_columns",
    "is_clean",
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
#: The names that moved to :mod:`zeren_graph.io.formats`, and their modules.
_MOVED = {
    "Workbook": "zeren_graph.io.formats.xlsx",
    "check_archive": "zeren_graph.io.formats.archive",
    "is_clean": "zeren_graph.io.formats.delimited",
    "open_csv": "zeren_graph.io.formats.delimited",
}

Row = list[str]


def __getattr__(name: str) -> Any:
    """Return a reader that moved to :mod:`zeren_graph.io.formats`, importing it on first use.

    Examples
    --------
    >>> import zeren_graph.io.tabular as tabular
    >>> from zeren_graph.io.formats.xlsx import Workbook
    >>> tabular.Workbook is Workbook
    True
    """
    if name not in _MOVED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_MOVED[name]), name)
    globals()[name] = value
    return value


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
    #: The rows above the header (title rows), as read.
    above: list[Row] = field(default_factory=list)
    #: The kind of table the header was found to be (``columns`` or one of its alternatives).
    column_set: ColumnSet | None = None
    #: The header's rows: one, or two for a group header over a second row (责任分工).
    header_rows: tuple[int, ...] = ()

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
    """Return the warning naming the headers not read as written, if any.

    It names, in this order: the ignored headers that look like a known column
    (each with the column it resembles: never a silent loss), the headers read
    as a column because they are an accepted header followed by a name word
    (``岗位名称``), and the other ignored headers.

    Examples
    --------
    >>> from zeren_graph.io.columns import LIST_COLUMNS
    >>> rows = [["职责", "单位", "责任类型", "备注"], ["组织生活", "县委", "主体", "无"]]
    >>> t = make_table("清单.csv", None, rows, LIST_COLUMNS)
    >>> print(ignored_columns(t, LIST_COLUMNS, "the list format"))
    清单.csv: columns ignored (not part of the list format): '备注'
    >>> rows = [["职责", "责任单位", "责任类型", "职位", "责任人姓名"], ["组织生活"]]
    >>> t = make_table("清单.csv", None, rows, LIST_COLUMNS)
    >>> print(ignored_columns(t, LIST_COLUMNS, "the list format"))
    清单.csv: columns ignored that look like known ones (rename a header if it holds that \
column): '职位' looks like 'post' (岗位); read as the column they extend: '责任人姓名' as \
'person' (责任人)
    """
    used = set(table.columns.values())
    near: list[str] = []
    extended: list[str] = []
    plain: list[str] = []
    for i, header in enumerate(table.headers):
        if not header:
            continue
        near_enough = i < NEAR_MAX_HEADERS or i in used  # read but not compared when far
        found = columns.read(header) if near_enough else HeaderMatch(header, "")
        if i in used:
            if found.suffixed:
                extended.append(f"'{excerpt(header, 30)}' as '{found.column}' ({found.alias})")
        elif found.resembles is not None:
            taken = found.resembles in table.columns
            also = f"; read from '{excerpt(table.header(found.resembles), 30)}'" if taken else ""
            near.append(
                f"'{excerpt(header, 30)}' looks like '{found.resembles}' ({found.alias}{also})"
            )
        else:
            plain.append(header)
    parts = []
    if near:
        parts.append(
            "columns ignored that look like known ones (rename a header if it holds that "
            f"column): {', '.join(near)}"
        )
    if extended:
        parts.append(f"read as the column they extend: {', '.join(extended)}")
    if plain:
        names = ", ".join(f"'{excerpt(h, 30)}'" for h in plain[:20])
        if len(plain) > 20:
            names += f" and {len(plain) - 20} more"
        parts.append(f"columns ignored (not part of {what}): {names}")
    return ZerenWarning(f"{table.label}: {'; '.join(parts)}") if parts else None


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
    header = find_header(head, columns)
    if header is not None:
        number, headers = header.number + header.rows - 1, header.headers
        kind, found = columns.detect(headers) or (columns, columns.match(headers))
        rest = itertools.chain(head[number:], source) if number < len(head) else source
        table = Table(file, sheet, headers, found, number, rest, filled or {})
        table.above, table.column_set = head[: header.number - 1], kind
        table.header_rows = tuple(range(header.number, number + 1))
        return table
    best: list[str] | None = None
    best_score = (0, 0)
    for row in head:
        headers = [clean(c) for c in row]
        if not any(headers):
            continue
        score = (len(columns.match(headers)), _resembling(headers, columns))
        if best is None or score > best_score:
            best, best_score = headers, score
    if best is None:
        if next((r for r in source if any(c.strip() for c in r)), None) is None:
            raise _empty(where, "it holds no data", "is it the right file, and was it saved?")
        best = []
    raise _missing_columns(where, columns, best)


def _empty(where: str, why: str, hint: str) -> EmptyFileError:
    return EmptyFileError(
        [Problem("empty-file", f"the file is empty: {why}", file=where, hint=hint)]
    )


def _shown_headers(headers: Sequence[str]) -> str:
    named = [h for h in headers if h]
    shown = ", ".join(f"'{excerpt(h, 30)}'" for h in named[:20]) or "none"
    return shown + (f" and {len(named) - 20} more" if len(named) > 20 else "")


def _resembling(headers: Sequence[str], columns: ColumnSet) -> int:
    """Return how many of ``headers`` resemble a column without naming one."""
    return sum(1 for h in headers[:NEAR_MAX_HEADERS] if h and columns.read(h).resembles)


def _missing_columns(where: str, columns: ColumnSet, headers: list[str]) -> MissingColumnError:
    missing = columns.missing(columns.match(headers))
    shown = _shown_headers(headers)
    reads = (columns.read(h) for h in headers[:NEAR_MAX_HEADERS] if h)
    near = [m for m in reads if m.resembles in missing]
    problems = []
    for c in missing:
        like = [m for m in near if m.resembles == c]
        guess = "".join(f"; {m.looks_like()}?" for m in like)
        rename = "".join(f"rename '{m.header}' to {m.alias} if it holds that, or " for m in like)
        problems.append(
            Problem(
                "missing-column",
                f"required column '{c}' is missing (headers found: {shown}){guess}",
                file=where,
                column=c,
                hint=f"{rename}add a column headed {columns.describe(c)}; the header row must "
                f"be among the first {HEADER_SEARCH_ROWS} rows",
            )
        )
    return MissingColumnError(problems)

"""Rows of old Excel workbooks (``.xls``, BIFF), read with xlrd, merged cells filled.

An :class:`XlsWorkbook` offers what :class:`~zeren_graph.io.formats.xlsx.Workbook`
does (it is a :class:`~zeren_graph.io.formats.book.Book`): hidden sheets named
and skipped, merged ranges filled into every cell they span, numbers written as
text the way the XLSX reader does (``3.0`` → ``3``, dates as ISO dates, by the
workbook's date system), a cell holding a spreadsheet error (``#REF!``) refused
as ``formula-error``, and the limits ``file_bytes`` (before reading),
``sheet_cells`` (rows × columns), ``merged_cells`` and ``cell_chars``.

Offices' systems often export other files with the ``.xls`` extension: an XLSX
workbook, an HTML table or plain text. :func:`sniff` tells which, and
:class:`XlsWorkbook` refuses them with a :class:`~zeren_graph.errors.DecodeError`
saying what the file is; :func:`~zeren_graph.io.formats.open_book` reads a renamed
XLSX workbook as one, with a warning. xlrd does not read formulas, only the
values Excel saved with them, so BIFF has no "formula without a value".

Examples
--------
>>> import tempfile, pathlib, xlwt
>>> from zeren_graph.io.columns import UNIT_COLUMNS
>>> f = pathlib.Path(tempfile.mkdtemp()) / "单位表.xls"
>>> wb = xlwt.Workbook(encoding="utf-8")
>>> ws = wb.add_sheet("单位表")
>>> for c, v in enumerate(["单位", "上级单位", "党员数"]):
...     ws.write(0, c, v)
>>> ws.write_merge(1, 2, 1, 1, "县委")
>>> ws.write(1, 0, "乙镇党委"); ws.write(2, 0, "甲镇党委"); ws.write(1, 2, 280.0)
>>> wb.save(f)
>>> with XlsWorkbook(f) as book:
...     t = book.table(book.sheets[0], UNIT_COLUMNS)
...     print(list(t.numbered()), t.filled)
[(2, ['乙镇党委', '县委', '280']), (3, ['甲镇党委', '县委'])] {3: {1}}
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from zeren_graph._display import excerpt
from zeren_graph.errors import DecodeError, Problem, ZerenWarning
from zeren_graph.io.columns import ColumnSet
from zeren_graph.io.formats.archive import _unreadable
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

__all__ = ["XlsWorkbook", "sniff"]

#: The first bytes of an OLE2 compound document (BIFF workbooks, Word's .doc).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: xlrd's sheet visibility codes.
_STATES = {1: "hidden", 2: "veryHidden"}


def sniff(head: bytes) -> str:  # noqa: PLR0911 - one return per kind
    r"""Return what the first bytes of a file say it is.

    One of ``ole`` (a BIFF workbook, or another OLE2 document such as Word's
    ``.doc``), ``zip`` (an XLSX or DOCX archive), ``html``, ``xml``, ``text``
    or ``binary``.

    Examples
    --------
    >>> sniff(OLE_MAGIC + b"rest"), sniff(b"PK\x03\x04..."), sniff(b"\xef\xbb\xbf<html>")
    ('ole', 'zip', 'html')
    >>> sniff("职责\t单位\n".encode("gbk")), sniff(b"<?xml version='1.0'?><Workbook")
    ('text', 'xml')
    >>> sniff(b"\0\1")
    'binary'
    """
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16, as Excel's "Unicode text"
    start = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower()
    if start.startswith(b"<"):
        if b"<html" in start or b"<table" in start or b"<!doctype html" in start:
            return "html"
        return "xml" if b"<?xml" in start or b"<workbook" in start else "html"
    if b"\0" in head:
        return "binary"
    return "text"


def not_biff(file: str, kind: str) -> DecodeError:
    """Return the error for a ``.xls`` file that is not a BIFF workbook but ``kind``."""
    what, hint = {
        "zip": (
            "it is an .xlsx workbook saved with the .xls extension",
            "rename it to .xlsx",
        ),
        "html": (
            "it is a web page (an HTML table, as some systems export) saved as .xls",
            "open it in Excel or WPS and save it as .xlsx (另存为 Excel 工作簿)",
        ),
        "xml": (
            "it is an XML spreadsheet (Excel 2003 XML) saved with the .xls extension",
            "open it in Excel or WPS and save it as .xlsx (另存为 Excel 工作簿)",
        ),
        "text": (
            "it is plain text (perhaps CSV or tab-separated values) saved with the .xls extension",
            "rename it to .csv (or .txt when tab-separated), or save it as .xlsx in Excel or WPS",
        ),
    }.get(kind, ("it is not an Excel workbook", "open it in Excel or WPS and save it as .xlsx"))
    return DecodeError(
        [Problem("undecodable-file", f"not a readable .xls workbook: {what}", file=file,
                 hint=hint)]
    )  # fmt: skip


def _head(path: str | Path) -> bytes:
    with open(path, "rb") as f:
        return f.read(512)


class XlsWorkbook(Book):
    """An old Excel workbook (BIFF, ``.xls``) whose sheets are read as grids of strings.

    The workbook is opened with xlrd (``formatting_info=True`` for the merged
    ranges, ``on_demand=True`` so that only the sheets read are parsed). What
    xlrd writes to its log is kept as notes (:meth:`notes`).

    Raises
    ------
    DecodeError
        When the file is not a BIFF workbook (saying what it is), is encrypted or broken.
    LimitError
        When the file exceeds ``file_bytes``.

    Examples
    --------
    >>> import tempfile, pathlib, xlwt
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.xls"
    >>> wb = xlwt.Workbook(encoding="utf-8")
    >>> old = wb.add_sheet("旧清单"); old.write(0, 0, "职责"); old.visibility = 1
    >>> ws = wb.add_sheet("清单"); ws.write(0, 0, "职责")
    >>> wb.save(f)
    >>> with XlsWorkbook(f) as book:
    ...     print(book.sheets, book.hidden)
    ...     print(book.notes()[0])
    ['清单'] {'旧清单': 'hidden'}
    ...清单.xls: hidden sheet skipped: '旧清单' (to read one, unhide it in Excel or WPS, ...)
    """

    def __init__(self, path: str | Path) -> None:
        import xlrd  # noqa: PLC0415 - only needed for old workbooks

        super().__init__(str(path))
        checked_size(path, self.file)
        kind = sniff(_head(path))
        if kind != "ole":
            raise not_biff(self.file, kind)
        self._log = io.StringIO()
        try:
            self._book: Any = xlrd.open_workbook(
                str(path),
                logfile=self._log,
                formatting_info=True,
                on_demand=True,
                ragged_rows=True,
            )
        except (FileNotFoundError, MemoryError):
            raise
        except Exception as exc:  # xlrd raises anything on a broken file
            raise _why(self.file, exc) from exc
        visibility = getattr(self._book, "_sheet_visibility", [])
        names: list[str] = self._book.sheet_names()
        states = {n: _STATES.get(visibility[i] if i < len(visibility) else 0, "visible")
                  for i, n in enumerate(names)}  # fmt: skip
        self.sheets = [n for n in names if states[n] == "visible"]
        self.hidden = {n: states[n] for n in names if states[n] != "visible"}
        self._take_log()

    def _take_log(self) -> None:
        lines = [ln.strip() for ln in self._log.getvalue().splitlines() if ln.strip()]
        self._notes += [f"xlrd: {excerpt(ln, 120)}" for ln in lines[:3]]
        if len(lines) > 3:
            self._notes.append(f"xlrd: and {len(lines) - 3} more messages")
        self._log.seek(0)
        self._log.truncate()

    def close(self) -> None:
        """Release the workbook's file."""
        self._book.release_resources()

    def table(self, sheet: str, columns: ColumnSet) -> Table:
        """Return ``sheet`` as a :class:`Table`, merged cells filled into every row they span.

        Raises
        ------
        LimitError
            When the sheet has more than ``sheet_cells`` cells (rows × columns),
            its merged ranges cover more than ``merged_cells`` cells, or a cell
            is longer than ``cell_chars``.
        InputError
            When a cell holds a spreadsheet error (``formula-error``).
        """
        label = f"{self.file}[{sheet}]"
        self.read_sheets.append(sheet)
        try:
            ws = self._book.sheet_by_name(sheet)
        except (FileNotFoundError, MemoryError):
            raise
        except Exception as exc:  # a broken sheet
            raise _why(label, exc) from exc
        try:
            read = self._read(ws, label)
        finally:
            self._book.unload_sheet(sheet)
        table = make_table(
            self.file, sheet, grid_rows(read.grid, read.rows), columns, filled=read.filled
        )
        check_cells(table, read)
        if sheet in self.hidden:
            table.warnings.append(
                ZerenWarning(f"{label}: the sheet is hidden; it was read because it was named")
            )
        self._take_log()
        return table

    def _read(self, ws: Any, label: str) -> SheetCells:
        import xlrd  # noqa: PLC0415

        limits = current()
        rows, cols = ws.nrows, ws.ncols
        if rows * cols > limits.sheet_cells:
            raise exceeded(
                "sheet_cells",
                f"the sheet holds {rows} rows × {cols} columns ({rows * cols} cells)",
                file=label,
            )
        grid: dict[int, Row] = {}
        errors: list[tuple[int, int, str]] = []
        datemode = self._book.datemode
        for r in range(rows):
            types, values = ws.row_types(r), ws.row_values(r)
            row = [""] * len(values)
            for c, (kind, value) in enumerate(zip(types, values, strict=True)):
                if kind == xlrd.XL_CELL_ERROR:
                    errors.append((r + 1, c + 1, xlrd.error_text_from_code.get(value, "#ERR")))
                    continue
                text = _text(kind, value, datemode)
                if len(text) > limits.cell_chars:
                    raise exceeded(
                        "cell_chars",
                        f"the cell in column {column_letter(c)} is {len(text)} characters long",
                        file=label,
                        row=r + 1,
                    )
                row[c] = text
            if any(row):
                grid[r + 1] = row
        ranges = [(clo + 1, rlo + 1, chi, rhi) for rlo, rhi, clo, chi in ws.merged_cells]
        used_rows = max(grid, default=0)
        used_cols = max((len(r) for r in grid.values()), default=0)
        filled = fill_merged(ranges, grid, used_rows, used_cols, label)
        return SheetCells(grid, used_rows, filled, [], errors, [])


def _text(kind: int, value: Any, datemode: int) -> str:
    """Return the text of an xlrd cell of type ``kind``."""
    import xlrd  # noqa: PLC0415

    if kind == xlrd.XL_CELL_DATE:
        try:
            parts = xlrd.xldate_as_tuple(value, datemode)
        except xlrd.xldate.XLDateError:
            return cell_text(value)
        if parts[:3] == (0, 0, 0):
            return cell_text(dt.time(*parts[3:]))
        return cell_text(dt.datetime(*parts))
    if kind == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(value))
    return cell_text(value)


def _why(file: str, exc: Exception) -> DecodeError:
    """Return the error for a BIFF file xlrd could not read, saying why when it is known."""
    text = str(exc)
    if "encrypted" in text.lower():
        return _unreadable(
            file, "the workbook is encrypted", "xls",
            hint="remove the password in Excel or WPS (文件 → 信息 → 保护工作簿) and save it",
        )  # fmt: skip
    if "Can't find workbook" in text:
        return _unreadable(
            file, "an OLE2 document that holds no workbook (a Word .doc renamed?)", "xls"
        )
    return _unreadable(file, f"{type(exc).__name__}: {text}", "xls")

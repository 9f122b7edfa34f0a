"""The tables of Word documents (``.docx``), read with python-docx, merged cells filled.

A :class:`DocxDocument` is a :class:`~zeren_graph.io.formats.book.Book` whose
sheets are the document's tables, named ``表1``, ``表2`` … in document order; a
table nested in a cell is a sheet of its own, named after its parent (``表1.1``),
and its text is not part of the parent's cell. A cell's paragraphs are joined by
line breaks. A cell merged across columns (``gridSpan``) or rows (``vMerge``)
fills every cell it spans; the cells filled below its first row are recorded in
:attr:`Table.filled <zeren_graph.io.tabular.Table.filled>`, as for workbooks.

What surrounds the tables is kept as plain data for the layouts:
:attr:`DocxDocument.paragraphs` (every body paragraph, in order, with its style,
heading level and list level) and :attr:`DocxDocument.tables` (each table's
name, title — the last non-empty paragraph before it, such as
"XX局2024年度党建工作责任清单" — and position among the paragraphs).

The archive passes :func:`~zeren_graph.io.formats.archive.check_archive` first;
a table of more than ``sheet_cells`` cells or a cell longer than ``cell_chars``
raises :class:`~zeren_graph.errors.LimitError`. Word's binary ``.doc`` is not
read: :func:`not_docx` says so.

Examples
--------
>>> import tempfile, pathlib, docx
>>> from zeren_graph.io.columns import LIST_COLUMNS
>>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.docx"
>>> d = docx.Document()
>>> _ = d.add_paragraph("乙镇2024年度党建工作责任清单")
>>> t = d.add_table(rows=3, cols=3)
>>> for r, row in enumerate([["职责", "单位", "责任类型"], ["组织生活", "乙镇党委", "主体责任"],
...                          ["", "甲村党支部", "直接责任"]]):
...     for c, text in enumerate(row):
...         t.cell(r, c).text = text
>>> _ = t.cell(1, 0).merge(t.cell(2, 0))
>>> d.save(f)
>>> with DocxDocument(f) as doc:
...     table = doc.table("表1", LIST_COLUMNS)
...     print(doc.sheets, doc.tables[0].title)
...     print(list(table.numbered()), table.filled)
['表1'] 乙镇2024年度党建工作责任清单
[(2, ['组织生活', '乙镇党委', '主体责任']), (3, ['组织生活', '甲村党支部', '直接责任'])] {3: {0}}
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zeren_graph._display import excerpt
from zeren_graph.errors import DecodeError, InputError, Problem
from zeren_graph.io.columns import ColumnSet
from zeren_graph.io.formats.archive import _BROKEN, _unreadable, check_archive
from zeren_graph.io.formats.book import Book
from zeren_graph.io.formats.xls import sniff
from zeren_graph.io.layouts.detect import find_header
from zeren_graph.io.tabular import HEADER_SEARCH_ROWS, Row, Table, make_table
from zeren_graph.io.text import checked_size
from zeren_graph.limits import current, exceeded

__all__ = ["DocxDocument", "DocxTable", "Paragraph", "not_docx"]

#: The hint for a Word file that is not a ``.docx`` document.
SAVE_AS_DOCX = "save it as .docx in Word or WPS (文件 → 另存为 → Word 文档)"
_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the document's body (not of a table cell).

    ``style`` is the paragraph style's name (``Normal``, ``Heading 1``,
    ``List Number`` …); ``level`` the heading level (1 for ``Heading 1`` or
    outline level 1, 0 for ``Title``), ``None`` for body text; ``list_level``
    the numbering level (0 = top) of a numbered or bulleted paragraph, else
    ``None``. Numbers typed by hand ("一、", "(二)") stay in ``text``;
    automatic numbers are not rendered.
    """

    text: str
    style: str = "Normal"
    level: int | None = None
    list_level: int | None = None


@dataclass(frozen=True)
class DocxTable:
    """Where a table stands in the document, and its size.

    ``title`` is the last non-empty body paragraph between the table and the
    one before it ("" when none, and for a nested table); ``position`` the number of body paragraphs
    before it (``doc.paragraphs[:position]`` precede it); ``parent`` the table
    holding a nested table.
    """

    name: str
    title: str
    position: int
    rows: int
    columns: int
    parent: str | None = None


def not_docx(file: str, head: bytes) -> DecodeError:
    """Return the error for a Word file (``.doc`` or ``.docx``) that is not a ``.docx``.

    Examples
    --------
    >>> from zeren_graph.io.formats.xls import OLE_MAGIC
    >>> print(not_docx("清单.doc", OLE_MAGIC))
    清单.doc: not a readable .docx document: it is a Word 97-2003 document (.doc), ...
    """
    kind = sniff(head)
    what = {
        "ole": "it is a Word 97-2003 document (.doc), which is not read",
        "zip": "it is a .docx document saved with the .doc extension",
        "html": "it is a web page (as Word's 'Web page' export) saved with a Word extension",
        "xml": "it is a Word 2003 XML document",
        "text": "it is plain text saved with a Word extension",
    }.get(kind, "it is not a Word document")
    hint = "rename it to .docx" if kind == "zip" else SAVE_AS_DOCX
    return DecodeError(
        [Problem("undecodable-file", f"not a readable .docx document: {what}", file=file,
                 hint=hint)]
    )  # fmt: skip


class DocxDocument(Book):
    """A Word document whose tables are read as sheets ``表1``, ``表2`` …, merged cells filled.

    Every table is read into memory when the document is opened (documents
    are small, and the limits are checked then). :meth:`pick` finds the first
    table whose header holds the columns asked for.

    Raises
    ------
    DecodeError
        When the file is not a readable ``.docx`` document (a ``.doc``, or broken).
    LimitError
        When the file, its archive or a table exceeds a limit.
    """

    kind = "table"

    def __init__(self, path: str | Path) -> None:
        import docx  # noqa: PLC0415 - only needed for Word documents

        super().__init__(str(path))
        checked_size(path, self.file)
        with open(path, "rb") as f:
            head = f.read(512)
        if sniff(head) != "zip":
            raise not_docx(self.file, head)
        check_archive(path, self.file, "docx")
        try:
            document = docx.Document(str(path))
        except (FileNotFoundError, MemoryError):
            raise
        except Exception as exc:  # python-docx raises many kinds on a broken package
            raise _unreadable(self.file, f"{type(exc).__name__}: {exc}", "docx") from exc
        #: The body paragraphs, in document order.
        self.paragraphs: list[Paragraph] = []
        #: The tables, in document order (a nested table after its parent).
        self.tables: list[DocxTable] = []
        self._grids: dict[str, tuple[list[Row], dict[int, set[int]]]] = {}
        try:
            self._walk(document)
        except (InputError, MemoryError):  # LimitError is a ValueError too
            raise
        except _BROKEN as exc:
            raise _unreadable(self.file, f"{type(exc).__name__}: {exc}", "docx") from exc
        self.sheets = [t.name for t in self.tables]

    def _walk(self, document: Any) -> None:
        from docx.table import Table as WordTable  # noqa: PLC0415

        count = since = 0  # since: the first paragraph after the last table
        for block in document.iter_inner_content():
            if isinstance(block, WordTable):
                count += 1
                before = self.paragraphs[since:]
                title = next((p.text.strip() for p in reversed(before) if p.text.strip()), "")
                since = len(self.paragraphs)
                self._add(block, f"表{count}", title, since, None)
            else:
                self.paragraphs.append(_paragraph(block))

    def _add(self, table: Any, name: str, title: str, position: int, parent: str | None) -> None:
        grid, filled, nested = _read_table(table, f"{self.file}[{name}]")
        width = max((len(r) for r in grid), default=0)
        self.tables.append(DocxTable(name, title, position, len(grid), width, parent))
        self._grids[name] = (grid, filled)
        for i, inner in enumerate(nested, start=1):
            self._add(inner, f"{name}.{i}", "", position, name)

    def missing_hint(self) -> str:
        """Return the hint of :meth:`missing`: the list is a table of the document."""
        return "put the list in a table of the document (插入 → 表格), its header row first"

    def describe(self, sheet: str) -> str:
        """Return the table's name, with its title or first row, for :meth:`notes`."""
        found = next(t for t in self.tables if t.name == sheet)
        grid = self._grids[sheet][0]
        first = " | ".join(c for c in grid[0] if c) if grid else ""
        about = found.title or first or "empty"
        return f"{sheet} ({excerpt(about, 40)})"

    def pick(self, names: Sequence[str], columns: ColumnSet) -> str | None:
        """Return the first table whose header (in its first rows) holds ``columns``.

        ``names`` is not used: tables have no names of their own.
        """
        for t in self.tables:
            head = self._grids[t.name][0][:HEADER_SEARCH_ROWS]
            if find_header(head, columns) is not None:
                return t.name
        return None

    def table(self, sheet: str, columns: ColumnSet) -> Table:
        """Return table ``sheet`` (``表1`` …) as a :class:`Table` with ``columns``."""
        grid, filled = self._grids[sheet]
        self.read_sheets.append(sheet)
        return make_table(self.file, sheet, [list(r) for r in grid], columns, filled=filled)


def _paragraph(p: Any) -> Paragraph:
    """Return the plain data of python-docx paragraph ``p``."""
    style = p.style.name if p.style is not None else "Normal"
    match = _HEADING.match(style or "")
    level = int(match.group(1)) if match else (0 if style == "Title" else None)
    ppr = p._p.pPr
    if level is None and ppr is not None:
        outline = ppr.find(_qn("w:outlineLvl"))
        if outline is not None and outline.get(_qn("w:val"), "9").isdigit():
            value = int(outline.get(_qn("w:val")))
            level = value + 1 if value < 9 else None
    numbering = ppr.numPr if ppr is not None else None
    if numbering is None and p.style is not None and p.style.element.pPr is not None:
        numbering = p.style.element.pPr.numPr
    list_level = None
    if numbering is not None:
        ilvl = numbering.ilvl
        list_level = int(ilvl.val) if ilvl is not None else 0
    return Paragraph(p.text, style or "Normal", level, list_level)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn  # noqa: PLC0415

    return str(qn(tag))


def _read_table(table: Any, label: str) -> tuple[list[Row], dict[int, set[int]], list[Any]]:
    """Return the rows of a Word table, merged cells filled, and its nested tables."""
    limits = current()
    trs = table._tbl.tr_lst
    declared = sum(
        sum(tc.grid_span for tc in tr.tc_lst) + tr.grid_before + tr.grid_after for tr in trs
    )
    if declared > limits.sheet_cells:
        raise exceeded(
            "sheet_cells", f"the table declares {declared} cells ({len(trs)} rows)", file=label
        )
    rows = [row.cells for row in table.rows]  # the cells stay alive: their ids stay unique
    first: dict[int, tuple[int, str]] = {}
    grid: list[Row] = []
    filled: dict[int, set[int]] = {}
    nested: list[Any] = []
    for r, cells in enumerate(rows, start=1):
        row: Row = []
        for c, cell in enumerate(cells):
            key = id(cell._tc)
            if key in first:
                top, text = first[key]
                if r > top:
                    filled.setdefault(r, set()).add(c)
            else:
                text = "\n".join(p.text for p in cell.paragraphs).strip("\n")
                if len(text) > limits.cell_chars:
                    raise exceeded(
                        "cell_chars",
                        f"the cell in column {c + 1} is {len(text)} characters long",
                        file=label,
                        row=r,
                    )
                first[key] = (r, text)
                nested += cell.tables
            row.append(text)
        grid.append(row)
    return grid, filled, nested

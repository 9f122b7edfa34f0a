r"""Rows of delimited text files: CSV, TSV and TXT, in any of the encodings Excel writes.

:func:`open_csv` decodes the file at once (:func:`~zeren_graph.io.text.decode`),
guesses the delimiter (comma, tab or semicolon) and hands the records, parsed
lazily, to :func:`~zeren_graph.io.tabular.make_table`. A file above the
``file_bytes`` limit, or a cell longer than ``cell_chars``, raises
:class:`~zeren_graph.errors.LimitError`; a quote left open to the end of the
file, or a quoted cell with text after its closing quote, is an error naming
the row where it opens; a quoted cell whose lines look like rows of their own
is named in a warning. :func:`is_clean` tells whether the loaders may skip
normalising the cells one by one.

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
import io
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from zeren_graph._display import excerpt
from zeren_graph.errors import InputError, Problem, ZerenWarning
from zeren_graph.io.columns import LIST_COLUMNS, ColumnSet
from zeren_graph.io.layouts.detect import find_header
from zeren_graph.io.tabular import (
    HEADER_SEARCH_ROWS,
    Row,
    Table,
    column_letter,
    make_table,
)
from zeren_graph.io.text import decode, encoding_note, read_input
from zeren_graph.limits import current, exceeded

__all__ = ["is_clean", "open_csv"]


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
        found = find_header(self.head, self.columns)
        if found is not None:
            headers = found.headers
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
    from zeren_graph.output.escape import uncsv_cell  # noqa: PLC0415 - rarely needed

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


#: Characters of text per chunk split at once by :func:`_plain_records`.
_CHUNK = 1 << 16
_LINE_END = re.compile(r"\r\n|\r|\n")


def _plain_records(text: str, delimiter: str, file: str) -> Iterator[Row]:
    r"""Yield the records of a text without quote characters, as :mod:`csv` would.

    Without quotes a record is a line and a cell the text between delimiters, so
    the text is split a chunk of lines at a time by :meth:`str.split`, in C: no
    Python code runs per row. The line ends are those of the :mod:`csv` module
    (``\r\n``, ``\r``, ``\n``); an empty line is one empty cell (``[""]``, not
    ``[]``: no reader tells the two apart). A cell longer than ``cell_chars``
    raises the :mod:`csv` reader's error, after the rows above it.

    Examples
    --------
    >>> list(_plain_records("职责,单位\r\n\n组织生活,乙镇党委", ",", "清单.csv"))
    [['职责', '单位'], [''], ['组织生活', '乙镇党委']]
    """
    return itertools.chain.from_iterable(_plain_chunks(text, delimiter, file))


#: Line breaks of :meth:`str.splitlines` that are not line ends of the :mod:`csv` module.
_OTHER_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def _line_splitter(text: str) -> Callable[[str], list[str]]:
    r"""Return how to split a chunk of ``text`` (whole lines) into its lines, as :mod:`csv` would.

    ``\n`` alone: :meth:`str.split`; ``\r\n`` or ``\r`` too: :meth:`str.splitlines`,
    unless the text holds a break that only it splits on; then a regular expression.
    """
    if "\r" not in text:
        return _split_lf
    if not any(c in text for c in _OTHER_BREAKS):
        return str.splitlines
    return _split_any


def _split_lf(chunk: str) -> list[str]:
    lines = chunk.split("\n")
    if not lines[-1]:
        lines.pop()  # the line end that closes the chunk opens no line
    return lines


def _split_any(chunk: str) -> list[str]:
    lines = _LINE_END.split(chunk)
    if not lines[-1]:
        lines.pop()
    return lines


def _plain_chunks(text: str, delimiter: str, file: str) -> Iterator[Iterable[Row]]:
    limit, size = max(current().cell_chars, 1), len(text)
    start = lines_before = 0
    split_lines = _line_splitter(text)
    while start < size:
        end = text.find("\n", start + _CHUNK)
        end = size if end < 0 else end + 1
        lines = split_lines(text[start:end])
        if lines and max(map(len, lines)) > limit:
            for index, line in enumerate(lines):
                if len(line) > limit and max(map(len, line.split(delimiter))) > limit:
                    yield map(str.split, lines[:index], itertools.repeat(delimiter))
                    row = lines_before + index + 1
                    raise exceeded(
                        "cell_chars", f"a cell of row {row} is longer than the limit allows",
                        file=file, row=row,
                    )  # fmt: skip
        yield map(str.split, lines, itertools.repeat(delimiter))
        lines_before += len(lines)
        start = end


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
    state = _CsvState(text, delimiter, file, columns)
    quoted = "'" in text  # a cell the writers protected from running as a formula?
    records: Iterator[Row]
    if quoted or '"' in text or "\0" in text:
        csv.field_size_limit(max(current().cell_chars, 1))
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        records = _records(reader, state, unescape=quoted)
    else:  # no quote: every line is a record, split in C (the common case, and fast)
        records = _plain_records(text, delimiter, file)
    table = make_table(file, None, records, columns)
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

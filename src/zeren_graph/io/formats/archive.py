"""Zip archives (XLSX, DOCX): their directory checked before anything is unzipped.

:func:`check_archive` refuses an archive whose members would expand beyond the
``archive_bytes`` limit in total, or one of them by more than ``archive_ratio``
(a zip bomb), before a reader opens it. ``_BROKEN`` lists what a broken or
hostile archive makes the readers raise, so that they can turn it into a
:class:`~zeren_graph.errors.DecodeError` (``_unreadable``).

Examples
--------
>>> import tempfile, pathlib, zipfile
>>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.xlsx"
>>> with zipfile.ZipFile(f, "w") as z:
...     z.writestr("xl/workbook.xml", "<workbook/>")
>>> check_archive(f)
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from zeren_graph._display import excerpt
from zeren_graph.errors import DecodeError, Problem
from zeren_graph.limits import current, exceeded

__all__ = ["check_archive"]

_MiB = 1 << 20


#: Per format: what a readable file is, and how to make one.
_FORMATS = {
    "xlsx": (".xlsx workbook", "open it in Excel or WPS and save it as .xlsx"),
    "xls": (".xls workbook", "open it in Excel or WPS and save it as .xlsx"),
    "docx": (".docx document", "open it in Word or WPS and save it as .docx"),
}


def _unreadable(file: str, why: object, fmt: str = "xlsx", hint: str | None = None) -> DecodeError:
    """Return the error for a file of format ``fmt`` (``xlsx``, ``xls``, ``docx``) not read.

    Examples
    --------
    >>> print(_unreadable("清单.docx", "bad zip", "docx"))
    清单.docx: not a readable .docx document (bad zip); ... save it as .docx
    """
    what, how = _FORMATS[fmt]
    return DecodeError(
        [
            Problem(
                "undecodable-file",
                f"not a readable {what} ({excerpt(str(why), 120)})",
                file=file,
                hint=how if hint is None else hint,
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


def check_archive(path: str | Path, file: str | None = None, fmt: str = "xlsx") -> None:
    """Refuse a zip archive (XLSX, DOCX) whose members would expand beyond the limits.

    Only the archive's directory is read: the total of the members' sizes is
    checked against ``archive_bytes``, and every member above 1 MiB against
    ``archive_ratio`` (a zip bomb expands about 1000-fold; Excel's sheets 5- to
    30-fold). The sizes are those the archive declares, which the unzipping
    then enforces. ``fmt`` (``xlsx`` or ``docx``) names the format in the
    error for a file that is not a zip archive.

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
        raise _unreadable(file, exc, fmt) from exc
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

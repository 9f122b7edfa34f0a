"""Office Open XML files (xlsx, docx) with the same bytes for the same content.

openpyxl and python-docx stamp the time of saving into the zip entries and into
``docProps/core.xml``; rewriting both with one fixed date makes a file written twice the
same file — for exports, and for the sample files the tests regenerate and compare.

Examples
--------
>>> import io, zipfile
>>> raw = io.BytesIO()
>>> with zipfile.ZipFile(raw, "w") as z:
...     z.writestr("docProps/core.xml", "<dcterms:modified x='1'>2031-05-06</dcterms:modified>")
>>> fixed = stable_ooxml(raw.getvalue(), when=(2000, 1, 1, 0, 0, 0))
>>> zipfile.ZipFile(io.BytesIO(fixed)).read("docProps/core.xml")
b"<dcterms:modified x='1'>2000-01-01T00:00:00Z</dcterms:modified>"
>>> fixed == stable_ooxml(fixed, when=(2000, 1, 1, 0, 0, 0))
True
"""

from __future__ import annotations

import io
import re
import zipfile

__all__ = ["stable_ooxml"]


def stable_ooxml(
    data: bytes, *, when: tuple[int, int, int, int, int, int], mode: int = 0o644
) -> bytes:
    """Return the zip ``data`` with every entry dated ``when`` and permissions ``mode``.

    The ``created`` and ``modified`` dates of ``docProps/core.xml`` become ``when`` too.
    """
    stamp = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*when).encode("ascii")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, content
                )
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = mode << 16
            dst.writestr(entry, content)
    return out.getvalue()

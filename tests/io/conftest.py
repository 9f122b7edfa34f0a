"""Helpers writing the files real users have: CSV in several encodings, XLSX with merged cells."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from io_files import UNITS, CsvWriter, Rows, XlsxWriter


@pytest.fixture
def write_csv(tmp_path: Path) -> CsvWriter:
    """Return ``write(name, rows, encoding="utf-8", delimiter=",") -> Path``."""

    def write(name: str, rows: Rows, encoding: str = "utf-8", delimiter: str = ",") -> Path:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        path = tmp_path / name
        path.write_bytes(buffer.getvalue().encode(encoding))
        return path

    return write


@pytest.fixture
def write_xlsx(tmp_path: Path) -> XlsxWriter:
    """Return ``write(name, {sheet: rows}, merges={sheet: ["A2:A4"]}) -> Path``."""

    def write(
        name: str, sheets: dict[str, Rows], merges: dict[str, list[str]] | None = None
    ) -> Path:
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            ws = book.create_sheet(title)
            for row in rows:
                ws.append(list(row))
            for rng in (merges or {}).get(title, []):
                ws.merge_cells(rng)
        path = tmp_path / name
        book.save(path)
        return path

    return write


@pytest.fixture
def units_csv(write_csv: CsvWriter) -> Path:
    """A units table of a county, two townships and a village, saved by Excel (GBK)."""
    return write_csv("单位表.csv", UNITS, encoding="gbk")

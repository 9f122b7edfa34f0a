"""Hostile Word and old Excel files (issue 7): refused with exit 2 and one message, bounded.

Promises (docs/errors.md): ``exit-2`` (one message naming the file and what it is, no
traceback) and ``bounded`` (a zip bomb refused from the archive's directory, a limit named).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
import xlwt

from .harness import assert_promise, run_zeren, write_bytes

HEADER = ["职责", "责任单位", "岗位", "责任人", "责任类型"]
ROW = ["组织生活", "乙镇党委", "书记", "张三", "第一责任人"]
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    ("name", "data", "needles"),
    [
        ("清单.doc", OLE + b"\0" * 2000, ("Word 97-2003", "save it as .docx in Word or WPS")),
        ("清单.xls", b"<html><table><tr><td>x</td></tr></table></html>", ("web page",)),
        ("清单.xls", "职责,责任单位\n组织生活,乙镇党委\n".encode("gb18030"), ("plain text",)),
        ("清单.xls", OLE + b"\xff" * 2000, ("not a readable .xls workbook",)),
        ("清单.docx", b"PK\x03\x04 truncated", ("not a readable .docx document",)),
        ("清单.docx", b"<html><body>Word web page</body></html>", ("web page",)),
    ],
)
def test_exit_2_files_that_are_not_what_they_say(
    tmp_path: Path, name: str, data: bytes, needles: tuple[str, ...]
) -> None:
    """exit-2: a .doc, an HTML or text .xls, a broken OLE or zip file: named, no traceback."""
    path = write_bytes(tmp_path / name, data)
    for command in ("info", "check"):
        assert_promise(run_zeren(command, path), path.name, *needles)


def test_bounded_docx_zip_bomb(tmp_path: Path) -> None:
    """bounded: a docx whose document part expands 1000-fold is refused before unzipping."""
    path = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:p/>" * 2_000_000)
    run = run_zeren("info", path)
    assert_promise(run, "ZEREN_LIMIT_ARCHIVE_RATIO", "zip bomb")


def test_exit_2_xls_error_cell_and_cell_limit(tmp_path: Path) -> None:
    """exit-2 / bounded: a #DIV/0! cell is named with its row and column; a cell limit too."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("清单")
    for c, h in enumerate(HEADER):
        ws.write(0, c, h)
    for c, v in enumerate(ROW[:-1]):
        ws.write(1, c, v)
    ws.row(1).set_cell_error(4, "#DIV/0!")
    path = tmp_path / "清单.xls"
    book.save(str(path))
    assert_promise(run_zeren("check", path), "row 2", "责任类型", "#DIV/0!")
    run = run_zeren("info", path, env={"ZEREN_LIMIT_SHEET_CELLS": "5"})
    assert_promise(run, "ZEREN_LIMIT_SHEET_CELLS")


def test_exit_2_docx_without_a_list_table(tmp_path: Path) -> None:
    """exit-2: a Word document whose only table is not a list names the table and the headers."""
    d = docx.Document()
    d.add_paragraph("通知")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "序号", "事项"
    d.save(str(tmp_path / "通知.docx"))
    assert_promise(run_zeren("check", tmp_path / "通知.docx"), "通知.docx[表1]", "'序号'")
    empty = docx.Document()
    empty.save(str(tmp_path / "空.docx"))
    assert_promise(run_zeren("info", tmp_path / "空.docx"), "no table")


def test_word_and_xls_lists_load_from_the_command_line(tmp_path: Path) -> None:
    """The long list loads from .docx and .xls: exit 0, the table not read named."""
    d = docx.Document()
    d.add_paragraph("乙镇党委2024年度党建工作责任清单")
    table = d.add_table(rows=2, cols=5)
    for c, (h, v) in enumerate(zip(HEADER, ROW, strict=True)):
        table.cell(0, c).text, table.cell(1, c).text = h, v
    d.add_table(rows=1, cols=1).cell(0, 0).text = "备注"
    d.save(str(tmp_path / "清单.docx"))
    run = run_zeren("info", tmp_path / "清单.docx")
    assert run.code == 0, str(run)
    assert "tables not read: 表2 (备注)" in run.stderr
    book = xlwt.Workbook(encoding="utf-8")
    ws, units = book.add_sheet("清单"), book.add_sheet("单位表")
    for c, (h, v) in enumerate(zip(HEADER, ROW, strict=True)):
        ws.write(0, c, h)
        ws.write(1, c, v)
    for r, row in enumerate([["单位", "上级单位"], ["县委", ""], ["乙镇党委", "县委"]]):
        for c, v in enumerate(row):
            units.write(r, c, v)
    book.save(str(tmp_path / "清单.xls"))
    run = run_zeren("check", tmp_path / "清单.xls")
    assert run.code in (0, 1), str(run)
    assert "Traceback" not in run.stderr

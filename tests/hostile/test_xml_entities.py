"""XML entity attacks inside a workbook: refused quickly, never expanded, never echoing a file.

An ``.xlsx`` is a zip of XML parts. A sheet part that declares entities (the "billion laughs"
expansion, or an external entity pointing at a local file) must be refused with exit 2, in
bounded time and memory, and the message must not carry the content of any other file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from .harness import assert_promise, run_zeren

LAUGHS = (
    '<!DOCTYPE w [<!ENTITY a0 "哈哈">'
    + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)
EXTERNAL = '<!DOCTYPE w [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


def _workbook_with(tmp_path: Path, doctype: str, entity: str) -> Path:
    base = tmp_path / "base.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "清单"
    sheet.append(["职责", "责任单位", "责任类型"])
    sheet.append(["三会一课", "乙镇党委", "主体责任"])
    book.save(base)
    target = tmp_path / "清单.xlsx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8").replace("?>", "?>" + doctype, 1)
                cell = f'<row r="3"><c r="A3" t="inlineStr"><is><t>&{entity};</t></is></c></row>'
                data = text.replace("</sheetData>", cell + "</sheetData>").encode("utf-8")
            zout.writestr(item, data)
    return target


@pytest.mark.parametrize(
    ("doctype", "entity"),
    [(LAUGHS, "a9"), (EXTERNAL, "secret")],
    ids=["refused-billion-laughs", "refused-external-entity-without-echo"],
)
def test_entities_in_a_sheet_are_refused(tmp_path: Path, doctype: str, entity: str) -> None:
    """Promise 4 and 5: bounded resources; no file content echoed."""
    path = _workbook_with(tmp_path, doctype, entity)
    run = run_zeren("info", path, timeout=30)
    assert_promise(run, "清单.xlsx")
    assert "root:" not in run.stderr
    assert "哈哈哈哈" not in run.stderr

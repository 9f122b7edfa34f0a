"""Word documents (.docx): each table a sheet 表1, 表2 …, merged cells filled, paragraphs kept."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings

from zeren_graph.errors import DecodeError, LimitError, MissingColumnError, MissingSheetError
from zeren_graph.io import read, write_list, write_units
from zeren_graph.io.columns import LIST_COLUMNS
from zeren_graph.io.formats.delimited import open_csv
from zeren_graph.io.formats.docx import DocxDocument, DocxTable, Paragraph
from zeren_graph.limits import override
from zeren_graph.model import ResponsibilityModel
from zeren_graph.testing import canonical, flat_models

HEADER = ["职责", "责任单位", "岗位", "责任人", "责任类型"]
ROWS = [
    ["落实全面从严治党主体责任", "乙镇党委", "书记", "张三", "第一责任人"],
    ["落实全面从严治党主体责任", "乙镇党委", "纪委书记", "李四", "监督责任"],
    ["三会一课", "甲村党支部", "书记", "王五", "直接责任"],
]
TITLE = "乙镇党委2024年度党建工作责任清单"


def add_table(document: object, rows: Sequence[Sequence[str]]) -> object:
    """Add ``rows`` as a table of ``document`` (cells with line breaks keep them)."""
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)  # type: ignore[attr-defined]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def list_document(path: Path) -> Path:
    d = docx.Document()
    d.add_heading(TITLE, 1)
    d.add_paragraph("一、主体责任", style="List Number")
    t = add_table(d, [HEADER, *ROWS])
    t.cell(1, 0).merge(t.cell(2, 0))  # type: ignore[attr-defined]
    t.cell(2, 0).text = ROWS[0][0]  # type: ignore[attr-defined]
    d.add_paragraph("附表：联系人")
    add_table(d, [["联系人", "电话"], ["赵六", "0000-1234567"]])
    d.save(str(path))
    return path


def test_list_in_a_word_table(tmp_path: Path) -> None:
    result = read(list_document(tmp_path / "清单.docx"))
    assert result.report.rows == 3
    assert result.report.files == (f"{tmp_path / '清单.docx'}[表1]",)
    assert len({a.duty for a in result.model.assignments}) == 2
    warnings = "\n".join(map(str, result.report.warnings))
    assert "tables not read: 表2 (附表：联系人)" in warnings


def test_paragraphs_titles_and_merged_cells_are_plain_data(tmp_path: Path) -> None:
    with DocxDocument(list_document(tmp_path / "清单.docx")) as doc:
        assert doc.paragraphs[:2] == [
            Paragraph(TITLE, "Heading 1", 1, None),
            Paragraph("一、主体责任", "List Number", None, 0),
        ]
        assert doc.tables == [
            DocxTable("表1", "一、主体责任", 2, 4, 5),
            DocxTable("表2", "附表：联系人", 3, 2, 2),
        ]
        table = doc.table("表1", LIST_COLUMNS)
        assert list(table.numbered())[1][1][0] == ROWS[0][0]
        assert table.filled == {3: {0}}


def test_horizontal_merge_multi_paragraph_cell_and_nested_table(tmp_path: Path) -> None:
    d = docx.Document()
    t = add_table(d, [["责任清单", "", ""], ["职责", "单位", "责任类型"],
                      ["组织生活", "乙镇党委", "主体责任"]])  # fmt: skip
    t.cell(0, 0).merge(t.cell(0, 2))  # type: ignore[attr-defined]
    t.cell(2, 0).add_paragraph("（每季度一次）")  # type: ignore[attr-defined]
    t.cell(2, 1).add_table(rows=1, cols=1).cell(0, 0).text = "内嵌"  # type: ignore[attr-defined]
    d.save(str(tmp_path / "清单.docx"))
    with DocxDocument(tmp_path / "清单.docx") as doc:
        assert doc.sheets == ["表1", "表1.1"]
        assert doc.tables[1].parent == "表1"
        table = doc.table("表1", LIST_COLUMNS)
        assert table.header_row == 2
        assert list(table.numbered()) == [(3, ["组织生活\n（每季度一次）", "乙镇党委", "主体责任"])]
        assert table.filled == {}  # a merge across columns fills no row below


def test_the_list_is_the_first_table_whose_header_matches(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("填报说明")
    add_table(d, [["序号", "说明"], ["1", "按实际填写"]])
    d.add_paragraph(TITLE)
    add_table(d, [HEADER, *ROWS])
    d.save(str(tmp_path / "清单.docx"))
    result = read(tmp_path / "清单.docx")
    assert result.report.files[0].endswith("[表2]")
    assert "tables not read: 表1 (填报说明)" in "\n".join(map(str, result.report.warnings))
    assert read(tmp_path / "清单.docx", sheet="表2").report.rows == 3
    with pytest.raises(MissingColumnError):
        read(tmp_path / "清单.docx", sheet="表1")


def test_no_table_and_no_list_table(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph(TITLE)
    d.save(str(tmp_path / "空.docx"))
    with pytest.raises(MissingSheetError, match="has no table for the responsibility list"):
        read(tmp_path / "空.docx")
    d = docx.Document()
    add_table(d, [["序号", "说明"], ["1", "x"]])
    d.save(str(tmp_path / "无清单.docx"))
    with pytest.raises(MissingColumnError, match=r"无清单\.docx\[表1\]"):
        read(tmp_path / "无清单.docx")


def test_doc_and_renamed_files(tmp_path: Path) -> None:
    (tmp_path / "清单.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(DecodeError, match="Word 97-2003") as info:
        read(tmp_path / "清单.doc")
    assert "save it as .docx in Word or WPS" in str(info.value)
    (tmp_path / "伪.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(DecodeError, match="Word 97-2003"):
        read(tmp_path / "伪.docx")
    renamed = list_document(tmp_path / "清单2.doc")
    result = read(renamed)
    assert result.report.rows == 3
    assert ".docx document saved with the .doc extension" in "\n".join(
        map(str, result.report.warnings)
    )


def test_broken_docx_and_zip_bomb(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "坏.docx", "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(DecodeError, match=r"not a readable \.docx document"):
        read(tmp_path / "坏.docx")
    with zipfile.ZipFile(tmp_path / "炸弹.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:p/>" * 400_000)
    with pytest.raises(LimitError, match="ZEREN_LIMIT_ARCHIVE_RATIO"):
        read(tmp_path / "炸弹.docx")


def test_limits(tmp_path: Path) -> None:
    path = list_document(tmp_path / "清单.docx")
    with override(sheet_cells=10), pytest.raises(LimitError, match="ZEREN_LIMIT_SHEET_CELLS"):
        read(path)
    with override(cell_chars=5), pytest.raises(LimitError, match="ZEREN_LIMIT_CELL_CHARS"):
        read(path)


def _cells(path: Path) -> list[list[str]]:
    table = open_csv(path, LIST_COLUMNS)
    return [table.headers, *(row for _, row in table.numbered())]


@settings(max_examples=25, deadline=None)
@given(flat_models())
def test_docx_round_trip_reads_as_the_csv(model: ResponsibilityModel) -> None:
    with tempfile.TemporaryDirectory() as folder:
        d = Path(folder)
        write_list(model, d / "清单.csv", headers="zh")
        units = None
        if model.has_hierarchy:
            units = d / "单位表.csv"
            write_units(model, units)
        document = docx.Document()
        document.add_paragraph(TITLE)
        add_table(document, _cells(d / "清单.csv"))
        document.save(str(d / "清单.docx"))
        from_csv = read(d / "清单.csv", units=units).model
        from_docx = read(d / "清单.docx", units=units).model
    assert canonical(from_docx) == canonical(from_csv) == canonical(model)

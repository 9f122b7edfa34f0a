"""Old Excel workbooks (.xls, BIFF): read like .xlsx, merged cells filled, other files named."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwt
from hypothesis import given, settings

from zeren_graph.errors import DecodeError, InputError, LimitError, MissingSheetError
from zeren_graph.io import read, write_list, write_units
from zeren_graph.io.columns import LIST_COLUMNS, UNIT_COLUMNS
from zeren_graph.io.formats.book import open_book
from zeren_graph.io.formats.delimited import open_csv
from zeren_graph.io.formats.xls import XlsWorkbook
from zeren_graph.limits import override
from zeren_graph.model import ResponsibilityModel
from zeren_graph.testing import canonical, flat_models

HEADER = ["职责", "责任单位", "岗位", "责任人", "责任类型"]
ROWS = [
    ["落实全面从严治党主体责任", "乙镇党委", "书记", "张三", "第一责任人"],
    ["落实全面从严治党主体责任", "乙镇党委", "纪委书记", "李四", "监督责任"],  # merged above
    ["三会一课", "甲村党支部", "书记", "王五", "直接责任"],
]
UNITS: list[list[Any]] = [
    ["单位", "上级单位", "党员数"],
    ["县委", "", 5200.0],
    ["乙镇党委", "县委", 280.0],
    ["甲村党支部", "乙镇党委", 35.0],
]


def write_xls(
    path: Path,
    sheets: Mapping[str, Sequence[Sequence[Any]]],
    *,
    merges: dict[str, list[tuple[int, int, int, int]]] | None = None,
    hidden: dict[str, int] | None = None,
) -> Path:
    """Write ``sheets`` with xlwt; ``merges`` are (first row, last row, first col, last col)."""
    book = xlwt.Workbook(encoding="utf-8")
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for title, rows in sheets.items():
        ws = book.add_sheet(title)
        merged = {
            (r, c)
            for r1, r2, c1, c2 in (merges or {}).get(title, [])
            for r in range(r1, r2 + 1)
            for c in range(c1, c2 + 1)
            if (r, c) != (r1, c1)
        }
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if (r, c) in merged or value in ("", None):
                    continue
                if isinstance(value, dt.date):
                    ws.write(r, c, value, dates)
                else:
                    ws.write(r, c, value)
        for r1, r2, c1, c2 in (merges or {}).get(title, []):
            ws.merge(r1, r2, c1, c2)
        ws.visibility = (hidden or {}).get(title, 0)
    book.save(str(path))
    return path


def test_list_with_title_merged_duty_and_units_sheet(tmp_path: Path) -> None:
    rows = [["乙镇党委2024年度党建工作责任清单"], HEADER, *ROWS]
    path = write_xls(
        tmp_path / "清单.xls",
        {"清单": rows, "单位表": UNITS},
        merges={"清单": [(0, 0, 0, 4), (2, 3, 0, 0)]},
    )
    result = read(path)
    model = result.model
    assert result.report.rows == 3
    assert result.report.unit_rows == 3
    assert [u.id for u in model.units] == ["县委", "乙镇党委", "甲村党支部"]
    assert {u.id: u.party_members for u in model.units}["乙镇党委"] == 280
    duties = {a.duty for a in model.assignments}
    assert len(duties) == 2  # the merged duty filled into row 4
    assert model.has_hierarchy
    assert not result.report.warnings


def test_merged_cells_recorded_as_filled_like_xlsx(tmp_path: Path) -> None:
    path = write_xls(
        tmp_path / "清单.xls", {"清单": [HEADER, *ROWS]}, merges={"清单": [(1, 2, 0, 0)]}
    )
    with XlsWorkbook(path) as book:
        table = book.table("清单", LIST_COLUMNS)
        rows = list(table.numbered())
    assert rows[1] == (3, ["落实全面从严治党主体责任", "乙镇党委", "纪委书记", "李四", "监督责任"])
    assert table.filled == {3: {0}}


def test_numbers_dates_and_booleans_as_text(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["单位", "上级单位", "党员数", "建立日期", "偏远"],
            ["乙镇党委", "县委", 280.0, dt.date(2024, 3, 1), True],
            ["甲镇党委", "县委", 12.5, "", False]]  # fmt: skip
    path = write_xls(tmp_path / "单位表.xls", {"单位表": rows})
    with XlsWorkbook(path) as book:
        got = list(book.table("单位表", UNIT_COLUMNS).numbered())
    assert got == [
        (2, ["乙镇党委", "县委", "280", "2024-03-01", "true"]),
        (3, ["甲镇党委", "县委", "12.5", "", "false"]),
    ]


def test_hidden_sheets_named_and_skipped(tmp_path: Path) -> None:
    path = write_xls(
        tmp_path / "清单.xls",
        {"旧清单": [HEADER, ROWS[0]], "配置": [["x"]], "清单": [HEADER, *ROWS], "说明": [["说明"]]},
        hidden={"旧清单": 1, "配置": 2},
    )
    result = read(path)
    text = "\n".join(map(str, result.report.warnings))
    assert "hidden sheets skipped: '旧清单', '配置' (very hidden)" in text
    assert "sheets not read: '说明'" in text
    assert result.report.rows == 3


def test_hidden_sheet_read_when_named(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "清单.xls", {"旧清单": [HEADER, ROWS[0]], "清单": [HEADER]},
                     hidden={"旧清单": 1})  # fmt: skip
    result = read(path, sheet="旧清单")
    assert result.report.rows == 1
    assert "the sheet is hidden; it was read because it was named" in "\n".join(
        map(str, result.report.warnings)
    )
    with pytest.raises(MissingSheetError, match="hidden: '旧清单'"):
        read(path, sheet="没有")


def test_error_cell_is_a_formula_error(tmp_path: Path) -> None:
    path = tmp_path / "清单.xls"
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("清单")
    for c, h in enumerate(HEADER):
        ws.write(0, c, h)
    for c, v in enumerate(ROWS[0]):
        if c != 3:
            ws.write(1, c, v)
    ws.row(1).set_cell_error(3, "#REF!")
    book.save(str(path))
    with pytest.raises(InputError) as info:
        read(path)
    problem = info.value.problems[0]
    assert (problem.code, problem.row, problem.column, problem.value) == (
        "formula-error", 2, "责任人", "#REF!")  # fmt: skip


def test_units_table_given_as_xls(tmp_path: Path) -> None:
    units = write_xls(tmp_path / "单位表.xls", {"Sheet1": UNITS})
    path = write_xls(tmp_path / "清单.xls", {"清单": [HEADER, *ROWS]})
    result = read(path, units=units)
    assert result.model.has_hierarchy
    assert result.report.files[-1].endswith("单位表.xls[Sheet1]")


def test_xlsx_saved_as_xls_is_read_with_a_warning(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "清单"
    for row in [HEADER, *ROWS]:
        book.active.append(row)
    path = tmp_path / "导出.xls"
    book.save(path)
    result = read(path)
    assert result.report.rows == 3
    assert "an .xlsx workbook saved with the .xls extension" in "\n".join(
        map(str, result.report.warnings)
    )
    with pytest.raises(DecodeError, match=r"rename it to \.xlsx"):
        XlsWorkbook(path)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"<html><body><table><tr><td>\xe8\x81\x8c\xe8\xb4\xa3</td></tr></table>", "web page"),
        ("职责\t责任单位\n组织生活\t乙镇党委\n".encode("gbk"), "plain text"),
        (b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
         "XML spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "not a readable .xls workbook"),
        (b"\x00\x01\x02garbage", "not an Excel workbook"),
    ],
)  # fmt: skip
def test_files_that_are_not_biff_say_what_they_are(
    tmp_path: Path, data: bytes, needle: str
) -> None:
    path = tmp_path / "清单.xls"
    path.write_bytes(data)
    with pytest.raises(DecodeError, match=needle):
        read(path)


def test_limits(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "清单.xls", {"清单": [HEADER, *ROWS]},
                     merges={"清单": [(1, 2, 0, 0)]})  # fmt: skip
    with override(sheet_cells=10), pytest.raises(LimitError, match="ZEREN_LIMIT_SHEET_CELLS"):
        read(path)
    with override(merged_cells=1), pytest.raises(LimitError, match="ZEREN_LIMIT_MERGED_CELLS"):
        read(path)
    with override(cell_chars=5), pytest.raises(LimitError, match="ZEREN_LIMIT_CELL_CHARS"):
        read(path)
    with override(file_bytes=100), pytest.raises(LimitError, match="ZEREN_LIMIT_FILE_BYTES"):
        read(path)


def test_open_book_picks_the_reader(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "清单.xls", {"清单": [HEADER]})
    with open_book(path) as book:
        assert isinstance(book, XlsWorkbook)
        assert book.find(["清单"]) == "清单"


def _cells(path: Path, columns: object) -> list[list[str]]:
    table = open_csv(path, columns)  # type: ignore[arg-type]
    return [table.headers, *(row for _, row in table.numbered())]


@settings(max_examples=25, deadline=None)
@given(flat_models())
def test_xls_round_trip_reads_as_the_csv(model: ResponsibilityModel) -> None:
    with tempfile.TemporaryDirectory() as folder:
        d = Path(folder)
        write_list(model, d / "清单.csv", headers="zh")
        sheets: dict[str, Sequence[Sequence[Any]]] = {"清单": _cells(d / "清单.csv", LIST_COLUMNS)}
        units = None
        if model.has_hierarchy:
            units = d / "单位表.csv"
            write_units(model, units)
            sheets["单位表"] = _cells(units, UNIT_COLUMNS)
        from_csv = read(d / "清单.csv", units=units).model
        from_xls = read(write_xls(d / "清单.xls", sheets)).model
    assert canonical(from_xls) == canonical(from_csv) == canonical(model)

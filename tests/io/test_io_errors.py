"""Bad input: every problem at once, with file, row, column, value and a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest
from io_files import UNITS, CsvWriter, XlsxWriter

from zeren_graph.errors import (
    DecodeError,
    DuplicateIdError,
    EmptyFileError,
    HierarchyCycleError,
    InputError,
    MissingColumnError,
    MissingSheetError,
    UnknownReferenceError,
    UnknownValueError,
)
from zeren_graph.io import load_units, read

HEADER = ["序号", "职责", "责任单位", "岗位", "责任类型", "责任范围", "类别", "上级职责"]


def _list(write_csv: CsvWriter, *rows: list[str]) -> Path:
    return write_csv("清单.csv", [HEADER, *rows])


def test_unknown_unit_names_file_row_column_value_and_suggestion(
    write_csv: CsvWriter, units_csv: Path
) -> None:
    path = _list(write_csv, ["1", "组织生活会", "乙镇党委", "书记", "主体", "", "", ""],
                 ["2", "组织生活会", "乙镇党", "书记", "主体", "", "", ""])  # fmt: skip
    with pytest.raises(UnknownReferenceError) as info:
        read(path, units=units_csv)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == (
        str(path),
        3,
        "责任单位",
        "乙镇党",
    )
    assert problem.hint == "did you mean '乙镇党委'?"
    assert isinstance(info.value, LookupError)
    assert str(problem).startswith(f"{path}, row 3, column '责任单位': unit '乙镇党'")


def test_unknown_scope_and_derived_from(write_csv: CsvWriter, units_csv: Path) -> None:
    path = _list(write_csv, ["1", "安全生产", "乙镇党委", "", "牵头", "乙镇西村", "", ""],
                 ["2", "组织生活会", "乙镇党委", "", "主体", "", "", "组织生活"])  # fmt: skip
    with pytest.raises(UnknownReferenceError) as info:
        read(path, units=units_csv)
    scope, derived = info.value.problems
    assert (scope.row, scope.column, scope.value) == (2, "责任范围", "乙镇西村")
    assert (derived.row, derived.column, derived.value) == (3, "上级职责", "组织生活")
    assert "ancestors: 县委" in derived.message


def test_ambiguous_derived_from_without_hierarchy(write_csv: CsvWriter) -> None:
    path = _list(write_csv, ["1", "组织生活会", "甲镇党委", "", "主体", "", "", ""],
                 ["2", "组织生活会", "乙镇党委", "", "主体", "", "", ""],
                 ["3", "组织生活会", "丙村党支部", "", "主体", "", "", "组织生活会"])  # fmt: skip
    with pytest.raises(UnknownReferenceError, match="several units") as info:
        read(path)
    assert "--units" in str(info.value.problems[0].hint)


def test_unknown_role_and_category_list_accepted_values(write_csv: CsvWriter) -> None:
    path = _list(write_csv, ["1", "组织生活会", "乙镇党委", "", "负责", "", "", ""],
                 ["2", "组织生活会", "乙镇党委", "", "牵头", "", "党务", ""])  # fmt: skip
    with pytest.raises(UnknownValueError) as info:
        read(path)
    role, category = info.value.problems
    assert (role.row, role.column, role.value) == (2, "责任类型", "负责")
    assert "lead (牵头, 牵头单位)" in str(role.hint)
    assert (category.row, category.column) == (3, "类别")
    assert "party_building (党建)" in str(category.hint)


def test_unknown_unit_kind_in_units_table(write_csv: CsvWriter) -> None:
    path = write_csv("单位表.csv", [["单位", "类型"], ["县委", "党校"]])
    with pytest.raises(UnknownValueError, match="党校") as info:
        load_units(path)
    assert "working_committee (工委, 党工委)" in str(info.value)


def test_duplicate_row_ids(write_csv: CsvWriter) -> None:
    path = _list(write_csv, ["7", "组织生活会", "乙镇党委", "", "主体", "", "", ""],
                 ["7", "党费收缴", "乙镇党委", "", "主体", "", "", ""])  # fmt: skip
    with pytest.raises(DuplicateIdError, match=r"rows 2 and 3") as info:
        read(path)
    assert info.value.problems[0].column == "序号"


def test_duplicate_unit_in_units_table(write_csv: CsvWriter) -> None:
    path = write_csv("单位表.csv", [*UNITS, ["甲镇党委", "县委"]])
    with pytest.raises(DuplicateIdError, match=r"'甲镇党委' is listed twice \(rows 3 and 6\)"):
        load_units(path)


def test_hierarchy_cycle_names_every_unit(write_csv: CsvWriter) -> None:
    rows = [
        ["单位", "上级单位"],
        ["县委", ""],
        ["甲镇", "丙村"],
        ["乙村", "甲镇"],
        ["丙村", "乙村"],
    ]
    with pytest.raises(HierarchyCycleError) as info:
        load_units(write_csv("单位表.csv", rows))
    (problem,) = info.value.problems
    assert all(name in problem.message for name in ("甲镇", "乙村", "丙村"))
    assert "县委" not in problem.message


def test_unknown_parent_in_units_table(write_csv: CsvWriter) -> None:
    rows = [["单位", "上级单位", "业务指导"], ["县委", "", ""], ["甲镇党委", "县季", "教育工委"]]
    with pytest.raises(UnknownReferenceError) as info:
        load_units(write_csv("单位表.csv", rows))
    parent, guided = info.value.problems
    assert (parent.row, parent.column, parent.value, parent.hint) == (
        3,
        "上级单位",
        "县季",
        "did you mean '县委'?",
    )
    assert guided.column == "业务指导"


def test_missing_required_column_names_headers_found(write_csv: CsvWriter) -> None:
    path = write_csv(
        "清单.csv", [["序号", "职责内容", "单位", "类型"], ["1", "组织生活会", "乙镇党委", "主体"]]
    )
    with pytest.raises(MissingColumnError) as info:
        read(path)
    columns = {p.column for p in info.value.problems}
    assert columns == {"duty", "role"}
    text = str(info.value)
    assert "'职责内容'" in text
    assert "duty (职责, 责任内容, 任务)" in text
    assert "责任类型" in text


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b"\r\n\r\n,,\r\n", "\u3000\n".encode()],
    ids=["empty", "bom", "blank", "space"],
)
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "清单.csv"
    path.write_bytes(content)
    with pytest.raises(EmptyFileError, match="empty"):
        read(path)


def test_header_without_rows_is_empty(write_csv: CsvWriter) -> None:
    with pytest.raises(EmptyFileError, match="no data rows"):
        read(write_csv("清单.csv", [HEADER, [], []]))
    with pytest.raises(EmptyFileError, match="no data rows"):
        load_units(write_csv("单位表.csv", [["单位"]]))


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "清单.csv"
    path.write_bytes("职责,单位,责任类型\n".encode() + b"\x80\xff\xfe\x81")
    with pytest.raises(DecodeError) as info:
        read(path)
    assert isinstance(info.value, UnicodeError)
    assert info.value.problems[0].file == str(path)


def test_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "清单.xlsx"
    path.write_text("职责,单位", encoding="utf-8")
    with pytest.raises(DecodeError, match=r"not a readable \.xlsx workbook"):
        read(path)


def test_missing_sheet_lists_the_sheets(write_xlsx: XlsxWriter) -> None:
    path = write_xlsx("清单.xlsx", {"单位": UNITS, "汇总": [["x"]]})
    with pytest.raises(MissingSheetError, match=r"'单位', '汇总'"):
        read(path, sheet="清单")
    only_units = write_xlsx("单位.xlsx", {"单位表": UNITS})
    with pytest.raises(MissingSheetError, match="no sheet for the responsibility list"):
        read(only_units)


def test_bad_boolean_and_number(write_csv: CsvWriter) -> None:
    rows = [
        ["单位", "党员数", "偏远", "党务人员"],
        ["县委", "多", "也许", "-1"],
        ["甲镇", "3.5", "是", "0.5"],
    ]
    with pytest.raises(InputError) as info:
        load_units(write_csv("单位表.csv", rows))
    found = [(p.row, p.column, p.value) for p in info.value.problems]
    assert found == [
        (2, "党员数", "多"),
        (2, "党务人员", "-1"),
        (2, "偏远", "也许"),
        (3, "党员数", "3.5"),
    ]


def test_conflicting_category_names_both_rows(write_csv: CsvWriter) -> None:
    path = _list(write_csv, ["1", "安全生产", "乙镇党委", "", "主体", "", "业务", ""],
                 ["2", "安全生产", "乙镇党委", "镇长", "牵头", "", "党建", ""])  # fmt: skip
    with pytest.raises(InputError, match=r"'党建' here but '业务' in row 2") as info:
        read(path)
    assert info.value.problems[0].row == 3


def test_missing_values_and_person_without_post(write_csv: CsvWriter) -> None:
    rows = [["职责", "单位", "岗位", "责任人", "责任类型"], ["组织生活会", "", "书记", "", "主体"],
            ["组织生活会", "乙镇党委", "", "李娜", "主体"]]  # fmt: skip
    with pytest.raises(InputError) as info:
        read(write_csv("清单.csv", rows))
    assert [(p.code, p.row, p.column) for p in info.value.problems] == [
        ("missing-value", 2, "单位"), ("invalid-value", 3, "责任人"),
    ]  # fmt: skip


def test_every_bad_row_is_reported_at_once(write_csv: CsvWriter, units_csv: Path) -> None:
    rows = [[str(i), "组织生活会", f"乙镇党委{i}", "", "主体", "", "", ""] for i in range(150)]
    with pytest.raises(UnknownReferenceError) as info:
        read(_list(write_csv, *rows), units=units_csv)
    problems = info.value.problems
    assert len(problems) == 150
    assert problems[0].hint == "did you mean '乙镇党委'?"
    assert problems[-1].hint == "add it to the units table"  # suggestions are capped
    assert str(info.value).startswith("150 problems:")


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "清单.et"  # a WPS spreadsheet (.xls is read since issue 7)
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"'\.et'.*\.yaml, \.yml, \.json, \.csv") as info:
        read(path)
    assert info.value.problems[0].hint == "save it as .xlsx"


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read(tmp_path / "没有.csv")


def test_units_table_with_a_native_document(tmp_path: Path, units_csv: Path) -> None:
    path = tmp_path / "清单.yaml"
    path.write_text("units: [{id: 县委}]\n", encoding="utf-8")
    with pytest.raises(InputError, match="flat lists only"):
        read(path, units=units_csv)


def test_id_collision_from_a_slash_in_names(write_csv: CsvWriter) -> None:
    rows = [
        ["职责", "单位", "责任类型", "范围"],
        ["乙/丙", "甲", "主体", ""],
        ["丙", "甲/乙", "主体", ""],
    ]
    with pytest.raises(DuplicateIdError, match="contains '/'"):
        read(write_csv("清单.csv", rows))

"""Flat lists (CSV/XLSX) → model: entities, ids, encodings, merged cells, reports."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from io_files import UNITS, CsvWriter, XlsxWriter

from zeren_graph.errors import HierarchyWarning, ZerenWarning
from zeren_graph.io import load, load_units, read
from zeren_graph.model import Source, integrity_problems
from zeren_graph.vocab import Category, PostKind, Role, UnitKind

HEADER = ["序号", "职责", "责任单位", "岗位", "责任人", "责任类型", "责任范围", "考核指标",
          "类别", "上级职责", "说明", "频次"]  # fmt: skip
ROWS = [
    ["1", "组织生活会", "县委", "", "", "主体责任", "", "", "党建", "", "", "每年"],
    ["2", "组织生活会", "县委", "书记", "王伟", "第一责任人", "", "全年4次", "党建", "", "", ""],
    ["3", "组织生活会", "乙镇党委", "书记", "李娜", "第一责任人", "", "", "党建", "组织生活会", "",
     ""],
    ["4", "组织生活会", "乙镇党委", "组织委员", "张敏", "牵头", "", "", "", "组织生活会", "", ""],
    ["5", "组织生活会", "乙镇党委", "副书记", "李娜", "配合", "", "", "", "", "书记兼任", ""],
    ["6", "组织生活会", "乙镇东村党支部", "书记", "赵强", "直接责任", "", "", "", "组织生活会", "",
     ""],
    ["7", "安全生产", "乙镇党委", "镇长", "", "牵头", "乙镇东村党支部", "", "业务", "", "", "每月"],
]  # fmt: skip


def _list(write_csv: CsvWriter, rows: list[list[str]] = ROWS, **kw: str) -> Path:
    return write_csv("清单.csv", [HEADER, *rows], **kw)


def test_rows_build_units_posts_persons_duties(write_csv: CsvWriter, units_csv: Path) -> None:
    result = read(_list(write_csv), units=units_csv)
    model, report = result.model, result.report
    assert (report.rows, report.assignments, report.skipped, report.warnings) == (7, 7, (), ())
    assert report.files == (str(units_csv.parent / "清单.csv"), str(units_csv))
    index = model.index
    assert [u.id for u in model.units] == [row[0] for row in UNITS[1:]]
    assert index.units["乙镇党委"].kind is UnitKind.committee  # kind empty: from the name
    assert index.units["乙镇东村党支部"].remote is True
    assert index.units["县委"].party_members == 5200
    assert index.posts["乙镇党委/书记"].kind is PostKind.secretary
    assert index.posts["乙镇党委/镇长"].holders == ()  # vacant
    assert index.posts_of_person["李娜"] == ("乙镇党委/书记", "乙镇党委/副书记")
    first = model.assignments[0]
    assert (first.holder, first.collective, first.role, first.id) == (
        "县委",
        True,
        Role.primary,
        "1",
    )
    assert first.frequency == "每年"
    assert model.assignments[1].indicator == "全年4次"
    assert model.assignments[4].reason == "书记兼任"
    duty = index.duties["乙镇党委/组织生活会"]
    assert (duty.category, duty.derived_from) == (Category.party_building, "县委/组织生活会")
    # the village's duty decomposes the township's, its nearest ancestor holding one
    assert index.duties["乙镇东村党支部/组织生活会"].derived_from == "乙镇党委/组织生活会"
    safety = index.duties["乙镇东村党支部/安全生产"]
    assert (safety.scope, safety.category) == ("乙镇东村党支部", Category.business)
    assert model.assignments[6].source == Source(file=report.files[0], row=8)
    assert model.has_hierarchy
    assert integrity_problems(model) == []


def test_derived_from_skips_ancestors_without_that_duty(
    write_csv: CsvWriter, units_csv: Path
) -> None:
    rows = [ROWS[0], ROWS[5]]  # the village names 组织生活会 of the county, two levels up
    model = read(_list(write_csv, rows), units=units_csv).model
    assert model.index.duties["乙镇东村党支部/组织生活会"].derived_from == "县委/组织生活会"


def test_list_without_units_table_has_no_hierarchy(write_csv: CsvWriter) -> None:
    result = read(_list(write_csv, ROWS[:4]))
    assert not result.model.has_hierarchy
    assert [u.id for u in result.model.units] == ["县委", "乙镇党委"]
    assert all(u.parent is None for u in result.model.units)
    assert [type(w) for w in result.report.warnings] == [HierarchyWarning]
    # without hierarchy, derived_from names the only other unit holding that duty
    assert result.model.index.duties["乙镇党委/组织生活会"].derived_from == "县委/组织生活会"
    with pytest.warns(HierarchyWarning, match="units table"):
        load(_list(write_csv, ROWS[:4]))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_are_detected(write_csv: CsvWriter, units_csv: Path, encoding: str) -> None:
    expected = read(_list(write_csv), units=units_csv).model
    model = read(_list(write_csv, encoding=encoding), units=units_csv).model
    assert model.assignments == expected.assignments
    assert model.posts == expected.posts


def test_english_headers_match_after_normalisation(write_csv: CsvWriter) -> None:
    path = write_csv("list.csv", [[" Duty ", "UNIT", "Ｒｏｌｅ", "derived-from"],
                                  ["组织生活会", "乙镇党委", "lead", ""]])  # fmt: skip
    model = read(path).model
    assert model.assignments[0].role is Role.lead


def test_names_are_nfkc_normalised_and_trimmed(write_csv: CsvWriter) -> None:
    rows = [["\u3000组织生活会 ", " 乙镇党委\u3000", "书记", "李娜　", "第一责任人"],
            ["组织生活会", "乙镇党委", "书记", "ＬＩ　Ｎａ", "主体"]]  # fmt: skip
    path = write_csv("清单.csv", [["职责", "单位", "岗位", "姓名", "责任类型"], *rows])
    model = read(path).model
    assert [d.id for d in model.duties] == ["乙镇党委/组织生活会"]
    assert model.posts[0].holders == ("李娜", "LI Na")


def test_title_rows_above_the_header_are_skipped(write_csv: CsvWriter) -> None:
    rows = [["乙镇党建工作责任清单", "", ""], ["填报单位：乙镇党委", "", ""], [],
            ["职责", "单位", "责任类型"], ["组织生活会", "乙镇党委", "主体责任"]]  # fmt: skip
    model = read(write_csv("清单.csv", rows)).model
    assert model.assignments[0].source is not None
    assert model.assignments[0].source.row == 5


def test_empty_rows_are_skipped_counted_and_named(write_csv: CsvWriter) -> None:
    rows = [
        HEADER,
        ROWS[0],
        ["", "", ""],
        ["　", " "],
        ROWS[1],
        ["", "", "", "", "", "", "", "", "", "", "备注：以上"],
        [],
        [],
    ]
    result = read(write_csv("清单.csv", rows))
    report = result.report
    assert report.rows == 4
    assert report.assignments == 2
    assert [(s.row, s.reason) for s in report.skipped] == [
        (3, "empty row"), (4, "empty row"), (6, "no duty, unit or role: 备注：以上"),
    ]  # fmt: skip
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load(write_csv("清单.csv", rows))
    assert any("1 rows skipped" in str(w.message) and "row 6" in str(w.message) for w in caught)


def test_one_cell_may_name_several_holders(write_csv: CsvWriter) -> None:
    rows = [["职责", "单位", "岗位", "责任人", "责任类型"],
            ["组织生活会", "乙镇党委", "委员", "张敏、王芳", "配合"],
            ["党费收缴", "乙镇党委", "委员", "王芳，赵强", "配合"]]  # fmt: skip
    model = read(write_csv("清单.csv", rows)).model
    assert model.posts[0].holders == ("张敏", "王芳", "赵强")
    assert [p.id for p in model.persons] == ["张敏", "王芳", "赵强"]


def test_unknown_columns_are_reported_as_warnings(write_csv: CsvWriter) -> None:
    rows = [["职责", "单位", "责任类型", "备注"], ["组织生活会", "乙镇党委", "主体", "无"]]
    result = read(write_csv("清单.csv", rows))
    assert any("'备注'" in str(w) for w in result.report.warnings)


def test_tab_separated_text_is_read(write_csv: CsvWriter) -> None:
    path = write_csv("清单.txt", [["职责", "单位", "责任类型"], ["组织生活会", "乙镇党委", "主体"]],
                     delimiter="\t")  # fmt: skip
    assert read(path).model.assignments[0].holder == "乙镇党委"


def test_units_table_booleans_and_numbers(write_csv: CsvWriter) -> None:
    rows = [["unit", "parent", "remote", "has_party_org", "party_staff", "guided_by"],
            ["县委", "", "no", "true", "1.5", ""], ["教育工委", "县委", "0", "False", "", ""],
            ["一中党委", "县委", "是", "有", "2", "教育工委"]]  # fmt: skip
    units = load_units(write_csv("单位表.csv", rows))
    assert [(u.remote, u.has_party_org) for u in units] == [
        (False, True),
        (False, False),
        (True, True),
    ]
    assert units[0].party_staff == 1.5
    assert units[1].kind is UnitKind.working_committee
    assert units[2].guided_by == ("教育工委",)


def test_xlsx_merged_cells_fill_every_row_they_span(write_xlsx: XlsxWriter) -> None:
    sheet = [["乙镇党建责任清单", None, None, None, None],
             ["序号", "职责", "单位", "岗位", "责任类型"],
             [1, "组织生活会", "乙镇党委", "书记", "第一责任人"],
             [None, None, None, "组织委员", "牵头"],
             [None, None, None, "", "主体责任"],
             [2, "党费收缴", "乙镇党委", "组织委员", "牵头"]]  # fmt: skip
    path = write_xlsx(
        "清单.xlsx", {"清单": sheet}, merges={"清单": ["A1:E1", "A3:A5", "B3:B5", "C3:C5"]}
    )
    result = read(path)
    model = result.model
    assert [a.duty for a in model.assignments] == ["乙镇党委/组织生活会"] * 3 + [
        "乙镇党委/党费收缴"
    ]
    assert [a.id for a in model.assignments] == ["1", "1-2", "1-3", "2"]
    assert model.assignments[2].collective
    assert model.assignments[0].source is not None
    assert (model.assignments[0].source.sheet, model.assignments[0].source.row) == ("清单", 3)
    assert result.report.files == (f"{path}[清单]",)


def test_xlsx_units_sheet_and_list_sheet_are_found(write_xlsx: XlsxWriter) -> None:
    sheets = {"说明": [["本表由组织部编制"]], "单位表": UNITS,
              "责任清单": [HEADER, *ROWS]}  # fmt: skip
    result = read(write_xlsx("清单.xlsx", sheets))
    assert result.model.has_hierarchy
    assert result.report.unit_rows == 4
    assert len(result.model.assignments) == 7
    # without a list sheet name, the first sheet that is not the units table is the list
    book = write_xlsx("b.xlsx", {"单位": UNITS, "Sheet1": [HEADER, *ROWS]})
    assert read(book).model.has_hierarchy
    assert len(read(book, sheet="sheet1").model.assignments) == 7


def test_units_from_an_xlsx_file(write_xlsx: XlsxWriter, write_csv: CsvWriter) -> None:
    units = write_xlsx("单位.xlsx", {"Sheet": UNITS})
    model = read(_list(write_csv), units=units).model
    assert model.index.ancestors("乙镇东村党支部").__next__() == "乙镇党委"


def test_clean_and_unclean_files_load_the_same(write_csv: CsvWriter, units_csv: Path) -> None:
    clean = read(_list(write_csv), units=units_csv).model
    padded = [[f" {c}" if c else c for c in row] for row in ROWS]
    unclean = read(write_csv("清单2.csv", [HEADER, *padded]), units=units_csv).model
    assert unclean.assignments[3].model_dump(exclude={"source"}) == clean.assignments[3].model_dump(
        exclude={"source"}
    )
    assert unclean.duties == tuple(
        d.model_copy(
            update={
                "source": d.source.model_copy(update={"file": str(units_csv.parent / "清单2.csv")})
            }
        )
        if d.source
        else d
        for d in clean.duties
    )


def test_load_emits_no_warning_for_a_complete_load(write_csv: CsvWriter, units_csv: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = load(_list(write_csv), units=units_csv)
    assert [w for w in caught if issubclass(w.category, ZerenWarning)] == []
    assert model.assignments

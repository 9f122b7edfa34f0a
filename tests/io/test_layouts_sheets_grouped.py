"""Every sheet of a workbook, two-row headers and grouped subject lists (issue 7 §1.3, §1.4)."""

import csv
import json
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zeren_graph.cli import main
from zeren_graph.io import list_rows, read
from zeren_graph.io.layouts.detect import find_header, join_rows
from zeren_graph.io.layouts.grouped import read_sections, subject_holder
from zeren_graph.io.layouts.vocabulary import GROUPED_COLUMNS, LAYOUT_COLUMNS
from zeren_graph.io.tabular import make_table
from zeren_graph.model import Assignment, ResponsibilityModel, Source

PUBLISHED = Path(__file__).resolve().parents[2] / "scenarios" / "lists" / "published"
COLLEGE = PUBLISHED / "学院各部门党建任务.xlsx"
LETTER = PUBLISHED / "县直机关党工委2023年目标责任书.xls"
TOWNSHIP = PUBLISHED / "乡镇党委主体责任清单.xlsx"
CITY = PUBLISHED / "市直单位主体责任清单.docx"


def _src(a: Assignment) -> Source:
    assert a.source is not None
    return a.source


def _of(model: ResponsibilityModel, needle: str) -> set[tuple[str, str]]:
    """Return (holder, role) of the assignments of the duty whose name holds ``needle``."""
    return {(a.holder, a.role.value) for a in model.assignments if needle in a.duty}


# --- every sheet is read ------------------------------------------------------------------


def test_college_workbook_reads_every_department_sheet_into_one_model() -> None:
    result = read(COLLEGE, scope="学院党委")
    reading, model = result.report.reading, result.model
    assert reading is not None
    per_sheet = dict(reading.per_sheet)
    assert [s.split("[")[1][:-1] for s in per_sheet] == [
        "党委办公室", "组织部", "宣传部", "学生工作部", "马克思主义学院", "纪委办公室",
    ]  # fmt: skip
    assert [c["tasks"] for c in per_sheet.values()] == [8, 10, 8, 7, 5, 6]
    assert reading.counts["rows"] == 44 == result.report.rows
    assert reading.counts["tasks"] + reading.counts["skipped"] == reading.counts["rows"]
    assert sum(c["rows"] for c in per_sheet.values()) == reading.counts["rows"]
    not_read = dict(reading.not_read)
    assert not_read["说明"].startswith("not a list")
    assert "hidden" in not_read["组织部（2023版）"]
    assert not any("2023" in (_src(a).sheet or "") for a in model.assignments)
    # 组织部, task 3 (row 5): the README's expected reading
    assert _of(model, "党员发展") == {
        ("组织部/组织员", "lead"), ("学生工作部", "support"), ("团委", "support"),
    }  # fmt: skip
    (post,) = [p for p in model.posts if p.id == "组织部/组织员"]
    assert post.holders == ("张悦",)
    (row5,) = {(_src(a).sheet, _src(a).row, a.deadline) for a in model.assignments
               if "党员发展" in a.duty}  # fmt: skip
    assert row5 == ("组织部", 5, "2024年12月")
    assert {d.scope for d in model.duties} == {"学院党委"}
    # an empty 责任人: the department owns the task by its sheet
    assert ("组织部", "lead") in _of(model, "党费收缴管理")
    # the same duty written on two sheets is one duty with two owners (an overlap)
    owners = _of(model, "意识形态工作责任制")
    assert {("党委办公室/副主任", "lead"), ("宣传部/部长", "lead")} <= owners
    # collective-only: the college committee alone
    assert _of(model, "校长负责制") == {("学院党委", "lead"), ("校长办公室", "support")}


def test_college_workbook_without_scope_scopes_each_sheet_to_its_department() -> None:
    reading = read(COLLEGE).report.reading
    assert reading is not None
    assert any("each sheet's tasks are scoped to its own unit" in n for n in reading.notes)


def test_reading_json_names_sheets_counts_and_sheets_not_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["info", str(COLLEGE), "--scope", "学院党委", "--format", "json"]) == 0
    reading = json.loads(capsys.readouterr().out)["reading"]
    assert {"layout", "sheets", "columns", "scope", "warnings"} <= set(reading)
    assert reading["layout"] == "task_table"
    assert len(reading["sheets"]) == 6
    assert {c["sheet"] for c in reading["columns"]} >= {"组织部", "宣传部"}
    assert [n["sheet"] for n in reading["not_read"]] == ["说明", "组织部（2023版）"]
    assert sum(s["rows"] for s in reading["per_sheet"]) == 44


def _workbook(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_department_sheet_without_a_lead_column_is_led_by_its_department(
    tmp_path: Path,
) -> None:
    head = ["序号", "工作任务", "配合部门"]
    path = _workbook(tmp_path / "各部门.xlsx", {
        "办公室": [["办公室2024年任务清单"], head, ["1", "公文管理", "档案室"]],
        "人事处": [head, ["1", "干部培训", ""], ["2", "", ""], ["合计", "合计", "合计"]],
        "说明": [["本表由各部门填写"]],
    })  # fmt: skip
    result = read(path, scope="学院党委")
    assert _of(result.model, "公文管理") == {("办公室", "lead"), ("档案室", "support")}
    assert _of(result.model, "干部培训") == {("人事处", "lead")}
    counts = result.report.reading.counts  # type: ignore[union-attr]
    assert counts["tasks"] + counts["skipped"] == counts["rows"] == 4
    assert {(s.file, s.row) for s in result.report.skipped if s.reason != "empty row"} == {
        (f"{path}[人事处]", 3), (f"{path}[人事处]", 4),
    }  # fmt: skip


def test_a_department_sheet_with_no_holder_column_is_held_by_its_department(
    tmp_path: Path,
) -> None:
    path = _workbook(tmp_path / "各部门.xlsx", {
        "办公室": [["序号", "工作任务", "完成时限"], ["1", "公文管理", "全年"]],
        "人事处": [["序号", "工作任务", "完成时限"], ["1", "干部培训", "6月"]],
    })  # fmt: skip
    result = read(path, scope="学院党委")
    assert _of(result.model, "公文管理") == {("办公室", "lead")}
    assert _of(result.model, "干部培训") == {("人事处", "lead")}
    parents = {u.id: u.parent for u in result.model.units}
    assert parents == {"学院党委": None, "办公室": "学院党委", "人事处": "学院党委"}


def test_a_long_workbook_with_a_units_sheet_reads_as_before(tmp_path: Path) -> None:
    head = ["职责", "责任单位", "岗位", "责任人", "责任类型"]
    path = _workbook(tmp_path / "县.xlsx", {
        "清单": [head, ["组织生活", "乙镇党委", "书记", "张三", "第一责任人"]],
        "单位表": [["单位", "上级单位"], ["县委", ""], ["乙镇党委", "县委"]],
        "备注": [["随便写的"]],
    })  # fmt: skip
    result = read(path)
    assert result.report.reading is not None
    assert result.report.reading.layout == "long"
    assert result.model.has_hierarchy
    assert len(result.model.assignments) == 1


_UNITS = st.sampled_from(["甲村党支部", "乙村党支部", "丙社区党委"])
_ROW = st.tuples(st.sampled_from(["发展党员", "三会一课", "主题党日", "党费收缴"]), _UNITS,
                 st.sampled_from(["书记", "委员", ""]),
                 st.sampled_from(["牵头", "配合", "主体责任"]))  # fmt: skip


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(_ROW, min_size=1, max_size=12, unique=True))
def test_a_long_list_split_into_per_unit_sheets_reads_back_the_same(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str, str, str]]
) -> None:
    head = ["职责", "责任单位", "岗位", "责任类型"]
    d = tmp_path_factory.mktemp("split")
    whole = _workbook(d / "whole.xlsx", {"清单": [head, *map(list, rows)]})
    by_unit: dict[str, list[list[str]]] = {}
    for row in rows:
        by_unit.setdefault(row[1], [head]).append(list(row))
    split = _workbook(d / "split.xlsx", by_unit)

    def shape(model: ResponsibilityModel) -> tuple[object, ...]:
        return (
            sorted((a.duty, a.holder, a.role.value) for a in model.assignments),
            sorted(u.id for u in model.units),
            sorted(p.id for p in model.posts),
        )

    one, many = read(whole), read(split)
    assert shape(one.model) == shape(many.model)
    assert many.report.rows == one.report.rows == len(rows)
    assert {_src(a).sheet for a in many.model.assignments} == set(by_unit)


# --- two-row headers ----------------------------------------------------------------------


def test_group_header_over_a_second_row_is_one_header() -> None:
    rows = [["目标责任书"], ["序号", "目标任务", "责任分工", "", "", "完成时限"],
            ["", "", "责任领导", "牵头单位", "配合单位", ""],
            ["1", "换届", "工委专职副书记林芳", "工委组织科", "工委办公室", "9月"]]  # fmt: skip
    table = make_table("书.csv", None, rows, LAYOUT_COLUMNS)
    assert table.header_rows == (2, 3)
    assert table.first_row == 4
    assert table.headers == ["序号", "目标任务", "责任领导", "牵头单位", "配合单位", "完成时限"]
    assert join_rows(["县委清单"] * 3, ["职责", "单位", "责任类型"]) is None
    found = find_header(rows[1:], LAYOUT_COLUMNS)
    assert found is not None
    assert (found.number, found.rows) == (1, 2)


def test_header_rows_are_in_the_json_reading(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(LETTER), "--format", "json"]) == 0
    reading = json.loads(capsys.readouterr().out)["reading"]
    assert reading["header_rows"] == [{"sheet": f"{LETTER}[目标责任书]", "rows": [3, 4]}]
    by_header = {c["header"]: (c["field"], c["role"]) for c in reading["columns"]}
    assert by_header["责任领导"] == ("post", "direct")
    assert by_header["牵头单位"] == ("unit", "lead")


_TASKS = st.lists(
    st.tuples(st.sampled_from(["换届", "发展党员", "警示教育", "述职评议"]),
              st.sampled_from(["工委书记韦国强", "纪工委书记江涛", ""]),
              st.sampled_from(["工委组织科", "机关纪工委", "工委办公室、工委宣传科"]),
              st.sampled_from(["工委办公室", ""])),
    min_size=1, max_size=8, unique_by=lambda t: t[0],
)  # fmt: skip


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tasks=_TASKS)
def test_a_task_table_under_a_group_header_reads_as_with_one_header_row(
    tmp_path_factory: pytest.TempPathFactory, tasks: list[tuple[str, str, str, str]]
) -> None:
    d = tmp_path_factory.mktemp("two")
    body = [[str(i), *t] for i, t in enumerate(tasks, start=1)]
    one = [
        ["县直机关党工委2023年目标责任书"],
        ["序号", "目标任务", "责任领导", "牵头单位", "配合单位"],
    ]
    two = [["县直机关党工委2023年目标责任书"], ["序号", "目标任务", "责任分工", "", ""],
           ["", "", "责任领导", "牵头单位", "配合单位"]]  # fmt: skip
    for name, head in (("one.csv", one), ("two.csv", two)):
        text = "\n".join(",".join(f'"{c}"' for c in row) for row in [*head, *body])
        (d / name).write_text(text + "\n", encoding="utf-8")
    a, b = read(d / "one.csv"), read(d / "two.csv")

    def shape(model: ResponsibilityModel) -> list[tuple[str, str, str]]:
        return sorted((x.duty, x.holder, x.role.value) for x in model.assignments)

    assert shape(a.model) == shape(b.model)
    assert b.report.reading is not None
    assert dict(b.report.reading.header_rows)[str(d / "two.csv")] == (2, 3)


def test_target_letter_xls_reads_its_two_row_header_and_skips_total_rows() -> None:
    result = read(LETTER)
    reading, model = result.report.reading, result.model
    assert reading is not None
    assert dict(reading.header_rows)[f"{LETTER}[目标责任书]"] == (3, 4)
    assert reading.scope == "随县县直机关党工委"
    assert reading.counts["tasks"] == 12
    assert reading.counts["skipped"] == 2
    assert reading.counts["tasks"] + reading.counts["skipped"] == reading.counts["rows"]
    skipped = {s.row: s.reason for s in result.report.skipped}
    assert "merged across" in skipped[17]
    assert "merged across" in skipped[19]
    assert _of(model, "应换尽换率100%") == {
        ("工委组织科", "lead"), ("工委办公室", "support"),
        ("随县县直机关党工委/工委专职副书记", "direct"),
    }  # fmt: skip
    assert {a.deadline for a in model.assignments if "应换尽换" in a.duty} == {"2023-09-30"}
    (post,) = [p for p in model.posts if p.id.endswith("工委专职副书记")]
    assert post.holders == ("林芳",)


# --- grouped subject lists ----------------------------------------------------------------


def test_subject_words_give_the_holder_and_role() -> None:
    assert subject_holder("镇党委", "乙镇党委")[:3] == ("乙镇党委", "", "primary")
    assert subject_holder("党委书记", "乙镇党委")[1:3] == ("党委书记", "first_responsible")
    assert subject_holder("镇党委副书记、镇长", "乙镇党委")[1:3] == ("党委副书记、镇长", "direct")
    assert subject_holder("纪检组", "乙局党组")[1:3] == ("纪检组书记", "supervisory")
    assert subject_holder("各村党组织", "乙镇党委")[:3] == ("各村党组织", "", "primary")
    assert subject_holder("班子成员", "乙镇党委", "direct")[2] == "direct"


def test_grouped_table_in_memory() -> None:
    rows = [["乙镇党委2024年主体责任清单"], ["序号", "责任主体", "责任内容", "具体措施"],
            ["1", "镇党委", "研究党建工作", "每季度1次"], ["2", "", "抓作风", ""],
            ["1", "镇纪委", "监督检查", "每半年1次"]]  # fmt: skip
    table = make_table("清单.csv", None, rows, LAYOUT_COLUMNS)
    assert table.column_set is GROUPED_COLUMNS


def test_township_grouped_table_reads_as_the_readme_states() -> None:
    result = read(TOWNSHIP, scope="高城镇党委")
    model, reading = result.model, result.report.reading
    assert reading is not None
    assert reading.layout == "grouped"
    assert reading.counts["rows"] == 24 == reading.counts["tasks"] == len(model.assignments)
    (b9,) = [a for a in model.assignments if _src(a).row == 9]
    assert (b9.holder, b9.role.value) == ("高城镇党委/党委书记", "first_responsible")
    assert b9.indicator is not None
    assert b9.indicator.startswith("做到重要工作亲自部署")
    (b21,) = [a for a in model.assignments if _src(a).row == 21]
    assert (b21.holder, b21.role.value) == ("高城镇党委/纪委书记", "supervisory")
    assert _of(model, "管党治党政治责任") == {("高城镇党委", "primary")}
    assert _of(model, "抓好联系村") == {("高城镇党委/班子其他成员", "direct")}
    assert _of(model, "三会一课") == {("各村(社区)党组织", "primary")}
    # the overlap: one duty, two holders (the reading says it through the model)
    assert _of(model, "软弱涣散村党组织整顿") == {
        ("高城镇党委/党委书记", "first_responsible"), ("高城镇党委/班子其他成员", "direct"),
    }  # fmt: skip
    assert any("subject '镇纪委'" in n and "supervisory" in n for n in reading.notes)
    assert reading.supervision == ("高城镇党委/纪委书记",)
    by_header = {c.header: c.field for c in reading.columns}
    assert by_header == {"序号": "ignore", "责任主体": "holder", "责任内容": "duty",
                         "具体措施": "indicator"}  # fmt: skip


def test_city_docx_sections_read_as_subjects_and_the_accountability_section_is_named() -> None:
    result = read(CITY)
    model, reading = result.model, result.report.reading
    assert reading is not None
    assert reading.layout == "grouped"
    assert reading.counts == {"rows": 26, "tasks": 23, "holders": 23, "skipped": 3,
                              "assignments": 23}  # fmt: skip
    assert any("'责任追究' ignored" in n for n in reading.notes)
    assert reading.supervision == ("随州市市直单位党委(党组)/纪委(纪检组)书记",)
    assert len([s for s in result.report.skipped if "责任追究" in s.reason]) == 3
    roles = {a.role.value for a in model.assignments if "对本单位全面从严治党工作负总责" in a.duty}
    assert roles == {"first_responsible"}
    (three2,) = [a for a in model.assignments if "每半年听取分管部门情况汇报1次" in a.duty]
    assert (three2.holder.rsplit("/", 1)[1], three2.role.value) == ("班子其他成员", "direct")
    assert {a.role.value for a in model.assignments if "一案双查" in a.duty} == {"supervisory"}
    assert not any("问责条例" in a.duty for a in model.assignments)


def test_sections_with_bracketed_and_unnumbered_headings() -> None:
    paragraphs = ["乙镇党委2024年主体责任清单", "（一）党委：主体责任", "1.研究党建。",
                  "（二）党委书记：第一责任人责任", "（1）亲自部署。", "（2）亲自过问。",
                  "纪委：监督责任", "1.监督检查。", "班子成员：一岗双责", "1.抓分管领域。",
                  "本清单自印发之日起执行。"]  # fmt: skip
    found = read_sections("a.docx", paragraphs, "乙镇党委")
    assert found is not None
    assert [(r[0], r[1], r[2], r[4]) for r in found.rows] == [
        ("研究党建。", "乙镇党委", "", "primary"),
        ("亲自部署。", "乙镇党委", "党委书记", "first_responsible"),
        ("亲自过问。", "乙镇党委", "党委书记", "first_responsible"),
        ("监督检查。", "乙镇党委", "纪委书记", "supervisory"),
        ("抓分管领域。", "乙镇党委", "班子成员", "direct"),
    ]
    assert found.reading.counts["rows"] == 5 == found.reading.counts["tasks"]


def test_sections_without_a_role_are_not_a_grouped_list() -> None:
    assert read_sections("a.docx", ["通知", "一、总体要求", "1.提高认识。"], None) is None
    found = read_sections("a.docx", ["乙镇党委主体责任清单", "一、党委：主体责任", "1.抓党建。"],
                          "乙镇党委")  # fmt: skip
    assert found is not None
    assert found.rows[0][:5] == ["抓党建。", "乙镇党委", "", "", "primary"]


# --- a grouped list reads back to the long list a careful person would write (issue 7) -------

#: a kind of subject: (its written forms, its post (None: the written form, 镇 dropped), its
#: role as a long list writes it, the words its Word heading gives after it)
_SUBJECTS = {
    "primary": (st.sampled_from(["党委", "镇党委"]), "", "主体责任", "主体责任"),
    "first_responsible": (
        st.sampled_from(["党委书记", "镇党委书记"]), "党委书记", "第一责任人",
        "第一责任人责任",
    ),
    "members": (
        st.sampled_from(["班子成员", "班子其他成员"]), None, "一岗双责", "“一岗双责”"
    ),
    "deputy": (
        st.sampled_from(["党委副书记、镇长", "镇党委副书记、镇长"]),
        None, "一岗双责", "“一岗双责”",
    ),
    "supervisory": (
        st.sampled_from(["纪委", "镇纪委"]), "纪委书记", "监督责任", "监督责任"
    ),
}  # fmt: skip
_DUTY_WORDS = ["专题研究全面从严治党工作", "听取班子成员履行一岗双责情况汇报", "开展警示教育",
               "督促整改巡察反馈问题", "讲授专题党课", "抓好联系村党建工作"]  # fmt: skip
_NUMERALS = "一二三四五"


@st.composite
def _grouped_lists(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, str, list[list[str]]]]]:
    """A grouped-shaped model: its scope, and per subject (as written, heading words, the
    role in Chinese, its long rows [职责, 责任范围, 责任单位, 岗位, 责任人, 责任类型, 考核指标])."""
    scope = draw(st.sampled_from(["乙镇党委", "高城镇党委"]))
    kinds = draw(st.lists(st.sampled_from(list(_SUBJECTS)), min_size=1, max_size=5, unique=True))
    pool = [f"{w}{n}次" for w in _DUTY_WORDS for n in range(1, 4)]
    subjects = []
    for kind in kinds:
        written_from, post, role, heading = _SUBJECTS[kind]
        written = draw(written_from)
        duties = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=5, unique=True))
        title = post if post is not None else written.removeprefix("镇")
        rows = [[duty, scope, scope, title, "", role,
                 draw(st.sampled_from(["", "每季度通报1次", "建立工作台账"]))]
                for duty in duties]  # fmt: skip
        subjects.append((written, heading, role, rows))
    return scope, subjects


def _grouped_xlsx(
    path: Path, scope: str, subjects: list[tuple[str, str, str, list[list[str]]]]
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([f"{scope}2024年度全面从严治党主体责任清单"])
    sheet.append(["序号", "责任主体", "责任内容", "具体措施"])
    for written, _heading, _role, rows in subjects:
        first = sheet.max_row + 1
        for i, row in enumerate(rows, start=1):
            sheet.append([str(i), written if i == 1 else None, row[0], row[6]])
        if len(rows) > 1:
            sheet.merge_cells(start_row=first, start_column=2, end_row=sheet.max_row, end_column=2)
    book.save(path)
    return path


def _grouped_docx(
    path: Path, scope: str, subjects: list[tuple[str, str, str, list[list[str]]]]
) -> Path:
    document = docx.Document()
    document.add_paragraph(f"{scope}落实全面从严治党主体责任清单")
    for numeral, (written, heading, _role, rows) in zip(_NUMERALS, subjects, strict=False):
        document.add_paragraph(f"{numeral}、{written}{heading}")
        for i, row in enumerate(rows, start=1):
            document.add_paragraph(f"{i}.{row[0]}")
    document.save(str(path))
    return path


def _long_rows(model: ResponsibilityModel, *, indicator: bool = True) -> list[list[str]]:
    """The model as long rows, without row ids (and without indicators: Word has none)."""
    at = list_rows(model)[0].index("indicator")
    return sorted([c for j, c in enumerate(r[1:], start=1) if indicator or j != at]
                  for r in list_rows(model)[1:])  # fmt: skip


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drawn=_grouped_lists())
def test_grouped_list_reads_back_to_the_long_list(
    tmp_path_factory: pytest.TempPathFactory,
    drawn: tuple[str, list[tuple[str, str, str, list[list[str]]]]],
) -> None:
    scope, subjects = drawn
    d = tmp_path_factory.mktemp("grouped")
    header = ["职责", "责任范围", "责任单位", "岗位", "责任人", "责任类型", "考核指标"]
    with (d / "long.csv").open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([header, *(r for *_s, rows in subjects for r in rows)])
    long = read(d / "long.csv", scope=scope)
    table = read(_grouped_xlsx(d / "清单.xlsx", scope, subjects), scope=scope)
    word = read(_grouped_docx(d / "清单.docx", scope, subjects), scope=scope)
    for result in (table, word):
        assert result.report.reading is not None
        assert result.report.reading.layout == "grouped"
        assert {(u.id, u.parent, u.kind) for u in result.model.units} == {
            (u.id, u.parent, u.kind) for u in long.model.units
        }
    assert _long_rows(table.model) == _long_rows(long.model)
    assert _long_rows(word.model, indicator=False) == _long_rows(long.model, indicator=False)
    assert len(table.model.assignments) == sum(len(rows) for *_s, rows in subjects)

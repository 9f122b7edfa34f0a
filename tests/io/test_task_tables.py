"""Task tables (任务分工表): detection, interpretation, the reading, and the published samples."""

import csv
import json
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_files import holders_of

from zeren_graph.cli import main
from zeren_graph.errors import InputError
from zeren_graph.io import list_rows, read

PUBLISHED = Path(__file__).resolve().parents[2] / "scenarios" / "lists" / "published"
DOCX = PUBLISHED / "区委2024年党建重点任务分工.docx"
STREET = PUBLISHED / "街道2024年重点工作任务.csv"
HEADER = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "责任领导", "完成时限"]
ROWS = [
    ["1", "发展党员", "建立台账", "镇党建办", "镇团委、各村", "镇党委委员、组织委员张敏",
     "2024年12月"],
    ["2", "平安建设", "", "镇综治中心", "", "", "全年"],
]  # fmt: skip


def test_published_docx_reads_as_the_readme_states() -> None:
    result = read(DOCX)
    reading, model = result.report.reading, result.model
    assert reading is not None
    assert (reading.layout, reading.scope) == ("task_table", "随南区委")
    assert "中共随南区委" in reading.scope_from
    # task 4 (2): its own duty, named by its measure
    assert holders_of(model, "墩苗") == [
        ("区委组织部", "lead", ()),
        ("区委编办", "support", ()),
        ("区人社局", "support", ()),
        ("随南区委/区委常委、组织部长", "direct", ("陈红梅",)),
    ]
    (a,) = [a for a in model.assignments if "墩苗" in a.duty and a.role.value == "lead"]
    assert (a.deadline, a.duty.split("/")[0]) == ("2024年10月", "随南区委")
    # task 6: a placeholder lead, no leader
    assert holders_of(model, "整顿软弱涣散") == [
        ("各乡镇党委", "lead", ()),
        ("区委组织部", "support", ()),
        ("区直各部门", "support", ()),
    ]
    assert any("各乡镇党委" in w for w in reading.warnings)
    # task 10 (1): a post without a holder
    assert holders_of(model, "每半年专题研究全面从严治党") == [
        ("区委办公室", "lead", ()),
        ("区纪委监委", "support", ()),
        ("随南区委/区委书记", "direct", ()),
    ]
    assert [(u.id, u.parent) for u in model.units][:2] == [
        ("随南区委", None),
        ("区委党建工作领导小组", "随南区委"),
    ]
    assert model.has_hierarchy


def test_published_street_csv_reads_as_the_readme_states() -> None:
    result = read(STREET, scope="东关街道党工委")
    report, model = result.report, result.model
    assert report.reading is not None
    assert report.reading.scope_from == "the scope given (--scope)"
    assert holders_of(model, "网格党支部覆盖率") == [
        ("党建办", "lead", ()),
        ("社会事务办", "lead", ()),
        ("各社区", "support", ()),
        ("东关街道党工委/党工委副书记", "direct", ("吴倩",)),
    ]
    assert holders_of(model, "增长5.5%左右") == [
        ("经济发展办", "lead", ()),
        ("财政所", "support", ()),
        ("统计站", "support", ()),
        ("东关街道党工委/党工委副书记、办事处主任", "direct", ("王磊",)),
    ]
    (a,) = [a for a in model.assignments if "网格" in a.duty and a.holder == "党建办"]
    assert a.deadline == "2024年6月底前"
    columns = {c.header: (c.field, c.role) for c in report.reading.columns}
    assert columns["责任单位"] == ("unit", "support")
    assert columns["牵头单位"] == ("unit", "lead")
    assert [s.row for s in report.skipped] == [15, 16]  # the blank row and the note row
    counts = report.reading.counts
    assert counts["tasks"] + counts["skipped"] == counts["rows"] == report.rows == 13
    assert counts["assignments"] == counts["holders"] == report.assignments


def test_published_street_scope_from_the_title_row() -> None:
    reading = read(STREET).report.reading
    assert reading is not None
    assert (reading.scope, reading.scope_from) == (
        "东关街道",
        "the title row '东关街道2024年重点工作任务分解表'",
    )


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def _write(tmp_path: Path, kind: str, title: str, rows: list[list[str]]) -> Path:
    if kind == "csv":
        return _write_csv(tmp_path / "分工.csv", [[title], *rows])
    if kind == "xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "任务分工"
        for row in [[title], *rows]:
            sheet.append(row)
        book.save(tmp_path / "分工.xlsx")
        return tmp_path / "分工.xlsx"
    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph("为抓好各项任务落实，现将任务分工如下。")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    document.save(str(tmp_path / "分工.docx"))
    return tmp_path / "分工.docx"


@pytest.mark.parametrize("kind", ["csv", "xlsx", "docx"])
def test_task_table_in_every_format(tmp_path: Path, kind: str) -> None:
    path = _write(tmp_path, kind, "乙镇党委2024年重点任务分工方案", [HEADER, *ROWS])
    result = read(path)
    model, reading = result.model, result.report.reading
    assert reading is not None
    assert (reading.layout, reading.scope) == ("task_table", "乙镇党委")
    assert holders_of(model, "发展党员") == [
        ("镇党建办", "lead", ()),
        ("镇团委", "support", ()),
        ("各村", "support", ()),
        ("乙镇党委/镇党委委员、组织委员", "direct", ("张敏",)),
    ]
    assert {a.measures for a in model.assignments if a.duty == "乙镇党委/发展党员"} == {"建立台账"}
    assert [d.id for d in model.duties] == ["乙镇党委/发展党员", "乙镇党委/平安建设"]
    assert any("2 holders" in s for s in reading.split)


def test_responsible_column_alone_is_the_lead(tmp_path: Path) -> None:
    rows = [
        ["乙镇党委重点任务分工"],
        ["序号", "工作任务", "责任单位"],
        ["1", "发展党员", "镇党建办、镇团委"],
    ]
    result = read(_write_csv(tmp_path / "a.csv", rows))
    assert holders_of(result.model, "发展党员") == [
        ("镇党建办", "lead", ()),
        ("镇团委", "lead", ()),
    ]
    reading = result.report.reading
    assert reading is not None
    assert {c.header: c.role for c in reading.columns}["责任单位"] == "lead"


def test_responsible_column_beside_a_lead_is_support(tmp_path: Path) -> None:
    rows = [["序号", "工作任务", "牵头单位", "责任单位"], ["1", "发展党员", "镇党建办", "镇团委"]]
    result = read(_write_csv(tmp_path / "a.csv", rows), scope="乙镇党委")
    assert holders_of(result.model, "发展党员") == [
        ("镇党建办", "lead", ()),
        ("镇团委", "support", ()),
    ]


def test_long_lists_stay_long(tmp_path: Path) -> None:
    rows = [["任务", "责任单位", "责任类型"], ["发展党员", "乙镇党委", "主体责任"]]
    reading = read(_write_csv(tmp_path / "a.csv", rows)).report.reading
    assert reading is not None
    assert (reading.layout, reading.scope) == ("long", None)
    assert [(c.header, c.field) for c in reading.columns] == [
        ("任务", "duty"),
        ("责任单位", "unit"),
        ("责任类型", "role"),
    ]


def test_a_role_column_is_not_a_task_table(tmp_path: Path) -> None:
    rows = [["重点任务", "牵头单位", "责任类型"], ["发展党员", "镇党建办", "牵头"]]
    with pytest.raises(InputError, match="required column"):
        read(_write_csv(tmp_path / "a.csv", rows))


def test_no_scope_asks_for_one(tmp_path: Path) -> None:
    rows = [["序号", "工作任务", "牵头单位"], ["1", "发展党员", "镇党建办"]]
    path = _write_csv(tmp_path / "a.csv", rows)
    with pytest.raises(InputError, match="--scope") as info:
        read(path)
    assert str(path) in str(info.value)


def test_info_json_carries_the_reading(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(STREET), "--scope", "东关街道党工委", "--format", "json"]) == 0
    reading = json.loads(capsys.readouterr().out)["reading"]
    assert {"layout", "sheets", "columns", "scope", "warnings"} <= set(reading)
    assert reading["layout"] == "task_table"
    assert reading["scope"] == "东关街道党工委"
    for column in reading["columns"]:
        assert {"header", "sheet", "field", "role"} <= set(column)


def test_info_text_says_how_the_file_was_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(DOCX)]) == 0
    out = capsys.readouterr().out
    assert "how the file was read:" in out
    assert "配合单位 → unit, role support" in out


_UNITS = ["镇党建办", "镇综治中心", "镇财政所", "镇纪委", "镇团委", "镇党政办"]
_POSTS = ["党委书记", "党委副书记、镇长", "组织委员", "纪委书记", "宣传委员"]
_PERSONS = ["", "张敏", "李娜", "欧阳晓"]


@st.composite
def _task_lists(draw: st.DrawFn) -> tuple[str, list[list[str]]]:
    """A task-shaped long list: each task one duty of the scope, units lead/support, posts
    of the scope direct; returned with its scope, as rows of the long list."""
    scope = draw(st.sampled_from(["乙镇党委", "高城镇党委", "东关街道党工委"]))
    persons = {p: draw(st.sampled_from(_PERSONS)) for p in _POSTS}
    n = draw(st.integers(1, 6))
    rows = []
    for i in range(1, n + 1):
        units = draw(st.lists(st.sampled_from(_UNITS), unique=True, max_size=4))
        cut = draw(st.integers(0, len(units)))
        posts = draw(st.lists(st.sampled_from(_POSTS), unique=True, max_size=2))
        if not units and not posts:
            posts = [_POSTS[i % len(_POSTS)]]
        deadline = draw(st.sampled_from(["", "2024年6月底前", "全年"]))
        measures = draw(st.sampled_from(["", "建立台账", "每季度通报1次"]))
        duty = f"任务{i}" + draw(st.sampled_from(["发展党员", "平安建设", "招商引资"]))
        holders = [(u, "", "", "lead" if k < cut else "support") for k, u in enumerate(units)]
        holders += [(scope, p, persons[p], "direct") for p in posts]
        for unit, post, person, role in holders:
            rows.append([str(i), duty, unit, post, person, role, scope, measures, deadline])
    return scope, rows


def _as_task_table(scope: str, rows: list[list[str]]) -> list[list[str]]:
    tasks: dict[str, list[str]] = {}
    for i, duty, unit, post, person, role, _, measures, deadline in rows:
        task = tasks.setdefault(i, [i, duty, measures, "", "", "", deadline])
        column = {"lead": 3, "support": 4, "direct": 5}[role]
        holder = post + person if role == "direct" else unit
        task[column] = "；".join(filter(None, [task[column], holder]))
    return [[f"{scope}2024年重点任务分工"], HEADER, *tasks.values()]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drawn=_task_lists())
def test_task_table_reads_back_to_the_long_list(
    tmp_path: Path, drawn: tuple[str, list[list[str]]]
) -> None:
    scope, rows = drawn
    units = {r[2] for r in rows} - {scope}
    units_csv = _write_csv(
        tmp_path / "units.csv", [["单位", "上级单位"], [scope, ""], *[[u, scope] for u in units]]
    )
    long_header = ["职责", "责任单位", "岗位", "责任人", "责任类型", "范围", "具体措施", "完成时限"]
    long_rows = [long_header, *(r[1:] for r in rows)]  # a task's id is on several rows
    long = read(_write_csv(tmp_path / "long.csv", long_rows), units=units_csv).model
    table = read(_write_csv(tmp_path / "task.csv", _as_task_table(scope, rows))).model
    assert sorted(r[1:] for r in list_rows(table)) == sorted(r[1:] for r in list_rows(long))
    assert {a.id for a in table.assignments} == {r[0] for r in rows}
    assert {(u.id, u.parent, u.kind) for u in table.units} == {
        (u.id, u.parent, u.kind) for u in long.units
    }
    assert table.has_hierarchy

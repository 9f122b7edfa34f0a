"""Numbered sub-rows under a merged task cell (1. 2. 3.), as a district's 分工方案 writes them."""

from pathlib import Path

import openpyxl
import pytest
from io_files import holders_of

from zeren_graph.io import read

TITLE = "中共江州县委2024年党建工作重点任务分工方案"
HEADER = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]
TASK = "深化基层党组织标准化规范化建设"
MEASURES = [
    ("1. 建立党支部工作台账，实行问题整改销号管理", "县委组织部", "各乡镇党委", "2024年6月"),
    ("2. 每季度开展一次支部规范化建设督导", "县委组织部", "县直机关工委、各乡镇党委", "每季度"),
    ("3. 年底前软弱涣散党组织整顿转化率达到100%", "各乡镇党委", "县委组织部", "2024年12月"),
]


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """A task sheet: 序号 and 重点任务 merged over three numbered 具体措施, then a plain task."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "任务分工"
    sheet.append([TITLE])
    sheet.merge_cells("A1:F1")
    sheet.append(HEADER)
    for i, (measure, lead, support, deadline) in enumerate(MEASURES):
        sheet.append(["1" if i == 0 else None, TASK if i == 0 else None, measure, lead, support,
                      deadline])  # fmt: skip
    sheet.merge_cells("A3:A5")
    sheet.merge_cells("B3:B5")
    sheet.append(["2", "加强党员教育管理", "组织党员集中轮训", "县委党校", "", "2024年10月"])
    path = tmp_path / "分工方案.xlsx"
    book.save(path)
    return path


def test_each_numbered_sub_row_is_its_own_duty_named_by_its_measure(workbook: Path) -> None:
    result = read(workbook)
    model, reading = result.model, result.report.reading
    assert reading is not None
    assert (reading.layout, reading.scope) == ("task_table", "江州县委")
    names = [d.name for d in model.duties]
    assert names == [
        "建立党支部工作台账,实行问题整改销号管理",
        "每季度开展一次支部规范化建设督导",
        "年底前软弱涣散党组织整顿转化率达到100%",
        "加强党员教育管理",
    ]
    assert holders_of(model, names[1]) == [
        ("县委组织部", "lead", ()),
        ("县直机关工委", "support", ()),
        ("各乡镇党委", "support", ()),
    ]
    # each sub-row keeps its own row and deadline; the reading names the merged task
    rows = {(a.duty, a.source.row, a.deadline) for a in model.assignments if a.source}
    assert ("江州县委/每季度开展一次支部规范化建设督导", 4, "每季度") in rows
    assert sum(f"merged task '{TASK}'" in note for note in reading.notes) == 3


def test_the_merged_task_is_no_duty_so_no_sub_row_names_it_as_its_parent(workbook: Path) -> None:
    """上级职责 (``derived_from``) names a duty of an ancestor unit; the merged task is none.

    Every row under the merged cell is a numbered measure, so the task itself holds
    no holder and is not a duty of the reading; its sub-rows, of the same scope as
    it, are not linked to it (``docs/format.md``, task tables).
    """
    model = read(workbook).model
    assert TASK not in {d.name for d in model.duties}
    assert all(d.derived_from is None for d in model.duties)
    assert {d.scope for d in model.duties} == {"江州县委"}

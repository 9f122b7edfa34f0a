"""Plain-text task lists: numbered task lines followed by labelled lines (牵头单位：X)."""

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_files import holders_of

from zeren_graph.errors import MissingColumnError
from zeren_graph.io import list_rows, read

PUBLISHED = Path(__file__).resolve().parents[2] / "scenarios" / "lists" / "published"
SAMPLE = PUBLISHED / "镇党委落实责任清单.txt"
TEXT = """乙镇2024年重点任务清单

一、组织建设
1.发展党员，建立
台账。
牵头单位：镇党建办
配合单位:镇团委、各村
责任领导：镇党委委员、组织委员张敏
完成时限：2024年12月

2.平安建设
牵头单位：镇综治中心
"""


def test_published_text_list_reads_as_the_readme_states() -> None:
    result = read(SAMPLE)
    reading, model = result.report.reading, result.model
    assert reading is not None
    assert (reading.layout, reading.scope) == ("text_list", "厉山镇党委")
    assert reading.counts["tasks"] + reading.counts["skipped"] == reading.counts["rows"] == 10
    labels = ["牵头单位", "责任单位", "完成时限", "责任领导"]
    assert [c.header for c in reading.columns][1:] == labels
    assert holders_of(model, "星级评定") == [
        ("镇党建办", "lead", ()),
        ("各村(社区)党组织", "support", ()),
        ("厉山镇党委/镇党委委员、组织委员", "direct", ("褚秀兰",)),
    ]
    (star,) = [a for a in model.assignments if "星级评定" in a.duty and a.role.value == "lead"]
    assert star.deadline == "2024年11月"
    # task 7: the label typed with a half-width colon
    assert holders_of(model, "廉政警示") == [
        ("镇纪委", "lead", ()),
        ("镇党政办", "support", ()),
        ("厉山镇党委/镇党委委员、纪委书记", "direct", ("卫东",)),
    ]
    # task 5: no 牵头单位 line, its units support; task 8: no deadline
    assert {r for _, r, _ in holders_of(model, "流动党员")} == {"support"}
    assert {a.deadline for a in model.assignments if "不正之风" in a.duty} == {None}
    # row numbers are line numbers
    assert any(s.startswith("line 13, 责任单位") for s in reading.split)
    assert "line 12: section heading '政治建设' (not a task)" in reading.notes


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_small_text_list_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    f = tmp_path / "清单.txt"
    f.write_bytes(TEXT.encode(encoding))
    result = read(f)
    reading, model = result.report.reading, result.model
    assert reading is not None
    assert (reading.layout, reading.scope) == ("text_list", "乙镇")
    assert holders_of(model, "发展党员") == [
        ("镇党建办", "lead", ()),
        ("镇团委", "support", ()),
        ("各村", "support", ()),
        ("乙镇/镇党委委员、组织委员", "direct", ("张敏",)),
    ]
    assert {d.name for d in model.duties} == {"发展党员,建立台账。", "平安建设"}
    assert [s.row for s in result.report.skipped] == []
    assert result.report.rows == 2


def test_a_txt_csv_still_reads_as_csv(tmp_path: Path) -> None:
    f = tmp_path / "清单.txt"
    f.write_text("职责,单位,责任类型\n组织生活,乙镇党委,主体责任\n", encoding="utf-8")
    reading = read(f).report.reading
    assert reading is not None
    assert reading.layout == "long"


def test_a_text_without_labels_gives_the_missing_column_error(tmp_path: Path) -> None:
    f = tmp_path / "清单.txt"
    f.write_text("乙镇2024年重点任务清单\n1.发展党员\n2.平安建设\n牵头单位：镇党建办\n", "utf-8")
    with pytest.raises(MissingColumnError) as caught:
        read(f)
    assert "required column" in str(caught.value)


_UNITS = ["镇党建办", "镇团委", "各村", "镇综治中心", "镇纪委"]
_POSTS = ["党委书记", "组织委员", "纪委书记"]


@st.composite
def _tasks(draw: st.DrawFn) -> list[list[str]]:
    """Tasks as rows: number, task, measures, lead, support, leader, deadline."""
    out = []
    for i in range(1, draw(st.integers(1, 5)) + 1):
        units = draw(st.lists(st.sampled_from(_UNITS), unique=True, min_size=1, max_size=4))
        cut = draw(st.integers(0, len(units)))
        leader = draw(st.sampled_from(["", *_POSTS]))
        measures = draw(st.sampled_from(["", "建立台账", "每季度通报1次"]))
        deadline = draw(st.sampled_from(["2024年6月底前", "全年"]))  # ≥ 2 labels
        duty = f"任务{i}" + draw(st.sampled_from(["发展党员", "平安建设"]))
        out.append([str(i), duty, measures, "、".join(units[:cut]), "、".join(units[cut:]),
                    leader, deadline])  # fmt: skip
    return out


_HEADER = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "责任领导", "完成时限"]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tasks=_tasks(), colon=st.sampled_from(["：", ":"]))
def test_text_list_reads_as_the_task_table(
    tmp_path: Path, tasks: list[list[str]], colon: str
) -> None:
    title = "乙镇2024年重点任务分工"
    with (tmp_path / "task.csv").open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([[title], _HEADER, *tasks])
    lines = [title, ""]
    for row in tasks:
        lines.append(f"{row[0]}.{row[1]}")
        lines += [f"{h}{colon}{v}" for h, v in zip(_HEADER[2:], row[2:], strict=True) if v]
        lines.append("")
    (tmp_path / "task.txt").write_text("\n".join(lines), encoding="gb18030")
    table = read(tmp_path / "task.csv").model
    text = read(tmp_path / "task.txt")
    assert text.report.reading is not None
    assert text.report.reading.layout == "text_list"
    assert sorted(list_rows(text.model)) == sorted(list_rows(table))
    assert {(u.id, u.parent) for u in text.model.units} == {(u.id, u.parent) for u in table.units}

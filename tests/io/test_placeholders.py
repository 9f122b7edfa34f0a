"""Placeholder holders (各乡镇党委) expanded with a units table, or kept for ZG107 without one."""

from __future__ import annotations

from pathlib import Path

from io_files import CsvWriter

from zeren_graph.checks import check
from zeren_graph.io import read
from zeren_graph.io.layouts.expand import resolve
from zeren_graph.model import ResponsibilityModel, Unit

PUBLISHED = Path(__file__).resolve().parents[2] / "scenarios" / "lists" / "published"
TOWNSHIPS = ["甲镇党委", "乙镇党委", "丙镇党委"]
UNITS = [
    ["单位", "上级单位", "类型", "层级"],
    ["随县县委", "", "党委", "县"],
    ["县委组织部", "随县县委", "部门", "部门"],
    ["县财政局", "随县县委", "部门", "部门"],
    *[[t, "随县县委", "党委", "乡镇"] for t in TOWNSHIPS],
    ["甲镇政府", "甲镇党委", "政府", "乡镇"],  # not a committee: not one of 各乡镇党委
    ["邻县县委", "", "党委", "县"],
    ["丁镇党委", "邻县县委", "党委", "乡镇"],  # a township, but not under the scope
]
HEADER = ["序号", "重点任务", "牵头单位", "配合单位"]


def _codes(model: ResponsibilityModel, code: str) -> list[tuple[str, ...]]:
    report = check(model)
    return [f.subjects for f in report.findings if f.code == code]


def test_a_placeholder_lead_expands_to_the_units_under_the_scope(write_csv: CsvWriter) -> None:
    tasks = write_csv("分工.csv", [HEADER, ["1", "整顿软弱涣散党组织", "各乡镇党委", "县委组织部"],
                                   ["2", "发展党员", "县委组织部", "区直各部门"]])  # fmt: skip
    units = write_csv("单位表.csv", UNITS)
    result = read(tasks, units=units, scope="随县县委")
    reading, model = result.report.reading, result.model
    assert reading is not None
    assert "各乡镇党委 → 3 units (甲镇党委, 乙镇党委, 丙镇党委), from the units table" in (
        reading.notes
    )
    assert any("区直各部门 → 2 units (县委组织部, 县财政局)" in n for n in reading.notes)
    assert not any("placeholder" in w for w in reading.warnings)
    leads = sorted(a.holder for a in model.assignments if a.role.value == "lead")
    assert leads == sorted([*TOWNSHIPS, "县委组织部"])
    # task 2: 县委组织部 leads already; the expansion does not repeat it as a supporter role
    support = sorted(a.holder for a in model.assignments if a.role.value == "support")
    assert support == ["县委组织部", "县委组织部", "县财政局"]
    # the counts add up: one assignment per holder after expansion, each from its source row
    assert reading.counts["holders"] == result.report.assignments == len(model.assignments) == 7
    rows = {
        a.holder: a.source.row if a.source else None
        for a in model.assignments
        if a.role.value == "lead"
    }
    assert {rows[t] for t in TOWNSHIPS} == {2}
    assert not any(u.id.startswith("各") for u in model.units)
    assert _codes(model, "ZG107") == []


def test_an_unresolvable_placeholder_stays_and_zg107_reports_it(write_csv: CsvWriter) -> None:
    tasks = write_csv("分工.csv", [HEADER, ["1", "稳定经济运行", "各有关部门", ""],
                                   ["2", "项目建设", "全区经济运行各专班", ""],
                                   ["3", "村务公开", "各村", ""]])  # fmt: skip
    result = read(tasks, units=write_csv("单位表.csv", UNITS), scope="随县县委")
    reading, model = result.report.reading, result.model
    assert reading is not None
    warned = [w for w in reading.warnings if w.startswith("placeholder")]
    assert warned == [
        (
            "placeholder '各有关部门' kept as a holder: 相关/有关 names only the relevant units, "
            "not which ones"
        ),
        (
            "placeholder '全区经济运行各专班' kept as a holder: it names no level and no kind the "
            "units table can match"
        ),
        (
            "placeholder '各村' kept as a holder: no unit under the scope '随县县委' has level 村 "
            "and kind village"
        ),
    ]
    assert result.report.assignments == 3
    assert {u.id: u.parent for u in model.units}["各有关部门"] == "随县县委"
    found = _codes(model, "ZG107")
    assert sorted(s[1] for s in found) == sorted(["全区经济运行各专班", "各村", "各有关部门"])


def test_without_a_units_table_nothing_changes(write_csv: CsvWriter) -> None:
    tasks = write_csv("分工.csv", [HEADER, ["1", "整顿软弱涣散党组织", "各乡镇党委", ""]])
    result = read(tasks, scope="随县县委")
    assert result.report.reading is not None
    assert any("no units table to expand" in w for w in result.report.reading.warnings)
    assert [s[1] for s in _codes(result.model, "ZG107")] == ["各乡镇党委"]


def test_ambiguous_matches_are_not_expanded() -> None:
    units = [Unit(id="区委"), Unit(id="东关街道党工委", parent="区委", level="街道",
                                         kind="working_committee"),
             Unit(id="东关街道办事处", parent="区委", level="街道", kind="government"),
             Unit(id="甲村", parent="区委", level="村", kind="village"),
             Unit(id="甲村党支部", parent="甲村", level="村", kind="branch")]  # fmt: skip
    assert resolve("各街道", units, "区委") == (
        [], ("ambiguous: it names no kind and matches units of several (government, "
        "working_committee)"),
    )  # fmt: skip
    assert resolve("各村党组织", units, "区委")[1] == (
        "ambiguous: both '甲村' and its sub-unit '甲村党支部' match"
    )
    assert resolve("各成员单位", units, "区委")[1].startswith("成员单位")
    assert resolve("各乡镇党委", units, "县委")[1] == (
        "the scope '县委' is not a unit of the units table"
    )
    assert resolve("各级党组织", units, "区委")[1] == "各级 names every level"


def test_published_township_list_expands_its_villages(write_csv: CsvWriter) -> None:
    # the villages of 高城镇 as scenarios/lists/county.yaml has them
    units = write_csv("单位表.csv", [
        ["单位", "上级单位", "类型", "层级"], ["随县县委", "", "党委", "县"],
        ["高城镇党委", "随县县委", "党委", "乡镇"], ["柳湾村", "高城镇党委", "村", "村"],
        ["高庙村", "高城镇党委", "村", "村"], ["青龙村", "厉山镇党委", "村", "村"],
        ["厉山镇党委", "随县县委", "党委", "乡镇"],
    ])  # fmt: skip
    result = read(PUBLISHED / "乡镇党委主体责任清单.xlsx", units=units, scope="高城镇党委")
    reading, model = result.report.reading, result.model
    assert reading is not None
    assert "各村(社区)党组织 → 2 units (柳湾村, 高庙村), from the units table" in reading.notes
    villages = [a for a in model.assignments if a.holder in ("柳湾村", "高庙村")]
    assert len(villages) == 4  # its 2 duties, each held by both villages (主体责任)
    assert {a.role.value for a in villages} == {"primary"}
    assert result.report.assignments == reading.counts["holders"] == 26
    assert not any(u.id == "各村(社区)党组织" for u in model.units)
    assert _codes(model, "ZG107") == []

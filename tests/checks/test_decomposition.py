"""ZG401–ZG404: copied lists, broken decomposition, soft tasks, dual duties."""

from __future__ import annotations

from zeren_graph.checks import check
from zeren_graph.model import Duty, Unit

from .helpers import Row, build, run, subjects_of

TREE = [("县委", None), ("乙镇党委", "县委")]


def _copied(child_names: int, parent_extra: int) -> list[Row]:
    rows = [(f"县委/任务{i}", "县委/书记", "主体责任") for i in range(child_names + parent_extra)]
    rows += [(f"乙镇党委/任务{i}", "乙镇党委/书记", "主体责任") for i in range(child_names)]
    return rows


def test_zg401_fires_for_a_copied_list() -> None:
    (f,) = run(build(_copied(3, 0), units=TREE), "ZG401")
    assert f.subjects == ("乙镇党委", "县委")
    assert "依葫芦画瓢" in f.message_zh
    assert len(f.sources) == 3


def test_zg401_min_names_boundary() -> None:
    assert run(build(_copied(2, 0), units=TREE), "ZG401") == []


def test_zg401_jaccard_boundary() -> None:
    # 9 shared names, parent owns 10: 0.9 fires; parent owns 11: 9/11 does not
    assert len(run(build(_copied(9, 1), units=TREE), "ZG401")) == 1
    assert run(build(_copied(9, 2), units=TREE), "ZG401") == []


def test_zg401_skipped_without_hierarchy() -> None:
    report = check(build(_copied(3, 0), hierarchy=False))
    assert "ZG401" in [n.code for n in report.notes]


TOWNS = [
    Unit(id="县委", level="县"),
    Unit(id="甲镇党委", parent="县委", level="乡镇"),
    Unit(id="乙镇党委", parent="县委", level="乡镇"),
    Unit(id="丙镇党委", parent="县委", level="乡镇"),
    Unit(id="县委组织部", parent="县委", level="部门"),
]


def test_zg402_fires_once_per_missing_sibling() -> None:
    rows = [
        ("县委/基层组织建设", "县委/书记", "主体责任"),
        ("甲镇党委/基层组织建设", "甲镇党委/书记", "主体责任"),
        ("乙镇党委/基层组织建设", "乙镇党委/书记", "主体责任"),
    ]
    assert subjects_of(build(rows, units=TOWNS), "ZG402") == [("县委/基层组织建设", "丙镇党委")]


def test_zg402_silent_when_every_like_sibling_has_it() -> None:
    rows = [("县委/基层组织建设", "县委/书记", "主体责任")] + [
        (f"{t}/基层组织建设", f"{t}/书记", "主体责任") for t in ("甲镇党委", "乙镇党委", "丙镇党委")
    ]
    assert run(build(rows, units=TOWNS), "ZG402") == []


def test_zg402_uses_derived_from_and_kind_when_no_level() -> None:
    units = [
        Unit(id="乙镇党委"),
        Unit(id="一村", parent="乙镇党委", kind="村"),
        Unit(id="二村", parent="乙镇党委", kind="村"),
        Unit(id="某企业", parent="乙镇党委", kind="企业"),
    ]
    duties = [
        Duty(id="一村/三会一课", name="三会一课", scope="一村", derived_from="乙镇党委/组织生活")
    ]
    rows = [
        ("乙镇党委/组织生活", "乙镇党委/书记", "主体责任"),
        ("一村/三会一课", "一村/书记", "主体责任"),
    ]
    assert subjects_of(build(rows, units=units, duties=duties), "ZG402") == [
        ("乙镇党委/组织生活", "二村")
    ]


def test_zg402_nothing_decomposed_means_no_finding() -> None:
    rows = [("县委/基层组织建设", "县委/书记", "主体责任")]
    assert run(build(rows, units=TOWNS), "ZG402") == []


def test_zg403_fires_without_any_indicator() -> None:
    (f,) = run(build([("乙镇党委/组织生活", "乙镇党委/书记", "牵头")]), "ZG403")
    assert (f.severity, f.subjects) == ("info", ("乙镇党委/组织生活",))


def test_zg403_silent_with_a_row_or_duty_indicator() -> None:
    row = ("乙镇党委/组织生活", "乙镇党委/书记", "牵头")
    with_ind = ("乙镇党委/组织生活", "乙镇党委/组织委员", "配合", {"indicator": "每月1次"})
    assert run(build([row, with_ind]), "ZG403") == []
    duty = Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委", indicator="每季度1次")
    assert run(build([row], duties=[duty]), "ZG403") == []
    assert run(build([("乙镇党委/组织生活", "乙镇党委/书记", "配合")]), "ZG403") == []


def _cat(name: str, category: str) -> Duty:
    return Duty(id=f"乙镇党委/{name}", name=name, scope="乙镇党委", category=category)


def test_zg404_fires_for_business_without_party_building() -> None:
    duties = [_cat("招商引资", "业务"), _cat("组织生活", "党建")]
    rows = [
        ("乙镇党委/招商引资", "乙镇党委/副镇长", "直接责任"),
        ("乙镇党委/组织生活", "乙镇党委/书记", "第一责任人"),
    ]
    assert subjects_of(build(rows, duties=duties), "ZG404") == [("乙镇党委/副镇长",)]


def test_zg404_silent_with_both_categories() -> None:
    duties = [_cat("招商引资", "业务"), _cat("组织生活", "党建")]
    rows = [
        ("乙镇党委/招商引资", "乙镇党委/副镇长", "直接责任"),
        ("乙镇党委/组织生活", "乙镇党委/副镇长", "直接责任"),
    ]
    assert run(build(rows, duties=duties), "ZG404") == []


def test_zg404_skipped_with_a_note_without_categories() -> None:
    report = check(build([("乙镇党委/招商引资", "乙镇党委/副镇长", "直接责任")]))
    assert "ZG404" in [n.code for n in report.notes]
    assert "ZG404" not in [f.code for f in report.findings]

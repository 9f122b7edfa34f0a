"""The bundled lists in scenarios/lists/ give exactly the findings they were written with."""

from __future__ import annotations

from pathlib import Path

import pytest

from zeren_graph.checks import check
from zeren_graph.io import load

LISTS = Path(__file__).resolve().parents[2] / "scenarios" / "lists"

# Issue 7 §4 changed two rules' semantics: ZG102 fires only for a collective body with no
# reachable individual, and ZG403 takes a frequency or a quantified target as a measure. The
# lists were rewritten to match: ZG102 fires on 党建工作目标考核 (held by the 党建工作领导小组
# as a whole, none of its posts named) but not on 干部选拔任用 (the 党组 answers through its
# 党组书记, first responsible elsewhere); ZG403 fires on duties with no indicator, frequency or
# figure (加强教育系统行风建设, 柳湾村's 加强党员管理) but not on those with a
# frequency only (每月, 每季度, 每学期, 每年).
AGENCY = [
    ("ZG101", ("随县教育局党组/意识形态阵地管理(门户网站、政务新媒体)",)),
    ("ZG102", ("随县教育局党组/党建工作目标考核", "随县教育局党建工作领导小组")),
    ("ZG103", ("局机关党委/党务干部培训和支部工作指导", "局机关党委/专职副书记")),
    ("ZG201", ("随县教育局党组/党员教育培训", "人事股/股长", "局机关党委/组织委员")),
    ("ZG104", ("随县教育局党组/基础教育质量提升",)),
    ("ZG104", ("随县教育局党组/教育督导评估",)),
    ("ZG104", ("随县教育局党组/校园安全稳定",)),
    ("ZG105", ("教育督导室",)),
    ("ZG404", ("计划财务股/股长",)),
    (
        "ZG501",
        (
            "李娟",
            "局办公室/主任",
            "局机关党委/宣传委员",
            "机关第一党支部/书记",
            "离退休干部党支部/党建指导员",
        ),
    ),
    ("ZG502", ("局机关党委",)),
    ("ZG403", ("随县教育局党组/加强教育系统行风建设",)),
]

_UNSUPERVISED = [
    "厉山镇党委/党员教育培训",
    "厉山镇党委/发展壮大村级集体经济",
    "厉山镇党委/非公企业和社会组织党组织覆盖",
    "殷店镇党委/党员教育培训",
    "殷店镇党委/发展壮大村级集体经济",
    "殷店镇党委/非公企业和社会组织党组织覆盖",
    "草店镇党委/发展壮大村级集体经济",
    "随县县委/发展壮大村级集体经济",
    "高城镇党委/党员教育培训",
    "高城镇党委/发展壮大村级集体经济",
    "高城镇党委/非公企业和社会组织党组织覆盖",
    "黄土岗村/软弱涣散村党组织整顿",
]

COUNTY = [
    ("ZG101", ("草店镇党委/流动党员教育管理",)),
    ("ZG101", ("随县县委/流动党员教育管理",)),
    ("ZG103", ("高庙村/三会一课", "高庙村/党支部书记")),
    *[("ZG104", (duty,)) for duty in _UNSUPERVISED],
    ("ZG105", ("金桥社区",)),
    ("ZG203", ("草店镇党委/党委副书记", "草店镇党委/组织委员")),
    ("ZG401", ("草店镇党委", "随县县委")),
    ("ZG402", ("随县县委/软弱涣散基层党组织整顿", "殷店镇党委")),
    (
        "ZG501",
        (
            "许刚",
            "殷店镇党委/党建办主任",
            "殷店镇党委/宣传委员",
            "殷店镇党委/组织委员",
            "黄土岗村/第一书记",
        ),
    ),
    ("ZG502", ("县委两新工委",)),
    ("ZG403", ("柳湾村/加强党员管理",)),
]


@pytest.mark.parametrize(
    ("name", "units", "expected"),
    [
        ("agency.yaml", None, AGENCY),
        ("agency.csv", "agency_units.csv", AGENCY),
        ("county.yaml", None, COUNTY),
        ("county.xlsx", None, COUNTY),
    ],
)
def test_bundled_list_findings(name: str, units: str | None, expected: list[object]) -> None:
    model = load(LISTS / name, units=None if units is None else LISTS / units)
    report = check(model)
    assert [(f.code, f.subjects) for f in report.findings] == expected
    assert report.suppressed == ()
    assert report.notes == ()  # every rule runs on the bundled lists


def test_joint_allocations_with_reasons_do_not_fire() -> None:
    agency = check(load(LISTS / "agency.yaml"))
    assert not [f for f in agency.findings if f.code == "ZG202"]  # 校长负责制, reasons given
    county = check(load(LISTS / "county.yaml"))
    assert [f.subjects[0] for f in county.findings if f.code == "ZG201"] == []  # 厉山镇 非公企业


def test_findings_point_at_rows_of_the_flat_list() -> None:
    report = check(load(LISTS / "agency.csv", units=LISTS / "agency_units.csv"))
    (unowned,) = [f for f in report.findings if f.code == "ZG101"]
    assert unowned.sources
    assert all(s.file.endswith("agency.csv") for s in unowned.sources)

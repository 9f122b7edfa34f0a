"""Coverage metrics (有形覆盖 / 有效覆盖), overall and per level."""

from __future__ import annotations

import pytest

from zeren_graph.checks import check, coverage
from zeren_graph.model import ResponsibilityModel, Supervision, Unit

from .helpers import Row, build

UNITS = [
    Unit(id="县委", kind="党委", level="县"),
    Unit(id="乙镇党委", parent="县委", kind="党委", level="乡镇"),
    Unit(id="一村", parent="乙镇党委", kind="村", level="村", has_party_org="是"),
    Unit(id="二村", parent="乙镇党委", kind="村", level="村", has_party_org="否"),
    Unit(id="某企业", parent="乙镇党委", kind="企业", level="村"),
]
ROWS: list[Row] = [
    ("县委/基层组织建设", "县委/书记", "主体责任", {"indicator": "年度考核"}),
    ("县委/基层组织建设", "县纪委/书记", "监督责任"),
    ("乙镇党委/组织生活", "乙镇党委/书记", "第一责任人"),
    ("乙镇党委/组织生活", "乙镇党委/组织委员", "直接责任"),
    ("一村/三会一课", "一村/书记", "第一责任人"),
]


def _model() -> ResponsibilityModel:
    units = [*UNITS, Unit(id="县纪委", parent="县委", kind="纪委", level="县")]
    sup = [Supervision(supervisor="乙镇党委", supervised="一村")]
    return build(ROWS, units=units, supervisions=sup)


def test_overall_shares() -> None:
    c = coverage(_model()).overall
    assert c.units == 6
    assert c.share("named") == pytest.approx(4 / 6)  # 二村 and 某企业 are not named
    # party org known for 县委, 乙镇党委, 县纪委 (kinds), 一村, 二村 (stated); 某企业 unknown
    assert c.share("party_org") == pytest.approx(4 / 5)
    # effective: 县委 (occupied owner + supervisor) and 一村 (owner + supervision record)
    assert c.share("effective") == pytest.approx(2 / 6)
    assert c.duties == 3
    assert c.share("one_accountable") == pytest.approx(2 / 3)  # 组织生活 has two people
    assert c.share("indicator") == pytest.approx(1 / 3)
    assert c.share("supervised") == pytest.approx(1 / 3)


def test_per_level_in_hierarchy_order() -> None:
    c = coverage(_model())
    assert [level for level, _ in c.by_level] == ["县", "乡镇", "村"]
    village = dict(c.by_level)["村"]
    assert (village.units, village.units_named, village.units_party_org) == (3, 1, 1)


def test_levels_default_to_depth() -> None:
    m = build(
        [("乙镇党委/组织生活", "乙镇党委/书记", "牵头")],
        units=[("县委", None), ("乙镇党委", "县委")],
    )
    assert [level for level, _ in coverage(m).by_level] == ["depth 1", "depth 2"]


def test_report_carries_coverage_and_to_dict_is_plain() -> None:
    report = check(_model())
    d = report.coverage.to_dict()
    assert d["overall"]["units"] == 6
    assert d["overall"]["party_org"] == 0.8
    assert set(d["by_level"]) == {"县", "乡镇", "村"}


def test_empty_model_has_no_shares() -> None:
    assert coverage(ResponsibilityModel()).to_dict()["overall"]["named"] is None

"""The task classes of a responsibility list (sim/duties.py): each class, and the shipped lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings

from zeren_graph.errors import ScenarioError
from zeren_graph.io import load
from zeren_graph.model import Assignment, Duty, Person, Post, ResponsibilityModel, Unit
from zeren_graph.sim.duties import CLASSES, DutyClasses, duty_classes
from zeren_graph.sim.scenario import Hierarchy
from zeren_graph.sim.structure import Structure, build_structure
from zeren_graph.testing import models
from zeren_graph.vocab import OWNER_ROLES, Role

LISTS = Path(__file__).resolve().parents[2] / "scenarios" / "lists"


def _structure(model: ResponsibilityModel, *, reverse: bool = False) -> Structure:
    """One level holding every unit of ``model``; only the names matter to duty_classes."""
    names = tuple(u.id for u in model.units)
    if reverse:
        names = names[::-1]
    n = len(names)
    return Structure(
        ("级",),
        np.array([0, n], dtype=np.int64),
        np.full(n, -1, dtype=np.int64),
        np.zeros(n),
        names=names,
    )


def _model(duties: list[Duty], rows: list[dict[str, Any]], **extra: Any) -> ResponsibilityModel:
    units = [
        Unit(id="县委", kind="党委"),
        Unit(id="组织部", parent="县委", kind="部门"),
        Unit(id="宣传部", parent="县委", kind="部门"),
        Unit(id="领导小组", parent="县委", kind="领导小组"),
        Unit(id="甲镇党委", parent="县委", kind="党委"),
        Unit(id="乙村", parent="甲镇党委", kind="村"),
    ]
    posts = [
        Post(id="县委/书记", unit="县委", title="书记", kind="secretary", holders=["赵"]),
        Post(id="组织部/部长", unit="组织部", title="部长", holders=["周"]),
        Post(id="宣传部/部长", unit="宣传部", title="部长", holders=["王"]),
        Post(id="甲镇党委/组织委员", unit="甲镇党委", title="组织委员", holders=["许"]),
        Post(id="乙村/第一书记", unit="乙村", title="第一书记", holders=["许"]),
    ]
    persons = [Person(id=p) for p in ("赵", "周", "王", "许")]
    return ResponsibilityModel(
        units=units,
        posts=posts,
        persons=persons,
        duties=duties,
        assignments=[Assignment(**r) for r in rows],
        **extra,
    )


def _cell(dc: DutyClasses, model: ResponsibilityModel, unit: str, name: str) -> tuple[int, float]:
    i = [u.id for u in model.units].index(unit)
    j = dc.names.index(name)
    return int(dc.counts[i, j]), float(dc.share[i, j])


def _row(duty: str, holder: str, role: str, **extra: Any) -> dict[str, Any]:
    return {"duty": duty, "holder": holder, "role": role, **extra}


D = Duty(id="县委/培训", name="培训", scope="县委", indicator="每年1次")
E = Duty(id="县委/宣传", name="宣传", scope="县委")


def test_names_and_constants() -> None:
    m = _model([D], [_row(D.id, "组织部/部长", "牵头")])
    dc = duty_classes(m, _structure(m))
    assert len(dc.names) == 2 * len(CLASSES) == 8
    assert dc.names[dc.index("collective", measured=False)] == "collective/unmeasured"
    assert dc.measured.tolist() == [True, False] * 4
    assert dc.intrinsic.tolist() == [1, 1, 1, 1, 1, 1, 0, 0]


def test_one_holding_unit_is_named() -> None:
    m = _model([D], [_row(D.id, "组织部/部长", "直接责任")])
    dc = duty_classes(m, _structure(m))
    assert _cell(dc, m, "组织部", "named/measured") == (1, 1.0)
    assert dc.counts.sum() == 1


def test_lead_is_named_and_supporters_share_nothing() -> None:
    rows = [
        _row(D.id, "组织部/部长", "牵头"),
        _row(D.id, "宣传部/部长", "配合"),
        _row(D.id, "县委/书记", "第一责任人"),  # an owner beside the lead: not principal
        _row(D.id, "甲镇党委/组织委员", "监督责任"),  # supervision holds nothing
    ]
    m = _model([D], rows)
    dc = duty_classes(m, _structure(m))
    assert _cell(dc, m, "组织部", "named/measured") == (1, 1.0)
    assert _cell(dc, m, "宣传部", "shared/measured") == (1, 0.0)
    assert _cell(dc, m, "县委", "shared/measured") == (1, 0.0)
    assert dc.counts[[u.id for u in m.units].index("甲镇党委")].sum() == 0


def test_primary_decides_without_a_lead() -> None:
    rows = [_row(D.id, "县委", "主体责任", collective=True), _row(D.id, "组织部/部长", "直接责任")]
    m = _model([D], rows)
    dc = duty_classes(m, _structure(m))
    # 县委 has a secretary: a collective body with a reachable individual (no ZG102)
    assert _cell(dc, m, "县委", "named/measured") == (1, 1.0)
    assert _cell(dc, m, "组织部", "shared/measured") == (1, 0.0)


def test_several_owners_without_a_lead_share_the_sanction() -> None:
    rows = [
        _row(D.id, "组织部/部长", "直接责任"),
        _row(D.id, "宣传部/部长", "直接责任"),
        _row(D.id, "甲镇党委/组织委员", "直接责任"),
    ]
    m = _model([D], rows)
    dc = duty_classes(m, _structure(m))
    for unit in ("组织部", "宣传部", "甲镇党委"):
        count, share = _cell(dc, m, unit, "shared/measured")
        assert count == 1
        assert share == pytest.approx(1 / 3)


def test_two_leads_share_the_sanction() -> None:
    rows = [_row(D.id, "组织部/部长", "牵头"), _row(D.id, "宣传部/部长", "牵头")]
    m = _model([D], rows)
    dc = duty_classes(m, _structure(m))
    assert _cell(dc, m, "组织部", "shared/measured") == (1, 0.5)
    assert _cell(dc, m, "宣传部", "shared/measured") == (1, 0.5)


def test_collective_body_nobody_answers() -> None:
    m = _model([D], [_row(D.id, "领导小组", "主体责任", collective=True)])
    dc = duty_classes(m, _structure(m))
    assert _cell(dc, m, "领导小组", "collective/measured") == (1, 0.0)


def test_collective_body_beside_an_answering_owner() -> None:
    rows = [
        _row(D.id, "领导小组", "主体责任", collective=True),
        _row(D.id, "组织部/部长", "直接责任"),
    ]
    m = _model([D], rows)
    dc = duty_classes(m, _structure(m))
    assert _cell(dc, m, "领导小组", "collective/measured") == (1, 0.0)
    assert _cell(dc, m, "组织部", "named/measured") == (1, 1.0)


def test_department_held_as_a_unit_is_its_heads() -> None:
    m = _model([D], [_row(D.id, "宣传部", "直接责任", collective=True)])
    dc = duty_classes(m, _structure(m))
    assert _cell(dc, m, "宣传部", "named/measured") == (1, 1.0)


def test_committee_reached_through_a_first_responsible_row_elsewhere() -> None:
    other = Duty(id="甲镇党委/发展党员", name="发展党员", scope="甲镇党委", indicator="x")
    rows = [_row(D.id, "甲镇党委", "主体责任", collective=True)]
    m = _model([D, other], rows)
    dc = duty_classes(m, _structure(m))
    assert _cell(dc, m, "甲镇党委", "collective/measured") == (1, 0.0)
    rows.append(_row(other.id, "甲镇党委/组织委员", "第一责任人"))
    m = _model([D, other], rows)
    dc = duty_classes(m, _structure(m))
    assert _cell(dc, m, "甲镇党委", "named/measured") == (2, 1.0)


def test_blind_spot_goes_to_the_scope_and_its_supporters() -> None:
    rows = [_row(E.id, "组织部/部长", "配合"), _row(E.id, "宣传部/部长", "监督责任")]
    m = _model([D, E], rows)
    dc = duty_classes(m, _structure(m))
    # D has no row at all, E only a supporter: both blind spots; E is unmeasured
    assert _cell(dc, m, "县委", "none/measured") == (1, 0.0)
    assert _cell(dc, m, "县委", "none/unmeasured") == (1, 0.0)
    assert _cell(dc, m, "组织部", "none/unmeasured") == (1, 0.0)
    assert dc.counts.sum() == 3


def test_posts_resolve_to_their_units_for_a_person_with_two_posts() -> None:
    village = Duty(id="乙村/整顿", name="整顿", scope="乙村", indicator="x")
    rows = [_row(D.id, "甲镇党委/组织委员", "直接责任"), _row(village.id, "乙村/第一书记", "牵头")]
    m = _model([D, village], rows)
    s = _structure(m, reverse=True)  # the structure's order, not the model's, indexes rows
    dc = duty_classes(m, s)
    assert s.names is not None
    rows_of = {u: dc.counts[s.names.index(u)].tolist() for u in ("甲镇党委", "乙村", "县委")}
    assert rows_of == {
        "甲镇党委": [1, 0, 0, 0, 0, 0, 0, 0],
        "乙村": [1, 0, 0, 0, 0, 0, 0, 0],
        "县委": [0, 0, 0, 0, 0, 0, 0, 0],
    }


def test_a_row_indicator_measures_the_duty() -> None:
    rows = [
        _row(E.id, "组织部/部长", "牵头", indicator="每季度1次"),
        _row(D.id, "宣传部/部长", "牵头"),
    ]
    m = _model([D, E], rows)
    dc = duty_classes(m, _structure(m))
    assert _cell(dc, m, "组织部", "named/measured") == (1, 1.0)


def test_no_indicator_anywhere_means_everything_measured() -> None:
    m = _model([E], [_row(E.id, "组织部/部长", "牵头")])
    dc = duty_classes(m, _structure(m))
    assert _cell(dc, m, "组织部", "named/measured") == (1, 1.0)
    m = _model([E, D], [_row(E.id, "组织部/部长", "牵头")])
    dc = duty_classes(m, _structure(m))
    assert _cell(dc, m, "组织部", "named/unmeasured") == (1, 1.0)


def test_unit_without_duties_behaves_as_without_duties() -> None:
    m = _model([D], [_row(D.id, "组织部/部长", "牵头"), _row(D.id, "宣传部/部长", "配合")])
    dc = duty_classes(m, _structure(m))
    i = [u.id for u in m.units].index("乙村")
    assert dc.counts[i].sum() == 0
    assert dc.weight[i].tolist() == [1, 0, 0, 0, 0, 0, 0, 0]
    assert dc.share[i, 0] == 1.0
    j = [u.id for u in m.units].index("宣传部")
    assert dc.weight[j].tolist() == [0, 0, 1, 0, 0, 0, 0, 0]


def test_weights_mix_classes() -> None:
    rows = [_row(D.id, "组织部/部长", "牵头"), _row(E.id, "组织部/部长", "配合")]
    m = _model([D, E], rows)
    dc = duty_classes(m, _structure(m))
    i = [u.id for u in m.units].index("组织部")
    assert dc.weight[i].tolist() == [0.5, 0, 0, 0, 0, 0, 0, 0.5]


def test_generated_structure_is_refused() -> None:
    m = _model([D], [])
    s = build_structure(Hierarchy(levels=("县", "乡镇"), span=(1, 5)))
    with pytest.raises(ScenarioError, match="with unit names"):
        duty_classes(m, s)


def test_structure_of_another_list_is_refused() -> None:
    m = _model([D], [])
    names = tuple(u.id for u in m.units)[:-1]
    n = len(names)
    other = Structure(("级",), np.array([0, n]), np.full(n, -1), np.zeros(n), names=names)
    with pytest.raises(ScenarioError, match="1 units of the list are not in the structure"):
        duty_classes(m, other)


def _pairs(model: ResponsibilityModel) -> int:
    """Count (duty, unit) pairs independently: holding units, or scope + supporters if unowned."""
    unit_of = {p.id: p.unit for p in model.posts}
    total = 0
    for d in model.duties:
        rows = [a for a in model.assignments if a.duty == d.id and a.role is not Role.supervisory]
        units = {a.holder if a.collective else unit_of[a.holder] for a in rows}
        if not any(a.role in OWNER_ROLES for a in rows):
            units.add(d.scope)
        total += len(units)
    return total


@given(models())
@settings(max_examples=150, deadline=None)
def test_invariants(model: ResponsibilityModel) -> None:
    dc = duty_classes(model, _structure(model, reverse=True))
    n = len(model.units)
    assert dc.weight.shape == dc.share.shape == dc.counts.shape == (n, 8)
    np.testing.assert_allclose(dc.weight.sum(axis=1), 1.0)
    assert ((dc.share >= 0) & (dc.share <= 1)).all()
    assert int(dc.counts.sum()) == _pairs(model)
    named = dc.counts[:, 0:2] > 0
    assert (dc.share[:, 0:2][named] == 1).all()
    assert (dc.share[:, 4:8] == 0).all()
    # at most one unit of expected sanction per duty
    assert float((dc.share * dc.counts).sum()) <= len(model.duties) + 1e-9


def test_county_list() -> None:
    path = LISTS / "county.yaml"
    model = load(path)
    s = build_structure(Hierarchy(model=str(path)))
    dc = duty_classes(model, s)
    assert s.names is not None
    unit = {name: i for i, name in enumerate(s.names)}

    def cell(u: str, name: str) -> tuple[int, float]:
        return int(dc.counts[unit[u], dc.names.index(name)]), float(
            dc.share[unit[u], dc.names.index(name)]
        )

    assert dc.counts.sum(axis=0).tolist() == [55, 4, 10, 0, 0, 0, 0, 4]
    assert int(dc.counts.sum()) == _pairs(model) == 73
    # ZG101: 流动党员教育管理 at the county (two supporting units, nobody leads), copied
    # with its blind spot by 草店镇 (only 组织委员 supports); unmeasured, no indicator
    assert cell("随县县委", "none/unmeasured") == (1, 0.0)
    assert cell("县委组织部", "none/unmeasured") == (1, 0.0)
    assert cell("县委两新工委", "none/unmeasured") == (1, 0.0)
    assert cell("草店镇党委", "none/unmeasured") == (1, 0.0)
    # two primary holders with a reason (no ZG201): a deliberate joint allocation still
    # diffuses the sanction — 属地 (the township) and 行业 (the working committee), half each
    assert cell("厉山镇党委", "shared/measured") == (1, 0.5)
    assert cell("县委两新工委", "shared/measured") == (1, 0.5)
    assert cell("县委两新工委", "named/measured") == (1, 1.0)  # it leads 非公 at the county
    # the county committee owns (直接责任, 第一责任人) six duties that a department leads
    assert cell("随县县委", "shared/measured") == (6, 0.0)
    assert cell("县委组织部", "named/measured") == (4, 1.0)
    # no ZG102 in the county list: every committee has its secretary
    assert dc.counts[:, 4:6].sum() == 0
    # ZG105: 金桥社区 is named by no row; the 纪委 only supervises
    for quiet in ("金桥社区", "随县纪委"):
        assert dc.counts[unit[quiet]].sum() == 0
        assert dc.weight[unit[quiet]].tolist() == [1, 0, 0, 0, 0, 0, 0, 0]
    # ZG403: 柳湾村's 加强党员管理 has no indicator; its secretary is named
    assert cell("柳湾村", "named/unmeasured") == (1, 1.0)
    # ZG103: the vacant secretary's post still ties 三会一课 to 高庙村
    assert cell("高庙村", "named/measured") == (1, 1.0)


def test_agency_list_collective_only() -> None:
    path = LISTS / "agency.yaml"
    model = load(path)
    s = build_structure(Hierarchy(model=str(path)))
    dc = duty_classes(model, s)
    assert s.names is not None
    i = s.names.index("随县教育局党建工作领导小组")
    # ZG102: 党建工作目标考核 is held by the leading group as a whole, nobody of it named
    assert dc.counts[i].tolist() == [0, 0, 0, 0, 1, 0, 0, 0]
    # 干部选拔任用: the 党组 as a whole, answered for by its secretary — not collective
    assert dc.counts[:, 4:6].sum() == 1

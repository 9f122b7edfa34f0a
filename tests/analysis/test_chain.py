from __future__ import annotations

import pytest

from zeren_graph.analysis import StepKind, Via, accountability_chain
from zeren_graph.errors import InputError, UnknownReferenceError
from zeren_graph.model import ResponsibilityModel
from zeren_graph.vocab import Role


def _ids(chain_steps: object) -> list[tuple[str, str | None]]:
    return [(s.kind.value, s.id) for s in chain_steps]  # type: ignore[attr-defined]


def test_chain_order_from_village_to_root(model: ResponsibilityModel) -> None:
    chain = accountability_chain(model, "三会一课", scope="丙村支部")
    assert _ids(chain.steps) == [
        ("owner", "丙村支部"),
        ("owner", "丙村支部/书记"),
        ("first_responsible", "丙村支部/书记"),
        ("supervisor", "甲镇党委/组织委员"),
        ("superior", "甲镇党委/书记"),
        ("superior", "县委/书记"),
    ]
    assert chain.root == "县委"
    assert [s.unit for s in chain.of_kind(StepKind.superior)] == ["甲镇党委", "县委"]


def test_collective_owner_and_vacant_post_are_marked(model: ResponsibilityModel) -> None:
    chain = accountability_chain(model, "丙村支部/三会一课")
    collective, vacant = chain.of_kind("owner")
    assert (collective.collective, collective.role, collective.persons) == (
        True,
        Role.primary,
        (),
    )
    assert vacant.is_vacant
    assert not collective.is_vacant
    text = chain.text("zh")
    assert "丙村支部 [主体责任] — 单位集体,无具体责任人" in text
    assert "丙村支部/书记 [第一责任人] — (空缺)" in text
    assert "(vacant)" in chain.text("en")


def test_persons_sources_and_via(model: ResponsibilityModel) -> None:
    chain = accountability_chain(model, "三会一课", scope="丙村支部")
    sup = chain.of_kind(StepKind.supervisor)[0]
    assert sup.persons == ("李四",)
    assert sup.source is not None
    assert sup.source.row == 4
    top = chain.steps[-1]
    assert (top.via, top.persons, top.role) == (Via.secretary, ("王县",), None)
    town = chain.steps[-2]
    assert (town.via, town.role, town.persons) == (
        Via.assignment,
        Role.first_responsible,
        ("张三",),
    )


def test_supervision_records_over_scope_are_supervisors(model: ResponsibilityModel) -> None:
    chain = accountability_chain(model, "组织生活", scope="甲镇党委")
    sups = chain.of_kind(StepKind.supervisor)
    # the collective supervisory row of 县纪委 and its supervision record are one step
    assert [(s.id, s.via) for s in sups] == [("县纪委", Via.assignment)]
    chain = accountability_chain(model, "党员发展", scope="甲镇党委")
    sups = chain.of_kind(StepKind.supervisor)
    assert [(s.id, s.via) for s in sups] == [
        ("县纪委/书记", Via.assignment),
        ("县纪委", Via.supervision),
    ]
    record = sups[1]
    assert record.supervision is not None
    assert record.supervision.period == 6
    assert record.text("zh") == "监督责任: 县纪委 — 监督安排(督察),每6个月"
    assert (
        record.text("en") == "supervisor: 县纪委 — supervision record (inspection), every 6 months"
    )


def test_gaps_for_missing_owner_and_supervisor(model: ResponsibilityModel) -> None:
    chain = accountability_chain(model, "宣传", scope="甲镇党委")
    owner = chain.steps[0]
    assert (owner.kind, owner.id, owner.via, owner.unit) == (
        StepKind.owner,
        None,
        Via.missing,
        "甲镇党委",
    )
    assert owner.text("zh") == "责任人: 未找到"
    # 宣传 has no supervisory row, but 县纪委 inspects 甲镇党委: no supervisor gap
    assert [s.via for s in chain.of_kind(StepKind.supervisor)] == [Via.supervision]
    chain = accountability_chain(model, "乙镇党委/组织生活")
    (gap,) = chain.of_kind(StepKind.supervisor)
    assert gap.via is Via.missing


def test_owner_roles_in_role_order(model: ResponsibilityModel) -> None:
    chain = accountability_chain(model, "甲镇党委/组织生活")
    owners = chain.of_kind(StepKind.owner)
    assert [(s.id, s.role) for s in owners] == [
        ("甲镇党委/书记", Role.first_responsible),
        ("甲镇党委/组织委员", Role.direct),
    ]


def test_missing_first_responsible_is_a_gap(model: ResponsibilityModel) -> None:
    smaller = ResponsibilityModel(
        units=model.units,
        posts=[p for p in model.posts if p.id != "县委/书记"],
        persons=[p for p in model.persons if p.id != "王县"],
        duties=model.duties,
        assignments=model.assignments,
        supervisions=model.supervisions,
    )
    chain = accountability_chain(smaller, "乙镇党委/组织生活")
    top = chain.steps[-1]
    assert (top.kind, top.id, top.unit, top.via) == (StepKind.superior, None, "县委", Via.missing)
    assert top.text("en") == "first responsible of 县委 (superior): none found"
    assert top.text("zh") == "上级县委第一责任人: 未找到"


def test_ambiguous_name_lists_scopes(model: ResponsibilityModel) -> None:
    with pytest.raises(InputError) as info:
        accountability_chain(model, "组织生活")
    assert "甲镇党委, 乙镇党委" in str(info.value)
    assert info.value.problems[0].code == "ambiguous-duty"


def test_unknown_duty_suggests(model: ResponsibilityModel) -> None:
    with pytest.raises(UnknownReferenceError, match="did you mean '三会一课'"):
        accountability_chain(model, "三会一", scope="丙村支部")
    with pytest.raises(UnknownReferenceError, match="did you mean '丙村支部'"):
        accountability_chain(model, "三会一课", scope="丙村")


def test_root_scope_has_no_superiors(model: ResponsibilityModel) -> None:
    chain = accountability_chain(model, "乙镇党委/组织生活")
    assert chain.root == "县委"
    assert len(chain.of_kind(StepKind.superior)) == 1
    text = chain.text("en").splitlines()
    assert text[0].startswith("Accountability chain of duty '组织生活'")
    assert text[-1] == "root of the chain of command: 县委"


def test_chain_is_frozen_and_json_ready(model: ResponsibilityModel) -> None:
    chain = accountability_chain(model, "三会一课", scope="丙村支部")
    with pytest.raises(ValueError, match="frozen"):
        chain.root = "甲镇党委"  # type: ignore[misc]
    doc = chain.model_dump(mode="json")
    assert doc["steps"][0] == {
        "kind": "owner",
        "id": "丙村支部",
        "role": "primary",
        "persons": [],
        "unit": "丙村支部",
        "collective": True,
        "via": "assignment",
        "source": {"file": "清单.csv", "row": 3, "sheet": None},
        "supervision": None,
    }


def test_duty_in_another_scope_says_where(model: ResponsibilityModel) -> None:
    with pytest.raises(UnknownReferenceError, match="it exists in 丙村支部"):
        accountability_chain(model, "三会一课", scope="甲镇党委")


def test_names_are_normalised(model: ResponsibilityModel) -> None:
    chain = accountability_chain(model, "\u3000三会一课 ", scope="丙村支部")
    assert chain.duty == "丙村支部/三会一课"

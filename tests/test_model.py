import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from zeren_graph.model import (
    Assignment,
    Duty,
    ModelIntegrityError,
    Person,
    Post,
    ResponsibilityModel,
    Supervision,
    Unit,
    integrity_problems,
)
from zeren_graph.vocab import Category, Role, UnitKind


def _integrity_error(exc: ValidationError) -> ModelIntegrityError:
    error = exc.errors()[0]["ctx"]["error"]
    assert isinstance(error, ModelIntegrityError)
    return error


def test_entities_are_frozen_and_forbid_extra() -> None:
    u = Unit(id="县委")
    with pytest.raises(ValidationError):
        u.id = "x"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="extra"):
        Unit(id="县委", colour="red")  # type: ignore[call-arg]


def test_chinese_vocabulary_in_fields() -> None:
    assert Unit(id="a", kind="党支部").kind is UnitKind.branch
    assert Duty(id="d", name="d", scope="a", category="党建").category is Category.party_building
    assert Assignment(duty="d", holder="p", role="配合").role is Role.support


def test_unknown_role_lists_accepted_values() -> None:
    with pytest.raises(ValidationError) as info:
        Assignment(duty="d", holder="p", role="负责")
    text = str(info.value)
    assert "牵头" in text
    assert "first_responsible" in text


def test_names_are_normalised() -> None:
    u = Unit(id="\u3000乙镇党委 ", parent="", remote="是", sectors="教育、卫生")
    assert u.id == "乙镇党委"
    assert u.name == "乙镇党委"
    assert u.parent is None
    assert u.remote is True
    assert u.sectors == ("教育", "卫生")


def test_bad_boolean() -> None:
    with pytest.raises(ValidationError, match="是/否"):
        Unit(id="a", remote="也许")


def test_supervision_of_itself_is_rejected() -> None:
    with pytest.raises(ValidationError, match="cannot supervise itself"):
        Supervision(supervisor="县委", supervised="县委")


def test_integrity_reports_every_problem() -> None:
    with pytest.raises(ValidationError) as info:
        ResponsibilityModel(
            units=[Unit(id="县委"), Unit(id="县委"), Unit(id="乙镇党委", parent="县委员会")],
            posts=[Post(id="p", unit="丙镇", title="书记", holders=["李四"])],
            duties=[Duty(id="d", name="d", scope="乙镇党委", derived_from="nope")],
            assignments=[
                Assignment(duty="d", holder="乙镇党委", role="lead"),
                Assignment(duty="e", holder="p", role="lead"),
            ],
        )
    problems = _integrity_error(info.value).problems
    codes = sorted(p.code for p in problems)
    assert codes.count("duplicate-id") == 1
    assert codes.count("unknown-reference") == 6
    paths = {p.path for p in problems}
    assert "units[2].parent" in paths
    assert "assignments[0].holder" in paths
    hints = {p.path: p.hint for p in problems}
    assert hints["units[2].parent"] == "did you mean '县委'?"
    assert "collective" in (hints["assignments[0].holder"] or "")


def test_cycle_names_every_unit() -> None:
    with pytest.raises(ValidationError) as info:
        ResponsibilityModel(
            units=[
                Unit(id="甲", parent="丙"),
                Unit(id="乙", parent="甲"),
                Unit(id="丙", parent="乙"),
                Unit(id="丁"),
            ]
        )
    (problem,) = _integrity_error(info.value).problems
    assert problem.code == "hierarchy-cycle"
    for name in ("甲", "乙", "丙"):
        assert name in problem.message
    assert "丁" not in problem.message


def test_self_parent_is_a_cycle() -> None:
    with pytest.raises(ValidationError, match="cycle"):
        ResponsibilityModel(units=[Unit(id="甲", parent="甲")])


def test_index() -> None:
    m = ResponsibilityModel(
        units=[Unit(id="县委"), Unit(id="乙镇", parent="县委"), Unit(id="丙村", parent="乙镇")],
        posts=[
            Post(id="乙镇/书记", unit="乙镇", title="书记", holders=["张三"]),
            Post(id="丙村/书记", unit="丙村", title="书记", holders=["张三"]),
        ],
        persons=[Person(id="张三")],
    )
    ix = m.index
    assert ix.roots == ("县委",)
    assert list(ix.ancestors("丙村")) == ["乙镇", "县委"]
    assert ix.depth("丙村") == 3
    assert ix.posts_of_person["张三"] == ("乙镇/书记", "丙村/书记")
    assert m.index is ix  # built once


@st.composite
def _trees(draw: st.DrawFn) -> list[Unit]:
    n = draw(st.integers(1, 30))
    parents = [None] + [draw(st.integers(0, i - 1)) for i in range(1, n)]
    return [
        Unit(id=f"单位{i}", parent=None if p is None else f"单位{p}") for i, p in enumerate(parents)
    ]


@given(_trees())
def test_any_forest_is_sound(units: list[Unit]) -> None:
    m = ResponsibilityModel(units=units)
    assert integrity_problems(m) == []
    assert sum(len(c) for c in m.index.children.values()) == len(units) - len(m.index.roots)


@given(_trees(), st.data())
def test_any_back_edge_is_a_cycle(units: list[Unit], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(units) - 1))
    # point unit i's root at unit i: a cycle through the whole path
    chain = [units[i].id]
    parent = units[i].parent
    by_id = {u.id: u for u in units}
    while parent is not None:
        chain.append(parent)
        parent = by_id[parent].parent
    root = chain[-1]
    changed = [u.model_copy(update={"parent": units[i].id}) if u.id == root else u for u in units]
    with pytest.raises(ValidationError, match="cycle"):
        ResponsibilityModel(units=changed)

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zeren_graph.errors import UnknownReferenceError
from zeren_graph.graph import (
    chain_of_command,
    duties_of,
    holders_of,
    subtree,
    supervisors_of,
    to_networkx,
)
from zeren_graph.model import (
    Assignment,
    Duty,
    Person,
    Post,
    ResponsibilityModel,
    Supervision,
    Unit,
)
from zeren_graph.vocab import OWNER_ROLES, Role


@pytest.fixture
def county() -> ResponsibilityModel:
    return ResponsibilityModel(
        units=[
            Unit(id="县委", kind="党委"),
            Unit(id="县纪委", kind="纪委", parent="县委"),
            Unit(id="县委组织部", kind="部门", parent="县委"),
            Unit(id="乙镇党委", kind="党委", parent="县委", guided_by=["县委组织部"]),
            Unit(id="丙村支部", kind="支部", parent="乙镇党委"),
        ],
        posts=[
            Post(id="乙镇党委/书记", unit="乙镇党委", title="书记", holders=["张三"]),
            Post(id="乙镇党委/组织委员", unit="乙镇党委", title="组织委员", holders=["张三"]),
            Post(id="丙村支部/书记", unit="丙村支部", title="书记"),
        ],
        persons=[Person(id="张三")],
        duties=[
            Duty(id="乙镇党委/三会一课", name="三会一课", scope="乙镇党委"),
            Duty(
                id="丙村支部/三会一课",
                name="三会一课",
                scope="丙村支部",
                derived_from="乙镇党委/三会一课",
            ),
        ],
        assignments=[
            Assignment(duty="乙镇党委/三会一课", holder="乙镇党委/书记", role="第一责任人"),
            Assignment(duty="乙镇党委/三会一课", holder="乙镇党委/组织委员", role="直接责任"),
            Assignment(duty="乙镇党委/三会一课", holder="县纪委", collective=True, role="监督责任"),
            Assignment(duty="丙村支部/三会一课", holder="丙村支部/书记", role="lead"),
            Assignment(duty="丙村支部/三会一课", holder="丙村支部", collective=True, role="配合"),
        ],
        supervisions=[Supervision(supervisor="县委", supervised="乙镇党委", period=6)],
    )


def test_networkx_schema(county: ResponsibilityModel) -> None:
    g = to_networkx(county)
    types = {d["type"] for _, d in g.nodes(data=True)}
    assert types == {"unit", "post", "person", "duty"}
    edges = {(u, v, d["type"]) for u, v, d in g.edges(data=True)}
    assert (("unit", "县委"), ("unit", "乙镇党委"), "parent") in edges
    assert (("unit", "县委组织部"), ("unit", "乙镇党委"), "guided_by") in edges
    assert (("person", "张三"), ("post", "乙镇党委/书记"), "holds") in edges
    assert (("unit", "县委"), ("unit", "乙镇党委"), "supervises") in edges
    roles = {d["role"] for _, v, d in g.edges(data=True) if d["type"] == "assigned"}
    assert roles == {"first_responsible", "direct", "supervisory", "lead", "support"}
    assert g.nodes[("post", "丙村支部/书记")]["vacant"] is True
    assert g.number_of_edges() == 4 + 1 + 2 + 5 + 1


def test_holders_of(county: ResponsibilityModel) -> None:
    owners = holders_of(county, "丙村支部/三会一课", roles=OWNER_ROLES)
    assert [a.holder for a in owners] == ["丙村支部/书记"]
    assert len(holders_of(county, "丙村支部/三会一课")) == 2
    with pytest.raises(UnknownReferenceError, match="did you mean"):
        holders_of(county, "丙村支部/三会一")


def test_duties_of_post_person_unit(county: ResponsibilityModel) -> None:
    assert duties_of(county, "乙镇党委/书记") == ("乙镇党委/三会一课",)
    assert duties_of(county, "张三") == ("乙镇党委/三会一课",)
    assert duties_of(county, "丙村支部") == ("丙村支部/三会一课",)
    assert duties_of(county, "丙村支部", roles=[Role.support]) == ("丙村支部/三会一课",)
    assert duties_of(county, "县纪委", roles=OWNER_ROLES) == ()
    with pytest.raises(UnknownReferenceError):
        duties_of(county, "无此人")


def test_chain_and_subtree(county: ResponsibilityModel) -> None:
    assert chain_of_command(county, "丙村支部") == ("丙村支部", "乙镇党委", "县委")
    assert subtree(county, "乙镇党委") == ("乙镇党委", "丙村支部")
    assert subtree(county, "县委", depth=1) == ("县委",)
    assert len(subtree(county, "县委", depth=2)) == 4
    assert set(subtree(county, "县委")) == {u.id for u in county.units}
    with pytest.raises(ValueError, match="depth"):
        subtree(county, "县委", depth=0)


def test_supervisors_of(county: ResponsibilityModel) -> None:
    rows, sups = supervisors_of(county, "乙镇党委/三会一课")
    assert [a.holder for a in rows] == ["县纪委"]
    assert [s.supervisor for s in sups] == ["县委"]
    rows, sups = supervisors_of(county, "丙村支部/三会一课")
    assert rows == ()
    assert sups == ()


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=40))
def test_subtree_and_chain_agree(seeds: list[int]) -> None:
    units = [Unit(id="u0")]
    for i, s in enumerate(seeds, start=1):
        units.append(Unit(id=f"u{i}", parent=f"u{s % i}"))
    m = ResponsibilityModel(units=units)
    for u in m.units:
        for anc in chain_of_command(m, u.id):
            assert u.id in subtree(m, anc)

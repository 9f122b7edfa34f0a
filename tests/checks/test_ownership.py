"""ZG101–ZG106: ownership and reach of the list."""

from __future__ import annotations

from zeren_graph.checks import check
from zeren_graph.model import Duty, Unit

from .helpers import build, run, subjects_of

DUTY = "乙镇党委/组织生活"
SEC = "乙镇党委/书记"
ORG = "乙镇党委/组织委员"
SUP = "县纪委/书记"


def test_zg101_fires_for_a_duty_with_only_support_rows() -> None:
    m = build([(DUTY, ORG, "配合")])
    (f,) = run(m, "ZG101")
    assert f.subjects == (DUTY,)
    assert f.rule == "unowned-duty"
    assert f.severity == "error"
    assert [str(s) for s in f.sources] == ["清单.csv:2"]
    assert "责任盲区" in f.message_zh


def test_zg101_fires_for_a_duty_without_rows() -> None:
    m = build([], duties=[Duty(id=DUTY, name="组织生活", scope="乙镇党委")])
    assert subjects_of(m, "ZG101") == [(DUTY,)]


def test_zg101_silent_when_any_owner_role_exists() -> None:
    for role in ("主体责任", "第一责任人", "直接责任", "牵头"):
        m = build([(DUTY, ORG, "配合"), (DUTY, SEC, role)])
        assert run(m, "ZG101") == [], role


def test_zg102_fires_when_only_collective_bodies_own_and_nobody_answers() -> None:
    m = build([(DUTY, "乙镇党委", "主体责任"), (DUTY, "乙镇党建领导小组", "牵头")])
    assert subjects_of(m, "ZG102") == [(DUTY, "乙镇党委", "乙镇党建领导小组")]
    assert run(m, "ZG101") == []


def test_zg102_silent_when_a_department_or_government_owns() -> None:
    m = build([(DUTY, "乙镇党委", "主体责任"), (DUTY, "乙镇政府", "牵头")])
    assert run(m, "ZG102") == []


def test_zg102_silent_with_one_post_owner() -> None:
    m = build([(DUTY, "乙镇党委", "主体责任"), (DUTY, SEC, "第一责任人")])
    assert run(m, "ZG102") == []


def test_zg103_fires_when_every_owner_post_is_vacant() -> None:
    m = build([(DUTY, SEC, "第一责任人"), (DUTY, "乙镇党委", "主体责任")], posts={SEC: ""})
    assert subjects_of(m, "ZG103") == [(DUTY, SEC)]


def test_zg103_silent_with_an_occupied_owner_or_only_collective_owners() -> None:
    m = build([(DUTY, SEC, "第一责任人"), (DUTY, ORG, "直接责任")], posts={SEC: ""})
    assert run(m, "ZG103") == []
    assert run(build([(DUTY, "乙镇党委", "主体责任")]), "ZG103") == []


def test_zg103_ignores_an_occupied_supporting_post() -> None:
    m = build([(DUTY, SEC, "第一责任人"), (DUTY, ORG, "配合")], posts={SEC: ""})
    assert subjects_of(m, "ZG103") == [(DUTY, SEC)]


def test_zg104_fires_without_supervisory_row() -> None:
    m = build([(DUTY, SEC, "第一责任人")])
    (f,) = run(m, "ZG104")
    assert (f.subjects, f.severity) == ((DUTY,), "warning")


def test_zg104_silent_with_supervision_or_without_owner() -> None:
    assert run(build([(DUTY, SEC, "第一责任人"), (DUTY, SUP, "监督责任")]), "ZG104") == []
    assert run(build([(DUTY, ORG, "配合")]), "ZG104") == []


def test_zg105_fires_for_a_unit_named_by_no_row() -> None:
    units = [("县委", None), ("乙镇党委", "县委"), ("丙镇党委", "县委")]
    m = build([(DUTY, SEC, "第一责任人"), ("县委/党建", "县委/书记", "主体责任")], units=units)
    assert subjects_of(m, "ZG105") == [("丙镇党委",)]


def test_zg105_counts_a_scope_as_named() -> None:
    units = [("县委", None), ("乙镇党委", "县委")]
    m = build([(DUTY, "县委/书记", "第一责任人")], units=units)
    assert run(m, "ZG105") == []


def test_zg105_is_skipped_with_a_note_without_units_table() -> None:
    m = build([(DUTY, SEC, "第一责任人")], units=["丙镇党委"], hierarchy=False)
    report = check(m)
    assert "ZG105" not in [f.code for f in report.findings]
    assert any(n.code == "ZG105" and "units table" in n.message for n in report.notes)


def test_zg106_flags_every_root_but_the_largest() -> None:
    units = [("县委", None), ("乙镇党委", "县委"), ("甲镇党委", "县委"), ("孤立支部", None)]
    m = build([], units=units)
    assert subjects_of(m, "ZG106") == [("孤立支部",)]


def test_zg106_breaks_ties_by_id_and_is_silent_for_one_root() -> None:
    assert subjects_of(build([], units=["甲", "乙"]), "ZG106") == [("甲",)]
    assert run(build([], units=[("县委", None), ("乙镇党委", "县委")]), "ZG106") == []


def test_zg106_source_is_the_units_row() -> None:
    from zeren_graph.model import Source

    src = Source(file="单位表.csv", row=7)
    m = build([], units=[("县委", None), ("乙镇党委", "县委"), Unit(id="孤立支部", source=src)])
    (f,) = run(m, "ZG106")
    assert f.sources == (src,)


def test_owner_roles_are_every_role_but_support_and_supervisory() -> None:
    # checks.context tests ownership by identity with these two roles, for speed
    from zeren_graph.vocab import OWNER_ROLES, Role

    assert set(Role) - OWNER_ROLES == {Role.support, Role.supervisory}

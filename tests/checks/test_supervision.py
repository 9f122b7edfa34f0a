"""ZG301–ZG302: supervision that cannot work."""

from __future__ import annotations

from zeren_graph.checks import check
from zeren_graph.model import Unit

from .helpers import build, run, subjects_of

DUTY = "县委/党风廉政建设"
SEC = "县委/书记"


def test_zg301_fires_when_one_post_owns_and_supervises() -> None:
    m = build([(DUTY, SEC, "第一责任人"), (DUTY, SEC, "监督责任")])
    (f,) = run(m, "ZG301")
    assert f.subjects[0] == DUTY
    assert SEC in f.subjects
    assert f.severity == "error"


def test_zg301_fires_when_one_person_owns_and_supervises_through_two_posts() -> None:
    m = build(
        [(DUTY, SEC, "第一责任人"), (DUTY, "县纪委/书记", "监督责任")],
        posts={SEC: "张三", "县纪委/书记": "张三"},
    )
    assert subjects_of(m, "ZG301") == [(DUTY, SEC, "县纪委/书记", "张三")]


def test_zg301_silent_for_distinct_people() -> None:
    m = build(
        [(DUTY, SEC, "第一责任人"), (DUTY, "县纪委/书记", "监督责任")],
        posts={SEC: "张三", "县纪委/书记": "李四"},
    )
    assert run(m, "ZG301") == []


def test_zg301_silent_for_support_and_supervision() -> None:
    m = build(
        [(DUTY, SEC, "第一责任人"), (DUTY, "县委/副书记", "配合"), (DUTY, "县委/副书记", "监督")]
    )
    assert run(m, "ZG301") == []


UNITS = [
    Unit(id="县委", kind="党委", level="县"),
    Unit(id="县纪委", parent="县委", kind="纪委", level="县"),
    Unit(id="乙镇党委", parent="县委", kind="党委", level="乡镇"),
    Unit(id="乙镇纪委", parent="乙镇党委", kind="纪委", level="乡镇"),
]


def test_zg302_fires_when_a_subordinate_supervises() -> None:
    m = build([(DUTY, SEC, "第一责任人"), (DUTY, "乙镇党委/纪委书记", "监督责任")], units=UNITS)
    (f,) = run(m, "ZG302")
    assert f.subjects == (DUTY, "乙镇党委/纪委书记", SEC)
    assert "穿小鞋" in f.message_zh


def test_zg302_fires_for_a_lower_level_discipline_commission() -> None:
    m = build([(DUTY, SEC, "第一责任人"), (DUTY, "乙镇纪委/书记", "监督责任")], units=UNITS)
    assert subjects_of(m, "ZG302") == [(DUTY, "乙镇纪委/书记", SEC)]


def test_zg302_exempts_the_discipline_commission_of_the_same_level() -> None:
    m = build([(DUTY, SEC, "第一责任人"), (DUTY, "县纪委/书记", "监督责任")], units=UNITS)
    assert run(m, "ZG302") == []


def test_zg302_exemption_without_levels_is_the_direct_child() -> None:
    units = [Unit(id="县委"), Unit(id="县纪委", parent="县委", kind="纪委")]
    m = build([(DUTY, SEC, "第一责任人"), (DUTY, "县纪委/书记", "监督责任")], units=units)
    assert run(m, "ZG302") == []


def test_zg302_silent_when_the_supervisor_is_above() -> None:
    duty = "乙镇党委/组织生活"
    m = build(
        [(duty, "乙镇党委/书记", "第一责任人"), (duty, "县纪委/书记", "监督责任")], units=UNITS
    )
    assert run(m, "ZG302") == []


def test_zg302_is_skipped_without_hierarchy() -> None:
    m = build([(DUTY, SEC, "第一责任人"), (DUTY, "乙镇党委/纪委书记", "监督责任")], hierarchy=False)
    report = check(m)
    assert "ZG302" in [n.code for n in report.notes]
    assert "ZG302" not in [f.code for f in report.findings]

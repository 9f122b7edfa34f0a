"""Hypothesis invariants of the checks."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zeren_graph.checks import Finding, check, to_json
from zeren_graph.model import Assignment, Duty, Person, Post, ResponsibilityModel, Source, Unit

TITLES = ("书记", "副书记", "组织委员", "纪委书记")
PEOPLE = ("张三", "李四", "王五", "赵六")
NAMES = ("组织生活", "安全生产", "基层组织建设", "三会一课")
ROLES = ("primary", "first_responsible", "direct", "lead", "support", "supervisory")
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def models(draw: Any) -> ResponsibilityModel:
    n = draw(st.integers(1, 5))
    units = []
    for i in range(n):
        parent = draw(st.none() | st.integers(0, i - 1)) if i else None
        level = draw(st.sampled_from((None, "县", "乡镇")))
        units.append(
            Unit(
                id=f"单位{i}",
                parent=None if parent is None else f"单位{parent}",
                level=level,
                kind=draw(st.sampled_from(("党委", "纪委", "村"))),
                party_members=draw(st.none() | st.integers(0, 300)),
                party_staff=draw(st.none() | st.integers(0, 3)),
            )
        )
    posts = []
    for u in units:
        for title in draw(st.lists(st.sampled_from(TITLES), max_size=3, unique=True)):
            holders = draw(st.lists(st.sampled_from(PEOPLE), max_size=2, unique=True))
            posts.append(Post(id=f"{u.id}/{title}", unit=u.id, title=title, holders=holders))
    duties = {}
    for _ in range(draw(st.integers(1, 6))):
        scope = draw(st.sampled_from(units)).id
        name = draw(st.sampled_from(NAMES))
        cat = draw(st.sampled_from((None, "党建", "业务")))
        duties[f"{scope}/{name}"] = Duty(id=f"{scope}/{name}", name=name, scope=scope, category=cat)
    holders = [(p.id, False) for p in posts] + [(u.id, True) for u in units]
    rows = []
    for i in range(draw(st.integers(0, 14))):
        holder, collective = draw(st.sampled_from(holders))
        rows.append(
            Assignment(
                duty=draw(st.sampled_from(sorted(duties))),
                holder=holder,
                collective=collective,
                role=draw(st.sampled_from(ROLES)),
                reason=draw(st.none() | st.just("党政同责")),
                indicator=draw(st.none() | st.just("每月1次")),
                source=Source(file="清单.csv", row=i + 2),
            )
        )
    return ResponsibilityModel(
        units=units,
        posts=posts,
        persons=[Person(id=p) for p in PEOPLE],
        duties=list(duties.values()),
        assignments=rows,
    )


def _shuffled(m: ResponsibilityModel, rnd: Any) -> ResponsibilityModel:
    parts = {}
    for field in ("units", "posts", "persons", "duties", "assignments"):
        items = list(getattr(m, field))
        rnd.shuffle(items)
        parts[field] = items
    return ResponsibilityModel(**parts)


@FAST
@given(models(), st.randoms(use_true_random=False))
def test_row_order_changes_nothing(m: ResponsibilityModel, rnd: Any) -> None:
    a, b = check(m), check(_shuffled(m, rnd))
    assert a.findings == b.findings
    assert list(a.findings) == sorted(a.findings, key=Finding.sort_key)
    assert to_json(a) == to_json(b)


def _unowned(m: ResponsibilityModel) -> set[str]:
    return {f.subjects[0] for f in check(m).findings if f.code == "ZG101"}


@FAST
@given(models(), st.data())
def test_an_occupied_owner_removes_the_blind_spot_and_adds_none(
    m: ResponsibilityModel, data: Any
) -> None:
    before = _unowned(m)
    if not before:
        return
    duty = data.draw(st.sampled_from(sorted(before)))
    scope = m.index.duties[duty].scope
    post = Post(id=f"{scope}/新任专干", unit=scope, title="新任专干", holders=["钱七"])
    row = Assignment(duty=duty, holder=post.id, role="lead", source=Source(file="清单.csv", row=99))
    fixed = m.model_copy(
        update={
            "posts": (*m.posts, post),
            "persons": (*m.persons, Person(id="钱七")),
            "assignments": (*m.assignments, row),
        }
    )
    fixed = ResponsibilityModel.model_validate(fixed.model_dump())
    assert _unowned(fixed) == before - {duty}
    codes = {(f.code, f.subjects[0]) for f in check(fixed).findings}
    assert ("ZG102", duty) not in codes
    assert ("ZG103", duty) not in codes


@FAST
@given(models(), st.data())
def test_removing_every_row_of_a_duty_makes_it_unowned(m: ResponsibilityModel, data: Any) -> None:
    duty = data.draw(st.sampled_from([d.id for d in m.duties]))
    rows = tuple(a for a in m.assignments if a.duty != duty)
    stripped = ResponsibilityModel.model_validate({**m.model_dump(), "assignments": rows})
    assert duty in _unowned(stripped)


@FAST
@given(models(), st.data())
def test_a_suppressed_finding_is_counted_not_lost(m: ResponsibilityModel, data: Any) -> None:
    report = check(m)
    if not report.findings:
        return
    f = data.draw(st.sampled_from(report.findings))
    exc = {"rule": f.code, "subjects": list(f.subjects), "reason": "经党委会研究同意"}
    after = check(m, config={"exceptions": [exc]})
    assert f not in after.findings
    assert f in [s.finding for s in after.suppressed]
    assert after.summary.suppressed == len(after.suppressed) >= 1
    assert len(after.findings) + len(after.suppressed) == len(report.findings)

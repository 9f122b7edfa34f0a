"""Hypothesis strategies for small random responsibility models with Chinese names."""

from __future__ import annotations

from hypothesis import strategies as st

from zeren_graph.model import (
    Assignment,
    Duty,
    Person,
    Post,
    ResponsibilityModel,
    Supervision,
    Unit,
    duty_id,
    post_id,
)
from zeren_graph.vocab import Role

UNIT_NAMES = ("县委", "甲镇党委", "乙镇党委", "丙村支部", "丁村支部", "戊社区支部", "县纪委")
TITLES = ("书记", "副书记", "组织委员")
DUTY_NAMES = ("组织生活", "三会一课", "党员发展", "宣传")
PEOPLE = ("张三", "李四", "王五", "赵六")


@st.composite
def models(draw: st.DrawFn) -> ResponsibilityModel:
    """Draw a valid model: a tree of units, posts, persons, duties and assignments."""
    n = draw(st.integers(min_value=1, max_value=len(UNIT_NAMES)))
    names = UNIT_NAMES[:n]
    units = [Unit(id=names[0])]
    units += [Unit(id=names[i], parent=names[draw(st.integers(0, i - 1))]) for i in range(1, n)]
    posts = []
    for u in names:
        for t in draw(st.lists(st.sampled_from(TITLES), unique=True, max_size=2)):
            holders = draw(st.lists(st.sampled_from(PEOPLE), unique=True, max_size=2))
            posts.append(Post(id=post_id(u, t), unit=u, title=t, holders=holders))
    duties = [
        Duty(id=duty_id(d, u), name=d, scope=u)
        for u in names
        for d in draw(st.lists(st.sampled_from(DUTY_NAMES), unique=True, max_size=2))
    ]
    holder_pool = [(p.id, False) for p in posts] + [(u, True) for u in names]
    assignments = []
    if duties:
        rows = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(duties),
                    st.sampled_from(holder_pool),
                    st.sampled_from(list(Role)),
                ),
                max_size=12,
            )
        )
        assignments = [
            Assignment(duty=d.id, holder=h, collective=c, role=r) for d, (h, c), r in rows
        ]
    sups = []
    if n > 1:
        pairs = draw(
            st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)), max_size=3)
        )
        sups = [Supervision(supervisor=a, supervised=b) for a, b in pairs if a != b]
    return ResponsibilityModel(
        units=units,
        posts=posts,
        persons=[Person(id=p) for p in PEOPLE],
        duties=duties,
        assignments=assignments,
        supervisions=sups,
    )

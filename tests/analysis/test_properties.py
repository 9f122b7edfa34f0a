"""Invariants of what-if and diff on random models (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zeren_graph.analysis import apply_what_if, diff, make_checker, what_if
from zeren_graph.model import ResponsibilityModel

from .strategies import models

CHECK = make_checker()
FAST = settings(max_examples=40, deadline=None)


@FAST
@given(models())
def test_diff_of_a_model_with_itself_is_empty(m: ResponsibilityModel) -> None:
    assert diff(m, m, checker=CHECK).is_empty


@FAST
@given(models(), models())
def test_diff_is_antisymmetric(a: ResponsibilityModel, b: ResponsibilityModel) -> None:
    forward, backward = diff(a, b, checker=CHECK), diff(b, a, checker=CHECK)
    assert forward.introduced == backward.resolved
    assert forward.resolved == backward.introduced
    assert forward.assignments_added == backward.assignments_removed
    assert len(forward.assignments_changed) == len(backward.assignments_changed)
    assert [(c.post, c.old, c.new) for c in forward.posts_changed] == [
        (c.post, c.new, c.old) for c in backward.posts_changed
    ]


@FAST
@given(models())
def test_what_if_with_nothing_changes_nothing(m: ResponsibilityModel) -> None:
    result = what_if(m, checker=CHECK)
    assert result.model is m
    assert result.introduced == result.resolved == ()


@FAST
@given(models(), st.data())
def test_vacating_a_post_touches_nothing_else(m: ResponsibilityModel, data: st.DataObject) -> None:
    if not m.posts:
        return
    post = data.draw(st.sampled_from(m.posts))
    before = m.model_dump()
    out = apply_what_if(m, vacate=[post.id])
    assert m.model_dump() == before  # pure: the input is unchanged
    assert out.index.posts[post.id].is_vacant
    assert [p for p in out.posts if p.id != post.id] == [p for p in m.posts if p.id != post.id]
    for field in ("units", "persons", "duties", "assignments", "supervisions"):
        assert getattr(out, field) == getattr(m, field)


@FAST
@given(models(), st.data())
def test_removing_a_unit_keeps_the_rest(m: ResponsibilityModel, data: st.DataObject) -> None:
    gone = data.draw(st.sampled_from(m.units)).id
    out = apply_what_if(m, remove=[gone])
    assert gone not in out.index.units
    assert len(out.units) == len(m.units) - 1
    # every untouched row survives exactly as it was
    dropped = {d.id for d in m.duties if d.scope == gone}
    kept = [
        a
        for a in m.assignments
        if a.duty not in dropped
        and (a.holder != gone if a.collective else m.index.posts[a.holder].unit != gone)
    ]
    assert list(out.assignments) == kept
    assert list(out.posts) == [p for p in m.posts if p.unit != gone]


@FAST
@given(models(), st.data())
def test_merging_keeps_the_model_valid_and_others_untouched(
    m: ResponsibilityModel, data: st.DataObject
) -> None:
    ids = [u.id for u in m.units]
    if len(ids) < 2:
        return
    absorbed = data.draw(st.sampled_from(ids))
    into = data.draw(st.sampled_from([u for u in ids if u != absorbed]))
    if absorbed in m.index.ancestors(into):
        return  # refused, tested elsewhere
    out = apply_what_if(m, merge=[(absorbed, into)])
    assert absorbed not in out.index.units
    assert len(out.units) == len(m.units) - 1
    involved = {absorbed, into}
    untouched = [
        a
        for a in m.assignments
        if m.index.duties[a.duty].scope not in involved
        and (
            a.holder not in involved
            if a.collective
            else m.index.posts[a.holder].unit not in involved
        )
    ]
    assert set(untouched) <= set(out.assignments)
    # no duty or post is lost except by becoming one with its namesake
    assert len(out.duties) == len({d.name if d.scope in involved else d.id for d in m.duties})

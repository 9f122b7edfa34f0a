from __future__ import annotations

from zeren_graph.analysis import Checker, diff
from zeren_graph.model import Assignment, Post, ResponsibilityModel, Source
from zeren_graph.vocab import Role


def _replace(model: ResponsibilityModel, rows: list[Assignment]) -> ResponsibilityModel:
    return ResponsibilityModel.model_validate({**dict(model), "assignments": rows})


def _changed(model: ResponsibilityModel) -> ResponsibilityModel:
    rows = []
    for a in model.assignments:
        if a.duty == "甲镇党委/党员发展" and a.role.value == "lead":
            continue  # removed: 党员发展 loses its only owner
        if a.duty == "甲镇党委/组织生活" and a.holder == "甲镇党委/组织委员":
            a = a.model_copy(update={"role": Role.lead})  # noqa: PLW2901  (direct → lead)
        rows.append(a)
    rows.append(
        Assignment(
            duty="乙镇党委/组织生活",
            holder="县纪委",
            collective=True,
            role="监督责任",
            source=Source(file="新清单.csv", row=11),
        )
    )
    return _replace(model, rows)


def test_introduced_resolved_and_changed(model: ResponsibilityModel, checker: Checker) -> None:
    d = diff(model, _changed(model), checker=checker)
    assert [(f.code, f.subjects) for f in d.introduced] == [("ZG101", ("甲镇党委/党员发展",))]
    # 党员发展 lost its owner: ZG101 replaces its ZG403 (only duties with owners need one)
    assert [(f.code, f.subjects) for f in d.resolved] == [
        ("ZG104", ("乙镇党委/组织生活",)),
        ("ZG403", ("甲镇党委/党员发展",)),
    ]
    assert [(a.duty, a.holder) for a in d.assignments_added] == [("乙镇党委/组织生活", "县纪委")]
    assert [(a.duty, a.holder, a.role.value) for a in d.assignments_removed] == [
        ("甲镇党委/党员发展", "甲镇党委/组织委员", "lead")
    ]
    (change,) = d.assignments_changed
    assert (change.old.role.value, change.new.role.value, change.fields) == (
        "direct",
        "lead",
        ("role",),
    )
    assert d.worst() is not None
    assert d.worst().value == "error"  # type: ignore[union-attr]
    assert not d.is_empty


def test_reverse_diff_swaps_sides(model: ResponsibilityModel, checker: Checker) -> None:
    new = _changed(model)
    forward, backward = diff(model, new, checker=checker), diff(new, model, checker=checker)
    assert forward.introduced == backward.resolved
    assert forward.resolved == backward.introduced
    assert forward.assignments_added == backward.assignments_removed


def test_row_numbers_and_sources_are_not_changes(
    model: ResponsibilityModel, checker: Checker
) -> None:
    moved = [
        a.model_copy(update={"id": f"第{i}条", "source": Source(file="另一个.xlsx", row=i + 5)})
        for i, a in enumerate(reversed(model.assignments))
    ]
    d = diff(model, _replace(model, moved), checker=checker)
    assert d.is_empty


def test_detail_change_on_same_role(model: ResponsibilityModel, checker: Checker) -> None:
    rows = [
        a.model_copy(update={"indicator": "每月一次"}) if a.duty == "甲镇党委/宣传" else a
        for a in model.assignments
    ]
    rows = [
        a.model_copy(update={"indicator": "每季度一次", "reason": "联合牵头"})
        if a.duty == "乙镇党委/组织生活"
        else a
        for a in rows
    ]
    d = diff(model, _replace(model, rows), checker=checker)
    assert [c.fields for c in d.assignments_changed] == [("reason", "indicator")]
    # an indicator makes the soft task measurable (软任务变硬指标)
    assert d.introduced == ()
    assert [(f.code, f.subjects) for f in d.resolved] == [("ZG403", ("乙镇党委/组织生活",))]


def test_worst_is_none_when_nothing_introduced(
    model: ResponsibilityModel, checker: Checker
) -> None:
    assert diff(model, model, checker=checker).worst() is None


def test_row_indicator_equals_duty_indicator(model: ResponsibilityModel) -> None:
    # a flat list states the indicator on the row, a model on the duty: no change
    duties = [
        d.model_copy(update={"indicator": "每月一次"}) if d.id == "甲镇党委/组织生活" else d
        for d in model.duties
    ]
    rows = [
        a.model_copy(update={"indicator": "每月一次"}) if a.duty == "甲镇党委/组织生活" else a
        for a in model.assignments
    ]
    per_duty = ResponsibilityModel.model_validate({**dict(model), "duties": duties})
    per_row = _replace(model, rows)
    assert diff(per_duty, per_row, checker=lambda m: ()).is_empty
    (change, *_) = diff(model, per_duty, checker=lambda m: ()).assignments_changed
    assert [(c.field, c.old, c.new) for c in change.changes] == [("indicator", None, "每月一次")]


def test_vacancy_shows_as_post_change(model: ResponsibilityModel, checker: Checker) -> None:
    posts = [
        p.model_copy(update={"holders": ()}) if p.id == "甲镇党委/组织委员" else p
        for p in model.posts
    ]
    extra = Post(id="乙镇党委/组织委员", unit="乙镇党委", title="组织委员", holders=("李四",))
    new = ResponsibilityModel.model_validate({**dict(model), "posts": [*posts, extra]})
    d = diff(model, new, checker=checker)
    assert [(c.post, c.old, c.new) for c in d.posts_changed] == [
        ("乙镇党委/组织委员", None, ("李四",)),
        ("甲镇党委/组织委员", ("李四",), ()),
    ]
    assert d.assignments_added == d.assignments_removed == ()
    assert d.assignments_changed == ()
    assert ("ZG103", ("甲镇党委/党员发展", "甲镇党委/组织委员")) in {
        (f.code, f.subjects) for f in d.introduced
    }

from __future__ import annotations

from collections.abc import Iterable

import pytest

from zeren_graph.analysis import Checker, apply_what_if, what_if
from zeren_graph.checks import Finding
from zeren_graph.errors import InputError, UnknownReferenceError
from zeren_graph.model import ResponsibilityModel


def _keys(findings: Iterable[Finding]) -> set[tuple[str, tuple[str, ...]]]:
    """The ownership and overlap findings (ZG1xx, ZG2xx), by (code, subjects)."""
    return {(f.code, f.subjects) for f in findings if f.code < "ZG3"}


def test_vacating_the_only_owner_post_introduces_zg103(
    model: ResponsibilityModel, checker: Checker
) -> None:
    result = what_if(model, vacate=["甲镇党委/组织委员"], checker=checker)
    assert _keys(result.introduced) == {("ZG103", ("甲镇党委/党员发展", "甲镇党委/组织委员"))}
    assert _keys(result.resolved) == set()
    assert result.model.index.posts["甲镇党委/组织委员"].is_vacant
    assert not model.index.posts["甲镇党委/组织委员"].is_vacant  # input untouched


def test_vacating_a_person_vacates_their_posts(
    model: ResponsibilityModel, checker: Checker
) -> None:
    by_person = what_if(model, vacate=["李四"], checker=checker)
    by_post = what_if(model, vacate=["甲镇党委/组织委员"], checker=checker)
    assert by_person.model == by_post.model
    assert "李四" in by_person.model.index.persons


def test_vacating_a_covered_owner_introduces_nothing(
    model: ResponsibilityModel, checker: Checker
) -> None:
    # 组织生活 of 甲镇党委 keeps its occupied 组织委员 when the secretary leaves
    result = what_if(model, vacate=["张三"], checker=checker)
    assert result.introduced == ()
    assert result.resolved == ()


def test_merging_townships(model: ResponsibilityModel, checker: Checker) -> None:
    result = what_if(model, merge=[("甲镇党委", "乙镇党委")], checker=checker)
    merged = result.model
    assert "甲镇党委" not in merged.index.units
    assert merged.index.units["丙村支部"].parent == "乙镇党委"
    assert merged.index.units["乙镇党委"].party_members == 200
    assert merged.index.posts["乙镇党委/书记"].holders == ("钱五", "张三")
    assert "乙镇党委/组织委员" in merged.index.posts
    # the two 组织生活 duties became one, supervised by 县纪委 through the absorbed rows
    assert _keys(result.resolved) == {
        ("ZG104", ("乙镇党委/组织生活",)),
        ("ZG101", ("甲镇党委/宣传",)),
    }
    assert _keys(result.introduced) == {("ZG101", ("乙镇党委/宣传",))}
    assert [s.supervised for s in merged.supervisions] == ["乙镇党委"]
    roles = {
        (a.holder, a.role.value) for a in merged.index.assignments_of_duty["乙镇党委/组织生活"]
    }
    assert roles == {
        ("乙镇党委/书记", "first_responsible"),
        ("乙镇党委/组织委员", "direct"),
        ("县纪委", "supervisory"),
    }


def test_removed_unit_findings_are_resolved(model: ResponsibilityModel, checker: Checker) -> None:
    result = what_if(model, remove=["丙村支部"], checker=checker)
    assert [(f.code, f.subjects) for f in result.resolved] == [
        ("ZG103", ("丙村支部/三会一课", "丙村支部/书记")),
        ("ZG403", ("丙村支部/三会一课",)),
    ]
    assert result.introduced == ()
    m = result.model
    assert "丙村支部/书记" not in m.index.posts
    assert all(a.duty != "丙村支部/三会一课" for a in m.assignments)


def test_remove_reparents_children_or_drops_subtree(model: ResponsibilityModel) -> None:
    kept = apply_what_if(model, remove=["甲镇党委"])
    assert kept.index.units["丙村支部"].parent == "县委"
    assert "丙村支部/三会一课" in kept.index.duties
    assert kept.supervisions == ()
    dropped = apply_what_if(model, remove=["甲镇党委"], remove_subtree=True)
    assert set(dropped.index.units) == {"县委", "县纪委", "乙镇党委"}
    assert {d.id for d in dropped.duties} == {"乙镇党委/组织生活"}


def test_nothing_changes_nothing(model: ResponsibilityModel, checker: Checker) -> None:
    result = what_if(model, checker=checker)
    assert result.model is model
    assert (result.introduced, result.resolved) == ((), ())


def test_every_bad_request_is_reported_at_once(model: ResponsibilityModel) -> None:
    with pytest.raises(InputError) as info:
        apply_what_if(
            model,
            vacate=["孙六"],
            remove=["丁镇党委", "甲镇党委"],
            merge=[("甲镇党委", "乙镇党委"), ("县委", "丙村支部"), ("乙镇党委", "乙镇党委")],
        )
    codes = [p.code for p in info.value.problems]
    assert codes.count("unknown-reference") == 2
    assert codes.count("invalid-merge") == 3
    text = str(info.value)
    assert "cannot be merged into its descendant '丙村支部'" in text
    assert "both merged and removed" in text


def test_unknown_vacate_suggests(model: ResponsibilityModel) -> None:
    with pytest.raises(UnknownReferenceError, match="did you mean '甲镇党委/组织委员'"):
        apply_what_if(model, vacate=["甲镇党委/组织"])


def test_merge_chains_and_cycles(model: ResponsibilityModel) -> None:
    chained = apply_what_if(model, merge={"丙村支部": "甲镇党委", "甲镇党委": "乙镇党委"})
    assert "乙镇党委/三会一课" in chained.index.duties
    assert "丙村支部" not in chained.index.units
    with pytest.raises(InputError, match="form a cycle"):
        apply_what_if(model, merge=[("甲镇党委", "乙镇党委"), ("乙镇党委", "甲镇党委")])


def test_merging_child_into_parent(model: ResponsibilityModel) -> None:
    m = apply_what_if(model, merge=[("丙村支部", "甲镇党委")])
    # 丙村支部/书记 and 甲镇党委/书记 become one post; the vacant one adds no holder
    assert m.index.posts["甲镇党委/书记"].holders == ("张三",)
    rows = m.index.assignments_of_duty["甲镇党委/三会一课"]
    assert {(a.holder, a.collective) for a in rows} >= {("甲镇党委", True)}

"""ZG201–ZG204: overlapping responsibility."""

from __future__ import annotations

from .helpers import Row, build, run, subjects_of

DUTY = "乙镇党委/安全生产"
A = "乙镇党委/书记"
B = "乙镇党委/镇长"
C = "乙镇党委/副书记"


def test_zg201_fires_for_two_primary_holders_without_reason() -> None:
    m = build([(DUTY, "乙镇党委", "主体责任"), (DUTY, "乙镇政府", "主体责任")])
    (f,) = run(m, "ZG201")
    assert f.subjects == (DUTY, "乙镇党委", "乙镇政府")
    assert f.severity == "error"
    assert [s.row for s in f.sources] == [2, 3]


def test_zg201_silent_with_a_reason_on_any_row_or_one_holder() -> None:
    why = {"reason": "党政同责"}
    m = build(
        [(DUTY, "乙镇党委", "主体责任"), (DUTY, "乙镇政府", "主体责任"), (DUTY, A, "配合", why)]
    )
    assert run(m, "ZG201") == []
    same = build([(DUTY, "乙镇党委", "主体责任"), (DUTY, "乙镇党委", "主体责任")])
    assert run(same, "ZG201") == []


def test_zg202_fires_for_two_leads_and_respects_reasons() -> None:
    rows = [(DUTY, A, "牵头"), (DUTY, B, "牵头")]
    assert subjects_of(build(rows), "ZG202") == [(DUTY, A, B)]
    reasoned = [(DUTY, A, "牵头", {"reason": "分片负责"}), (DUTY, B, "牵头")]
    assert run(build(reasoned), "ZG202") == []
    assert run(build(rows[:1]), "ZG202") == []


def _shared(
    n_shared: int, a_extra: int = 0, b_extra: int = 0, unit_b: str = "乙镇党委"
) -> list[Row]:
    rows = []
    for i in range(n_shared):
        rows += [
            (f"乙镇党委/共同职责{i}", A, "直接责任"),
            (f"乙镇党委/共同职责{i}", f"{unit_b}/镇长", "直接责任"),
        ]
    rows += [(f"乙镇党委/甲职责{i}", A, "直接责任") for i in range(a_extra)]
    rows += [(f"乙镇党委/乙职责{i}", f"{unit_b}/镇长", "直接责任") for i in range(b_extra)]
    return rows


def test_zg203_fires_at_the_shared_count_boundary() -> None:
    assert subjects_of(build(_shared(3)), "ZG203") == [(A, B)]
    assert run(build(_shared(2)), "ZG203") == []


def test_zg203_jaccard_boundary() -> None:
    # 3 shared, A owns 6: Jaccard 3/6 = 0.5 fires; A owns 7: 3/7 does not
    assert len(run(build(_shared(3, a_extra=3)), "ZG203")) == 1
    assert run(build(_shared(3, a_extra=4)), "ZG203") == []


def test_zg203_thresholds_are_configurable() -> None:
    rules = {"ZG203": {"min_shared": 4}}
    assert run(build(_shared(3)), "ZG203", rules=rules) == []
    assert len(run(build(_shared(2)), "ZG203", rules={"ZG203": {"min_shared": 2}})) == 1


def test_zg203_ignores_posts_of_different_units() -> None:
    assert run(build(_shared(5, unit_b="甲镇党委")), "ZG203") == []


def test_zg203_sources_cover_both_posts_rows() -> None:
    (f,) = run(build(_shared(3)), "ZG203")
    assert [s.row for s in f.sources] == [2, 3, 4, 5, 6, 7]


def test_zg204_fires_for_two_first_responsible_posts_of_one_scope() -> None:
    rows = [(DUTY, A, "第一责任人"), ("乙镇党委/组织生活", C, "第一责任人")]
    assert subjects_of(build(rows), "ZG204") == [("乙镇党委", A, C)]


def test_zg204_silent_for_one_post_or_collective_or_other_scope() -> None:
    one = [(DUTY, A, "第一责任人"), ("乙镇党委/组织生活", A, "第一责任人")]
    assert run(build(one), "ZG204") == []
    coll = [(DUTY, A, "第一责任人"), ("乙镇党委/组织生活", "乙镇党委", "第一责任人")]
    assert run(build(coll), "ZG204") == []
    other = [(DUTY, A, "第一责任人"), ("甲镇党委/组织生活", "甲镇党委/书记", "第一责任人")]
    assert run(build(other), "ZG204") == []

"""ZG501–ZG502: people and party-affairs staff."""

from __future__ import annotations

from zeren_graph.checks import check
from zeren_graph.model import Post, Unit

from .helpers import Row, build, run, subjects_of


def _posts(n: int) -> dict[str, str]:
    return {f"乙镇党委/岗位{i}": "王五" for i in range(n)}


def test_zg501_fires_for_more_than_three_posts() -> None:
    (f,) = run(build(posts=_posts(4)), "ZG501")
    assert f.subjects[0] == "王五"
    assert len(f.subjects) == 5
    assert "身兼4个岗位" in f.message_zh


def test_zg501_post_boundary() -> None:
    assert run(build(posts=_posts(3)), "ZG501") == []
    assert run(build(posts=_posts(2)), "ZG501", rules={"ZG501": {"max_posts": 1}}) != []


def _duties(n: int) -> list[Row]:
    return [(f"乙镇党委/职责{i}", "乙镇党委/书记", "直接责任") for i in range(n)]


def test_zg501_duty_boundary() -> None:
    posts = {"乙镇党委/书记": "张三"}
    assert subjects_of(build(_duties(21), posts=posts), "ZG501") == [("张三", "乙镇党委/书记")]
    assert run(build(_duties(20), posts=posts), "ZG501") == []


def _town(members: int | None, staff: float | None) -> Unit:
    return Unit(id="乙镇党委", party_members=members, party_staff=staff)


def test_zg502_fires_below_one_percent() -> None:
    (f,) = run(build(units=[_town(200, 1)]), "ZG502")
    assert f.subjects == ("乙镇党委",)
    assert "0.5%" in f.message


def test_zg502_boundary_at_one_percent() -> None:
    assert run(build(units=[_town(100, 1)]), "ZG502") == []
    assert len(run(build(units=[_town(101, 1)]), "ZG502")) == 1


def test_zg502_counts_full_time_party_affairs_posts() -> None:
    posts = [
        Post(
            id="乙镇党委/组织委员",
            unit="乙镇党委",
            title="组织委员",
            kind="党务",
            holders=["王五"],
            full_time=True,
        ),
        Post(
            id="乙镇党委/党务干事",
            unit="乙镇党委",
            title="党务干事",
            kind="党务",
            holders=["赵六"],
            full_time=False,
        ),
    ]
    assert run(build(units=[_town(100, None)], extra_posts=posts), "ZG502") == []
    assert len(run(build(units=[_town(101, None)], extra_posts=posts), "ZG502")) == 1


def test_zg502_skipped_with_a_note_without_data() -> None:
    report = check(build(units=[_town(300, None)]))
    assert "ZG502" in [n.code for n in report.notes]
    assert "ZG502" not in [f.code for f in report.findings]

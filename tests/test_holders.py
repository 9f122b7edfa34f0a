"""Placeholder holders (各乡镇党委) and collective bodies (党委 as a whole)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zeren_graph.holders import is_collective_body, is_placeholder, parse_placeholder
from zeren_graph.vocab import UnitKind

K = UnitKind


@pytest.mark.parametrize(
    ("name", "which", "levels", "kinds"),
    [
        ("各乡镇党委", "every", ("乡镇",), (K.committee,)),
        ("各街道", "every", ("街道",), ()),
        ("各相关单位", "related", (), ()),
        ("区直各部门", "every", ("区直",), (K.department,)),
        ("各有关部门", "related", (), (K.department,)),
        ("全区经济运行各专班", "every", (), ()),
        ("各成员单位", "members", (), ()),
        ("各村（社区）", "every", ("村", "社区"), (K.village, K.community)),
        ("相关部门", "related", (), (K.department,)),
        ("各乡镇（街道）党（工）委", "every", ("乡镇", "街道"), (K.committee, K.working_committee)),
        ("县直有关单位", "related", ("县直",), ()),
        ("各级党组织", "every", ("各级",), ()),
        ("乡镇党委", "every", ("乡镇",), (K.committee,)),
        ("其他相关部门", "related", (), (K.department,)),
        ("市直属各单位", "every", ("市直",), ()),
        ("各 村 党支部", "every", ("村",), (K.branch,)),
    ],
)
def test_placeholders(
    name: str, which: str, levels: tuple[str, ...], kinds: tuple[UnitKind, ...]
) -> None:
    p = parse_placeholder(name)
    assert p is not None
    assert (p.which, p.levels, p.kinds) == (which, levels, kinds)


@pytest.mark.parametrize(
    "name",
    [
        "各庄村党支部",  # 各庄 is a village's name
        "张各庄村",
        "有关部门办公室",  # a specific office
        "格林党支部",
        "乙镇党委",
        "镇党委",  # a township's own committee in its own list
        "村党支部",
        "党委",
        "县委",
        "部门",
        "本单位",
        "全区经济运行专班",  # one task force
        "区委组织部",
        "区发展和改革委员会",
        "",
    ],
)
def test_real_names_are_not_placeholders(name: str) -> None:
    assert not is_placeholder(name)


def test_level_and_kind_shortcuts() -> None:
    p = parse_placeholder("各乡镇党委")
    assert p is not None
    assert (p.level, p.kind, p.noun) == ("乡镇", K.committee, "党委")
    q = parse_placeholder("各村(社区)")
    assert q is not None
    assert (q.level, q.kind) == (None, None)


@given(st.text(alphabet="甲乙丙丁庄店村镇局委办", min_size=1, max_size=6))
def test_a_proper_name_before_ge_never_makes_a_placeholder(name: str) -> None:
    assert not is_placeholder(f"{name}各庄村党支部")


@pytest.mark.parametrize(
    "name",
    [
        *("乙镇党委", "教育局党组", "机关党工委", "县直机关工委", "甲村党支部", "机关党总支"),
        *("党建工作领导小组", "领导班子", "县委常委会", "中共乙县委员会", "区委", "村两委"),
    ],
)
def test_collective_bodies(name: str) -> None:
    assert is_collective_body(name)


@pytest.mark.parametrize(
    "name",
    [
        *("区发改局", "组织部", "区政府办公室", "县教育局", "宣传部", "乙镇政府", "县纪委"),
        *("区发展和改革委员会", "卫生健康委员会", "开发区管理委员会", "甲村", "某公司"),
    ],
)
def test_not_collective_bodies(name: str) -> None:
    assert not is_collective_body(name)


def test_a_known_kind_decides() -> None:
    assert not is_collective_body("乙镇党委", K.department)
    assert is_collective_body("营商专班", K.leading_group)
    assert is_collective_body("乙镇党委", K.other)  # other = unknown: the name decides
    assert not is_collective_body("县纪委", K.discipline_commission)

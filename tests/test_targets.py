"""The quantified-target recogniser used by ZG403."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zeren_graph.targets import find_targets, has_target

MEASURABLE = [
    "增长5.5%左右",
    "每季度至少1次",
    "覆盖率达到100%",
    "不少于2次",
    "全年开展4期",
    "100%",
    "每月",
    "年底前",
    "2024年6月底前完成",
    "6月30日前报送",
    "每半年督查一次",
    "实现全覆盖",
    "每两个月",
    "召开两次",
    "全年开展四期",
    "百分之九十",
    "投入50万元",
    "按月调度",
    "二〇二四年六月底前",
    "2025年底",
    "一季度完成",
    "提高２个百分点",
    "１００％",
]
NOT_MEASURABLE = [
    "落实“三会一课”制度",
    "一岗双责",
    "强化“两个责任”",
    "增强“四个意识”",
    "两学一做",
    "第一书记",
    "新一轮改革",
    "一把手",
    "三重一大",
    "一案双查",
    "一次性告知",
    "第3次会议",
    "2024年度党建工作",
    "十四五规划",
    "5G基站",
    "12345热线",
    "长期坚持",
    "持续推进",
    "每个村",
    "年度考核",
    "",
]


@pytest.mark.parametrize("text", MEASURABLE)
def test_measurable(text: str) -> None:
    assert has_target(text), find_targets(text)


@pytest.mark.parametrize("text", NOT_MEASURABLE)
def test_not_measurable(text: str) -> None:
    assert not has_target(text), find_targets(text)


def test_none_and_pieces() -> None:
    assert not has_target(None)
    assert find_targets("每月必问、每季必查、每年必报") == ["每月", "每季", "每年"]


_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)
_PERIOD = st.sampled_from(["年", "半年", "季度", "季", "月", "周"])
_N = st.one_of(st.integers(1, 99).map(str), st.sampled_from(list("一二两三四五六七八九十")))


@given(
    _TEXT,
    _TEXT,
    st.floats(0, 1000, allow_nan=False).map(lambda x: f"{x:g}"),
    st.sampled_from("%％"),
)
def test_a_percentage_inserted_anywhere_is_measurable(
    before: str, after: str, number: str, sign: str
) -> None:
    assert has_target(f"{before}{number}{sign}{after}")


@given(_TEXT, _TEXT, _PERIOD, _N)
def test_every_period_at_least_n_times_inserted_anywhere_is_measurable(
    before: str, after: str, period: str, n: str
) -> None:
    assert has_target(f"{before}每{period}至少{n}次{after}")

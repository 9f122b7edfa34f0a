"""The expected consequences of the accountability ladder and their slope in the score."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zeren_graph.sim.decision.consequences import (
    Ladder,
    compile_ladder,
    expected,
    marginal,
    normal_cdf,
)
from zeren_graph.sim.loading import load_scenario
from zeren_graph.sim.scenario import Ratings, Rule

FloatArray = npt.NDArray[np.float64]
NINGXIA = Path(__file__).parents[2] / "scenarios" / "sim" / "ningxia_ladder.yaml"


def _rule(when: dict[str, Any], action: str, **extra: Any) -> Rule:
    return Rule.model_validate({"when": when, "action": action, **extra})


def _args(n: int, **over: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "sigma": 0.1,
        "assess": True,
        "level": np.zeros(n, dtype=np.int64),
        "runs": {},
        "real": np.ones(n),
    }
    args.update(over)
    return args


#: One rule of every kind, with runs that leave the consecutive weight at 1.
MIXED = (
    _rule({"rating": "一般"}, "约谈"),
    _rule({"rating": "较差"}, "通报批评"),
    _rule({"rating_at_most": "良好"}, "提醒"),
    _rule({"rating_at_most": "较差", "consecutive": 3}, "调整书记"),
    _rule({"rating": "较差", "consecutive": 2}, "限期整改"),
    _rule({"failed_inspection": True, "real_below": 0.5}, "免职"),
    _rule({"bottom": 0.1}, "通报批评", severity=0.4),
    _rule({"rating": "优秀"}, "奖励"),
)


def test_normal_cdf_matches_math_erfc() -> None:
    x = np.concatenate([np.linspace(-38, 38, 7601), [-np.inf, np.inf, 0.0, -0.0]])
    ref = np.array([0.5 * math.erfc(-v / math.sqrt(2)) for v in x])
    got = normal_cdf(x)
    np.testing.assert_allclose(got, ref, rtol=1e-10, atol=1e-300)
    assert normal_cdf(2.0).shape == ()
    assert np.isnan(normal_cdf(np.array([np.nan]))).all()


@given(
    mu=st.floats(-1.0, 2.0),
    sigma=st.floats(0.02, 0.5),
    cuts=st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3),
    fail=st.none() | st.floats(0.0, 1.0),
    cut=st.floats(-0.5, 1.5),
)
@settings(max_examples=300, deadline=None)
def test_marginal_is_minus_the_slope_of_expected(
    mu: float, sigma: float, cuts: list[float], fail: float | None, cut: float
) -> None:
    c_e, c_g, c_f = sorted(cuts, reverse=True)
    ratings = Ratings(cutoffs=(c_e, c_g, c_f), fail_below=fail)
    ladder = compile_ladder(MIXED, ratings, [None] * len(MIXED), n_levels=1)
    runs = {("at_most", 3): np.array([2, 7]), ("exact", 3): np.array([1, 4])}
    args = _args(2, sigma=sigma, runs=runs, real=np.array([0.1, 0.2]))
    args["bottom_cut"] = np.array([cut])
    h = 1e-4 * sigma
    m = np.full(2, mu)
    fd = (expected(ladder, m - h, **args) - expected(ladder, m + h, **args)) / (2 * h)
    scale = np.abs(ladder.utility).sum() / sigma
    np.testing.assert_allclose(marginal(ladder, m, **args), fd, rtol=0, atol=1e-6 * scale)


@pytest.mark.parametrize(
    ("cost", "chance", "fine"),
    [(1.0, 0.5, 1.0), (1.0, 0.5, 0.6), (0.5, 1.0, 0.25), (0.5, 1.0, 0.15), (2.0, 0.3, 3.0)],
)
@pytest.mark.parametrize("convex", [False, True])
def test_becker_threshold(cost: float, chance: float, fine: float, convex: bool) -> None:
    """A risk-neutral unit complies iff reaching the cutoff costs at most p·f (Becker 1968)."""
    c_f = 0.4
    rule = _rule({"rating_at_most": "较差"}, "调整书记", severity=fine)
    ladder = compile_ladder((rule,), Ratings(cutoffs=(0.8, 0.6, c_f)), [None], n_levels=1)
    effort = np.linspace(0.0, 1.0, 2001)
    price = cost * (effort**2 / c_f if convex else effort)  # both cost `cost * c_f` at c_f
    penalty = chance * expected(ladder, effort, **_args(len(effort), sigma=1e-4))
    best = effort[np.argmax(-price - penalty)]
    complies = cost * c_f <= chance * fine
    assert (best >= c_f) == complies
    if complies:
        assert best <= c_f + 0.002  # no more than needed
    else:
        assert best == 0.0


def _ningxia() -> tuple[Ladder, float]:
    sc = load_scenario(NINGXIA)
    rules = sc.accountability
    ladder = compile_ladder(rules, sc.ratings, [None] * len(rules), n_levels=5)
    return ladder, sc.behaviour.noise


@pytest.mark.parametrize(
    "lenient",
    [
        _rule({"rating": "较差"}, "约谈"),
        _rule({"rating_at_most": "一般"}, "约谈"),
        _rule({"rating": "较差", "consecutive": 2}, "约谈"),
    ],
)
@pytest.mark.parametrize("real", [0.05, 0.9])
def test_lenient_ladder_deters_less(lenient: Rule, real: float) -> None:
    strict, noise = _ningxia()
    assert lenient.weight == 0.1
    soft = compile_ladder((lenient,), Ratings(), [None], n_levels=5)
    mu = np.linspace(-0.5, 1.5, 801)
    n = len(mu)
    runs = {key: np.zeros(n, dtype=np.int64) for key in [("exact", 3)]}
    args = _args(n, sigma=noise, runs=runs, real=np.full(n, real), level=np.full(n, 4))
    gap = marginal(strict, mu, **args) - marginal(soft, mu, **args)
    assert gap.min() >= -1e-12
    assert gap.max() > 0.5


def test_reward_pulls_just_below_excellent() -> None:
    rule = _rule({"rating": "优秀"}, "奖励")
    ladder = compile_ladder((rule,), Ratings(), [None], n_levels=1)
    mu = np.array([0.75, 0.79, 0.799])
    assert np.all(marginal(ladder, mu, **_args(3)) > 0)
    assert np.all(expected(ladder, mu, **_args(3)) < 0)  # a gain
    strict, noise = _ningxia()
    args = _args(3, sigma=noise, runs={("exact", 3): np.zeros(3, dtype=np.int64)})
    assert np.all(marginal(strict, mu, **args) > 0)


def test_exact_fair_rule_pushes_down_at_its_lower_edge() -> None:
    ladder = compile_ladder((_rule({"rating": "一般"}, "约谈"),), Ratings(), [None], n_levels=1)
    m = marginal(ladder, np.array([0.4, 0.6]), **_args(2))
    assert m[0] < 0 < m[1]


def test_consecutive_weights_follow_the_run() -> None:
    rule = _rule({"rating": "较差", "consecutive": 3}, "调整书记")
    ladder = compile_ladder((rule,), Ratings(), [None], n_levels=1)
    run = np.array([0, 1, 2, 5])
    mu = np.full(4, 0.35)
    p = float(normal_cdf((0.4 - 0.35) / 0.1))
    got = expected(ladder, mu, **_args(4, runs={("exact", 3): run}))
    np.testing.assert_allclose(got, [p**3, p**2, p, p], rtol=1e-12)
    slope = marginal(ladder, mu, **_args(4, runs={("exact", 3): run}))
    dens = math.exp(-0.5 * 0.5**2) / math.sqrt(2 * math.pi) / 0.1
    np.testing.assert_allclose(slope, [p**2 * dens, p * dens, dens, dens], rtol=1e-12)
    with pytest.raises(ValueError, match="run counter"):
        expected(ladder, mu, **_args(4))


def test_real_below_levels_and_assessment_select_units() -> None:
    rules = (
        _rule({"failed_inspection": True, "real_below": 0.15}, "免职"),
        _rule({"rating": "较差", "levels": [1]}, "通报批评"),
    )
    ladder = compile_ladder(rules, Ratings(), [None, {1}], n_levels=3)
    mu = np.full(4, 0.2)
    real = np.array([0.1, 0.2, 0.1, 0.2])
    level = np.array([0, 0, 1, 2])
    on = expected(ladder, mu, **_args(4, real=real, level=level))
    p = float(normal_cdf(2.0))
    np.testing.assert_allclose(on, [1.5 * p, 0.0, 1.75 * p, 0.0], rtol=1e-12)
    off = expected(ladder, mu, **_args(4, real=real, level=level, assess=False))
    np.testing.assert_allclose(off, [1.5 * p, 0.0, 1.5 * p, 0.0], rtol=1e-12)


def test_bottom_rules_use_the_cut_of_the_unit_level() -> None:
    rule = _rule({"bottom": 0.2}, "约谈")
    ladder = compile_ladder((rule,), Ratings(), [None], n_levels=2)
    assert ladder.bottom_share == 0.2
    level = np.array([0, 1])
    args = _args(2, level=level, bottom_cut=np.array([0.3, 0.5]))
    np.testing.assert_allclose(
        expected(ladder, np.full(2, 0.3), **args), [0.05, 0.1 * 0.97725], rtol=1e-4
    )
    two_d = _args(2, level=level, bottom_cut=np.array([[0.3, 0.5]]))
    np.testing.assert_array_equal(
        expected(ladder, np.full(2, 0.3), **two_d), expected(ladder, np.full(2, 0.3), **args)
    )
    assert np.all(expected(ladder, np.full(2, 0.3), **_args(2, assess=False)) == 0)
    with pytest.raises(ValueError, match="bottom_cut"):
        expected(ladder, np.full(2, 0.3), **_args(2))


def test_random_ratings_do_not_depend_on_the_score() -> None:
    ratings = Ratings(independent={"poor": 0.1, "fair": 0.2})
    rules = (_rule({"rating_at_most": "一般"}, "约谈"), _rule({"rating": "良好"}, "奖励"))
    ladder = compile_ladder(rules, ratings, [None, None], n_levels=1)
    mu = np.linspace(0, 1, 5)
    assert np.all(marginal(ladder, mu, **_args(5)) == 0)
    np.testing.assert_allclose(expected(ladder, mu, **_args(5)), 0.1 * 0.3 - 0.3 * 0.7)


def test_bad_sigma_is_refused() -> None:
    ladder = compile_ladder((_rule({"rating": "较差"}, "约谈"),), Ratings(), [None])
    with pytest.raises(ValueError, match="'sigma' parameter"):
        marginal(ladder, np.zeros(1), **_args(1, sigma=0.0))

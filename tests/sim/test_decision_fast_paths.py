"""The fast paths of the decision model agree with the general computation they replace."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from zeren_graph.sim.decision.consequences import compile_ladder, expected, marginal
from zeren_graph.sim.decision.effort import best_response
from zeren_graph.sim.scenario import Ratings, Rule

FloatArray = npt.NDArray[np.float64]


def _floats(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


@given(
    arrays(np.float64, (5, 2), elements=_floats(-2.0, 2.0)),
    arrays(np.float64, (5, 2), elements=_floats(0.1, 3.0)),
    arrays(np.float64, (5, 2), elements=_floats(0.0, 2.0)),
    arrays(np.float64, (5,), elements=st.just(0.0) | _floats(0.05, 3.0)),
    st.tuples(st.just(0.0) | _floats(0.0, 0.95), st.just(0.0) | _floats(0.0, 3.0)),
)
@settings(max_examples=300, deadline=None)
def test_two_tasks_match_the_sorted_general_case(
    gain: FloatArray,
    weight: FloatArray,
    previous: FloatArray,
    time: FloatArray,
    costs: tuple[float, float],
) -> None:
    delta, gamma = costs
    # a third task that is never worth any time sends the same units down the general path
    pad = np.column_stack((gain, np.full(5, -1e9)))
    w3 = np.column_stack((weight, np.ones(5)))
    z3 = np.column_stack((previous, np.zeros(5)))
    two = best_response(gain, weight, previous, time, substitution=delta, adjustment=gamma)
    three = best_response(pad, w3, z3, time, substitution=delta, adjustment=gamma)
    assert np.all(three[:, 2] == 0)
    np.testing.assert_allclose(two, three[:, :2], rtol=0, atol=1e-12)


def _phi(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2))


def _density(x: float) -> float:
    return 0.0 if math.isinf(x) else math.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


@given(mu=st.lists(_floats(-0.5, 1.5), min_size=1, max_size=6), sigma=_floats(0.02, 0.5))
@settings(max_examples=200, deadline=None)
def test_shared_cutoffs_give_the_rule_by_rule_sums(mu: list[float], sigma: float) -> None:
    # rules that share cutoffs (the fair cutoff twice, the poor band twice) and both ends
    rules = tuple(
        Rule.model_validate({"when": when, "action": action})
        for when, action in [
            ({"rating": "一般"}, "约谈"),
            ({"rating": "较差"}, "通报批评"),
            ({"rating_at_most": "较差"}, "提醒"),
            ({"rating": "优秀"}, "奖励"),
            ({"failed_inspection": True}, "免职"),
            ({"rating_at_most": "优秀"}, "提醒"),
        ]
    )
    ratings = Ratings()
    ladder = compile_ladder(rules, ratings, [None] * len(rules), n_levels=1)
    m = np.array(mu)
    args: dict[str, Any] = {
        "sigma": sigma,
        "assess": True,
        "level": np.zeros(len(m), dtype=np.int64),
        "runs": {},
        "real": np.ones(len(m)),
    }
    want_e, want_m = np.zeros(len(m)), np.zeros(len(m))
    for r in range(len(rules)):
        u, lo, hi = ladder.utility[r], ladder.lo[r], ladder.hi[r]
        for i, x in enumerate(mu):
            a, b = (lo - x) / sigma, (hi - x) / sigma
            want_e[i] += u * (_phi(b) - _phi(a))
            want_m[i] += u * (_density(b) - _density(a)) / sigma
    np.testing.assert_allclose(expected(ladder, m, **args), want_e, rtol=0, atol=1e-12)
    scale = 1.0 / sigma
    np.testing.assert_allclose(marginal(ladder, m, **args), want_m, rtol=0, atol=1e-12 * scale)

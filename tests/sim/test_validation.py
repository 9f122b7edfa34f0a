"""The simulation against known results (issue 4, section 6; docs/validation.md)."""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zeren_graph.sim import simulate
from zeren_graph.sim.validation import control_loss, prob_run, prob_run_dp

if TYPE_CHECKING:
    from collections.abc import Callable

    from zeren_graph.sim import Scenario

    Make = Callable[..., Scenario]

LEVELS = ["省", "市", "县", "乡镇", "村"]


# 1. control loss ------------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(1, 5),
    retention=st.lists(st.floats(0, 1), min_size=1, max_size=4),
    span=st.lists(st.integers(1, 3), min_size=5, max_size=5),
    model=st.sampled_from(["dose", "decision", None]),
)
def test_control_loss_is_exact(
    n: int, retention: list[float], span: list[int], model: str | None
) -> None:
    """The minimal form's contract, in both models: pressure at level k is ∏ρ, for every unit.

    In the dose model effort and performance equal pressure too; in the decision model
    (the default, with its calibrated business load) they are ``(1 − load) θ P``.
    """
    from zeren_graph.sim import parse_scenario

    rs = retention[: n - 1] if 1 < n - 1 <= len(retention) else retention[:1]
    data = {
        "name": "控制损失",
        "hierarchy": {"levels": LEVELS[:n], "span": span[:n]},
        "transmission": {"retention": rs},
        "horizon_months": 3,
    }
    if model is not None:
        data["behaviour"] = {"model": model}
    sc = parse_scenario(data)
    result = simulate(sc, seed=0)
    expected = control_loss(rs, n)
    rep = result.replicas[0]
    checked = slice(None) if sc.behaviour.model == "dose" else slice(0, 1)
    for k in range(n):
        np.testing.assert_allclose(rep.means[k, :, checked], expected[k], atol=1e-12)
        np.testing.assert_allclose(
            rep.quantiles[k][:, checked] if rep.quantiles is not None else 0,
            expected[k],
            atol=1e-12,
        )  # every unit, not only the mean
        if sc.behaviour.model == "decision" and k < n - 1:  # no commitment spread above
            np.testing.assert_allclose(  # the village level
                rep.means[k, :, 1], (1 - sc.behaviour.load) * expected[k], atol=1e-12
            )
    assert len(rep.events["unit"]) == 0
    assert rep.inspections.sum() == 0


def test_minimal_five_levels_leaves_0656_at_the_village(make: Make) -> None:
    sc = make(
        hierarchy={"levels": LEVELS, "span": [1, 4, 5, 6, 8]}, transmission={"retention": 0.9}
    )
    levels = simulate(sc).levels
    assert [round(lv["final_pressure"], 4) for lv in levels] == [1.0, 0.9, 0.81, 0.729, 0.6561]
    assert levels[-1]["final_effort"] == pytest.approx(0.9**4)


def test_per_level_retention(make: Make) -> None:
    sc = make(transmission={"retention": [0.8, 0.5]})
    assert [lv["mean_pressure"] for lv in simulate(sc).levels] == pytest.approx([1, 0.8, 0.4])


# 2. runs of bad ratings ------------------------------------------------------------------
def _brute(q: float, n: int, trials: int) -> float:
    total = 0.0
    for seq in itertools.product((0, 1), repeat=trials):
        run = best = 0
        for x in seq:
            run = run + 1 if x else 0
            best = max(best, run)
        if best >= n:
            total += q ** sum(seq) * (1 - q) ** (trials - sum(seq))
    return total


def test_prob_run_figure_of_the_domain_brief() -> None:
    assert prob_run(0.2, 3, 5) == pytest.approx(0.0208, abs=5e-5)
    assert prob_run(0.2, 3, 5) == pytest.approx(0.008 + 2 * 0.8 * 0.008)


@settings(max_examples=40, deadline=None)
@given(q=st.floats(0, 1), n=st.integers(1, 5), trials=st.integers(0, 10))
def test_prob_run_closed_form_matches_dp_and_brute_force(q: float, n: int, trials: int) -> None:
    assert prob_run(q, n, trials) == pytest.approx(prob_run_dp(q, n, trials), abs=1e-9)
    assert prob_run(q, n, trials) == pytest.approx(_brute(q, n, trials), abs=1e-9)


def test_replacement_after_three_poor_years_matches_closed_form(make: Make) -> None:
    units = 40_000
    sc = make(
        hierarchy={"levels": ["省", "村"], "span": [1, units]},
        supervision=[{"by": "省", "period": 12, "assess": True, "boost": 0}],
        ratings={"independent": {"poor": 0.2}},
        accountability=[
            {"when": {"rating": "较差", "consecutive": 3}, "action": "调整书记", "effect": 0}
        ],
        horizon_months=60,
    )
    events = simulate(sc, seed=11).to_frame("events")
    share = events["unit"].nunique() / units
    p = prob_run(0.2, 3, 5)
    half_width = 4 * math.sqrt(p * (1 - p) / units)  # about 0.0028
    assert abs(share - p) < half_width
    assert set(events["month"]) <= {36, 48, 60}


# 3. deterrence -----------------------------------------------------------------------------
def _becker(make: Make, rate: float, gain_sd: float, units: int = 4000) -> Scenario:
    return make(
        hierarchy={"levels": ["县", "村"], "span": [1, units]},
        supervision=[{"kind": "random", "by": "县", "rate": rate, "boost": 0}],
        behaviour={"rational": True, "shirk_gain": 0.1, "gain_sd": gain_sd, "sanction": 2.0},
        horizon_months=24,
    )


def test_deterrence_switches_where_p_times_f_crosses_the_gain(make: Make) -> None:
    crossing = -12 * math.log(1 - 0.1 / 2.0)  # the yearly rate where p * f = gain
    below = simulate(_becker(make, 0.9 * crossing, 0.0), seed=1)
    above = simulate(_becker(make, 1.1 * crossing, 0.0), seed=1)
    assert below.levels[1]["shirking_share"] == 1.0
    assert below.levels[1]["mean_effort"] == 0.0
    assert above.levels[1]["shirking_share"] == 0.0
    assert above.levels[1]["mean_effort"] == pytest.approx(0.9)
    # the visits the units reckon with are the visits they get
    monthly = above.replicas[0].inspections[1].mean() / 4000
    assert monthly == pytest.approx(1.1 * crossing / 12, abs=0.005)


@pytest.mark.parametrize("rate", [0.3, 0.6, 1.2])
def test_shirking_share_with_spread_gains_follows_the_normal_law(make: Make, rate: float) -> None:
    share = simulate(_becker(make, rate, 0.05), seed=2).levels[1]["shirking_share"]
    pf = (1 - math.exp(-rate / 12)) * 2.0
    expected = 0.5 * math.erfc((pf - 0.1) / (0.05 * math.sqrt(2)))
    assert abs(share - expected) < 4 * math.sqrt(expected * (1 - expected) / 4000) + 1e-3


# 4. Poisson visits -------------------------------------------------------------------------
def test_unannounced_visits_have_mean_and_variance_lambda_h(make: Make) -> None:
    units, rate, years = 5000, 4.0, 3
    sc = make(
        hierarchy={"levels": ["县", "村"], "span": [1, units]},
        supervision=[{"kind": "暗访", "by": "县", "rate": rate}],
        horizon_months=12 * years,
    )
    village = simulate(sc, seed=5).levels[1]
    lam_h = rate * years
    assert abs(village["visits_mean"] - lam_h) < 4 * math.sqrt(lam_h / units)
    assert abs(village["visits_var"] - lam_h) < 4 * math.sqrt(2 * lam_h**2 / units)


# 5. announced vs unannounced at equal budget -----------------------------------------------
def test_unannounced_inspection_leaves_less_gap_than_announced(make: Make) -> None:
    structure = {"levels": ["县", "乡镇", "村"], "span": [2, 10, 20]}
    announced = make(
        hierarchy=structure,
        behaviour={"load": 0.3},
        supervision=[{"by": "县", "period": 6, "sample": "all"}],
        horizon_months=48,
    )
    unannounced = make(
        hierarchy=structure,
        behaviour={"load": 0.3},
        supervision=[{"kind": "暗访", "by": "县", "rate": 2}],
        horizon_months=48,
    )
    a, u = simulate(announced, seed=4), simulate(unannounced, seed=4)
    assert a.metrics["inspections"] == pytest.approx(u.metrics["inspections"], rel=0.05)
    assert a.metrics["real_vs_measured_gap"] > u.metrics["real_vs_measured_gap"] + 0.05
    assert abs(u.metrics["real_vs_measured_gap"]) < 0.02
    assert a.metrics["anticipation_spike"] > 1.1
    assert u.metrics["anticipation_spike"] is None

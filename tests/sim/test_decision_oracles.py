"""Closed-form oracles for the decision model, run through the whole engine.

Each test builds a scenario in which the decision model's answer is known in closed form
from the literature and checks what ``simulate`` produces (docs/validation.md):

* Becker (1968): a unit complies iff the cost of reaching the cutoff is at most the
  expected sanction it avoids, ``(c − e₀)² / 2T <= p f``;
* Dresher (1962) / Avenhaus, von Stengel & Canty (2002): with ``m`` announced inspections in
  ``n`` months the inspectee violates in the ``n − m`` months without one; unannounced
  inspections at the same number deter every month or none, by Becker's test;
* diffusion of responsibility: one of ``n`` co-holders bears ``1/n`` of the expected sanction;
* Holmström & Milgrom (1991): two tasks competing for time; the unmeasured task's effort.

The independent side of each comparison uses only ``math`` and ``scipy.stats``, never the
model's own functions.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from scipy.stats import norm

from zeren_graph.sim import Scenario, simulate


def _two_levels(villages: int = 50, **over: Any) -> dict[str, Any]:
    """County and villages; the county unit's effort sets the villages' pressure to ``rho``."""
    data: dict[str, Any] = {
        "name": "oracle",
        "horizon_months": 24,
        "replications": 1,
        "hierarchy": {"levels": ["县", "村"], "span": [1, villages]},
        "transmission": {"retention": 0.5},
        "behaviour": {
            "model": "decision",
            "load": 0.2,
            "leader_sd": 0.0,
            "turnover": 0.0,
            "noise": 0.0,
            "score_uncertainty": 0.01,
            "accumulation": 1.0,
            "belief_rate": 0.0,
            "discount": 1.0,
            "span_elasticity": 0.0,
            "hosting": 0.0,
        },
    }
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return data


def _village_effort(data: dict[str, Any]) -> np.ndarray:
    result = simulate(Scenario.model_validate(data), seed=1)
    return np.asarray(result.replicas[0].means[1, :, 1])


@pytest.mark.parametrize(
    ("rate", "severity", "cutoff"),
    [(2, 1.0, 0.6), (2, 0.1, 0.6), (2, 0.3, 0.7), (6, 0.2, 0.6), (12, 0.05, 0.55), (1, 2.0, 0.75)],
)
def test_becker_threshold_through_the_engine(rate: float, severity: float, cutoff: float) -> None:
    rho, load = 0.5, 0.2
    data = _two_levels(
        supervision=[{"by": "县", "kind": "random", "rate": rate}],
        accountability=[
            {"when": {"failed_inspection": True}, "action": "dismissal", "severity": severity}
        ],
        ratings={"fail_below": cutoff},
    )
    effort = _village_effort(data)[-1]
    time = 1 - load
    lazy = time * rho  # the intrinsic best response: z = T θ P
    chance = 1 - math.exp(-rate / 12)  # a visit in a month
    complies = (cutoff - lazy) ** 2 / (2 * time) <= chance * severity
    margin = abs((cutoff - lazy) ** 2 / (2 * time) - chance * severity)
    assert margin > 0.005, "keep the cases away from the threshold"
    if complies:
        assert effort == pytest.approx(cutoff + 1.5 * 0.01, abs=1e-9)
    else:
        assert effort == pytest.approx(lazy, abs=1e-9)


@pytest.mark.parametrize(("period", "severity"), [(3, 1.0), (4, 1.0), (6, 0.5)])
def test_dresher_announced_dates_are_violated_in_between(period: int, severity: float) -> None:
    cutoff = 0.6
    announced = _two_levels(
        supervision=[{"by": "县", "period": period, "paper": False}],
        accountability=[
            {"when": {"failed_inspection": True}, "action": "dismissal", "severity": severity}
        ],
        ratings={"fail_below": cutoff},
    )
    effort = _village_effort(announced)
    inspected = np.zeros(len(effort), dtype=bool)
    inspected[period - 1 :: period] = True
    violating = effort < cutoff
    assert (violating == ~inspected).all()
    n, m = len(effort), inspected.sum()
    assert violating.mean() == pytest.approx((n - m) / n)


@pytest.mark.parametrize(("period", "severity"), [(3, 1.0), (6, 0.05)])
def test_dresher_unannounced_deters_every_month_or_none(period: int, severity: float) -> None:
    cutoff, rho, time = 0.6, 0.5, 0.8
    unannounced = _two_levels(
        supervision=[{"by": "县", "kind": "random", "rate": 12 / period}],
        accountability=[
            {"when": {"failed_inspection": True}, "action": "dismissal", "severity": severity}
        ],
        ratings={"fail_below": cutoff},
    )
    effort = _village_effort(unannounced)
    chance = 1 - math.exp(-1 / period)
    complies = (cutoff - time * rho) ** 2 / (2 * time) <= chance * severity
    assert ((effort >= cutoff) == complies).all()


def _month_one(duties: list[dict[str, Any]], *, substitution: float, sigma: float) -> Any:
    """Month-1 time on each duty of the villages, under one failed-inspection rule."""
    data = _two_levels(
        supervision=[{"by": "县", "kind": "random", "rate": 6}],
        accountability=[
            {"when": {"failed_inspection": True}, "action": "criticism", "severity": 0.3}
        ],
        ratings={"fail_below": 0.4},
        duties=duties,
        behaviour={"substitution": substitution, "score_uncertainty": sigma},
        horizon_months=1,
    )
    result = simulate(Scenario.model_validate(data), seed=1)
    return result, Scenario.model_validate(data)


def _exposure_times_marginal(sigma: float) -> float:
    """``A · M(μ = 0)`` of month 1: visit chance times the density at the cutoff (independent)."""
    chance = 1 - math.exp(-6 / 12)
    return float(chance * 0.3 * norm.pdf((0.4 - 0.0) / sigma) / sigma)


@pytest.mark.parametrize("holders", [2, 3, 5])
def test_diffusion_among_co_holders(holders: int) -> None:
    sigma = 0.3
    duties = [{"name": "共担职责", "owners": "shared", "co_holders": holders}]
    result, _ = _month_one(duties, substitution=0.0, sigma=sigma)
    effort = result.replicas[0].means[1, 0, 1]
    time, intrinsic = 0.8, 0.5  # T and θ P of a village
    expected = time * (intrinsic + _exposure_times_marginal(sigma) / holders)
    assert effort == pytest.approx(expected, rel=1e-9)
    named, _ = _month_one([{"name": "单独职责"}], substitution=0.0, sigma=sigma)
    assert named.replicas[0].means[1, 0, 1] > effort


@pytest.mark.parametrize("delta", [0.0, 0.3, 0.6])
def test_holmstrom_milgrom_unmeasured_task(delta: float) -> None:
    sigma, w_m, w_u = 0.3, 0.5, 0.5
    duties = [
        {"name": "硬指标", "share": w_m, "measured": True},
        {"name": "软任务", "share": w_u, "measured": False},
    ]
    result, _ = _month_one(duties, substitution=delta, sigma=sigma)
    rep = result.replicas[0]
    time, intrinsic = 0.8, 0.5
    a_m = intrinsic + _exposure_times_marginal(sigma) / w_m
    a_u = intrinsic
    total = time * (w_m * a_m + w_u * a_u)  # Σ z, both tasks active (c + δ Ω = 1)
    z_u = w_u * (time * a_u - delta * total) / (1 - delta)
    assert z_u > 0
    soft = rep.duties["软任务"][1]  # month 1 with α = 1: performance = share of needs met
    assert soft == pytest.approx(z_u / w_u, rel=1e-9)
    if delta > 0:
        assert soft < time * intrinsic  # measuring the other task crowds this one out

"""Invariants of the decision model for every hierarchy and ladder (Hypothesis)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from zeren_graph.sim import Scenario, simulate
from zeren_graph.sim.validation import control_loss

LEVELS = ("省", "市", "县", "乡镇", "村")
ACTIONS = ("talk", "criticism", "rectification", "replace", "dismissal", "reward")


@st.composite
def hierarchies(draw: st.DrawFn) -> dict[str, Any]:
    depth = draw(st.integers(1, 4))
    span = [1, *draw(st.lists(st.integers(1, 4), min_size=depth - 1, max_size=depth - 1))]
    return {"levels": list(LEVELS[:depth]), "span": span}


@st.composite
def ladders(draw: st.DrawFn) -> list[dict[str, Any]]:
    rules = []
    for _ in range(draw(st.integers(0, 4))):
        when: dict[str, Any] = draw(
            st.sampled_from(
                [
                    {"rating_at_most": "poor"},
                    {"rating": "fair"},
                    {"rating": "poor", "consecutive": 2},
                    {"failed_inspection": True},
                    {"bottom": 0.2},
                    {"rating": "excellent"},
                ]
            )
        )
        action = "reward" if when.get("rating") == "excellent" else draw(st.sampled_from(ACTIONS))
        rules.append({"when": when, "action": action})
    return rules


@given(hierarchy=hierarchies(), retention=st.floats(0.05, 1.0))
@settings(max_examples=40, deadline=None)
def test_minimal_form_gives_the_product_of_retentions(
    hierarchy: dict[str, Any], retention: float
) -> None:
    sc = Scenario.model_validate(
        {
            "name": "minimal",
            "hierarchy": hierarchy,
            "transmission": {"retention": retention},
            "behaviour": {"model": "decision", "load": 0, "leader_sd": 0},
            "horizon_months": 6,
        }
    )
    means = simulate(sc, seed=1).replicas[0].means
    expected = control_loss([retention], len(hierarchy["levels"]))
    for variable in range(3):  # with no load and no spread: pressure, effort, performance
        np.testing.assert_allclose(means[:, :, variable], np.repeat(
            np.array(expected)[:, None], 6, axis=1), rtol=1e-12, atol=1e-12)  # fmt: skip


@given(
    hierarchy=hierarchies(),
    rules=ladders(),
    load=st.floats(0.0, 0.9),
    hosting=st.floats(0.0, 0.3),
    substitution=st.floats(0.0, 0.9),
    adjustment=st.floats(0.0, 20.0),
    joint=st.booleans(),
    concealment=st.floats(0.0, 1.0),
    period=st.integers(1, 12),
    seed=st.integers(0, 2**32),
)
@settings(max_examples=40, deadline=None)
def test_effort_and_performance_stay_in_bounds(
    *,
    hierarchy: dict[str, Any],
    rules: list[dict[str, Any]],
    load: float,
    hosting: float,
    substitution: float,
    adjustment: float,
    joint: bool,
    concealment: float,
    period: int,
    seed: int,
) -> None:
    depth = len(hierarchy["levels"])
    supervision = (
        [{"by": 1, "period": period, "assess": True}, {"by": 1, "kind": "random", "rate": 3}]
        if depth > 1
        else []
    )
    sc = Scenario.model_validate(
        {
            "name": "bounds",
            "hierarchy": hierarchy,
            "supervision": supervision,
            "accountability": rules if depth > 1 else [],
            "joint_liability": joint,
            "behaviour": {
                "model": "decision",
                "load": load,
                "hosting": hosting,
                "substitution": substitution,
                "adjustment_cost": adjustment,
                "concealment": concealment,
                "leader_sd": 0.3,
            },
            "duties": [
                {"name": "硬", "share": 2},
                {"name": "软", "measured": False},
                {"name": "共", "owners": "shared", "co_holders": 3},
            ],
            "horizon_months": 14,
            "replications": 2,
        }
    )
    result = simulate(sc, seed=seed)
    for rep in result.replicas:
        assert np.isfinite(rep.means).all()
        pressure, effort, performance = (rep.means[:, :, v] for v in range(3))
        assert ((pressure >= 0) & (pressure <= 1)).all()
        assert ((effort >= 0) & (effort <= 1 - load + 1e-12)).all()
        assert ((performance >= 0) & (performance <= 1 + 1e-12)).all()
        for per_level in rep.duties.values():
            assert ((per_level >= 0) & (per_level <= 1 + 1e-12)).all()


def test_same_seed_same_numbers_and_replications_do_not_depend_on_their_count() -> None:
    data = {
        "name": "repro",
        "hierarchy": {"levels": ["县", "乡镇", "村"], "span": [1, 3, 5]},
        "supervision": [
            {"by": "县", "period": 6, "assess": True, "sample": "random", "fraction": 0.5},
            {"by": "县", "over": ["村"], "kind": "random", "rate": 2, "independent": True},
        ],
        "accountability": [
            {"when": {"rating_at_most": "poor"}, "action": "rectification"},
            {"when": {"rating": "poor", "consecutive": 2}, "action": "replace"},
            {"when": {"failed_inspection": True}, "action": "criticism"},
        ],
        "joint_liability": True,
        "behaviour": {"model": "decision", "leader_sd": 0.3, "concealment": 0.5, "turnover": 0.2},
        "horizon_months": 24,
    }
    sc = Scenario.model_validate(data)
    three = simulate(sc, seed=5, replications=3)
    again = simulate(sc, seed=5, replications=3)
    five = simulate(sc, seed=5, replications=5)
    for a, b, c in zip(three.replicas, again.replicas, five.replicas, strict=False):
        assert a.means.tobytes() == b.means.tobytes() == c.means.tobytes()
        for key in a.events:
            assert a.events[key].tobytes() == c.events[key].tobytes()
    # the run did something: sanctions fired and effort differs across villages
    assert sum(len(r.events["unit"]) for r in three.replicas) > 0
    assert not math.isclose(three.replicas[0].means[2, -1, 1], three.replicas[1].means[2, -1, 1])


def test_inspection_days_cap_the_contacts_each_supervising_unit_makes() -> None:
    data = {
        "name": "capacity",
        "hierarchy": {"levels": ["县", "乡镇", "村"], "span": [2, 3, 10]},
        "supervision": [{"by": "县", "over": ["村"], "period": 3, "days": 1.0}],
        "horizon_months": 24,
    }
    free = simulate(Scenario.model_validate(data), seed=1).replicas[0]
    capped = simulate(Scenario.model_validate({**data, "inspection_days": {"县": 50}}), seed=1)
    rep = capped.replicas[0]
    # each county has 30 villages and checks them all 4 times a year at a day each: 120 days
    assert free.inspections.sum() == 2 * 30 * 8
    assert free.counters["dropped"].sum() == 0
    assert rep.inspections.sum() == 2 * 50 * 2  # 50 days a county, two years
    assert rep.counters["dropped"].sum() == 2 * (120 - 50) * 2
    assert capped.metrics["contacts_dropped"] == rep.counters["dropped"].sum()


def _scores_at_assessments(severity: float) -> Any:
    """Every village's measured score at the year-end ratings of years 2–4."""
    data = {
        "name": "bunching",
        "hierarchy": {"levels": ["县", "村"], "span": [1, 400]},
        "supervision": [{"by": "县", "period": 12, "assess": True, "paper": False}],
        "accountability": [
            {"when": {"rating_at_most": "poor"}, "action": "criticism", "severity": severity},
            # fires on every rated unit at no cost: the event log then holds every score
            {"when": {"rating_at_most": "excellent"}, "action": "talk", "severity": 0.0},
        ],
        "ratings": {"cutoffs": [0.9, 0.7, 0.5]},
        "behaviour": {"load": 0.3, "leader_sd": 0.3, "noise": 0.02, "score_uncertainty": 0.03},
        "horizon_months": 48,
    }
    events = simulate(Scenario.model_validate(data), seed=1).replicas[0].events
    return events["value"][(events["rule"] == 1) & (events["month"] > 12)]


def test_units_bunch_just_above_a_cutoff_with_consequences() -> None:
    """Ratings that people game (issue 8, §1.7): nothing in the model places units at the
    cutoff; the expected sanction's slope, largest at the cutoff, does."""
    plain, sanctioned = _scores_at_assessments(0.0), _scores_at_assessments(0.5)
    assert len(plain) == len(sanctioned) == 1200

    def share(s: Any, lo: float, hi: float) -> float:
        return float(((s >= lo) & (s < hi)).mean())

    assert share(sanctioned, 0.45, 0.5) < 0.5 * share(plain, 0.45, 0.5)  # fewer just below
    assert share(sanctioned, 0.5, 0.55) > 1.2 * share(plain, 0.5, 0.55)  # more just above

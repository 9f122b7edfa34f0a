"""The calibration script: its moments on hand-checked cases, and its quick run."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from zeren_graph.sim import Scenario, simulate
from zeren_graph.sim.engine import Replica

FIT = Path(__file__).resolve().parents[2] / "scenarios" / "calibration" / "fit.py"


@pytest.fixture(scope="module")
def fit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("calibration_fit", FIT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _replica(counters: dict[str, list[float]], events: dict[str, list[int]]) -> Replica:
    n = len(events["unit"])
    return Replica(
        np.zeros(0),
        None,
        np.zeros(0, dtype=np.int64),
        {k: np.asarray(v, dtype=np.float64) for k, v in counters.items()},
        {
            "month": np.asarray(events["month"]),
            "unit": np.asarray(events["unit"]),
            "rule": np.asarray(events["rule"]),
            "joint": np.asarray(events.get("joint", [0] * n), dtype=bool),
        },
    )


def test_moments_of_a_hand_counted_log(fit: ModuleType) -> None:
    # 3 villages (units 1-3) over 2 years; rules 0 excellent, 1 fair, 2 poor
    layout = fit.Layout(level=1, first=1, size=3, years=2, rules={0: 0, 1: 2, 2: 3})
    replica = _replica(
        {"poor_years": [5.0, 1.0], "replacements": [2.0, 3.0], "flagged_years": [0.0, 2.0]},
        {
            # year 1: village 1 poor, 2 fair, 3 excellent; year 2: villages 1 and 2 poor;
            # a joint sanction on the township (unit 0) and one on village 3 do not count
            "month": [12, 12, 12, 24, 24, 24, 24],
            "unit": [1, 2, 3, 1, 2, 0, 3],
            "rule": [2, 1, 0, 2, 2, 2, 2],
            "joint": [0, 0, 0, 0, 0, 0, 1],
        },
    )
    m = fit.moments(replica, layout)
    assert m["weak_share"] == pytest.approx(1 / 6)
    assert m["replacement_rate"] == pytest.approx(3 / 6)
    assert m["flagged_share"] == pytest.approx(2 / 6)
    assert m["poor_share"] == pytest.approx(3 / 6)
    assert m["fair_share"] == pytest.approx(1 / 6)
    assert m["excellent_share"] == pytest.approx(1 / 6)
    assert m["good_share"] == pytest.approx(1 / 6)  # the rest: village 3 in year 2
    assert m["poor_again"] == pytest.approx(1.0)  # village 1, poor in year 1, is poor again


def test_good_share_is_unknown_without_a_rule_per_rating(fit: ModuleType) -> None:
    layout = fit.Layout(level=0, first=0, size=2, years=1, rules={0: 3})
    replica = _replica(
        {"poor_years": [0.0], "replacements": [0.0], "flagged_years": [0.0]},
        {"month": [12], "unit": [0], "rule": [0]},
    )
    m = fit.moments(replica, layout)
    assert m["poor_share"] == 0.5
    assert math.isnan(m["good_share"])
    assert math.isnan(m["poor_again"])  # a single year has no next year


def test_a_ladder_that_rates_everyone_poor_replaces_once_in_five_years(fit: ModuleType) -> None:
    """Every village rated 较差 every year: poor share 1, and the 'three in a row' rule
    fires in year 3 and resets the run, so 1 replacement per village in 5 years."""
    sc = Scenario.model_validate({
        "name": "全部较差",
        "hierarchy": {"levels": ["县", "乡镇", "村"], "span": [1, 2, 3]},
        "supervision": [{"by": "县", "over": "村", "period": 12, "assess": True}],
        "accountability": [
            {"when": {"rating": "较差"}, "action": "通报批评"},
            {"when": {"rating": "较差", "consecutive": 3}, "action": "调整书记"},
        ],
        "ratings": {"independent": {"较差": 1.0}},
        "behaviour": {"model": "decision"},
        "horizon_months": 60,
    })  # fmt: skip
    layout = fit.layout_of(sc)
    assert (layout.level, layout.first, layout.size, layout.years) == (2, 3, 6, 5)
    assert dict(layout.rules) == {0: 3}
    result = simulate(sc, seed=3, replications=2, quantiles=False)
    for replica in result.replicas:
        m = fit.moments(replica, layout)
        assert m["poor_share"] == 1.0
        assert m["poor_again"] == 1.0
        assert m["replacement_rate"] == pytest.approx(1 / 5)
        assert m["weak_share"] == replica.counters["poor_years"][2] / 30


def test_layout_refuses_a_scenario_without_an_annual_assessment(fit: ModuleType) -> None:
    sc = Scenario.model_validate({
        "name": "无考核", "hierarchy": {"levels": ["县", "村"], "span": [1, 3]},
        "supervision": [{"by": "县", "period": 6, "assess": True}],
    })  # fmt: skip
    with pytest.raises(ValueError, match="annual assessment"):
        fit.layout_of(sc)


def test_loss_is_zero_on_the_targets_and_counts_only_excess_replacements(fit: ModuleType) -> None:
    exact = [t.value for t in fit.TARGETS]
    assert fit.loss(exact) == 0.0
    fewer = [*exact[:2], 0.0]
    assert fit.loss(fewer) == 0.0  # replacements are a bound, not a point
    more = [*exact[:2], 2 * exact[2]]
    assert fit.loss(more) == pytest.approx(1.0)


def test_quick_fit_runs_and_reports(fit: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert fit.main(["--quick", "--workers", "0"]) == 0
    out = capsys.readouterr().out
    assert "grid: 4 points x 2 replications" in out
    assert "fitted values" in out
    for target in fit.TARGETS:
        assert f"  {target.name}" in out
    assert "tolerance check:" in out

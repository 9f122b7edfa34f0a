"""Every shipped scenario runs, saves its files and renders its plots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zeren_graph.sim import load_scenario, simulate

SCENARIOS = sorted((Path(__file__).parents[2] / "scenarios" / "sim").glob("*.yaml"))


def test_every_scenario_is_listed_in_the_readme() -> None:
    readme = (SCENARIOS[0].parent / "README.md").read_text(encoding="utf-8")
    assert len(SCENARIOS) >= 7
    for path in SCENARIOS:
        assert path.name in readme


@pytest.mark.slow
@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_shipped_scenario_runs_and_plots(path: Path, tmp_path: Path) -> None:
    sc = load_scenario(path)
    assert sc.description or path.stem == "minimal"
    written = simulate(sc, replications=2).save(tmp_path)
    assert {p.name for p in written} >= {"summary.json", "levels.png", "events.png"}
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["levels"][0]["level"] == 1
    assert summary["levels"][0]["mean_pressure"] == pytest.approx(1.0)
    assert 0 < summary["metrics"]["last_mile_pressure"] <= 1


def test_joint_liability_lifts_pressure_below_the_top() -> None:
    folder = SCENARIOS[0].parent
    plain = simulate(load_scenario(folder / "ningxia_ladder.yaml"), replications=3)
    joint = simulate(load_scenario(folder / "ningxia_ladder_joint.yaml"), replications=3)
    assert joint.metrics["last_mile_pressure"] > plain.metrics["last_mile_pressure"]
    assert joint.metrics["last_mile_performance"] > plain.metrics["last_mile_performance"]
    assert joint.levels[2]["sanctions"] > plain.levels[2]["sanctions"]


def test_the_county_list_blind_spots_get_no_work_and_measured_duties_most() -> None:
    result = simulate(load_scenario(SCENARIOS[0].parent / "county_list.yaml"), replications=3)
    m = result.metrics
    assert m["duty_performance:none/unmeasured"] == 0.0  # ZG101's 流动党员教育管理
    assert m["measured_performance"] > 2 * m["unmeasured_performance"] > 0


def test_convenience_bias_changes_little_when_every_village_is_assessed() -> None:
    folder = SCENARIOS[0].parent
    biased = simulate(load_scenario(folder / "convenience_biased.yaml"), replications=3)
    fair = simulate(load_scenario(folder / "random_inspection.yaml"), replications=3)
    assert biased.metrics["inspections"] == pytest.approx(fair.metrics["inspections"], rel=0.01)
    assert min(biased.metrics["detection_rate"], fair.metrics["detection_rate"]) > 0.8
    assert abs(fair.metrics["detection_rate"] - biased.metrics["detection_rate"]) < 0.05


def test_half_yearly_dates_do_not_pay_to_prepare_for_in_the_decision_model() -> None:
    path = SCENARIOS[0].parent / "half_yearly.yaml"
    decision = simulate(load_scenario(path), replications=3)
    dose = simulate(load_scenario(path, overrides=["behaviour.model=dose"]), replications=3)
    assert decision.metrics["anticipation_spike"] < 1.02  # no effort spike before the dates
    assert abs(decision.metrics["real_vs_measured_gap"]) < 0.01
    assert dose.metrics["anticipation_spike"] > 1.2  # the dose model assumed one
    assert dose.metrics["real_vs_measured_gap"] > 0.05


def test_frequent_light_contacts_fade_less_than_half_yearly_inspection() -> None:
    folder = SCENARIOS[0].parent
    half = simulate(load_scenario(folder / "half_yearly.yaml"), replications=3)
    frequent = simulate(load_scenario(folder / "monthly_quarterly_annual.yaml"), replications=3)
    assert frequent.metrics["last_mile_pressure"] > half.metrics["last_mile_pressure"]

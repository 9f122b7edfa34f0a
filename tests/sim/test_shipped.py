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
    assert joint.levels[2]["sanctions"] > plain.levels[2]["sanctions"]


def test_random_inspection_detects_more_than_convenience_biased() -> None:
    folder = SCENARIOS[0].parent
    biased = simulate(load_scenario(folder / "convenience_biased.yaml"), replications=3)
    fair = simulate(load_scenario(folder / "random_inspection.yaml"), replications=3)
    assert biased.metrics["inspections"] == pytest.approx(fair.metrics["inspections"], rel=0.01)
    assert fair.metrics["detection_rate"] > biased.metrics["detection_rate"] + 0.2


def test_frequent_light_contacts_fade_less_than_half_yearly_inspection() -> None:
    folder = SCENARIOS[0].parent
    half = simulate(load_scenario(folder / "half_yearly.yaml"), replications=3)
    frequent = simulate(load_scenario(folder / "monthly_quarterly_annual.yaml"), replications=3)
    assert frequent.metrics["last_mile_pressure"] > half.metrics["last_mile_pressure"]

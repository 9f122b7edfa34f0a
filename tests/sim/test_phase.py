"""Phase diagrams of a claim: a smoke grid on the shipped registry, and its picture."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from zeren_graph.errors import ScenarioError
from zeren_graph.sim.claims import Registry, compare, load_registry
from zeren_graph.sim.claims.phase import (
    VERDICTS,
    Axis,
    PhaseGrid,
    phase_grid,
    simulate_metrics,
)
from zeren_graph.sim.loading import load_scenario

REGISTRY = Path(__file__).resolve().parents[2] / "scenarios" / "claims.yaml"
SHORT = ("horizon_months=12",)
X = ("behaviour.hosting", (0.0, 0.2))
Y = ("behaviour.load", (0.1, 0.4))


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REGISTRY, overrides=SHORT)


@pytest.fixture(scope="module")
def grid(registry: Registry) -> PhaseGrid:
    return phase_grid(registry, "frequent-light-contact", X, Y, seed=5, replications=2, cache={})


def test_the_grid_has_one_cell_per_pair_of_values(grid: PhaseGrid) -> None:
    assert grid.shape == (2, 2)
    assert [(c.x, c.y) for c in grid.cells] == [(0.0, 0.1), (0.2, 0.1), (0.0, 0.4), (0.2, 0.4)]
    assert sum(grid.count(v) for v in VERDICTS) == 4
    assert grid.metric == "last_mile_performance"
    assert grid.expect == "a > b"
    assert grid.to_rows()[3]["behaviour.hosting"] == 0.2


def test_the_same_seed_gives_the_same_grid(registry: Registry, grid: PhaseGrid) -> None:
    again = phase_grid(registry, "frequent-light-contact", X, Y, seed=5, replications=2)
    assert again.to_rows() == grid.to_rows()


def test_an_executor_does_not_change_the_grid(registry: Registry, grid: PhaseGrid) -> None:
    with ThreadPoolExecutor(2) as pool:
        again = phase_grid(
            registry, "frequent-light-contact", X, Y, seed=5, replications=2, executor=pool
        )
    assert again.to_rows() == grid.to_rows()


def test_a_cell_agrees_with_compare_on_the_same_runs(grid: PhaseGrid) -> None:
    """The last cell, rebuilt by hand: both scenarios with its overrides, the same seed."""
    pair = grid.claim.holds
    cell = grid.cells[-1]
    extra = (*SHORT, f"behaviour.hosting={cell.x}", f"behaviour.load={cell.y}")
    runs = [
        simulate_metrics(load_scenario(REGISTRY.parent / rel, overrides=extra), 5, 2)
        for rel in (pair.a, str(pair.b))
    ]
    interval, as_stated = compare(runs[0][grid.metric], runs[1][grid.metric], pair.direction)
    assert cell.interval == interval
    assert (cell.verdict == "as stated") is as_stated
    if cell.verdict == "reversed":
        assert interval.supports("<")


def test_a_prefixed_key_reaches_one_scenario_only() -> None:
    axis = Axis("a:accountability[2].severity", (0.5,))
    assert axis.path == "accountability[2].severity"
    assert axis.assignment(0.5, "a") == ("accountability[2].severity=0.5",)
    assert axis.assignment(0.5, "b") == ()


def test_a_key_a_scenario_does_not_accept_is_refused_before_anything_runs(
    registry: Registry,
) -> None:
    with pytest.raises(ScenarioError, match=r"behaviour\.hostin"):
        phase_grid(registry, "frequent-light-contact", ("behaviour.hostin", (0.1,)), Y, seed=1)


def test_bad_parameters_are_named(registry: Registry) -> None:
    with pytest.raises(ValueError, match="'pair' parameter"):
        phase_grid(registry, "leniency-empties-ratings", X, Y, pair="reverses", seed=1)
    with pytest.raises(ValueError, match="'replications' parameter"):
        phase_grid(registry, "frequent-light-contact", X, Y, seed=1, replications=1)
    with pytest.raises(ScenarioError, match="no claim with id"):
        phase_grid(registry, "frequent-light", X, Y, seed=1)


def test_the_plot_writes_a_png(grid: PhaseGrid, tmp_path: Path) -> None:
    from zeren_graph.plot.claims import plot_phase, save_phase

    fig = plot_phase(grid, marks={"holds": (0.0, 0.4)})
    title = fig.axes[0].get_title()
    assert title.startswith("frequent-light-contact\n每月必问")
    assert fig.axes[0].get_xlabel() == "behaviour.hosting"
    path = save_phase(grid, tmp_path / "phase.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

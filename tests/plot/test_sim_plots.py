from __future__ import annotations

from pathlib import Path

import pytest

from zeren_graph.plot.sim import plot_attenuation, plot_events, plot_levels, save_plots
from zeren_graph.sim import SimulationResult, parse_scenario, simulate


@pytest.fixture(scope="module")
def result() -> SimulationResult:
    sc = parse_scenario(
        {
            "name": "宁夏阶梯",
            "hierarchy": {"levels": ["自治区", "市", "县"], "span": [1, 3, 4]},
            "supervision": [{"by": "自治区", "period": 12, "assess": True}],
            "accountability": [{"when": {"rating_at_most": "一般"}, "action": "约谈"}],
            "ratings": {"independent": {"fair": 0.5}},
            "horizon_months": 24,
            "replications": 2,
        }
    )
    return simulate(sc, seed=1)


def test_levels_plot_has_a_line_and_band_per_level(result: SimulationResult) -> None:
    fig = plot_levels(result)
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["自治区", "市", "县"]
    assert len(ax.lines) == 3
    assert len(ax.collections) == 3


def test_attenuation_plot_labels_levels_in_chinese(result: SimulationResult) -> None:
    ax = plot_attenuation(result).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["自治区", "市", "县"]


def test_event_raster_shows_inspections_and_talks(result: SimulationResult) -> None:
    ax = plot_events(result).axes[0]
    legend = ax.get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == ["inspection 检查", "talk 约谈"]


def test_save_plots_writes_pngs(result: SimulationResult, tmp_path: Path) -> None:
    paths = save_plots(result, tmp_path)
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in paths)

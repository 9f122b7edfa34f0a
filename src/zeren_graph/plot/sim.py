"""Plots of a simulation: levels over time with bands, attenuation, an event raster.

matplotlib is imported inside the functions (Agg canvas through
:class:`matplotlib.figure.Figure`, no pyplot state); Chinese level names render
with :func:`zeren_graph.plot.fonts.cjk_rc`.

Examples
--------
>>> from zeren_graph.sim import Scenario, simulate
>>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 6,
...     "hierarchy": {"levels": ["省", "市", "县"], "span": [1, 2, 2]}})
>>> fig = plot_levels(simulate(sc, seed=1))
>>> [ax.get_title() for ax in fig.axes]
['pressure 压力', 'effort 努力']
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from zeren_graph.output.run import RunFolder
    from zeren_graph.sim.results import SimulationResult

__all__ = ["plot_attenuation", "plot_events", "plot_levels", "save_plots"]

_TITLES = {"pressure": "pressure 压力", "effort": "effort 努力", "performance": "performance 实绩"}


def _rc() -> dict[Any, Any]:
    from zeren_graph.plot.fonts import cjk_rc  # noqa: PLC0415

    return dict(cjk_rc())


def _figure(width: float, height: float, ncols: int = 1) -> Figure:
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = Figure(figsize=(width, height), layout="constrained")
    fig.subplots(1, ncols, squeeze=False)
    return fig


def plot_levels(
    result: SimulationResult, variables: tuple[str, ...] = ("pressure", "effort")
) -> Figure:
    """Each level's mean over time, a band from the 10 % to the 90 % unit quantile.

    Examples
    --------
    >>> from zeren_graph.sim import Scenario, simulate
    >>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 3,
    ...     "hierarchy": {"levels": ["省", "市"], "span": [1, 2]}})
    >>> len(plot_levels(simulate(sc), ("performance",)).axes)
    1
    """
    import matplotlib as mpl  # noqa: PLC0415

    frame = result.to_frame("summary")
    with mpl.rc_context(_rc()):
        fig = _figure(5.5 * len(variables), 4, len(variables))
        for ax, var in zip(fig.axes, variables, strict=True):
            for k, name in enumerate(result.level_names):
                rows = frame[(frame["level"] == k + 1) & (frame["variable"] == var)]
                (line,) = ax.plot(rows["month"], rows["mean"], label=name)
                lo = rows["q10"].where(rows["q10"].notna(), rows["lo"])
                hi = rows["q90"].where(rows["q90"].notna(), rows["hi"])
                ax.fill_between(rows["month"], lo, hi, alpha=0.2, color=line.get_color())
            ax.set(title=_TITLES[var], xlabel="month 月", ylim=(0, 1.02))
            ax.legend(fontsize="small")
        fig.suptitle(result.scenario.name)
    return fig


def plot_attenuation(result: SimulationResult) -> Figure:
    """Mean pressure and effort per level, with 95 % intervals of pressure across replications.

    Examples
    --------
    >>> from zeren_graph.sim import Scenario, simulate
    >>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 3,
    ...     "hierarchy": {"levels": ["省", "市"], "span": [1, 2]}})
    >>> plot_attenuation(simulate(sc)).axes[0].get_ylabel()
    'mean over the run'
    """
    import matplotlib as mpl  # noqa: PLC0415

    levels = result.levels
    x = np.arange(len(levels))
    pressure = np.array([lv["mean_pressure"] for lv in levels])
    effort = np.array([lv["mean_effort"] for lv in levels])
    intervals = [
        lv["mean_pressure_interval"] or [p, p] for lv, p in zip(levels, pressure, strict=True)
    ]
    err = np.abs(np.array(intervals).T - pressure)
    with mpl.rc_context(_rc()):
        fig = _figure(6, 4)
        ax = fig.axes[0]
        ax.bar(x - 0.2, pressure, 0.4, yerr=err, label="pressure 压力", capsize=3)
        ax.bar(x + 0.2, effort, 0.4, label="effort 努力")
        for k, lv in enumerate(levels[1:], start=1):
            if lv["attenuation_pressure"] is not None:
                ax.annotate(f"×{lv['attenuation_pressure']:.2f}", (k - 0.2, pressure[k]),
                            ha="center", va="bottom", fontsize="small")  # fmt: skip
        ax.set_xticks(x, [lv["name"] for lv in levels])
        ax.set(ylabel="mean over the run", ylim=(0, 1.1), title="压力递减、逐级弱化")
        ax.legend(fontsize="small")
    return fig


def plot_events(result: SimulationResult, replication: int = 0) -> Figure:
    """Inspections (grey, size by count) and rule firings (by action) per level and month.

    Examples
    --------
    >>> from zeren_graph.sim import Scenario, simulate
    >>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 3,
    ...     "hierarchy": {"levels": ["省", "市"], "span": [1, 2]}})
    >>> plot_events(simulate(sc)).axes[0].get_xlabel()
    'month 月'
    """
    import matplotlib as mpl  # noqa: PLC0415

    from zeren_graph.sim.results import ACTION_ZH  # noqa: PLC0415

    rep = result.replicas[replication]
    events = result.to_frame("events")
    events = events[events["replication"] == replication]
    n_levels = len(result.level_names)
    with mpl.rc_context(_rc()):
        fig = _figure(8, 1 + 0.6 * n_levels)
        ax = fig.axes[0]
        level, month = np.nonzero(rep.inspections)
        if len(level):
            size = 10 + 40 * rep.inspections[level, month] / rep.inspections.max()
            ax.scatter(
                month + 1, level + 1, s=size, color="0.7", marker="|", label="inspection 检查"
            )
        actions = sorted(set(events["action"]))
        for j, action in enumerate(actions):
            rows = events[events["action"] == action]
            counts = rows.groupby(["level", "month"]).size().reset_index(name="n")
            offset = (j + 1) / (len(actions) + 2) - 0.5
            size = 8 + 4 * np.sqrt(counts["n"])
            ax.scatter(counts["month"], counts["level"] + 0.6 * offset, s=size,
                       label=f"{action} {ACTION_ZH[action]}")  # fmt: skip
        ax.set_yticks(range(1, n_levels + 1), result.level_names)
        ax.invert_yaxis()
        ax.set(xlabel="month 月", xlim=(0, result.scenario.horizon_months + 1),
               title="inspections and sanctions 检查与问责")  # fmt: skip
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize="x-small", loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig


def save_plots(
    result: SimulationResult, directory: str | Path, *, run: RunFolder | None = None
) -> list[Path]:
    """Write ``levels.png``, ``attenuation.png`` and ``events.png``; return their paths.

    Each file is written to a temporary file and renamed into place; a
    symbolic link at a target is refused
    (:class:`~zeren_graph.errors.OutputError`). Within a simulation's run
    folder (``run``), the files are recorded in its manifest.

    Examples
    --------
    >>> import tempfile
    >>> from zeren_graph.sim import Scenario, simulate
    >>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 3,
    ...     "hierarchy": {"levels": ["省", "市"], "span": [1, 2]}})
    >>> [p.name for p in save_plots(simulate(sc), tempfile.mkdtemp())]
    ['levels.png', 'attenuation.png', 'events.png']
    """
    from zeren_graph.output.atomic import atomic_path  # noqa: PLC0415

    out = Path(directory) if run is None else run.folder
    paths = []
    for name, draw in (("levels", plot_levels), ("attenuation", plot_attenuation),
                       ("events", plot_events)):  # fmt: skip
        fig = draw(result)
        path = out / f"{name}.png"
        with run.file(path.name) if run is not None else atomic_path(path) as tmp:
            fig.savefig(tmp, format="png", dpi=110)
        paths.append(path)
    return paths

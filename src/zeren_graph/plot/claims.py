"""The phase diagram of a claim: a heatmap of the mean difference with each cell's verdict.

A :class:`~zeren_graph.sim.claims.phase.PhaseGrid` is drawn as one cell per
(x, y): its colour the mean paired difference ``a − b`` (diverging around
zero), its text the figure, and its verdict marked — no hatching where the
claim comes out as stated, cross-hatching where it is reversed, dots where
the interval straddles zero. matplotlib is imported inside the functions
(Agg canvas through :class:`matplotlib.figure.Figure`); Chinese renders with
:func:`zeren_graph.plot.fonts.cjk_rc`.

Examples
--------
>>> from zeren_graph.sim.claims.phase import Axis, PhaseCell, PhaseGrid
>>> from zeren_graph.sim.claims import Claim, PairedInterval
>>> claim = Claim.model_validate({"id": "demo", "claim": "每月必问 helps", "source": "001",
...     "metric": "last_mile_performance", "holds": {"a": "a.yaml", "b": "b.yaml",
...     "expect": "a > b"}})
>>> cells = tuple(PhaseCell(x, y, 0.5, 0.4, PairedInterval(d, d - 0.05, d + 0.05, 10), v)
...     for (y, x), d, v in zip([(0, 0), (0, 1), (1, 0), (1, 1)], [0.1, 0.02, -0.1, 0.0],
...                             ["as stated", "neither", "reversed", "neither"]))
>>> grid = PhaseGrid(claim, "holds", "last_mile_performance", "a > b",
...     Axis("behaviour.hosting", (0, 1)), Axis("behaviour.load", (0, 1)), 1, 10, cells)
>>> fig = plot_phase(grid, marks={"holds": (0, 0), "reverses": (1, 0)})
>>> fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
('behaviour.hosting', 'behaviour.load')
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Mapping

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from zeren_graph.sim.claims.phase import PhaseGrid

__all__ = ["HATCHES", "plot_phase", "save_phase"]

#: How each verdict is marked on its cell.
HATCHES = {"as stated": "", "reversed": "xxx", "neither": "..."}
_MARK = "the registry's pairs 原设定"
_LABELS = {"as stated": "as stated 成立", "reversed": "reversed 反转", "neither": "neither 不显著"}


def _tick(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _scale(diffs: np.ndarray[Any, np.dtype[np.float64]]) -> float:
    finite = np.abs(diffs[np.isfinite(diffs)])
    top = float(finite.max()) if finite.size else 0.0
    return top if top > 0 else 1.0


def _cells(ax: Axes, grid: PhaseGrid, vmax: float) -> None:
    from matplotlib.patches import Rectangle  # noqa: PLC0415

    diffs = grid.differences
    places = min(5, max(3, 1 - math.floor(math.log10(vmax))))
    for i, row in enumerate(grid.verdicts):
        for j, which in enumerate(row):
            hatch = HATCHES[str(which)]
            if hatch:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch=hatch,
                                       edgecolor="0.25", linewidth=0))  # fmt: skip
            d = diffs[i, j]
            shown = 0.0 if round(d, places) == 0 else d  # no "-0.000"
            text = "n/a" if math.isnan(d) else f"{shown:+.{places}f}"
            dark = not hatch and not math.isnan(d) and abs(d) > 0.6 * vmax
            ax.text(j, i, text, ha="center", va="center", fontsize="small",
                    color="white" if dark else "black",
                    bbox={"facecolor": "white", "alpha": 0.6, "pad": 1, "linewidth": 0}
                    if hatch else None)  # fmt: skip


def _title(grid: PhaseGrid) -> str:
    claim = grid.claim
    pair = claim.holds if grid.pair == "holds" else claim.reverses
    files = ""
    if pair is not None:
        files = f"{pair.a} vs {pair.b:g}" if isinstance(pair.b, float) else f"{pair.a} vs {pair.b}"
    text = textwrap.fill(claim.claim, 60)
    how = f"95 % paired interval, seed {grid.seed}, {grid.replications} replications a cell"
    return f"{claim.id}\n{text}\n{grid.pair} pair: {files}, expect {grid.expect}\n{how}"


def _marks(ax: Axes, grid: PhaseGrid, marks: Mapping[str, tuple[Any, Any]]) -> None:
    from matplotlib.patches import Rectangle  # noqa: PLC0415

    for label, (x, y) in marks.items():
        if x not in grid.x.values or y not in grid.y.values:
            continue
        j, i = grid.x.values.index(x), grid.y.values.index(y)
        box = Rectangle((j - 0.47, i - 0.47), 0.94, 0.94, fill=False, edgecolor="black",
                        linewidth=2.2, linestyle="--", label=_MARK)  # fmt: skip
        ax.add_patch(box)
        tag = {"facecolor": "white", "pad": 1, "linewidth": 0}
        ax.text(j - 0.43, i + 0.43, label, ha="left", va="top", fontsize="x-small", bbox=tag)


def plot_phase(grid: PhaseGrid, *, marks: Mapping[str, tuple[Any, Any]] | None = None) -> Figure:
    """Draw ``grid``: the mean difference ``a − b`` per cell, its verdict hatched.

    ``marks`` maps a label to an ``(x, y)`` of the grid: that cell is outlined
    with a dashed box and labelled (where the registry's own pairs sit).

    Examples
    --------
    See the module's example.
    """
    import matplotlib as mpl  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415

    from zeren_graph.plot.fonts import cjk_rc  # noqa: PLC0415

    diffs = grid.differences
    vmax = _scale(diffs)
    with mpl.rc_context(dict(cjk_rc())):
        fig = Figure(figsize=(7.5, 6.2), layout="constrained")
        ax = fig.subplots()
        image = ax.imshow(np.ma.masked_invalid(diffs), cmap="RdBu", vmin=-vmax, vmax=vmax,
                          origin="lower", aspect="auto")  # fmt: skip
        _cells(ax, grid, vmax)
        _marks(ax, grid, marks or {})
        ax.set_xticks(range(len(grid.x.values)), [_tick(v) for v in grid.x.values])
        ax.set_yticks(range(len(grid.y.values)), [_tick(v) for v in grid.y.values])
        ax.set(xlabel=grid.x.key, ylabel=grid.y.key)
        bar = fig.colorbar(image, ax=ax)
        bar.set_label(f"mean difference a - b\n{grid.metric}")
        handles: list[Any] = [
            Patch(facecolor="white", edgecolor="0.25", hatch=HATCHES[v], label=_LABELS[v])
            for v in HATCHES
        ]
        handles += [p for p in ax.patches if p.get_label() == _MARK][:1]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=4,
                  fontsize="small", frameon=False)  # fmt: skip
        ax.set_title(_title(grid), fontsize="medium")
    return fig


def save_phase(
    grid: PhaseGrid,
    path: str | Path,
    *,
    marks: Mapping[str, tuple[Any, Any]] | None = None,
    dpi: float = 110,
) -> Path:
    """Draw ``grid`` (see :func:`plot_phase`) and write it to ``path`` (PNG or SVG) atomically.

    Examples
    --------
    >>> import tempfile
    >>> from zeren_graph.sim.claims.phase import Axis, PhaseCell, PhaseGrid
    >>> from zeren_graph.sim.claims import Claim, PairedInterval
    >>> claim = Claim.model_validate({"id": "demo", "claim": "集体负责 = 无人负责",
    ...     "source": "003", "metric": "last_mile_performance",
    ...     "holds": {"a": "a.yaml", "b": "b.yaml", "expect": "a < b"}})
    >>> cell = PhaseCell(0.1, 0.2, 0.4, 0.5, PairedInterval(-0.1, -0.2, 0.0, 5), "neither")
    >>> grid = PhaseGrid(claim, "holds", "last_mile_performance", "a < b",
    ...     Axis("behaviour.load", (0.1,)), Axis("behaviour.noise", (0.2,)), 1, 5, (cell,))
    >>> save_phase(grid, Path(tempfile.mkdtemp()) / "demo.png").name
    'demo.png'
    """
    from zeren_graph.plot.save import save  # noqa: PLC0415

    return save(plot_phase(grid, marks=marks), path, dpi=dpi)

r"""Phase diagrams of a claim: where in a two-parameter plane it holds, reverses, or neither.

:func:`phase_grid` runs one pair of a claim (``holds`` or ``reverses``) on
every cell of a grid of two scenario parameters. In each cell both scenarios
get the same two overrides (key paths as ``zeren simulate --set`` takes them)
and the same seed (common random numbers); the paired interval of the
metric's difference ``a − b`` gives the cell's verdict:

* ``as stated``: the 95 % interval lies on the side ``expect`` names;
* ``reversed``: it lies on the other side;
* ``neither``: it straddles zero (or is undefined).

A key path prefixed ``a:`` or ``b:`` is applied to that scenario only
(``a:accountability[2].severity`` when ``b`` has no such rule).

Examples
--------
>>> import tempfile, pathlib
>>> from zeren_graph.sim.claims import load_registry
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> for name, keep in (("strong", 0.9), ("weak", 0.7)):
...     _ = (d / f"{name}.yaml").write_text(
...         f"name: {name}\nhorizon_months: 6\ntransmission: {{retention: {keep}}}\n"
...         "hierarchy: {levels: [县, 乡镇, 村], span: [1, 2, 3]}\n", encoding="utf-8")
>>> _ = (d / "claims.yaml").write_text(
...     "- id: keep\n  claim: 保留更多\n  source: '001'\n  metric: last_mile_ratio\n"
...     "  holds: {a: strong.yaml, b: weak.yaml, expect: a > b}\n", encoding="utf-8")
>>> grid = phase_grid(load_registry(d / "claims.yaml"), "keep",
...     ("behaviour.noise", [0.0, 0.05]), ("behaviour.load", [0.0, 0.3]),
...     seed=1, replications=3)
>>> grid.shape, [grid.count(v) for v in VERDICTS]
((2, 2), [4, 0, 0])
>>> grid.to_rows()[0]["verdict"], grid.differences.shape
('as stated', (2, 2))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from zeren_graph.errors import Problem, ScenarioError
from zeren_graph.sim.claims.registry import Claim, Comparison, Registry, override_texts
from zeren_graph.sim.claims.runner import compare
from zeren_graph.sim.claims.stats import PairedInterval
from zeren_graph.sim.metrics import per_replication
from zeren_graph.sim.runner import simulate
from zeren_graph.sim.scenario import Scenario

__all__ = [
    "VERDICTS",
    "Axis",
    "PhaseCell",
    "PhaseGrid",
    "phase_grid",
    "simulate_metrics",
    "verdict",
]

#: The verdicts of a cell, in the order the plots list them.
VERDICTS = ("as stated", "reversed", "neither")
Verdict = Literal["as stated", "reversed", "neither"]
Values = list[float | None]
_CODE = "invalid-scenario"
_OPPOSITE = {">": "<", "<": ">"}


@dataclass(frozen=True)
class Axis:
    """One parameter of a phase diagram: a scenario key path and the values it takes.

    ``key`` is a key path as ``--set`` takes it (``behaviour.hosting``,
    ``supervision[0].bias``); prefixed ``a:`` or ``b:`` it applies to that
    scenario of the pair only.
    """

    key: str
    values: tuple[Any, ...]

    @property
    def path(self) -> str:
        """The key path without its ``a:`` / ``b:`` prefix."""
        return self.key.split(":", 1)[1] if self.key[:2] in ("a:", "b:") else self.key

    def assignment(self, value: Any, side: str) -> tuple[str, ...]:
        """Return the ``--set`` text putting ``value`` in scenario ``side`` (``"a"`` or ``"b"``).

        Examples
        --------
        >>> Axis("a:behaviour.load", (0.1,)).assignment(0.1, "b")
        ()
        >>> Axis("behaviour.load", (0.1,)).assignment(0.1, "b")
        ('behaviour.load=0.1',)
        """
        if self.key[:2] in ("a:", "b:") and self.key[0] != side:
            return ()
        return override_texts({self.path: value})


@dataclass(frozen=True)
class PhaseCell:
    """One cell of a phase grid: the parameter values, the interval, the verdict."""

    x: Any
    y: Any
    mean_a: float | None
    mean_b: float | None
    interval: PairedInterval
    verdict: Verdict


@dataclass(frozen=True)
class PhaseGrid:
    """A claim's pair run over a grid of two parameters.

    ``cells`` run over ``y`` (rows) then ``x`` (columns), as the matrices do.
    """

    claim: Claim
    pair: str
    metric: str
    expect: str
    x: Axis
    y: Axis
    seed: int
    replications: int
    cells: tuple[PhaseCell, ...]

    @property
    def shape(self) -> tuple[int, int]:
        """``(len(y.values), len(x.values))``."""
        return len(self.y.values), len(self.x.values)

    @property
    def differences(self) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The mean difference ``a − b`` of each cell (NaN where undefined), rows over ``y``."""
        values = [np.nan if c.interval.mean is None else c.interval.mean for c in self.cells]
        return np.array(values, dtype=np.float64).reshape(self.shape)

    @property
    def verdicts(self) -> np.ndarray[Any, np.dtype[np.str_]]:
        """The verdict of each cell, rows over ``y``."""
        return np.array([c.verdict for c in self.cells]).reshape(self.shape)

    def count(self, which: str) -> int:
        """How many cells have the verdict ``which``."""
        return sum(c.verdict == which for c in self.cells)

    def to_rows(self) -> list[dict[str, Any]]:
        """One JSON-ready mapping per cell: the two values, the means, the interval, the verdict."""
        return [
            {self.x.key: c.x, self.y.key: c.y, "mean_a": c.mean_a, "mean_b": c.mean_b,
             "difference": c.interval.mean, "interval": c.interval.bounds or None,
             "n": c.interval.n, "verdict": c.verdict}
            for c in self.cells
        ]  # fmt: skip


def verdict(interval: PairedInterval, direction: str) -> Verdict:
    """``as stated`` / ``reversed`` / ``neither``: which side of 0 the interval supports.

    Examples
    --------
    >>> verdict(PairedInterval(-0.2, -0.3, -0.1, 10), ">")
    'reversed'
    >>> verdict(PairedInterval(0.05, -0.01, 0.11, 10), ">")
    'neither'
    """
    if interval.supports(direction):
        return "as stated"
    if interval.supports(_OPPOSITE[direction]):
        return "reversed"
    return "neither"


def _axis(value: Axis | tuple[str, Sequence[Any]], name: str) -> Axis:
    axis = value if isinstance(value, Axis) else Axis(value[0], tuple(value[1]))
    if not axis.path or not axis.values:
        msg = f"The '{name}' parameter of phase_grid must name a key path and at least one value."
        raise ValueError(f"{msg} Got {value!r} instead.")
    return axis


def _seed(seed: int | np.random.Generator) -> int:
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(2**63))
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        msg = f"The 'seed' parameter of phase_grid must be an int from 0 to 2**63-1. Got {seed!r}."
        raise ValueError(msg)
    return seed


def _pair_of(claim: Claim, pair: str) -> Comparison:
    chosen = claim.holds if pair == "holds" else claim.reverses if pair == "reverses" else None
    if chosen is None:
        has = "'holds' or 'reverses'" if claim.reverses else "'holds' (it has no reverses pair)"
        msg = f"The 'pair' parameter of phase_grid must be {has} for {claim.id!r}. Got {pair!r}."
        raise ValueError(msg)
    return chosen


def simulate_metrics(scenario: Scenario, seed: int, replications: int) -> dict[str, Values]:
    """Run ``scenario`` and return its per-replication metrics (the unit of work of a grid).

    A module-level function, so that a process pool can run it.
    """
    result = simulate(scenario, seed=seed, replications=replications)
    return per_replication(result.replicas, result.announced)


_Key = tuple[str, tuple[str, ...]]


def _scenarios(
    registry: Registry, pair: Comparison, x: Axis, y: Axis
) -> dict[tuple[int, int], dict[str, _Key]]:
    """Map each cell to the (file, overrides) of its scenarios; check that every one loads."""
    from zeren_graph.sim.loading import load_scenario  # noqa: PLC0415

    cells: dict[tuple[int, int], dict[str, _Key]] = {}
    problems: list[Problem] = []
    for i, yv in enumerate(y.values):
        for j, xv in enumerate(x.values):
            sides: dict[str, _Key] = {}
            for side, rel in zip("ab", pair.scenarios, strict=False):
                extra = (*x.assignment(xv, side), *y.assignment(yv, side))
                sides[side] = (rel, (*registry.overrides, *extra))
            cells[i, j] = sides
    for key in sorted({k for sides in cells.values() for k in sides.values()}):
        try:
            load_scenario(registry.path.parent / key[0], overrides=key[1])
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)
    return cells


def _run_all(
    registry: Registry,
    keys: Sequence[_Key],
    *,
    seed: int,
    replications: int,
    executor: Executor | None,
    cache: dict[tuple[_Key, int, int], dict[str, Values]],
) -> None:
    from zeren_graph.sim.loading import load_scenario  # noqa: PLC0415

    todo = [k for k in keys if (k, seed, replications) not in cache]
    scenarios = [load_scenario(registry.path.parent / k[0], overrides=k[1]) for k in todo]
    if executor is None:
        results = [simulate_metrics(s, seed, replications) for s in scenarios]
    else:
        n = len(scenarios)
        results = list(executor.map(simulate_metrics, scenarios, [seed] * n, [replications] * n))
    for key, metrics in zip(todo, results, strict=True):
        cache[key, seed, replications] = metrics


def _values(metrics: Mapping[str, Values], metric: str, rel: str) -> Values:
    if metric not in metrics:
        msg = f"{rel} has no figure {metric!r} to compare"
        raise ScenarioError(Problem(_CODE, msg, file=rel, hint="name a duty the scenario has"))
    return metrics[metric]


def _mean(values: Values) -> float | None:
    kept = [v for v in values if v is not None]
    return float(np.mean(kept)) if kept else None


def phase_grid(
    registry: Registry,
    claim_id: str,
    x: Axis | tuple[str, Sequence[Any]],
    y: Axis | tuple[str, Sequence[Any]],
    *,
    pair: str = "holds",
    seed: int | np.random.Generator = 1,
    replications: int = 10,
    executor: Executor | None = None,
    cache: dict[tuple[_Key, int, int], dict[str, Values]] | None = None,
) -> PhaseGrid:
    """Run a claim's pair on every cell of a grid of two parameters and judge each cell.

    Parameters
    ----------
    registry : Registry
        From :func:`~zeren_graph.sim.claims.registry.load_registry`; its
        overrides apply first, then the cell's.
    claim_id : str
        The claim whose pair is run.
    x, y : Axis or (key path, values)
        The two parameters (columns and rows of the grid).
    pair : {"holds", "reverses"}
        Which pair of the claim; its ``metric`` and ``expect`` judge the cells.
    seed : int or numpy.random.Generator
        The seed of every run: both scenarios of a cell, and every cell, use it.
    replications : int
        Replications of every run (at least 2).
    executor : concurrent.futures.Executor, optional
        Runs the simulations (e.g. a ``ProcessPoolExecutor``); the results do
        not depend on it, nor on its number of workers.
    cache : dict, optional
        Runs already made, keyed by (file, overrides), seed and replications;
        filled with the new ones, so grids that share runs make them once.

    Raises
    ------
    ScenarioError
        An unknown claim, or a cell whose overrides a scenario does not accept
        (every problem at once, before anything runs).
    ValueError
        A bad ``pair``, ``seed``, ``replications`` or axis.
    """
    if isinstance(replications, bool) or not isinstance(replications, int) or replications < 2:
        msg = "The 'replications' parameter of phase_grid must be an int >= 2. Got {!r} instead."
        raise ValueError(msg.format(replications))
    (claim,) = registry.select([claim_id])
    comparison = _pair_of(claim, pair)
    metric = claim.metric_of(comparison)
    xa, ya, seed_int = _axis(x, "x"), _axis(y, "y"), _seed(seed)
    cells = _scenarios(registry, comparison, xa, ya)
    runs = {} if cache is None else cache
    keys = sorted({k for sides in cells.values() for k in sides.values()})
    _run_all(registry, keys, seed=seed_int, replications=replications, executor=executor,
             cache=runs)  # fmt: skip
    out = []
    for (i, j), sides in sorted(cells.items()):
        a = _values(runs[sides["a"], seed_int, replications], metric, comparison.a)
        b: Values | float
        if isinstance(comparison.b, float):
            b = comparison.b
        else:
            b = _values(runs[sides["b"], seed_int, replications], metric, comparison.b)
        interval, _ = compare(a, b, comparison.direction)
        mean_b = b if isinstance(b, float) else _mean(b)
        out.append(PhaseCell(xa.values[j], ya.values[i], _mean(a), mean_b, interval,
                             verdict(interval, comparison.direction)))  # fmt: skip
    return PhaseGrid(claim, pair, metric, comparison.expect, xa, ya, seed_int, replications,
                     tuple(out))  # fmt: skip

"""Run a scenario: seeds, replications, and the :class:`SimulationResult`.

Replication ``r`` draws from child ``r`` of ``numpy.random.SeedSequence(seed)``;
within it every mechanism draws from its own stream keyed by purpose, so two
scenarios sharing a structure share random numbers (common random numbers).

Examples
--------
>>> from zeren_graph.sim.scenario import Scenario
>>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 12, "replications": 3,
...                               "hierarchy": {"levels": ["省", "市", "县"], "span": [1, 2, 2]}})
>>> r = simulate(sc, seed=7)
>>> len(r.replicas), r.seed
(3, 7)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from zeren_graph.errors import Problem, ScenarioError
from zeren_graph.sim.engine import run_replication, stream
from zeren_graph.sim.results import SimulationResult
from zeren_graph.sim.scenario import Scenario
from zeren_graph.sim.schedules import contact_months, resolve_plans
from zeren_graph.sim.structure import Structure, build_structure

__all__ = ["resolve_seed", "simulate"]


def resolve_seed(seed: int | np.random.Generator | None, scenario: Scenario) -> int:
    """Return the integer seed of a run: ``seed``, else the scenario's, else fresh entropy.

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Scenario
    >>> sc = Scenario.model_validate({"name": "x", "seed": 5,
    ...                               "hierarchy": {"levels": ["省"], "span": [1]}})
    >>> resolve_seed(None, sc), resolve_seed(3, sc)
    (5, 3)
    """
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(2**63))
    if seed is not None:
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            msg = f"The 'seed' parameter of simulate must be a non-negative int, got {seed!r}"
            raise ScenarioError(Problem("invalid-scenario", msg, path="seed"))
        return seed
    if scenario.seed is not None:
        return scenario.seed
    return int(np.random.SeedSequence().entropy) % 2**63  # type: ignore[arg-type]


def simulate(
    scenario: Scenario,
    *,
    seed: int | np.random.Generator | None = None,
    replications: int | None = None,
    quantiles: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> SimulationResult:
    """Run every replication of ``scenario``.

    Parameters
    ----------
    scenario : Scenario
        The scenario (see :func:`zeren_graph.sim.load_scenario`).
    seed : int, numpy.random.Generator or None
        Overrides ``scenario.seed``; None and no scenario seed draws fresh entropy
        (recorded in the result).
    replications : int, optional
        Overrides ``scenario.replications``.
    quantiles : bool
        Record the 10/50/90 % quantiles across units every month (costs time at 1M units).
    progress : callable, optional
        Called as ``progress(done, total)`` in months simulated.

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Scenario
    >>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 12,
    ...     "hierarchy": {"levels": ["省", "市", "县", "乡镇", "村"], "span": [1, 4, 5, 6, 8]}})
    >>> [round(lv["final_pressure"], 3) for lv in simulate(sc, seed=1).levels]
    [1.0, 0.9, 0.81, 0.729, 0.656]
    """
    n_reps = scenario.replications if replications is None else replications
    if n_reps < 1:
        msg = f"The 'replications' parameter of simulate must be >= 1, got {n_reps}"
        raise ScenarioError(Problem("invalid-scenario", msg, path="replications"))
    base = resolve_seed(seed, scenario)
    structure = build_structure(
        scenario.hierarchy, rng=stream(np.random.SeedSequence(base), "structure")
    )
    announced = _announced(scenario, structure)
    total, done = n_reps * scenario.horizon_months, 0

    def tick(step: int) -> None:
        nonlocal done
        done += step
        if progress is not None:
            progress(done, total)

    replicas = tuple(
        run_replication(
            scenario,
            structure,
            np.random.SeedSequence(base, spawn_key=(r,)),
            quantiles=quantiles,
            progress=tick if progress is not None else None,
        )
        for r in range(n_reps)
    )
    return SimulationResult(scenario, structure, base, replicas, announced)


def _announced(scenario: Scenario, structure: Structure) -> tuple[tuple[int, ...], ...]:
    plans = resolve_plans(scenario, structure)
    months: list[set[int]] = [set() for _ in range(structure.n_levels)]
    for plan in plans:
        if plan.spec.is_announced:
            for level in plan.over:
                months[level].update(contact_months(plan, scenario.horizon_months))
    return tuple(tuple(sorted(m)) for m in months)

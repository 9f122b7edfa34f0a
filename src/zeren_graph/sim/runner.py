"""Run a scenario: seeds, replications, and the :class:`SimulationResult`.

Replication ``r`` draws from child ``r`` of ``numpy.random.SeedSequence(seed)``;
within it every mechanism draws from its own stream keyed by purpose, so two
scenarios sharing a structure share random numbers (common random numbers).

Before anything is allocated, :func:`simulate` checks the run against the
limits of :mod:`zeren_graph.limits` — units, months, replications and the
memory estimated by :func:`estimate_size` — and refuses with a
:class:`~zeren_graph.errors.LimitError` naming the key path and the estimate.

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

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from zeren_graph.errors import LimitError, Problem, ScenarioError
from zeren_graph.limits import current, exceeded
from zeren_graph.sim.engine import Replica, run_replication, stream
from zeren_graph.sim.results import SimulationResult
from zeren_graph.sim.scenario import Scenario
from zeren_graph.sim.schedules import contact_months, resolve_plans
from zeren_graph.sim.structure import Structure, build_structure, count_units

__all__ = ["SizeEstimate", "estimate_size", "memory_budget", "resolve_seed", "simulate"]

#: Seeds are below this: every seed a run reports fits a scenario file (18 digits).
SEED_BOUND = 10**18
#: Engine memory per unit, in bytes: ~30 arrays of one value per unit, with margin.
UNIT_BYTES = 200
#: ... plus this per unit for each supervision schedule (targets, groups, weights, boosts).
SCHEDULE_BYTES = 48
#: ... plus this per unit for each accountability rule (run counters, boosts).
RULE_BYTES = 16
#: Result memory per replication, level and month: means, quantiles and inspections
#: (13 numbers of 8 bytes), and the tidy tables ``save`` writes (about 1 KB per level-month).
SERIES_BYTES = 13 * 8 + 1000
#: Fixed memory of a run (Python, numpy, SimPy, the plots), in bytes.
BASE_BYTES = 200 * 10**6


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
        return int(seed.integers(SEED_BOUND))
    if seed is not None:
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
            shown = _shown(seed)
            msg = f"The 'seed' parameter of simulate must be an int from 0 to 2**63-1, got {shown}"
            raise ScenarioError(Problem("invalid-scenario", msg, path="seed", value=shown))
        return seed
    if scenario.seed is not None:
        return scenario.seed
    return int(np.random.SeedSequence().entropy) % SEED_BOUND  # type: ignore[arg-type]


def _shown(value: object) -> str:
    from zeren_graph.io.documents import show  # noqa: PLC0415

    return show(value)


@dataclass(frozen=True)
class SizeEstimate:
    """How big a run is, estimated before anything is allocated.

    ``engine_bytes`` is the memory of the engine's arrays,
    ``units × (UNIT_BYTES + SCHEDULE_BYTES × schedules + RULE_BYTES × rules) + BASE_BYTES``;
    ``replication_bytes`` what each replication keeps (its series and the tables
    ``save`` writes), ``levels × months × SERIES_BYTES``. The event log, which
    depends on what happens, is checked as replications finish.
    """

    units: int
    levels: int
    months: int
    replications: int
    engine_bytes: int
    replication_bytes: int

    @property
    def bytes(self) -> int:
        """The estimated peak memory of the run."""
        return self.engine_bytes + self.replications * self.replication_bytes

    @property
    def largest(self) -> str:
        """What to reduce first: ``hierarchy``, ``replications`` or ``horizon_months``."""
        if self.engine_bytes - BASE_BYTES >= self.replications * self.replication_bytes:
            return "hierarchy"
        return "replications" if self.replications > 1 else "horizon_months"


def estimate_size(
    scenario: Scenario,
    *,
    replications: int | None = None,
    units: int | None = None,
    levels: int | None = None,
    quantiles: bool = True,
) -> SizeEstimate:
    """Estimate the size of a run of ``scenario`` in closed form (nothing is built).

    ``units`` and ``levels`` are needed only for a structure read from a file
    (else they come from ``span``: ``span[0] + span[0]×span[1] + ...`` units).

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Scenario
    >>> sc = Scenario.model_validate({"name": "x", "horizon_months": 60, "replications": 10,
    ...     "hierarchy": {"levels": ["省", "市", "县", "乡镇", "村"], "span": [1, 4, 5, 6, 8]}})
    >>> est = estimate_size(sc)
    >>> est.units, est.levels, est.months, est.replications, human_bytes(est.bytes)
    (1105, 5, 60, 10, 'about 204 MB')
    >>> big = estimate_size(sc, replications=100_000)
    >>> human_bytes(big.bytes), big.largest
    ('about 33 GB', 'replications')
    """
    reps = scenario.replications if replications is None else replications
    n = units if units is not None else count_units(scenario.hierarchy) or 0
    if levels is None:
        levels = len(scenario.hierarchy.levels or ()) if scenario.hierarchy.span else 1
    per_unit = (
        UNIT_BYTES
        + SCHEDULE_BYTES * len(scenario.supervision)
        + RULE_BYTES * len(scenario.accountability)
    )
    series = SERIES_BYTES if quantiles else SERIES_BYTES - 9 * 8
    months = scenario.horizon_months
    return SizeEstimate(
        n, levels, months, reps, BASE_BYTES + n * per_unit, max(levels, 1) * months * series
    )


def human_bytes(n: int | float) -> str:
    """Return ``about 38 GB`` for a number of bytes (decimal units).

    Examples
    --------
    >>> human_bytes(38_400_000_000), human_bytes(2_500_000), human_bytes(999)
    ('about 38 GB', 'about 2.5 MB', 'about 999 bytes')
    """
    value = float(n)
    shown_unit = "PB"
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if value < 1000:
            shown_unit = unit
            break
        value /= 1000
    shown = f"{value:.1f}".removesuffix(".0") if value < 10 else f"{value:.0f}"
    return f"about {shown} {shown_unit}"


def memory_budget() -> tuple[int, str]:
    """Return the memory a run may use, in bytes, and how it was set.

    The ``sim_memory_bytes`` limit; 0 (the default) means half of the memory of
    this machine (or of its container, when that is smaller).

    Examples
    --------
    >>> from zeren_graph.limits import override
    >>> with override(sim_memory_bytes=8 * 10**9):
    ...     memory_budget()
    (8000000000, 'the limit of 8000000000 bytes')
    >>> memory_budget()[0] > 0
    True
    """
    limit = current().sim_memory_bytes
    if limit > 0:
        return limit, f"the limit of {limit} bytes"
    total = _physical_memory()
    machine = human_bytes(total).removeprefix("about ")
    return total // 2, f"half of this machine's memory ({machine})"


def _physical_memory() -> int:
    total = 8 * 10**9  # if the system will not say
    with contextlib.suppress(ValueError, OSError, AttributeError):
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    with contextlib.suppress(OSError, ValueError):  # a container's limit (cgroup v2)
        text = Path("/sys/fs/cgroup/memory.max").read_text(encoding="ascii").strip()
        if text.isdigit():
            total = min(total, int(text))
    return max(total, 1)


def _check_limits(scenario: Scenario, n_reps: int, units: int | None) -> None:
    """Refuse a run beyond the units, months or replications limit, every one at once."""
    limits = current()
    problems: list[Problem] = []
    months = scenario.horizon_months
    if months > limits.sim_months:
        what = f"a horizon of {_shown(months)} months"
        problems.extend(exceeded("sim_months", what, path="horizon_months").problems)
    if n_reps > limits.sim_replications:
        what = f"{_shown(n_reps)} replications"
        problems.extend(exceeded("sim_replications", what, path="replications").problems)
    if units is not None and units > limits.sim_units:
        shown = f"{units:,}" if units < 10**15 else "more than 10^15"
        what = f"the hierarchy has {shown} units"
        problems.extend(exceeded("sim_units", what, path="hierarchy.span").problems)
    if problems:
        raise LimitError(problems)


def _refuse_memory(need: int, detail: str, *, path: str) -> LimitError:
    budget, how = memory_budget()
    message = (
        f"the simulation would need {human_bytes(need)} of memory ({detail}), "
        f"above the budget of {human_bytes(budget)}, {how}"
    )
    hint = (
        "run fewer replications or months, or a smaller hierarchy; or, if the machine has the "
        "memory, raise the budget with the environment variable "
        f"{current().describe('sim_memory_bytes')}; 0 means half the machine's memory"
    )
    return LimitError([Problem("limit-exceeded", message, path=path, hint=hint)])


def _check_memory(est: SizeEstimate, hierarchy: str) -> None:
    budget, _ = memory_budget()
    if est.bytes > budget:
        detail = f"{est.units:,} units, {est.months} months, {est.replications:,} replications"
        path = hierarchy if est.largest == "hierarchy" else est.largest
        raise _refuse_memory(est.bytes, detail, path=path)


#: Bytes per event: its six columns, and its row in the table ``save`` writes.
EVENT_BYTES = 41 + 300


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
    if isinstance(n_reps, bool) or not isinstance(n_reps, int) or n_reps < 1:
        shown = _shown(n_reps)
        msg = f"The 'replications' parameter of simulate must be an int >= 1, got {shown}"
        raise ScenarioError(Problem("invalid-scenario", msg, path="replications", value=shown))
    base = resolve_seed(seed, scenario)
    hierarchy = scenario.hierarchy
    where = "hierarchy.span" if hierarchy.span is not None else "hierarchy"
    units = count_units(hierarchy, cap=current().sim_units)
    _check_limits(scenario, n_reps, units)
    if units is not None:
        est = estimate_size(scenario, replications=n_reps, units=units, quantiles=quantiles)
        _check_memory(est, where)
    structure = build_structure(hierarchy, rng=stream(np.random.SeedSequence(base), "structure"))
    est = estimate_size(
        scenario,
        replications=n_reps,
        units=structure.n_units,
        levels=structure.n_levels,
        quantiles=quantiles,
    )
    _check_memory(est, where)
    announced = _announced(scenario, structure)
    total, done = n_reps * scenario.horizon_months, 0

    def tick(step: int) -> None:
        nonlocal done
        done += step
        if progress is not None:
            progress(done, total)

    replicas: list[Replica] = []
    events, budget = 0, memory_budget()[0]
    for r in range(n_reps):
        replica = run_replication(
            scenario,
            structure,
            np.random.SeedSequence(base, spawn_key=(r,)),
            quantiles=quantiles,
            progress=tick if progress is not None else None,
        )
        replicas.append(replica)
        # the event log depends on what happens: project it from the replications so far
        events += len(replica.events["month"])
        need = est.bytes + events * EVENT_BYTES * n_reps // (r + 1)
        if need > budget:
            detail = f"the events of the first {r + 1} of {n_reps:,} replications project to it"
            raise _refuse_memory(need, detail, path="replications")
    return SimulationResult(scenario, structure, base, tuple(replicas), announced)


def _announced(scenario: Scenario, structure: Structure) -> tuple[tuple[int, ...], ...]:
    plans = resolve_plans(scenario, structure)
    months: list[set[int]] = [set() for _ in range(structure.n_levels)]
    for plan in plans:
        if plan.spec.is_announced:
            for level in plan.over:
                months[level].update(contact_months(plan, scenario.horizon_months))
    return tuple(tuple(sorted(m)) for m in months)

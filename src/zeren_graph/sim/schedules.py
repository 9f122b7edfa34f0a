"""Supervision schedules resolved against a structure: who is covered, when, which sample.

Examples
--------
>>> from zeren_graph.sim.scenario import Hierarchy, Scenario, Schedule
>>> from zeren_graph.sim.structure import build_structure
>>> sc = Scenario(name="示例", hierarchy=Hierarchy(levels=("县", "乡镇", "村"), span=(1, 2, 3)),
...               supervision=(Schedule(by="县", over=("村",), period=6, budget=1),))
>>> plan = resolve_plans(sc, build_structure(sc.hierarchy))[0]
>>> plan.over, plan.targets.tolist(), contact_months(plan, 24)
((2,), [3, 4, 5, 6, 7, 8], [6, 12, 18, 24])
>>> len(select(plan, np.random.default_rng(1), np.zeros(9)))  # one village per county
1
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zeren_graph.errors import Problem, ScenarioError
from zeren_graph.sim.scenario import Behaviour, Sample, Scenario, Schedule, ScheduleKind
from zeren_graph.sim.structure import Structure

__all__ = [
    "Plan",
    "anticipation",
    "contact_months",
    "detection_chance",
    "poisson_visits",
    "resolve_plans",
    "select",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Plan:
    """A schedule resolved against a structure.

    ``targets`` are the covered units (sorted), ``groups`` the supervising unit
    (ancestor at level ``by``) of each target, ``weights`` the convenience weights
    ``exp(-bias * remote)`` (ones for other samples).
    """

    index: int
    spec: Schedule
    by: int
    over: tuple[int, ...]
    targets: IntArray
    groups: IntArray
    weights: FloatArray

    @property
    def label(self) -> str:
        """The schedule's name, or ``supervision[i]``."""
        return self.spec.name or f"supervision[{self.index}]"


def resolve_plans(scenario: Scenario, structure: Structure) -> list[Plan]:
    """Resolve every schedule's levels, targets and supervising units.

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Hierarchy, Scenario, Schedule
    >>> from zeren_graph.sim.structure import build_structure
    >>> sc = Scenario(name="示例", hierarchy=Hierarchy(levels=("省", "市"), span=(1, 2)),
    ...               supervision=(Schedule(by="省"),))
    >>> resolve_plans(sc, build_structure(sc.hierarchy))[0].over
    (1,)
    """
    plans = []
    problems: list[Problem] = []
    for i, spec in enumerate(scenario.supervision):
        try:
            by = structure.level_index(spec.by, path=f"supervision[{i}].by")
            refs = spec.over or tuple(str(k + 1) for k in range(by + 1, structure.n_levels))
            over = tuple(
                sorted({structure.level_index(r, path=f"supervision[{i}].over") for r in refs})
            )
        except ScenarioError as exc:
            problems.extend(exc.problems)
            continue
        bad = [structure.level_names[k] for k in over if k <= by]
        if bad or not over:
            msg = f"must name levels below {structure.level_names[by]!r}, got {bad or 'none'}"
            problems.append(Problem("invalid-scenario", msg, path=f"supervision[{i}].over"))
            continue
        targets = np.concatenate(
            [np.arange(structure.slice(k).start, structure.slice(k).stop) for k in over]
        ).astype(np.int64)
        groups = structure.ancestor_at(by)[targets]
        weights = np.exp(-spec.bias * structure.remote[targets])
        if spec.sample is not Sample.convenience:
            weights = np.ones(len(targets))
        plans.append(Plan(i, spec, by, over, targets, groups, weights))
    if problems:
        raise ScenarioError(problems)
    return plans


def contact_months(plan: Plan, horizon: int) -> list[int]:
    """Return the months (1-based) of a periodic plan's contacts within ``horizon``; [] for random.

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Schedule
    >>> p = Plan(0, Schedule(period=3, offset=1), 0, (1,), *(np.zeros(0),) * 3)
    >>> contact_months(p, 10)
    [1, 4, 7, 10]
    """
    if plan.spec.kind is ScheduleKind.random:
        return []
    first = plan.spec.offset or plan.spec.period
    return list(range(first, horizon + 1, plan.spec.period))


def anticipation(
    plans: list[Plan], n_levels: int, horizon: int, behaviour: Behaviour
) -> FloatArray:
    """Effort multipliers ``m[level, month-1]`` from known inspection dates.

    ``m = 1 + a (f - mean f)`` with ``f = 2**(-d / w)`` and ``d`` the months to the
    next announced contact: effort rises before a known date and sags after it,
    with the same mean. Levels without announced contacts get 1.

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Behaviour, Schedule
    >>> p = Plan(0, Schedule(period=3), 0, (1,), *(np.zeros(0),) * 3)
    >>> anticipation([p], 2, 6, Behaviour(anticipation=1.0)).round(3).tolist()[1]
    [0.667, 0.917, 1.417, 0.667, 0.917, 1.417]
    """
    out = np.ones((n_levels, horizon))
    months = np.arange(1, horizon + 1)
    for level in range(n_levels):
        known = [p for p in plans if p.spec.is_announced and level in p.over]
        if not known or behaviour.anticipation == 0:
            continue
        dist = np.full(horizon, np.inf)
        for p in known:
            first = p.spec.offset or p.spec.period
            k = np.maximum(0, np.ceil((months - first) / p.spec.period))
            dist = np.minimum(dist, first + k * p.spec.period - months)
        f = np.exp2(-dist / behaviour.anticipation_window)
        out[level] = np.maximum(0.0, 1 + behaviour.anticipation * (f - f.mean()))
    return out


def detection_chance(plans: list[Plan], structure: Structure) -> FloatArray:
    """Each level's chance per month of being inspected, as a rational unit reckons it.

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Hierarchy, Scenario, Schedule
    >>> from zeren_graph.sim.structure import build_structure
    >>> sc = Scenario(name="示例", hierarchy=Hierarchy(levels=("省", "市"), span=(1, 4)),
    ...               supervision=(Schedule(period=6, sample="random", fraction=0.5),))
    >>> st = build_structure(sc.hierarchy)
    >>> detection_chance(resolve_plans(sc, st), st).round(4).tolist()
    [0.0, 0.0833]
    """
    miss = np.ones(structure.n_levels)
    sizes = structure.level_sizes
    for p in plans:
        spec = p.spec
        for level in p.over:
            if spec.kind is ScheduleKind.random:
                chance = 1 - math.exp(-spec.rate * spec.fraction / 12)
            else:
                share = 1.0 if spec.sample is Sample.all and spec.budget is None else spec.fraction
                if spec.budget is not None:
                    per_group = sizes[level] / max(1, sizes[p.by])
                    share = min(share, spec.budget / per_group)
                chance = share / spec.period
            miss[level] *= 1 - min(1.0, chance)
    return np.asarray(1 - miss, dtype=np.float64)


def select(plan: Plan, rng: np.random.Generator, last_score: FloatArray) -> IntArray:
    """Pick the units a periodic contact reaches: per supervising unit, the sample's share.

    Random samples draw uniformly, convenience samples with weights falling with
    remoteness (weighted sampling without replacement), risk samples take the
    worst last scores first (倒排). ``budget`` caps the units per supervising unit.

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Schedule
    >>> p = Plan(0, Schedule(sample="risk", fraction=0.5), 0, (1,),
    ...          np.array([1, 2, 3, 4]), np.zeros(4, dtype=np.int64), np.ones(4))
    >>> sorted(select(p, np.random.default_rng(0), np.array([0, .9, .1, .5, .2])).tolist())
    [2, 4]
    """
    spec = plan.spec
    n = len(plan.targets)
    if spec.sample is Sample.all and spec.budget is None:
        return plan.targets
    u = rng.random(n)
    if spec.sample is Sample.risk:
        key = last_score[plan.targets] + 1e-9 * u
    else:  # exponential race: the smallest keys form a weighted sample without replacement
        key = -np.log1p(-u) / plan.weights
    sizes = np.bincount(plan.groups, minlength=int(plan.groups.max()) + 1)
    share = 1.0 if spec.sample is Sample.all else spec.fraction
    quota = np.ceil(share * sizes - 1e-9).astype(np.int64)
    if spec.budget is not None:
        quota = np.minimum(quota, spec.budget)
    order = np.lexsort((key, plan.groups))
    sorted_groups = plan.groups[order]
    first = np.searchsorted(sorted_groups, sorted_groups, side="left")
    rank = np.arange(n) - first
    return np.sort(plan.targets[order[rank < quota[sorted_groups]]])


def poisson_visits(plan: Plan, rng: np.random.Generator, structure: Structure) -> IntArray:
    """Visits this month to each target of a random plan: Poisson(rate x fraction x w / 12).

    Convenience weights are scaled to average 1 within each level, so bias moves
    visits between units without changing their number.

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Hierarchy, Scenario, Schedule
    >>> from zeren_graph.sim.structure import build_structure
    >>> sc = Scenario(name="示例", hierarchy=Hierarchy(levels=("省", "市"), span=(1, 3)),
    ...               supervision=(Schedule(kind="暗访", rate=12),))
    >>> st = build_structure(sc.hierarchy)
    >>> poisson_visits(resolve_plans(sc, st)[0], np.random.default_rng(0), st).shape
    (3,)
    """
    spec = plan.spec
    w = plan.weights.copy()
    level = np.searchsorted(structure.starts, plan.targets, side="right") - 1
    means = np.bincount(level, weights=w) / np.maximum(1, np.bincount(level))
    w /= means[level]
    return rng.poisson(spec.rate * spec.fraction * w / 12).astype(np.int64)

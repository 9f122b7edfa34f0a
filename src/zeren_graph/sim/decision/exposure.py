"""Exposure: how much a month's effort weighs at the contacts a unit expects.

Effort in month ``t`` raises real performance in month ``d >= t`` by
``α (1 − α)^(d − t)`` (performance accumulates, ``docs/model.md``). A unit that
expects a contact in month ``d`` with chance ``p_d`` and discounts the future
by ``β`` a month weighs one more unit of effort now by

``K(t) = α Σ_{d ≥ t} (β (1 − α))^(d − t) · p_d``.

For an announced schedule the dates are known and ``p_d`` is the chance of
being in the sample on each date, so ``K`` peaks just before a date (the unit
times its effort, Dresher 1962); for random visits ``p_d`` is the same every
month and ``K`` is flat. The dates continue past the horizon: units do not
know when the simulation ends.

Examples
--------
>>> from zeren_graph.sim.scenario import Schedule
>>> k = periodic_kernel(Schedule(period=3), horizon=6, accumulation=0.5, discount=1.0)
>>> k.round(3).tolist()
[0.143, 0.286, 0.571, 0.143, 0.286, 0.571]
>>> round(random_kernel(accumulation=0.5, discount=1.0), 3)
1.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from zeren_graph.sim.scenario import Sample, Schedule, ScheduleKind

if TYPE_CHECKING:
    from zeren_graph.sim.schedules import Plan

__all__ = [
    "periodic_kernel",
    "prior_chance",
    "random_kernel",
    "third_party_chance",
    "wait_months",
]

FloatArray = npt.NDArray[np.float64]


def periodic_kernel(
    spec: Schedule, *, horizon: int, accumulation: float, discount: float
) -> FloatArray:
    """Return ``K(t)`` for months ``1 … horizon`` of a periodic schedule, per unit of chance.

    With ``r = β (1 − α)``, period ``T`` and ``s(t)`` the months to the next date,
    ``K(t) = α r^s(t) / (1 − r^T)`` (a geometric series over the dates to come).
    Over one period the kernel averages ``α / ((1 − r) T)``: the same as random
    visits at the same rate when ``β = 1``. Announced dates change when effort
    pays, not how much on average.

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Schedule
    >>> k = periodic_kernel(Schedule(period=4), horizon=8, accumulation=0.3, discount=1.0)
    >>> round(float(k.mean()), 6), round(0.3 / ((1 - 0.7) * 4), 6)
    (0.25, 0.25)
    """
    r = discount * (1.0 - accumulation)
    wait = wait_months(spec, horizon)
    return np.asarray(accumulation * r**wait / (1.0 - r**spec.period), dtype=np.float64)


def wait_months(spec: Schedule, horizon: int) -> FloatArray:
    """Return, for months ``1 … horizon``, the months to a periodic schedule's next date (0 on one).

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Schedule
    >>> wait_months(Schedule(period=3, offset=2), 6).tolist()
    [1.0, 0.0, 2.0, 1.0, 0.0, 2.0]
    """
    first = spec.offset or spec.period
    months = np.arange(1, horizon + 1)
    nxt = np.where(
        months <= first, first, first + np.ceil((months - first) / spec.period) * spec.period
    )
    return np.asarray(nxt - months, dtype=np.float64)


def random_kernel(*, accumulation: float, discount: float) -> float:
    """Return ``K`` for random visits, per unit of the monthly chance: ``α / (1 − β (1 − α))``.

    Examples
    --------
    >>> round(random_kernel(accumulation=0.3, discount=0.9), 4)
    0.8108
    """
    return accumulation / (1.0 - discount * (1.0 - accumulation))


def prior_chance(spec: Schedule, *, per_group: float) -> float:
    """Return the chance the rules promise: of being reached at a contact, or visited in a month.

    ``per_group`` is the mean number of covered units per supervising unit (the
    budget caps the share). Units start from this and learn from what they see.

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Schedule
    >>> prior_chance(Schedule(sample="random", fraction=0.5, budget=2), per_group=8.0)
    0.25
    >>> round(prior_chance(Schedule(kind="暗访", rate=12), per_group=8.0), 4)
    0.6321
    """
    if spec.kind is ScheduleKind.random:
        return 1.0 - math.exp(-spec.rate * spec.fraction / 12.0)
    share = 1.0 if spec.sample is Sample.all and spec.budget is None else spec.fraction
    if spec.budget is not None:
        share = min(share, spec.budget / max(per_group, 1.0))
    return float(share)


def third_party_chance(plans: Sequence[Plan], levels: int) -> FloatArray:
    """Return each level's chance per year of a third-party (``independent``) contact.

    Examples
    --------
    >>> third_party_chance([], 2).tolist()
    [0.0, 0.0]
    """
    miss = np.ones(levels)
    for plan in plans:
        if not plan.spec.independent:
            continue
        chance = prior_chance(plan.spec, per_group=1.0)
        per_year = 12 if plan.spec.kind is ScheduleKind.random else 12 / plan.spec.period
        for level in plan.over:
            miss[level] *= (1.0 - chance) ** per_year
    return np.asarray(1.0 - miss, dtype=np.float64)

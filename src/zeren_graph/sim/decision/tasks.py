"""The duties each unit carries, as the decision model sees them.

A unit's party-building work is split over ``K`` kinds of duty with weights
``ω_{i,j}`` (a row adds up to 1; 0 where the unit has no such duty), a flag
``measured_j`` (inspections look at it: 硬指标), the share ``σ_{i,j}`` of the duty's
expected sanction the unit bears, and ``ι_j`` — 0 for a duty nobody holds. They come
from a scenario's ``duties`` (the same for every unit) or from the responsibility list a
hierarchy is read from (per unit; ``sim/duties.py``).

Examples
--------
>>> t = tasks_of((), 3)
>>> t.names, t.weight.tolist(), t.measured.tolist(), t.share.tolist()
(('party-building',), [[1.0], [1.0], [1.0]], [True], [[1.0], [1.0], [1.0]])
>>> t.seen(np.array([[0.5], [1.0], [0.0]]), slice(None)).tolist()
[0.5, 1.0, 0.0]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from zeren_graph.sim.decision.rows import row_sum
from zeren_graph.sim.scenario import Duty, Owners

__all__ = ["Tasks", "tasks_of"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
Rows = slice | npt.NDArray[np.int64]

#: The share of the expected sanction a holder bears, by who holds the duty.
SANCTION_SHARE = {Owners.named: 1.0, Owners.collective: 0.0, Owners.none: 0.0}
#: The weight that stands in for a duty a unit does not have (keeps divisions finite).
_ABSENT = 1e-12


@dataclass(eq=False)
class Tasks:
    """Per-unit duty weights ``ω`` (n, K), sanction shares ``σ`` (n, K), measured flags, ``ι``."""

    names: tuple[str, ...]
    weight: FloatArray
    measured: BoolArray
    share: FloatArray
    intrinsic: FloatArray
    safe: FloatArray = field(init=False, repr=False)
    present: BoolArray = field(init=False, repr=False)
    omega_m: FloatArray = field(init=False, repr=False)
    to_score: FloatArray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.present = self.weight > 0
        self.safe = np.where(self.present, self.weight, _ABSENT)
        self.omega_m = (self.weight * self.measured).sum(axis=1)
        measured = np.where(self.omega_m > 0, self.omega_m, 1.0)
        self.to_score = np.where(self.measured, self.share / measured[:, None], 0.0)

    @property
    def k(self) -> int:
        """The number of kinds of duty."""
        return len(self.names)

    @property
    def any_measured(self) -> bool:
        """Whether some unit has a measured duty."""
        return bool((self.omega_m > 0).any())

    def done(self, z: FloatArray, rows: Rows) -> FloatArray:
        """``e = min(1, z / ω)``: the share of each duty's needs met (0 for absent duties)."""
        return np.asarray(np.minimum(1.0, z / self.safe[rows]) * self.present[rows])

    def seen(self, done: FloatArray, rows: Rows) -> FloatArray:
        """``R^m``: the measured duties' share met, weighted by ``ω`` (0 where none is measured)."""
        w = self.weight[rows] * self.measured
        omega = self.omega_m[rows]
        return np.asarray(row_sum(done * w) / np.where(omega > 0, omega, 1.0))

    def real(self, perf: FloatArray, rows: Rows) -> FloatArray:
        """``R = Σ_j ω_j R_j``."""
        return row_sum(perf * self.weight[rows])


def tasks_of(duties: tuple[Duty, ...], n: int) -> Tasks:
    """Resolve a scenario's ``duties`` for ``n`` units (one measured, named duty when none).

    A ``shared`` duty's holder bears ``1 / co_holders`` of its expected sanction
    (diffusion, 职责交叉); a collective-only duty reaches no individual (集体负责 =
    无人负责: share 0); nobody works on a duty nobody holds (责任盲区: share 0 and no
    intrinsic value).

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Duty
    >>> t = tasks_of((Duty(name="a", share=3), Duty(name="b", owners="shared", co_holders=4),
    ...               Duty(name="c", owners="盲区", measured=False)), 1)
    >>> t.weight.round(2).tolist(), t.share.tolist(), t.intrinsic.tolist()
    ([[0.6, 0.2, 0.2]], [[1.0, 0.25, 0.0]], [1.0, 1.0, 0.0])
    """
    if not duties:
        duties = (Duty(name="party-building"),)
    weight = np.array([d.share for d in duties], dtype=np.float64)
    share = np.array(
        [
            1.0 / d.co_holders if d.owners is Owners.shared else SANCTION_SHARE[d.owners]
            for d in duties
        ]
    )
    k = len(duties)
    return Tasks(
        names=tuple(d.name for d in duties),
        weight=np.broadcast_to(weight / weight.sum(), (n, k)),
        measured=np.array([d.measured for d in duties], dtype=bool),
        share=np.broadcast_to(share, (n, k)),
        intrinsic=np.array([0.0 if d.owners is Owners.none else 1.0 for d in duties]),
    )


def tasks_from_list(classes: Any) -> Tasks:
    """Wrap the per-unit duty classes read from a responsibility list (``sim/duties.py``)."""
    return Tasks(
        names=tuple(classes.names),
        weight=np.asarray(classes.weight, dtype=np.float64),
        measured=np.asarray(classes.measured, dtype=bool),
        share=np.asarray(classes.share, dtype=np.float64),
        intrinsic=np.asarray(classes.intrinsic, dtype=np.float64),
    )

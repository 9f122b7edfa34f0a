"""Accountability rules: which units of a contact batch a rule's condition selects.

The engine keeps, per unit, the run of consecutive ratings equal to a rating
(``exact``) and at or below it (``at_most``); a :class:`Batch` carries the
batch's scores, ratings and the runs *after* this assessment.

Examples
--------
>>> import numpy as np
>>> from zeren_graph.sim.scenario import Condition
>>> b = Batch(units=np.array([5, 6, 7]), level=np.array([2, 2, 2]),
...           score=np.array([.2, .5, .9]), real=np.array([.1, .5, .9]),
...           rank=np.array([3, 2, 0]), runs={("exact", 3): np.array([3, 0, 0])})
>>> matches(Condition(rating="较差", consecutive=3), b, fail_score=0.4, levels=None).tolist()
[True, False, False]
>>> matches(Condition(failed_inspection=True, real_below=0.2), b, fail_score=0.4,
...         levels=None).tolist()
[True, False, False]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zeren_graph.sim.scenario import Condition, Rating, Rule

__all__ = ["Batch", "describe", "matches", "run_keys"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

_ZH = {"excellent": "优秀", "good": "良好", "fair": "一般", "poor": "较差"}


@dataclass(frozen=True, eq=False)
class Batch:
    """The units reached by one contact, with what it found.

    ``rank`` is None for inspections that do not rate (only
    ``failed_inspection`` conditions apply to them).
    """

    units: IntArray
    level: IntArray
    score: FloatArray
    real: FloatArray
    rank: IntArray | None
    runs: dict[tuple[str, int], IntArray]


def run_keys(rules: tuple[Rule, ...]) -> set[tuple[str, int]]:
    """Return the run counters the rules need: ``("exact"|"at_most", rating rank)``.

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Rule
    >>> run_keys((Rule.model_validate({"when": {"rating_at_most": "一般",
    ...                                         "consecutive": 2}, "action": "约谈"}),))
    {('at_most', 2)}
    """
    keys = set()
    for rule in rules:
        when = rule.when
        if when.consecutive > 1 and when.rating is not None:
            keys.add(("exact", when.rating.rank))
        if when.consecutive > 1 and when.rating_at_most is not None:
            keys.add(("at_most", when.rating_at_most.rank))
    return keys


def matches(
    cond: Condition, batch: Batch, *, fail_score: float, levels: set[int] | None
) -> BoolArray:
    """Which units of ``batch`` satisfy ``cond`` (``levels``: allowed 0-based levels).

    Examples
    --------
    >>> import numpy as np
    >>> from zeren_graph.sim.scenario import Condition
    >>> b = Batch(np.arange(4), np.zeros(4, dtype=np.int64), np.array([.3, .1, .5, .2]),
    ...           np.zeros(4), np.array([3, 3, 2, 3]), {})
    >>> matches(Condition(bottom=0.5), b, fail_score=0.4, levels=None).tolist()
    [False, True, False, True]
    """
    n = len(batch.units)
    if cond.failed_inspection:
        mask = batch.score < fail_score
    elif batch.rank is None:
        return np.zeros(n, dtype=bool)
    elif cond.rating is not None:
        mask = batch.rank == cond.rating.rank
        if cond.consecutive > 1:
            mask &= batch.runs[("exact", cond.rating.rank)] >= cond.consecutive
    elif cond.rating_at_most is not None:
        mask = batch.rank >= cond.rating_at_most.rank
        if cond.consecutive > 1:
            mask &= batch.runs[("at_most", cond.rating_at_most.rank)] >= cond.consecutive
    else:
        mask = _bottom(batch, cond.bottom or 0.0)
    if cond.real_below is not None:
        mask &= batch.real < cond.real_below
    if levels is not None:
        mask &= np.isin(batch.level, list(levels))
    return np.asarray(mask, dtype=bool)


def _bottom(batch: Batch, share: float) -> BoolArray:
    """Per level, the ``ceil(share * n)`` lowest scores of the batch (倒排)."""
    n = len(batch.units)
    mask = np.zeros(n, dtype=bool)
    order = np.lexsort((batch.score, batch.level))
    levels = batch.level[order]
    first = np.searchsorted(levels, levels, side="left")
    sizes = np.bincount(levels)
    quota = np.array([math.ceil(share * s - 1e-9) for s in sizes])
    mask[order[np.arange(n) - first < quota[levels]]] = True
    return mask


def describe(cond: Condition) -> str:
    """Describe a condition for the event log, in Chinese and English.

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Condition
    >>> describe(Condition(rating="poor", consecutive=3))
    '较差 3 times in a row'
    >>> describe(Condition(bottom=0.1))
    'bottom 10% (倒排)'
    """
    if cond.failed_inspection:
        text = "failed inspection"
    elif cond.bottom is not None:
        text = f"bottom {cond.bottom:.0%} (倒排)"
    else:
        rating: Rating = cond.rating or cond.rating_at_most or Rating.poor
        word = _ZH[rating.value] + ("" if cond.rating else " or worse")
        text = f"{word} {cond.consecutive} times in a row" if cond.consecutive > 1 else word
    if cond.real_below is not None:
        text += f", real performance below {cond.real_below:g} (serious consequences)"
    return text

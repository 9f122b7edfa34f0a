"""Closed forms the simulation is held against (see ``docs/validation.md``).

Examples
--------
>>> round(prob_run(0.2, 3, 5), 4)
0.0208
>>> control_loss([0.9], 5)
[1.0, 0.9, 0.81, 0.729, 0.6561]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["control_loss", "deters", "prob_run", "prob_run_dp"]


def control_loss(retention: Sequence[float], levels: int) -> list[float]:
    """Williamson's control loss: the pressure at each level, top first.

    One retention applies to every transition; otherwise one per transition.

    Examples
    --------
    >>> control_loss([0.9, 0.8], 3)
    [1.0, 0.9, 0.72]
    """
    rs = list(retention) * (levels - 1) if len(retention) == 1 else list(retention)
    out = [1.0]
    for r in rs[: levels - 1]:
        out.append(round(out[-1] * r, 12))
    return out


def prob_run(q: float, n: int, trials: int) -> float:
    """Return the chance of at least one run of ``n`` successes in ``trials`` Bernoulli(q) trials.

    With ``p = 1 - q`` and ``x = p q**n``, the chance of no such run is

    ``sum_j (-1)**j C(N - j n, j) x**j  -  q**n sum_j (-1)**j C(N - (j + 1) n, j) x**j``

    (de Moivre; Uspensky 1937, Feller 1968 XIII.7), the sums running while the
    binomial's top is at least its bottom.

    Examples
    --------
    >>> round(prob_run(0.5, 2, 4), 4)  # 8 of 16 sequences hold "11"
    0.5
    >>> prob_run(0.3, 4, 3)
    0.0
    """
    if n <= 0:
        return 1.0
    if trials < n:
        return 0.0
    p, x = 1.0 - q, (1.0 - q) * q**n

    def series(length: int) -> float:
        total, j = 0.0, 0
        while length - j * n >= j:
            total += (-1) ** j * math.comb(length - j * n, j) * x**j
            j += 1
        return total

    none = series(trials) - q**n * series(trials - n)
    return min(1.0, max(0.0, 1.0 - none)) if p > 0 else 1.0


def prob_run_dp(q: float, n: int, trials: int) -> float:
    """Return the same chance by dynamic programming over the current run length (a check).

    Examples
    --------
    >>> round(prob_run_dp(0.2, 3, 5), 4)
    0.0208
    """
    state = [1.0] + [0.0] * max(0, n - 1)  # chance of a current run of length i, no run yet
    done = 0.0
    for _ in range(trials):
        nxt = [0.0] * len(state)
        for i, s in enumerate(state):
            nxt[0] += s * (1 - q)
            if i + 1 >= n:
                done += s * q
            else:
                nxt[i + 1] += s * q
        state = nxt
    return done


def deters(gain: float, detection: float, sanction: float) -> bool:
    """Becker (1968): a risk-neutral unit complies when its gain does not exceed p x f.

    Examples
    --------
    >>> deters(0.1, 0.2, 1.0), deters(0.3, 0.2, 1.0)
    (True, False)
    """
    return gain <= detection * sanction

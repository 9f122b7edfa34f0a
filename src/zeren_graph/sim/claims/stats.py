r"""Paired differences and their Student-t interval.

A claim compares two scenarios run with the same seed, so replication ``r`` of
both draws the same random numbers (common random numbers). The comparison is
on the paired differences :math:`d_r = m_{a,r} - m_{b,r}`: their mean
:math:`\bar d` and the interval :math:`\bar d \pm t_{0.975,\,R-1}\, s_d/\sqrt{R}`.

Examples
--------
>>> iv = paired_interval([0.30, 0.20, 0.25], [0.10, 0.10, 0.10])
>>> round(iv.mean, 4), [round(x, 4) for x in iv.bounds], iv.n
(0.15, [0.0258, 0.2742], 3)
>>> iv.supports(">"), iv.supports("<")
(True, False)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["PairedInterval", "paired_interval", "t_quantile"]


def t_quantile(df: int, confidence: float = 0.95) -> float:
    """Return the two-sided Student-t critical value: ``t`` with P(|T| <= t) = ``confidence``.

    scipy's ``stats.t.ppf``.

    Examples
    --------
    >>> round(t_quantile(1), 4), round(t_quantile(39), 6), round(t_quantile(10_000), 4)
    (12.7062, 2.022691, 1.9602)
    """
    from scipy.stats import t  # noqa: PLC0415 (scipy.stats takes 0.2 s to import)

    if isinstance(df, bool) or not isinstance(df, int) or df < 1:
        msg = f"The 'df' parameter of t_quantile must be an int >= 1. Got {df!r} instead."
        raise ValueError(msg)
    if not 0 < confidence < 1:
        msg = f"The 'confidence' parameter of t_quantile must be in (0, 1). Got {confidence!r}."
        raise ValueError(msg)
    return float(t.ppf(0.5 + confidence / 2, df))


@dataclass(frozen=True)
class PairedInterval:
    """The mean of paired differences and its confidence interval.

    ``n`` counts the replications where both values are defined; with fewer
    than two the interval is undefined (``low`` and ``high`` are None) and
    supports nothing.
    """

    mean: float | None
    low: float | None
    high: float | None
    n: int

    @property
    def bounds(self) -> list[float]:
        """``[low, high]``, or ``[]`` when undefined."""
        return [] if self.low is None or self.high is None else [self.low, self.high]

    def supports(self, direction: str) -> bool:
        """Whether the interval lies entirely above 0 (``">"``) or below 0 (``"<"``).

        Examples
        --------
        >>> PairedInterval(0.1, 0.0, 0.2, 5).supports(">")
        False
        """
        if self.low is None or self.high is None:
            return False
        return self.low > 0 if direction == ">" else self.high < 0


def paired_interval(
    a: Sequence[float | None],
    b: Sequence[float | None] | float,
    *,
    confidence: float = 0.95,
) -> PairedInterval:
    """Mean and t-interval of ``a[r] - b[r]`` (or ``a[r] - b`` for a number ``b``).

    Replications where either value is None are left out.

    Examples
    --------
    >>> iv = paired_interval([1.2, 0.8, 1.0, None], 1.0)
    >>> round(iv.mean, 6), iv.n, iv.supports(">") or iv.supports("<")
    (0.0, 3, False)
    >>> paired_interval([1.0], [0.5]).bounds
    []
    """
    pairs: list[tuple[float | None, float | None]]
    if isinstance(b, (int, float)):
        pairs = [(x, float(b)) for x in a]
    else:
        pairs = list(zip(a, b, strict=True))
    diffs = [x - y for x, y in pairs if x is not None and y is not None]
    n = len(diffs)
    if n == 0:
        return PairedInterval(None, None, None, 0)
    mean = math.fsum(diffs) / n
    if n < 2:
        return PairedInterval(mean, None, None, n)
    sd = math.sqrt(math.fsum((d - mean) ** 2 for d in diffs) / (n - 1))
    half = t_quantile(n - 1, confidence) * sd / math.sqrt(n)
    return PairedInterval(mean, mean - half, mean + half, n)

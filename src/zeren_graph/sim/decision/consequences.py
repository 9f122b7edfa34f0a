r"""The consequences a unit expects from the accountability ladder, and their slope in its score.

A unit expects its measured score at a contact to be :math:`S \sim N(\mu, \tilde\sigma^2)`.
Rule :math:`r` fires when :math:`S` falls in an interval :math:`[lo_r, hi_r)` -- a rating's
band, "this rating or worse", a failed inspection, the bottom share of its level -- with
chance :math:`P_r(\mu) = \Phi((hi_r-\mu)/\tilde\sigma) - \Phi((lo_r-\mu)/\tilde\sigma)`.
Its utility :math:`u_r` is the rule's weight (:attr:`~zeren_graph.sim.scenario.Rule.weight`),
negated for a reward. The expected consequence and the value of one more unit of score are

.. math::

    \Lambda(\mu) = \sum_r u_r w_r P_r(\mu), \qquad
    M(\mu) = \sum_r u_r w_r \,
      \frac{\varphi((hi_r-\mu)/\tilde\sigma) - \varphi((lo_r-\mu)/\tilde\sigma)}{\tilde\sigma},

where the per-unit weight :math:`w_r` is 0 or 1 for the rule's levels, ``real_below``
(the unit knows its real performance) and whether the contact assesses, times
:math:`P_r^{\max(0,\, n-1-\mathrm{run})}` for ``consecutive: n`` -- the chance that the
rest of the run still needed follows. :math:`M = -\partial\Lambda/\partial\mu` holding
:math:`w_r` fixed: today's score moves today's chance, later scores are later choices.
Ratings drawn at random (``ratings.independent``) do not depend on :math:`\mu`.

Examples
--------
>>> import numpy as np
>>> from zeren_graph.sim.scenario import Ratings, Rule
>>> rules = (Rule.model_validate({"when": {"rating": "较差"}, "action": "通报批评"}),)
>>> ladder = compile_ladder(rules, Ratings(), [None], n_levels=1)
>>> args = dict(sigma=0.1, assess=True, level=np.zeros(2, dtype=np.int64), runs={},
...             real=np.ones(2))
>>> expected(ladder, np.array([0.4, 0.6]), **args).round(4).tolist()
[0.125, 0.0057]
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import ndtr

from zeren_graph.sim.scenario import Action, Rating, Ratings, Rule

__all__ = ["Ladder", "compile_ladder", "expected", "marginal", "normal_cdf"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_INF = math.inf


@dataclass(frozen=True, eq=False)
class Ladder:
    """The accountability rules of a scenario as arrays, one entry per rule.

    ``kind`` is ``"rating"``, ``"at_most"``, ``"failed"`` or ``"bottom"``; a rule fires on
    scores in ``[lo, hi)`` (for bottom rules ``hi`` is the caller's per-level cut);
    ``chance`` is the fixed chance of random ratings (NaN when it depends on the score);
    ``run_key`` the run counter of a ``consecutive`` rule (``None`` otherwise);
    ``real_below`` is infinite when absent; ``bottom`` the share of a bottom rule
    (NaN otherwise); ``levels[r, l]`` whether rule r applies at 0-based level l (the
    last column stands for every deeper level).
    """

    kind: tuple[str, ...]
    lo: FloatArray
    hi: FloatArray
    utility: FloatArray
    chance: FloatArray
    consecutive: IntArray
    run_key: tuple[tuple[str, int] | None, ...]
    real_below: FloatArray
    needs_assessment: BoolArray
    bottom: FloatArray
    levels: BoolArray

    @property
    def bottom_share(self) -> float | None:
        """The share of the bottom rules (倒排), the largest if they differ; None if none.

        Examples
        --------
        >>> from zeren_graph.sim.scenario import Ratings, Rule
        >>> rule = Rule.model_validate({"when": {"bottom": 0.1}, "action": "约谈"})
        >>> compile_ladder((rule,), Ratings(), [None]).bottom_share
        0.1
        """
        shares = self.bottom[~np.isnan(self.bottom)]
        return float(shares.max()) if len(shares) else None

    def allows(self, rule: int, level: IntArray) -> BoolArray:
        """Whether ``rule`` applies to units at the 0-based ``level``.

        Examples
        --------
        >>> import numpy as np
        >>> from zeren_graph.sim.scenario import Ratings, Rule
        >>> rule = Rule.model_validate({"when": {"bottom": 0.1}, "action": "约谈"})
        >>> compile_ladder((rule,), Ratings(), [{1}]).allows(0, np.arange(4)).tolist()
        [False, True, False, False]
        """
        row = self.levels[rule]
        return np.asarray(row[np.minimum(level, len(row) - 1)], dtype=bool)


def compile_ladder(
    rules: tuple[Rule, ...],
    ratings: Ratings,
    rule_levels: list[set[int] | None],
    *,
    n_levels: int | None = None,
) -> Ladder:
    """Compile the rules of a scenario once, for :func:`expected` and :func:`marginal`.

    Parameters
    ----------
    rules : tuple of Rule
        The scenario's ``accountability``.
    ratings : Ratings
        Cutoffs, failing score and (for validation) random ratings.
    rule_levels : list of (set of int or None)
        Per rule, the 0-based levels it applies at (None: all), as the engine resolves them.
    n_levels : int, optional
        Number of levels of the hierarchy (default: enough for the levels named); units
        at deeper levels are reached only by rules for all levels.

    Returns
    -------
    Ladder

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Ratings, Rule
    >>> rules = (Rule.model_validate({"when": {"rating_at_most": "一般", "consecutive": 2,
    ...                                         "levels": [1]}, "action": "约谈"}),
    ...          Rule.model_validate({"when": {"rating": "优秀"}, "action": "奖励"}))
    >>> lad = compile_ladder(rules, Ratings(), [{1}, None], n_levels=3)
    >>> lad.kind, lad.hi.tolist(), lad.utility.tolist(), lad.run_key
    (('at_most', 'rating'), [0.6, inf], [0.1, -0.3], (('at_most', 2), None))
    >>> lad.levels.tolist()
    [[False, True, False, False], [True, True, True, True]]
    """
    if len(rule_levels) != len(rules):
        msg = f"'rule_levels' has {len(rule_levels)} entries for {len(rules)} rules"
        raise ValueError(msg)
    c_e, c_g, c_f = ratings.cutoffs
    edges = [_INF, c_e, c_g, c_f, -_INF]  # band of rank r is [edges[r+1], edges[r])
    chances = _chances(ratings)
    kind, lo, hi, chance, key, share = [], [], [], [], [], []
    for rule in rules:
        when = rule.when
        k, low, high, fixed, run, b = "failed", -_INF, ratings.fail_score, math.nan, None, math.nan
        if when.rating is not None:
            r = when.rating.rank
            k, low, high = "rating", edges[r + 1], edges[r]
            fixed = math.nan if chances is None else chances[r]
            run = ("exact", r) if when.consecutive > 1 else None
        elif when.rating_at_most is not None:
            r = when.rating_at_most.rank
            k, high = "at_most", edges[r]
            fixed = math.nan if chances is None else float(sum(chances[r:]))
            run = ("at_most", r) if when.consecutive > 1 else None
        elif when.bottom is not None:
            k, high, b = "bottom", math.nan, when.bottom
        kind.append(k)
        lo.append(low)
        hi.append(high)
        chance.append(fixed)
        key.append(run)
        share.append(b)
    named = [max(s) + 1 for s in rule_levels if s]
    width = max([1, *named]) if n_levels is None else n_levels
    levels = np.ones((len(rules), width + 1), dtype=bool)  # last column: deeper levels
    for i, allowed in enumerate(rule_levels):
        if allowed is not None:
            levels[i] = np.isin(np.arange(width + 1), sorted(allowed))
            levels[i, width] = False
    return Ladder(
        kind=tuple(kind),
        lo=np.array(lo, dtype=np.float64),
        hi=np.array(hi, dtype=np.float64),
        utility=np.array([-r.weight if r.action is Action.reward else r.weight for r in rules]),
        chance=np.array(chance, dtype=np.float64),
        consecutive=np.array([r.when.consecutive for r in rules], dtype=np.int64),
        run_key=tuple(key),
        real_below=np.array([_real_below(r) for r in rules], dtype=np.float64),
        needs_assessment=np.array([k != "failed" for k in kind], dtype=bool),
        bottom=np.array(share, dtype=np.float64),
        levels=levels,
    )


def _chances(ratings: Ratings) -> list[float] | None:
    """Chance of each rank under random ratings (the rest is good, as in the engine)."""
    if ratings.independent is None:
        return None
    given = ratings.independent
    ex, fair, poor = (given.get(r, 0.0) for r in (Rating.excellent, Rating.fair, Rating.poor))
    return [ex, 1.0 - ex - fair - poor, fair, poor]


def _real_below(rule: Rule) -> float:
    return _INF if rule.when.real_below is None else rule.when.real_below


def expected(
    ladder: Ladder,
    mu: npt.ArrayLike,
    *,
    sigma: float,
    assess: bool,
    level: IntArray,
    runs: Mapping[tuple[str, int], IntArray],
    real: npt.ArrayLike,
    bottom_cut: FloatArray | None = None,
) -> FloatArray:
    r"""Return the expected consequence :math:`\Lambda(\mu)` of one contact, per unit.

    Parameters
    ----------
    ladder : Ladder
        From :func:`compile_ladder`.
    mu : array_like, shape (n,)
        Each unit's expected measured score.
    sigma : float
        :math:`\tilde\sigma > 0`, the spread of the score it expects.
    assess : bool
        Whether the contact rates (rating and bottom rules apply only then).
    level : numpy.ndarray of int, shape (n,)
        Each unit's 0-based level.
    runs : mapping
        The run counters before this contact, keyed as in ``sim.rules.run_keys``.
    real : array_like, shape (n,)
        Each unit's real performance (for ``real_below``).
    bottom_cut : numpy.ndarray, shape (levels,) or (rules, levels), optional
        Score cut of the bottom rules at each level (with two dimensions, one row per
        rule; other rows are ignored). Needed when the ladder has bottom rules.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Expected cost (negative when rewards outweigh sanctions).

    Examples
    --------
    >>> import numpy as np
    >>> from zeren_graph.sim.scenario import Ratings, Rule
    >>> rules = (Rule.model_validate({"when": {"failed_inspection": True}, "action": "免职"}),)
    >>> lad = compile_ladder(rules, Ratings(), [None], n_levels=1)
    >>> expected(lad, np.array([0.4, 2.0]), sigma=0.1, assess=False,
    ...          level=np.zeros(2, dtype=np.int64), runs={}, real=np.ones(2)).round(6).tolist()
    [0.75, 0.0]
    """
    return _total(
        ladder,
        mu,
        sigma=sigma,
        assess=assess,
        level=level,
        runs=runs,
        real=real,
        bottom_cut=bottom_cut,
        slope=False,
    )


def marginal(
    ladder: Ladder,
    mu: npt.ArrayLike,
    *,
    sigma: float,
    assess: bool,
    level: IntArray,
    runs: Mapping[tuple[str, int], IntArray],
    real: npt.ArrayLike,
    bottom_cut: FloatArray | None = None,
) -> FloatArray:
    r"""Return :math:`M(\mu)`, the consequences avoided by one more unit of score, per unit.

    The arguments are those of :func:`expected`; :math:`M = -\partial\Lambda/\partial\mu`
    with the weights of ``consecutive`` rules held fixed (module docstring).

    Returns
    -------
    numpy.ndarray, shape (n,)
        Positive where raising the score avoids sanctions or earns rewards.

    Examples
    --------
    Just below the poor cutoff a criticism is most worth avoiding; just below the
    excellent cutoff, a reward most worth earning.

    >>> import numpy as np
    >>> from zeren_graph.sim.scenario import Ratings, Rule
    >>> rules = (Rule.model_validate({"when": {"rating": "较差"}, "action": "通报批评"}),
    ...          Rule.model_validate({"when": {"rating": "优秀"}, "action": "奖励"}))
    >>> lad = compile_ladder(rules, Ratings(), [None, None], n_levels=1)
    >>> marginal(lad, np.array([0.4, 0.6, 0.8]), sigma=0.1, assess=True,
    ...          level=np.zeros(3, dtype=np.int64), runs={}, real=np.ones(3)).round(3).tolist()
    [0.998, 0.297, 1.197]
    """
    return _total(
        ladder,
        mu,
        sigma=sigma,
        assess=assess,
        level=level,
        runs=runs,
        real=real,
        bottom_cut=bottom_cut,
        slope=True,
    )


class _Edges:
    """The standardised cutoffs ``x = (c - mu)/sigma`` of one call, each computed once.

    For each cutoff it keeps ``x``, the smaller tail ``Phi(-|x|)`` (one ``ndtr`` per
    cutoff, accurate in both tails) and the density ``phi(x)``, each on first use.
    """

    def __init__(self, mu: FloatArray, sigma: float) -> None:
        self.mu, self.sigma = mu, sigma
        self.x: dict[object, FloatArray] = {}
        self.tails: dict[object, FloatArray] = {}
        self.pdfs: dict[object, FloatArray] = {}
        self.done: dict[tuple[bool, object, object], FloatArray] = {}  # by (slope, lo, hi)

    def z(self, key: object, cut: FloatArray | float) -> FloatArray:
        if key not in self.x:
            x = np.asarray(np.subtract(cut, self.mu), dtype=np.float64)
            x /= self.sigma
            self.x[key] = x
        return self.x[key]

    def tail(self, key: object, cut: FloatArray | float) -> FloatArray:
        if key not in self.tails:
            x = self.z(key, cut)
            low = np.empty_like(x)
            np.abs(x, out=low)
            np.negative(low, out=low)
            self.tails[key] = np.asarray(ndtr(low, out=low), dtype=np.float64)
        return self.tails[key]

    def pdf(self, key: object, cut: FloatArray | float) -> FloatArray:
        if key not in self.pdfs:
            x = self.z(key, cut)
            dens = np.empty_like(x)
            np.square(x, out=dens)
            dens *= -0.5
            np.exp(dens, out=dens)
            dens /= math.sqrt(2 * math.pi)
            self.pdfs[key] = dens
        return self.pdfs[key]

    def mass(self, lo: tuple[object, float], hi: tuple[object, FloatArray | float]) -> FloatArray:
        """``Phi(b) - Phi(a)`` of the interval ``[lo, hi)``, once per interval."""
        key = (False, lo[0], hi[0])
        if key not in self.done:
            self.done[key] = self._mass(lo, hi)
        return self.done[key]

    def slope(self, lo: tuple[object, float], hi: tuple[object, FloatArray | float]) -> FloatArray:
        """``(phi(b) - phi(a)) / sigma`` of the interval ``[lo, hi)``, once per interval."""
        key = (True, lo[0], hi[0])
        if key not in self.done:
            self.done[key] = self._slope(lo, hi)
        return self.done[key]

    def _mass(self, lo: tuple[object, float], hi: tuple[object, FloatArray | float]) -> FloatArray:
        """``Phi(b) - Phi(a)``, taken in the tail where it does not cancel (as ``a > 0``)."""
        lo_key, lo_cut = lo
        hi_key, hi_cut = hi
        if lo_cut == -_INF:  # Phi(b)
            tb = self.tail(hi_key, hi_cut)
            return np.asarray(np.where(self.z(hi_key, hi_cut) > 0, 1.0 - tb, tb))
        ta, upper = self.tail(lo_key, lo_cut), self.z(lo_key, lo_cut) > 0
        if np.ndim(hi_cut) == 0 and float(hi_cut) == _INF:  # Phi(-a) or 1 - Phi(a)
            return np.asarray(np.where(upper, ta, 1.0 - ta))
        tb = self.tail(hi_key, hi_cut)
        g = np.where(upper == (self.z(hi_key, hi_cut) > 0), tb, 1.0 - tb)  # Phi(-+b)
        return np.asarray(np.where(upper, ta - g, g - ta), dtype=np.float64)

    def _slope(self, lo: tuple[object, float], hi: tuple[object, FloatArray | float]) -> FloatArray:
        """``(phi(b) - phi(a)) / sigma``: minus the derivative of the mass in ``mu``."""
        lo_key, lo_cut = lo
        hi_key, hi_cut = hi
        if np.ndim(hi_cut) == 0 and float(hi_cut) == _INF:
            if lo_cut == -_INF:
                return np.zeros(self.mu.shape)
            return np.asarray(-self.pdf(lo_key, lo_cut) / self.sigma)
        if lo_cut == -_INF:
            return np.asarray(self.pdf(hi_key, hi_cut) / self.sigma)
        return np.asarray((self.pdf(hi_key, hi_cut) - self.pdf(lo_key, lo_cut)) / self.sigma)


def _total(
    ladder: Ladder,
    mu: npt.ArrayLike,
    *,
    sigma: float,
    assess: bool,
    level: IntArray,
    runs: Mapping[tuple[str, int], IntArray],
    real: npt.ArrayLike,
    bottom_cut: FloatArray | None,
    slope: bool,
) -> FloatArray:
    """``sum_r u_r w_r P_r`` (or its slope ``-dP_r/dmu`` when ``slope``), rule by rule."""
    if not sigma > 0:
        msg = f"The 'sigma' parameter of expected/marginal must be > 0. Got {sigma!r} instead."
        raise ValueError(msg)
    m = np.asarray(mu, dtype=np.float64)
    total = np.zeros(np.shape(mu), dtype=np.float64)
    lev = np.asarray(level, dtype=np.int64)
    edges = _Edges(m, sigma)
    for i, kind in enumerate(ladder.kind):
        if ladder.needs_assessment[i] and not assess:
            continue
        lo_cut = float(ladder.lo[i])
        hi: tuple[object, FloatArray | float] = (float(ladder.hi[i]), float(ladder.hi[i]))
        if kind == "bottom":
            if bottom_cut is None:
                raise ValueError(f"rule {i} is a bottom rule: pass 'bottom_cut'")
            cut = np.asarray(bottom_cut, dtype=np.float64)
            hi = (("bottom", i if cut.ndim == 2 else -1), (cut[i] if cut.ndim == 2 else cut)[lev])
        lo = (lo_cut, lo_cut)
        key = ladder.run_key[i]
        if key is not None and key not in runs:
            raise ValueError(f"rule {i} needs the run counter {key!r} in 'runs'")
        fixed = not math.isnan(ladder.chance[i])
        if slope and fixed:
            continue  # a random rating's chance has no slope: the term is 0
        w = _weight(ladder, i, lev, real, m.shape)
        p: FloatArray | None = None
        if not slope or key is not None:
            p = np.full(m.shape, ladder.chance[i]) if fixed else edges.mass(lo, hi)
        if key is not None and p is not None:
            need = np.maximum(0, ladder.consecutive[i] - 1 - np.asarray(runs[key]))
            w = p**need if w is None else w * p**need
        term = edges.slope(lo, hi) if slope or p is None else p
        u = float(ladder.utility[i])
        total += u * term if w is None else u * w * term
    return total


def _weight(
    ladder: Ladder, i: int, lev: IntArray, real: npt.ArrayLike, shape: tuple[int, ...]
) -> FloatArray | None:
    """Return rule ``i``'s 0/1 weight by level and ``real_below`` (None: 1 everywhere)."""
    every = bool(ladder.levels[i].all())
    below = float(ladder.real_below[i])
    if every and below == _INF:
        return None
    if below == _INF:
        ok = ladder.allows(i, lev)
    else:
        ok = np.asarray(real, dtype=np.float64) < below
        if not every:
            ok = ok & ladder.allows(i, lev)
    out = ok.astype(np.float64)
    full = np.broadcast_shapes(lev.shape, shape)  # as the real scores spread over mu
    return out if out.shape == full else np.broadcast_to(out, full).copy()


def normal_cdf(x: npt.ArrayLike) -> FloatArray:
    r"""Return the standard normal distribution function :math:`\Phi(x)`, elementwise.

    scipy's ``special.ndtr`` (accurate far in the tails too).

    Examples
    --------
    >>> import numpy as np
    >>> normal_cdf(np.array([-np.inf, -1.0, 0.0, 1.959963984540054, np.inf])).round(6).tolist()
    [0.0, 0.158655, 0.5, 0.975, 1.0]
    """
    return np.asarray(ndtr(np.asarray(x, dtype=np.float64)), dtype=np.float64)

r"""How a unit splits its month between tasks: the best response of a convex cost of time.

A unit with time ``T`` chooses the time ``z_j >= 0`` it spends on each task ``j``
(real party-building duties and paperwork) to maximise

.. math::

    \sum_j a_j z_j - C(z), \qquad
    C(z) = \frac{1}{2T}\Big[(1-\delta)\sum_j \frac{z_j^2}{\omega_j}
           + \delta \big(\sum_j z_j\big)^2
           + \gamma \sum_j \frac{(z_j - z^0_j)^2}{\omega_j}\Big]

subject to :math:`\sum_j z_j \le T`. ``a`` is the marginal benefit of each task,
``omega`` its cost weight (a duty's share of the portfolio; paperwork has weight 1),
``delta`` how far tasks substitute for each other in the cost of time and ``gamma``
the cost of changing last month's allocation ``z0``.

Examples
--------
>>> import numpy as np
>>> best_response(np.array([[0.5, 0.2]]), np.ones(2), np.zeros((1, 2)), np.array([1.0]),
...               substitution=0.0, adjustment=0.0).round(6).tolist()
[[0.5, 0.2]]
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from zeren_graph.sim.decision.rows import row_sum

__all__ = ["best_response"]

FloatArray = npt.NDArray[np.float64]


def best_response(
    gain: npt.ArrayLike,
    weight: npt.ArrayLike,
    previous: npt.ArrayLike,
    time: npt.ArrayLike,
    *,
    substitution: float,
    adjustment: float,
) -> FloatArray:
    r"""Return the time on each task that maximises gain minus the cost of time.

    The unique solution of the concave programme in the module docstring, found in
    closed form by water-filling, vectorised over units (rows).

    Parameters
    ----------
    gain : array_like, shape (n, k)
        Marginal benefit :math:`a_j` of a unit of time on each task (may be negative).
    weight : array_like, shape (k,) or (n, k)
        Cost weight :math:`\omega_j > 0` of each task.
    previous : array_like, shape (n, k)
        Last month's time :math:`z^0_j \ge 0` on each task.
    time : array_like, shape (n,)
        Time available :math:`T \ge 0`; a unit with ``T = 0`` does nothing.
    substitution : float
        :math:`\delta \in [0, 1)`: 0 for separate tasks, towards 1 for perfect substitutes.
    adjustment : float
        :math:`\gamma \ge 0`, the cost of moving time away from last month's split.

    Returns
    -------
    numpy.ndarray, shape (n, k)
        The time :math:`z_j \ge 0` on each task, with :math:`\sum_j z_j \le T`.

    Raises
    ------
    ValueError
        If a parameter is out of range.

    Notes
    -----
    With :math:`c = 1-\delta+\gamma`, :math:`b_j = \omega_j T a_j + \gamma z^0_j` and the
    key :math:`\kappa_j = b_j/\omega_j`, the KKT conditions give
    :math:`z_j = \omega_j(\kappa_j - \theta)^+/c` for a threshold
    :math:`\theta = \delta Z + T\lambda` (:math:`Z = \sum z`, :math:`\lambda \ge 0` the
    multiplier of the time budget). Let :math:`F(\theta) = \sum_j \omega_j
    (\kappa_j-\theta)^+/c`, continuous and non-increasing (strictly where positive).

    *Slack budget* (:math:`\lambda = 0`): :math:`\theta^*` is the root of
    :math:`h(\theta) = \theta - \delta F(\theta)`, strictly increasing, so unique. On the
    prefix of the :math:`m` largest keys, :math:`F` is the line
    :math:`(S_m - \theta W_m)/c` (:math:`S_m = \sum_{i\le m} b_{(i)}`,
    :math:`W_m = \sum_{i \le m}\omega_{(i)}`), whose root is
    :math:`\theta_m = \delta S_m/(c + \delta W_m)`. At :math:`\theta = \kappa_{(m)}` the
    line and :math:`F` agree (larger keys are active, smaller ones are zero), so
    :math:`\kappa_{(m)} > \theta_m \iff h_m(\kappa_{(m)}) > 0 \iff h(\kappa_{(m)}) > 0
    \iff \kappa_{(m)} > \theta^*`. The test is therefore true exactly for the
    :math:`m` tasks whose key exceeds :math:`\theta^*` -- a prefix -- and for the
    largest such :math:`m`, :math:`\theta^* \in [\kappa_{(m+1)}, \kappa_{(m)}]` lies on
    that line: :math:`\theta^* = \theta_m`.

    *Binding budget* (used when the slack solution has :math:`Z > T`): :math:`\theta` solves
    :math:`F(\theta) = T`; on prefix :math:`m`, :math:`\theta_m = (S_m - cT)/W_m`, and the
    same argument with the decreasing :math:`F - T` gives
    :math:`\kappa_{(m)} > \theta_m \iff \kappa_{(m)} > \theta`. As
    :math:`F(\theta^*) > T`, :math:`\theta > \theta^* = \delta F(\theta^*) > \delta T`, so
    :math:`\lambda = \theta/T - \delta > 0`. The objective is strictly concave
    (:math:`c > 0`), so the KKT point is the unique maximum.

    Examples
    --------
    One task, separate costs: the time is :math:`T a` clipped to :math:`[0, T]`.

    >>> import numpy as np
    >>> a = np.array([[-0.5], [0.3], [2.0]])
    >>> best_response(a, np.ones(1), np.zeros((3, 1)), np.full(3, 2.0),
    ...               substitution=0.0, adjustment=0.0).ravel().tolist()
    [0.0, 0.6, 2.0]

    Substitutes: time moves to the task with the higher gain.

    >>> a = np.array([[0.3, 0.2]])
    >>> for d in (0.0, 0.5, 0.9):
    ...     z = best_response(a, np.ones(2), np.zeros((1, 2)), np.ones(1),
    ...                       substitution=d, adjustment=0.0)
    ...     print(d, z.round(3).tolist())
    0.0 [[0.3, 0.2]]
    0.5 [[0.267, 0.067]]
    0.9 [[0.3, 0.0]]

    Habit: with an adjustment cost the split stays nearer last month's.

    >>> best_response(np.array([[0.2, 0.2]]), np.ones(2), np.array([[0.4, 0.0]]), np.ones(1),
    ...               substitution=0.0, adjustment=1.0).round(3).tolist()
    [[0.3, 0.1]]
    """
    if not 0.0 <= substitution < 1.0:
        msg = (
            "The 'substitution' parameter of best_response must be in [0, 1). "
            f"Got {substitution!r} instead."
        )
        raise ValueError(msg)
    if not adjustment >= 0.0:
        msg = (
            f"The 'adjustment' parameter of best_response must be >= 0. Got {adjustment!r} instead."
        )
        raise ValueError(msg)
    a = np.atleast_2d(np.asarray(gain, dtype=np.float64))
    n, k = a.shape
    w_in = np.asarray(weight, dtype=np.float64)
    z0_in = np.asarray(previous, dtype=np.float64)
    t_in = np.asarray(time, dtype=np.float64)
    omega = np.broadcast_to(w_in, (n, k))
    z0 = np.broadcast_to(z0_in, (n, k))
    t = np.broadcast_to(t_in, (n,))
    # checked before broadcasting: the same elements, fewer of them
    if (
        (omega.size and np.any(w_in <= 0))
        or (z0.size and np.any(z0_in < 0))
        or (t.size and np.any(t_in < 0))
    ):
        msg = "The 'weight' of best_response must be > 0, 'previous' and 'time' >= 0."
        raise ValueError(msg)
    c = 1.0 - substitution + adjustment
    if k == 2:
        return _two_tasks(a, omega, z0, t, c=c, delta=substitution, gamma=adjustment)
    b = omega * t[:, None] * a + adjustment * z0
    key = b / omega
    theta = _many_tasks(key, b, omega, t, c=c, delta=substitution)
    z = _fill(key, omega, theta, c)
    z[t <= 0] = 0.0
    total = row_sum(z)
    over = total > t
    if np.any(over):
        z[over] *= (t[over] / total[over])[:, None]  # rounding only: keep sum(z) <= T exactly
    return z


def _many_tasks(
    key: FloatArray, b: FloatArray, omega: FloatArray, t: FloatArray, *, c: float, delta: float
) -> FloatArray:
    """Return the threshold ``theta`` of every row: sort the keys, test each prefix (Notes)."""
    order = np.argsort(-key, axis=1, kind="stable")
    ks = np.take_along_axis(key, order, axis=1)
    s = np.cumsum(np.take_along_axis(b, order, axis=1), axis=1)
    w = np.cumsum(np.take_along_axis(omega, order, axis=1), axis=1)
    slack = delta * s / (c + delta * w)
    theta = _threshold(ks, slack, default=0.0)
    binds = row_sum(_fill(key, omega, theta, c)) > t
    if np.any(binds):
        capped = (s - c * t[:, None]) / w
        theta = np.where(binds, _threshold(ks, capped, default=np.inf), theta)
    return theta


def _two_tasks(
    a: FloatArray,
    omega: FloatArray,
    z0: FloatArray,
    t: FloatArray,
    *,
    c: float,
    delta: float,
    gamma: float,
) -> FloatArray:
    """:func:`best_response` for two tasks (a duty and paperwork), column by column.

    The same arithmetic as the general case without sorting: on the two prefixes, the
    task with the larger key (the first on ties, as the stable sort) alone, then both.
    """
    w0, w1 = omega[:, 0], omega[:, 1]
    b0 = w0 * t * a[:, 0] + gamma * z0[:, 0]
    b1 = w1 * t * a[:, 1] + gamma * z0[:, 1]
    k0, k1 = b0 / w0, b1 / w1
    first = k0 >= k1  # the task of the larger key: its prefix of one, as sorted
    k_hi, k_lo = np.maximum(k0, k1), np.minimum(k0, k1)
    s2, v2 = b0 + b1, w0 + w1
    if delta == 0.0:  # every slack prefix gives theta = 0
        theta = np.zeros(len(t))
    else:
        one = np.where(first, delta * b0 / (c + delta * w0), delta * b1 / (c + delta * w1))
        both = delta * s2 / (c + delta * v2)
        theta = np.where(k_lo > both, both, np.where(k_hi > one, one, 0.0))
    z_0, z_1 = _fill_one(k0, w0, theta, c), _fill_one(k1, w1, theta, c)
    binds = z_0 + z_1 > t
    if np.any(binds):
        ct = c * t
        one, both = np.where(first, (b0 - ct) / w0, (b1 - ct) / w1), (s2 - ct) / v2
        capped = np.where(k_lo > both, both, np.where(k_hi > one, one, np.inf))
        theta = np.where(binds, capped, theta)
        z_0, z_1 = _fill_one(k0, w0, theta, c), _fill_one(k1, w1, theta, c)
    idle = t <= 0
    if np.any(idle):
        z_0[idle] = 0.0
        z_1[idle] = 0.0
    total = z_0 + z_1
    over = total > t
    if np.any(over):  # rounding only: keep sum(z) <= T exactly
        ratio = t[over] / total[over]
        z_0[over] *= ratio
        z_1[over] *= ratio
    return np.column_stack((z_0, z_1))


def _fill_one(key: FloatArray, omega: FloatArray, theta: FloatArray, c: float) -> FloatArray:
    """One task's time for threshold ``theta``: ``omega (key - theta)^+ / c``."""
    out = np.maximum(key - theta, 0.0)
    out *= omega
    out /= c
    return out


def _threshold(ks: FloatArray, theta: FloatArray, *, default: float) -> FloatArray:
    """Per row, ``theta`` at the largest prefix m whose m-th sorted key exceeds it."""
    ok = ks > theta
    m = np.max(np.where(ok, np.arange(1, ks.shape[1] + 1), 0), axis=1)
    rows = np.arange(len(m))
    return np.where(m > 0, theta[rows, np.maximum(m - 1, 0)], default)


def _fill(key: FloatArray, omega: FloatArray, theta: FloatArray, c: float) -> FloatArray:
    """Time on each task for threshold ``theta``: ``omega (key - theta)^+ / c``."""
    return np.asarray(omega * np.maximum(key - theta[:, None], 0.0) / c, dtype=np.float64)

"""The best response of a convex cost of time: KKT, an exact oracle, monotonicity."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import event, find, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from zeren_graph.sim.decision.effort import best_response

FloatArray = npt.NDArray[np.float64]
TOL = 1e-9


@dataclass(frozen=True)
class Instance:
    """One batch of units facing the same substitution and adjustment."""

    gain: FloatArray
    weight: FloatArray
    previous: FloatArray
    time: FloatArray
    delta: float
    gamma: float

    def solve(self) -> FloatArray:
        return best_response(
            self.gain,
            self.weight,
            self.previous,
            self.time,
            substitution=self.delta,
            adjustment=self.gamma,
        )


def _floats(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    n = draw(st.integers(1, 3))
    k = draw(st.integers(1, 4))
    gain = draw(arrays(np.float64, (n, k), elements=_floats(-2.0, 2.0)))
    weight = draw(arrays(np.float64, (n, k), elements=_floats(0.1, 3.0)))
    previous = draw(arrays(np.float64, (n, k), elements=_floats(0.0, 2.0)))
    time = draw(arrays(np.float64, (n,), elements=st.just(0.0) | _floats(0.05, 3.0)))
    delta = draw(st.just(0.0) | _floats(0.0, 0.95))
    gamma = draw(st.just(0.0) | _floats(0.0, 3.0))
    return Instance(gain, weight, previous, time, delta, gamma)


def _objective(inst: Instance, i: int, z: FloatArray) -> FloatArray:
    """The objective of unit ``i`` at the rows of ``z`` (shape (m, k))."""
    a, w, z0, t = inst.gain[i], inst.weight[i], inst.previous[i], inst.time[i]
    cost = (
        (1 - inst.delta) * (z**2 / w).sum(axis=-1)
        + inst.delta * z.sum(axis=-1) ** 2
        + inst.gamma * ((z - z0) ** 2 / w).sum(axis=-1)
    ) / (2 * t)
    return np.asarray(z @ a - cost, dtype=np.float64)


def _reduced_gain(inst: Instance, z: FloatArray) -> FloatArray:
    """The gradient of the objective: a_j - dC/dz_j."""
    t = inst.time[:, None]
    dc = (
        (1 - inst.delta) * z / inst.weight
        + inst.delta * z.sum(axis=1, keepdims=True)
        + inst.gamma * (z - inst.previous) / inst.weight
    ) / t
    return np.asarray(inst.gain - dc, dtype=np.float64)


def _oracle(inst: Instance, i: int) -> FloatArray:
    """Best point over all faces (support x budget binding or not): exact, by enumeration."""
    w, z0, t, k = inst.weight[i], inst.previous[i], inst.time[i], inst.gain.shape[1]
    q = ((1 - inst.delta + inst.gamma) * np.diag(1 / w) + inst.delta) / t
    lin = inst.gain[i] + inst.gamma * z0 / w / t
    best, value = np.zeros(k), _objective(inst, i, np.zeros((1, k)))[0]
    for size in range(1, k + 1):
        for support in itertools.combinations(range(k), size):
            s = list(support)
            for binding in (False, True):
                m = np.zeros((size + binding, size + binding))
                m[:size, :size] = q[np.ix_(s, s)]
                rhs = np.append(lin[s], t) if binding else lin[s]
                if binding:
                    m[:size, size] = 1.0
                    m[size, :size] = 1.0
                z = np.zeros(k)
                z[s] = np.linalg.solve(m, rhs)[:size]
                if z.min() < -1e-12 or z.sum() > t + 1e-12:
                    continue
                z = np.clip(z, 0, None)
                f = _objective(inst, i, z[None, :])[0]
                if f > value:
                    best, value = z, f
    return best


def _kkt_residual(inst: Instance, z: FloatArray) -> None:
    """Assert the KKT conditions with the budget multiplier recovered from active tasks."""
    assert np.all(z >= 0)
    assert np.all(z.sum(axis=1) <= inst.time + 1e-12)
    live = inst.time > 0
    assert np.all(z[~live] == 0)
    if not live.any():
        return
    sub = Instance(
        inst.gain[live],
        inst.weight[live],
        inst.previous[live],
        inst.time[live],
        inst.delta,
        inst.gamma,
    )
    zl = z[live]
    g = _reduced_gain(sub, zl)
    active = zl > 0
    lam = np.where(active.any(axis=1), np.max(np.where(active, g, -np.inf), axis=1), 0.0)
    lam = np.maximum(lam, 0.0)
    slack = sub.time - zl.sum(axis=1)
    assert np.all(lam * slack <= TOL * (1 + sub.time))  # complementary slackness
    resid = g - lam[:, None]
    assert np.all(np.abs(resid[active]) <= TOL)  # stationarity on active tasks
    assert np.all(resid[~active] <= TOL)  # inactive tasks: non-positive reduced gain


def _binding(inst: Instance, z: FloatArray) -> bool:
    live = inst.time > 0
    return bool(np.any(z[live].sum(axis=1) >= inst.time[live] - 1e-12))


def _inactive(inst: Instance, z: FloatArray) -> bool:
    return bool(np.any(z[inst.time > 0] == 0))


@given(instances())
@settings(max_examples=300, deadline=None)
def test_kkt_and_oracle(inst: Instance) -> None:
    z = inst.solve()
    assert z.shape == inst.gain.shape
    _kkt_residual(inst, z)
    for i in np.flatnonzero(inst.time > 0):
        ref = _oracle(inst, int(i))
        mine, theirs = _objective(inst, int(i), np.stack([z[i], ref]))
        assert mine >= theirs - 1e-6
        assert abs(mine - theirs) <= 1e-6
        np.testing.assert_allclose(z[i], ref, atol=1e-6)
    event("budget binds" if _binding(inst, z) else "budget slack")
    event("some task inactive" if _inactive(inst, z) else "all tasks active")


@pytest.mark.parametrize(
    ("label", "case"),
    [
        ("budget binds", _binding),
        ("a task inactive", _inactive),
        (
            "binds and inactive, with substitution and adjustment",
            lambda inst, z: (
                inst.delta > 0.1 and inst.gamma > 0.1 and _binding(inst, z) and _inactive(inst, z)
            ),
        ),
        (
            "slack, some task active, with substitution and adjustment",
            lambda inst, z: (
                inst.delta > 0.1
                and inst.gamma > 0.1
                and not _binding(inst, z)
                and bool(np.any(z > 0))
            ),
        ),
    ],
)
def test_strategy_reaches_each_case(label: str, case: object) -> None:
    """The instances of the property tests do include each regime (no vacuous pass)."""
    assert callable(case)
    found = find(instances(), lambda inst: bool(case(inst, inst.solve())))
    assert case(found, found.solve()), label


@given(instances(), st.data())
@settings(max_examples=200, deadline=None)
def test_raising_a_gain_never_lowers_its_time(inst: Instance, data: st.DataObject) -> None:
    j = data.draw(st.integers(0, inst.gain.shape[1] - 1))
    step = data.draw(_floats(0.0, 2.0))
    z = inst.solve()
    gain = inst.gain.copy()
    gain[:, j] += step
    up = Instance(gain, inst.weight, inst.previous, inst.time, inst.delta, inst.gamma).solve()
    assert np.all(up[:, j] >= z[:, j] - 1e-12)


def test_grid_cannot_beat_two_tasks() -> None:
    """On a fine grid of feasible splits, no point does better than the best response."""
    rng = np.random.default_rng(7)
    u = np.linspace(0.0, 1.0, 401)
    for _ in range(40):
        inst = Instance(
            rng.uniform(-1, 2, (1, 2)),
            rng.uniform(0.2, 2, (1, 2)),
            rng.uniform(0, 1, (1, 2)),
            rng.uniform(0.2, 2, 1),
            float(rng.uniform(0, 0.9)),
            float(rng.uniform(0, 2)),
        )
        z = inst.solve()
        t = inst.time[0]
        g1, g2 = np.meshgrid(u * t, u * t)
        pts = np.stack([g1.ravel(), g2.ravel()], axis=1)
        pts = pts[pts.sum(axis=1) <= t]
        grid = _objective(inst, 0, pts)
        mine = _objective(inst, 0, z)[0]
        assert grid.max() <= mine + 1e-12
        assert mine - grid.max() <= 1e-3 * (1 + abs(mine))


def test_single_task_is_clipped_linear() -> None:
    a = np.linspace(-1, 2, 13)[:, None]
    t = np.full(13, 1.5)
    z = best_response(a, np.ones(1), np.zeros((13, 1)), t, substitution=0.0, adjustment=0.0)
    np.testing.assert_allclose(z[:, 0], np.clip(1.5 * a[:, 0], 0, 1.5))


def test_perfect_substitutes_favour_the_better_task() -> None:
    a = np.array([[0.3, 0.25]])
    shares = [
        best_response(a, np.ones(2), np.zeros((1, 2)), np.ones(1), substitution=d, adjustment=0)
        for d in (0.0, 0.5, 0.9, 0.99)
    ]
    first = [float(z[0, 0] / z.sum()) for z in shares]
    assert first == sorted(first)
    assert first[-1] == 1.0


def test_bad_parameters_are_refused() -> None:
    one = np.ones((1, 1))
    with pytest.raises(ValueError, match="'substitution' parameter"):
        best_response(one, one, one, np.ones(1), substitution=1.0, adjustment=0.0)
    with pytest.raises(ValueError, match="'adjustment' parameter"):
        best_response(one, one, one, np.ones(1), substitution=0.0, adjustment=-1.0)
    with pytest.raises(ValueError, match="'weight'"):
        best_response(one, -one, one, np.ones(1), substitution=0.0, adjustment=0.0)

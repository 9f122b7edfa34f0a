"""level_quantiles and level_means against np.quantile / np.mean level by level."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zeren_graph.sim import levelstats
from zeren_graph.sim.levelstats import level_means, level_quantiles

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QS = (0.1, 0.5, 0.9)
SIZES = (0, 1, 1, 2, 3, 4, 7, 12, 30)


@st.composite
def levelled(
    draw: Any, min_levels: int = 1, max_levels: int = 6, sizes: tuple[int, ...] = SIZES
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """(values (v, n), starts): random level sizes incl. 0 and 1, values with ties."""
    counts = draw(st.lists(st.sampled_from(sizes), min_size=min_levels, max_size=max_levels))
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    n, v = int(starts[-1]), draw(st.integers(1, 3))
    pool = draw(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=6))
    cells = st.sampled_from(pool) | st.floats(-1e3, 1e3, allow_nan=False)  # ties and spread
    values = np.array(draw(st.lists(cells, min_size=v * n, max_size=v * n)), dtype=np.float64)
    return values.reshape(v, n), starts


def expected(values: np.ndarray[Any, Any], starts: np.ndarray[Any, Any], qs: Any) -> Any:
    out = np.full((values.shape[0], len(starts) - 1, len(qs)), np.nan)
    for r, row in enumerate(values):
        for k in range(len(starts) - 1):
            seg = row[starts[k] : starts[k + 1]]
            if len(seg):
                out[r, k] = np.quantile(seg, qs)
    return out


@FAST
@given(levelled(), st.lists(st.floats(0, 1), min_size=1, max_size=4))
def test_quantiles_match_numpy(data: Any, extra: list[float]) -> None:
    values, starts = data
    qs = (*QS, *extra)
    got = level_quantiles(values, starts, qs)
    want = expected(values, starts, qs)
    assert got.shape == want.shape
    assert np.array_equal(np.isnan(got), np.isnan(want))
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-12, equal_nan=True)
    assert np.array_equal(got, want, equal_nan=True)  # in fact bit for bit


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(levelled(levelstats._SORT_PER_LEVEL_MAX + 1, 80, (0, 1, 2, 3)))
def test_many_levels_use_one_lexsort(data: Any) -> None:
    values, starts = data
    assert np.array_equal(
        level_quantiles(values, starts, QS), expected(values, starts, QS), equal_nan=True
    )


def test_lexsort_path_equals_per_level_sort(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(0)
    starts = np.array([0, 1, 1, 4, 9, 30, 31, 60])
    values = np.round(rng.normal(size=(3, 60)), 1)
    per_level = level_quantiles(values, starts, QS)
    monkeypatch.setattr(levelstats, "_SORT_PER_LEVEL_MAX", 0)
    assert np.array_equal(level_quantiles(values, starts, QS), per_level, equal_nan=True)


@FAST
@given(levelled())
def test_means_match_numpy(data: Any) -> None:
    values, starts = data
    got = level_means(values, starts)
    for k in range(len(starts) - 1):
        seg = values[:, starts[k] : starts[k + 1]]
        if seg.shape[1]:
            np.testing.assert_allclose(got[:, k], seg.mean(axis=1), rtol=1e-12, atol=1e-9)
        else:
            assert np.isnan(got[:, k]).all()


def test_one_dimensional_values_and_single_units() -> None:
    values = np.array([0.5, 0.2, 0.8, 0.4])
    starts = np.array([0, 1, 4])
    got = level_quantiles(values, starts, QS)
    assert got.shape == (2, 3)
    assert got[0].tolist() == [0.5, 0.5, 0.5]
    assert np.array_equal(got[1], np.quantile(values[1:], QS))
    assert level_means(values, starts).tolist() == pytest.approx([0.5, 1.4 / 3])


def test_constant_levels_are_not_sorted(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: Any) -> None:
        raise AssertionError("sorted a constant level")

    monkeypatch.setattr(levelstats, "_sorted_within", boom)
    values = np.array([[1.0, 0.9, 0.9, 0.9], [0.0, 0.3, 0.3, 0.3]])
    got = level_quantiles(values, np.array([0, 1, 4]), QS)
    assert got[:, 1].tolist() == [[0.9] * 3, [0.3] * 3]


def test_nan_and_inf_as_numpy() -> None:
    values = np.array([1.0, np.nan, 2.0, np.inf, np.inf, 3.0, np.inf, -np.inf, 0.0])
    starts = np.array([0, 3, 5, 7, 9])
    with np.errstate(invalid="ignore"):
        want = expected(values[None], starts, QS)[0]
    assert np.array_equal(level_quantiles(values, starts, QS), want, equal_nan=True)


def test_empty_inputs_and_bad_starts() -> None:
    assert level_quantiles(np.zeros(0), np.array([0, 0]), QS).shape == (1, 3)
    assert np.isnan(level_quantiles(np.zeros((2, 0)), np.array([0]), QS)).shape == (2, 0, 3)
    with pytest.raises(ValueError, match="non-decreasing"):
        level_quantiles(np.zeros(3), np.array([0, 2, 1]), QS)
    with pytest.raises(ValueError, match="shape"):
        level_means(np.zeros(3), np.array([0, 2]))

"""The hierarchy as numpy arrays: units sorted by level, parent indices, remoteness.

Level k holds the units ``starts[k]:starts[k+1]``; every unit's parent has a
smaller index, so one vectorised pass per level, top first, transmits pressure.

Examples
--------
>>> import numpy as np
>>> from zeren_graph.sim.scenario import Hierarchy
>>> s = build_structure(Hierarchy(levels=("省", "市", "县"), span=(1, 2, 3)))
>>> s.n_units, s.level_sizes.tolist()
(9, [1, 2, 6])
>>> s.parent.tolist()
[-1, 0, 0, 1, 1, 1, 2, 2, 2]
>>> s.unit_name(4)
'县2'
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from zeren_graph.errors import InputError, Problem, ScenarioError, did_you_mean
from zeren_graph.limits import current, exceeded
from zeren_graph.sim.scenario import Hierarchy

__all__ = ["Structure", "build_structure", "count_units"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Structure:
    """A hierarchy of units as arrays (see the module docstring)."""

    level_names: tuple[str, ...]
    starts: IntArray
    parent: IntArray
    remote: FloatArray
    names: tuple[str, ...] | None = None
    #: The responsibility model the hierarchy was read from (``hierarchy.model``), if any.
    source: Any = field(default=None, repr=False)
    _anc: dict[int, IntArray] = field(default_factory=dict, repr=False)

    @property
    def n_units(self) -> int:
        """Number of units."""
        return int(self.starts[-1])

    @property
    def n_levels(self) -> int:
        """Number of levels."""
        return len(self.level_names)

    @property
    def level_sizes(self) -> IntArray:
        """Units per level, top first."""
        return np.diff(self.starts)

    @property
    def level_of(self) -> IntArray:
        """The 0-based level of every unit."""
        return np.repeat(np.arange(self.n_levels, dtype=np.int64), self.level_sizes)

    def slice(self, level: int) -> slice:
        """Return the index range of the units at 0-based ``level``.

        Examples
        --------
        >>> from zeren_graph.sim.scenario import Hierarchy
        >>> s = build_structure(Hierarchy(levels=("县", "乡镇", "村"), span=(1, 2, 2)))
        >>> s.slice(2)
        slice(3, 7, None)
        """
        return slice(int(self.starts[level]), int(self.starts[level + 1]))

    def ancestor_at(self, level: int) -> IntArray:
        """For every unit, its ancestor (or itself) at 0-based ``level``; -1 above it.

        Examples
        --------
        >>> from zeren_graph.sim.scenario import Hierarchy
        >>> s = build_structure(Hierarchy(levels=("县", "乡镇", "村"), span=(1, 2, 2)))
        >>> s.ancestor_at(1).tolist()
        [-1, 1, 2, 1, 1, 2, 2]
        """
        if level not in self._anc:
            anc = np.full(self.n_units, -1, dtype=np.int64)
            sl = self.slice(level)
            anc[sl] = np.arange(sl.start, sl.stop)
            for k in range(level + 1, self.n_levels):
                lk = self.slice(k)
                anc[lk] = anc[self.parent[lk]]
            self._anc[level] = anc
        return self._anc[level]

    def unit_name(self, index: int) -> str:
        """Return the unit's id (file structures) or ``<level name><number>`` (generated).

        Examples
        --------
        >>> from zeren_graph.sim.scenario import Hierarchy
        >>> s = build_structure(Hierarchy(levels=("县", "乡镇", "村"), span=(1, 2, 2)))
        >>> s.unit_name(0), s.unit_name(6)
        ('县1', '村4')
        """
        if self.names is not None:
            return self.names[index]
        level = int(np.searchsorted(self.starts, index, side="right") - 1)
        return f"{self.level_names[level]}{index - int(self.starts[level]) + 1}"

    def level_index(self, ref: str, *, path: str) -> int:
        """Resolve a level name or 1-based number to a 0-based level; ScenarioError if unknown.

        Examples
        --------
        >>> from zeren_graph.sim.scenario import Hierarchy
        >>> s = build_structure(Hierarchy(levels=("县", "乡镇", "村"), span=(1, 2, 2)))
        >>> s.level_index("村", path="over"), s.level_index("2", path="over")
        (2, 1)
        >>> s.level_index("镇", path="supervision[0].by")
        Traceback (most recent call last):
        ...
        zeren_graph.errors.ScenarioError: supervision[0].by: unknown level '镇'; ...'乡镇'?
        """
        if ref in self.level_names:
            return self.level_names.index(ref)
        if ref.isdigit() and 1 <= int(ref) <= self.n_levels:
            return int(ref) - 1
        hint = did_you_mean(ref, self.level_names)
        msg = f"unknown level {ref!r}; levels: {', '.join(self.level_names)}"
        raise ScenarioError(Problem("invalid-scenario", msg, path=path, value=ref, hint=hint))


def count_units(hierarchy: Hierarchy, *, cap: int | None = None) -> int | None:
    """Return the number of units ``span`` generates, without building them; None for a file.

    ``span[0] + span[0]*span[1] + ...``; with ``cap``, counting stops once above it
    (a span of ten 10⁹ values has 10⁹⁰ units: no need to know exactly).

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Hierarchy
    >>> count_units(Hierarchy(levels=("省", "市", "县", "乡镇", "村"), span=(1, 4, 5, 6, 8)))
    1105
    >>> count_units(Hierarchy(levels=("省", "村"), span=(1, 10**9)), cap=100) > 100
    True
    """
    if hierarchy.span is None:
        return None
    total, width = 0, 1
    for n in hierarchy.span:
        width *= n
        total += width
        if cap is not None and total > cap:
            return total
    return total


def _check_units(n: int, *, file: str | None, path: str) -> None:
    limit = current().sim_units
    if n > limit:
        what = f"the hierarchy has {n:,} units" if n < 10**15 else "the hierarchy has 10^15+ units"
        raise exceeded("sim_units", what, file=file, path=path)


def build_structure(hierarchy: Hierarchy, *, rng: np.random.Generator | None = None) -> Structure:
    """Build the arrays of a hierarchy (generated from ``span`` or read from a file).

    ``rng`` draws which generated units are remote when ``remote_share`` > 0.

    Raises
    ------
    LimitError
        When the hierarchy has more units than the ``sim_units`` limit (checked
        before anything is allocated).

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Hierarchy
    >>> build_structure(Hierarchy(levels=("县", "乡镇"), span=(2, 3))).starts.tolist()
    [0, 2, 8]
    >>> build_structure(Hierarchy(levels=("省", "村"), span=(1, 10**9)))
    Traceback (most recent call last):
    ...
    zeren_graph.errors.LimitError: hierarchy.span: the hierarchy has 1,000,000,001 units, ...
    """
    if hierarchy.span is None:
        return _from_units(hierarchy)
    assert hierarchy.levels is not None  # checked by the schema
    n = count_units(hierarchy, cap=current().sim_units)
    _check_units(n or 0, file=None, path="hierarchy.span")
    sizes = np.cumprod(np.asarray(hierarchy.span, dtype=np.int64))
    starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    parent = np.full(int(starts[-1]), -1, dtype=np.int64)
    for k in range(1, len(sizes)):
        local = np.arange(sizes[k], dtype=np.int64) // hierarchy.span[k]
        parent[starts[k] : starts[k + 1]] = starts[k - 1] + local
    remote = np.zeros(int(starts[-1]))
    if hierarchy.remote_share > 0:
        gen = rng if rng is not None else np.random.default_rng(0)
        remote = (gen.random(int(starts[-1])) < hierarchy.remote_share).astype(np.float64)
    return Structure(tuple(hierarchy.levels), starts, parent, remote)


def _read_units(hierarchy: Hierarchy) -> tuple[list[Any], Any]:
    io: Any = importlib.import_module("zeren_graph.io")
    documents: Any = importlib.import_module("zeren_graph.io.documents")
    try:
        if hierarchy.units is not None:
            loaded = io.load_units(hierarchy.units)
        else:
            loaded = io.load(hierarchy.model)
    except InputError as exc:
        # whatever file the scenario points at, a message shows only a short excerpt of it
        raise documents.reraise(exc, documents.safe_message) from None
    units = getattr(loaded, "units", loaded)
    if isinstance(units, dict):
        units = units.values()
    return list(units), (loaded if hasattr(loaded, "assignments") else None)


def _from_units(hierarchy: Hierarchy) -> Structure:
    units, source = _read_units(hierarchy)
    file = hierarchy.units or hierarchy.model
    _check_units(
        len(units), file=file, path="hierarchy.units" if hierarchy.units else "hierarchy.model"
    )
    ids = {u.id for u in units}
    children: dict[str | None, list[Any]] = {}
    for u in units:
        children.setdefault(u.parent if u.parent in ids else None, []).append(u)
    order: list[list[Any]] = []
    frontier = children.get(None, [])
    while frontier:
        order.append(frontier)
        frontier = [c for u in frontier for c in children.get(u.id, [])]
    if not order or sum(map(len, order)) != len(units):
        msg = "the units do not form a tree (no root, or a cycle)"
        raise ScenarioError(Problem("invalid-scenario", msg, file=file, path="hierarchy"))
    names = _level_names(hierarchy, order, file)
    flat = [u for level in order for u in level]
    index = {u.id: i for i, u in enumerate(flat)}
    parent = np.array([index.get(u.parent, -1) if u.parent in ids else -1 for u in flat])
    starts = np.concatenate([[0], np.cumsum([len(lv) for lv in order])]).astype(np.int64)
    remote = np.array([1.0 if getattr(u, "remote", None) else 0.0 for u in flat])
    return Structure(names, starts, parent.astype(np.int64), remote, tuple(index), source)


def _level_names(
    hierarchy: Hierarchy, order: Iterable[list[Any]], file: str | None
) -> tuple[str, ...]:
    levels = list(order)
    if hierarchy.levels is not None:
        if len(hierarchy.levels) < len(levels):
            msg = f"names {len(hierarchy.levels)} levels but the file has {len(levels)}"
            raise ScenarioError(
                Problem("invalid-scenario", msg, file=file, path="hierarchy.levels")
            )
        return tuple(hierarchy.levels[: len(levels)])
    names = []
    for depth, units in enumerate(levels, start=1):
        counts = Counter(str(u.level) for u in units if getattr(u, "level", None))
        name = counts.most_common(1)[0][0] if counts else f"第{depth}级"
        names.append(name if name not in names else f"{name}{depth}")
    return tuple(names)

"""A top-down tree layout for boxes of different sizes (no graphviz).

Nodes are boxes of given width and height; the layout places each parent
centred over the slot its subtree needs (the sum of its children's slots), so
subtrees never overlap, and aligns the boxes of one depth on one row. Leaves
that share a parent and are many (villages under a township) are stacked in
columns under their parent instead of being spread in one wide row.

Coordinates are in the caller's units (the drawing uses ems); ``y`` grows
downwards, so the root is at the top.

Examples
--------
>>> lay = tree_layout([-1, 0, 0], widths=[4, 2, 2], heights=[1, 1, 1], hgap=1, vgap=1)
>>> lay.x.tolist(), lay.y.tolist()
([0.5, 0.0, 3.0], [0.0, 2.0, 2.0])
>>> lay.extent
(5.0, 3.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["TreeLayout", "connectors", "tree_layout"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class TreeLayout:
    """Where each box goes: left ``x``, top ``y``, with its size and parent.

    ``stacked[i]`` is true when node ``i`` sits in a column of leaves under
    its parent rather than on its depth's row.
    """

    parent: npt.NDArray[np.int64]
    x: FloatArray
    y: FloatArray
    width: FloatArray
    height: FloatArray
    stacked: npt.NDArray[np.bool_]
    indent: float
    vgap: float

    @property
    def extent(self) -> tuple[float, float]:
        """Total width and height of the drawing."""
        if not len(self.x):
            return (0.0, 0.0)
        return (float(np.max(self.x + self.width)), float(np.max(self.y + self.height)))


def _children(parent: npt.NDArray[np.int64]) -> list[list[int]]:
    """Children of every node, plus the roots as children of a virtual node ``n``."""
    n = len(parent)
    kids: list[list[int]] = [[] for _ in range(n + 1)]
    for i, p in enumerate(parent.tolist()):
        kids[p if p >= 0 else n].append(i)
    return kids


def _stacks(kids: list[list[int]], stack_leaves: int) -> list[bool]:
    """Whether each node (and the virtual root) stacks its children in columns."""
    return [len(k) >= stack_leaves and all(not kids[c] for c in k) for k in kids]


def _columns(members: list[int], per_column: int) -> list[list[int]]:
    return [members[i : i + per_column] for i in range(0, len(members), per_column)]


@dataclass(slots=True)
class _Spec:
    """The sizes and spacing of one layout."""

    w: FloatArray
    h: FloatArray
    hgap: float
    vgap: float
    per_column: int
    indent: float


def tree_layout(
    parent: Sequence[int] | npt.NDArray[np.int64],
    *,
    widths: Sequence[float] | FloatArray,
    heights: Sequence[float] | FloatArray,
    hgap: float = 1.0,
    vgap: float = 2.0,
    stack_leaves: int = 4,
    per_column: int = 8,
    indent: float = 1.5,
) -> TreeLayout:
    """Lay out a forest of boxes top-down.

    Parameters
    ----------
    parent : sequence of int
        The parent index of each node, ``-1`` for a root; every parent comes
        before its children (breadth-first order).
    widths, heights : sequence of float
        The size of each box.
    hgap, vgap : float
        Horizontal space between neighbouring slots; vertical space between rows.
    stack_leaves : int
        A node whose children are all leaves and at least this many stacks
        them in columns of at most ``per_column`` boxes, indented by ``indent``.
    per_column, indent : int, float
        See ``stack_leaves``.

    Returns
    -------
    TreeLayout

    Examples
    --------
    Five villages under one township are stacked (2 columns of at most 3):

    >>> lay = tree_layout([-1, 0, 0, 0, 0, 0], widths=[3] * 6, heights=[1] * 6,
    ...                   per_column=3, indent=1)
    >>> lay.stacked.tolist()
    [False, True, True, True, True, True]
    >>> lay.x.tolist()[1:], lay.y.tolist()[1:]
    ([1.0, 1.0, 1.0, 6.0, 6.0], [3.0, 5.0, 7.0, 3.0, 5.0])
    """
    par = np.asarray(parent, dtype=np.int64)
    spec = _Spec(
        np.asarray(widths, dtype=np.float64),
        np.asarray(heights, dtype=np.float64),
        hgap,
        vgap,
        per_column,
        indent,
    )
    n = len(par)
    if np.any(par >= np.arange(n)):
        msg = "every parent must come before its children (breadth-first order)"
        raise ValueError(msg)
    kids = _children(par)
    stacks = _stacks(kids, stack_leaves)
    stacked = np.zeros(n, dtype=bool)
    for p, k in enumerate(kids):
        if stacks[p]:
            stacked[k] = True
    depth = np.zeros(n, dtype=np.int64)
    for i in range(n):  # parents first, so one pass suffices
        depth[i] = depth[par[i]] + 1 if par[i] >= 0 else 0
    row_top = _row_tops(depth[~stacked], spec.h[~stacked], vgap)
    slot = _slot_widths(kids, stacks, spec)
    x = np.zeros(n)
    y = np.zeros(n)
    left = np.zeros(n + 1)  # left edge of each node's slot (the virtual root's is 0)
    for p in [n, *range(n)]:  # the virtual root, then breadth-first: parents first
        k = kids[p]
        if not k:
            continue
        if stacks[p]:
            top = y[p] + spec.h[p] + vgap if p < n else 0.0
            _place_stack(k, left=left[p], slot=slot[p], top=top, x=x, y=y, spec=spec)
            continue
        total = sum(slot[c] for c in k) + hgap * (len(k) - 1)
        start = left[p] + (slot[p] - total) / 2
        offsets = np.cumsum([0.0, *(slot[c] + hgap for c in k[:-1])])
        for c, off in zip(k, offsets, strict=True):
            left[c] = start + off
            x[c] = left[c] + (slot[c] - spec.w[c]) / 2
            y[c] = row_top[depth[c]]
    return TreeLayout(par, x, y, spec.w, spec.h, stacked, indent, vgap)


def _row_tops(depth: npt.NDArray[np.int64], height: FloatArray, vgap: float) -> FloatArray:
    """Top of each depth's row: rows as tall as their tallest unstacked box."""
    if not len(depth):
        return np.zeros(1)
    rows = np.zeros(int(depth.max()) + 1)
    np.maximum.at(rows, depth, height)
    return np.concatenate([[0.0], np.cumsum(rows + vgap)])[:-1]


def _column_widths(cols: list[list[int]], spec: _Spec) -> list[float]:
    return [spec.indent + float(np.max(spec.w[col])) for col in cols]


def _slot_widths(kids: list[list[int]], stacks: list[bool], spec: _Spec) -> list[float]:
    """Width each node's subtree needs, computed leaves first."""
    n = len(spec.w)
    slot = [*spec.w.tolist(), 0.0]
    for p in [*range(n - 1, -1, -1), n]:  # children before parents, the virtual root last
        k = kids[p]
        if not k:
            continue
        if stacks[p]:
            cols = _columns(k, spec.per_column)
            need = sum(_column_widths(cols, spec)) + spec.hgap * (len(cols) - 1)
        else:
            need = sum(slot[c] for c in k) + spec.hgap * (len(k) - 1)
        slot[p] = max(slot[p], need)
    return slot


def _place_stack(
    k: list[int],
    *,
    left: float,
    slot: float,
    top: float,
    x: FloatArray,
    y: FloatArray,
    spec: _Spec,
) -> None:
    """Place leaves ``k`` in indented columns from ``top``, centred in the slot."""
    cols = _columns(k, spec.per_column)
    widths = _column_widths(cols, spec)
    block = sum(widths) + spec.hgap * (len(cols) - 1)
    col_left = left + (slot - block) / 2
    for col, width in zip(cols, widths, strict=True):
        x[col] = col_left + spec.indent
        y[col] = top + np.concatenate([[0.0], np.cumsum(spec.h[col] + spec.vgap / 2)])[:-1]
        col_left += width + spec.hgap


def connectors(layout: TreeLayout) -> FloatArray:
    """Return the line segments joining parents to children, shape ``(m, 2, 2)``.

    Rows use elbows: down from the parent's bottom, across, down to the child.
    Stacked columns hang from a trunk on their left with a tick to each box.

    Examples
    --------
    >>> lay = tree_layout([-1, 0, 0], widths=[4, 2, 2], heights=[1, 1, 1], hgap=1, vgap=1)
    >>> connectors(lay).shape
    (5, 2, 2)
    """
    lay = layout
    child = np.flatnonzero(lay.parent >= 0)
    if not len(child):
        return np.zeros((0, 2, 2))
    par = lay.parent[child]
    px = lay.x[par] + lay.width[par] / 2
    pb = lay.y[par] + lay.height[par]
    cx = lay.x[child] + lay.width[child] / 2
    cy = lay.y[child]
    mid = pb + lay.vgap / 2
    row = ~lay.stacked[child]
    trunk = lay.x[child] - lay.indent / 2
    cmid = cy + lay.height[child] / 2
    pieces = [
        _segments(px, pb, px, mid),  # parent down to the bus
        _segments(px[row], mid[row], cx[row], mid[row]),  # bus across
        _segments(cx[row], mid[row], cx[row], cy[row]),  # down to a child on a row
        _segments(px[~row], mid[~row], trunk[~row], mid[~row]),  # bus to a stack's trunk
        _segments(trunk[~row], mid[~row], trunk[~row], cmid[~row]),  # trunk down
        _segments(trunk[~row], cmid[~row], lay.x[child][~row], cmid[~row]),  # tick
    ]
    segs = np.concatenate(pieces)
    keep = np.any(segs[:, 0] != segs[:, 1], axis=1)  # drop zero-length segments
    return np.unique(segs[keep], axis=0)


def _segments(x0: FloatArray, y0: FloatArray, x1: FloatArray, y1: FloatArray) -> FloatArray:
    return np.stack([np.stack([x0, y0], axis=-1), np.stack([x1, y1], axis=-1)], axis=1)

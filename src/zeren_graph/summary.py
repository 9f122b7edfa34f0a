"""A model's vital statistics: counts, roots and levels (the ``zeren info`` summary).

Examples
--------
>>> from zeren_graph.model import ResponsibilityModel, Unit
>>> m = ResponsibilityModel(units=[Unit(id="县委", level="县"),
...                                Unit(id="乙镇党委", parent="县委", level="乡镇"),
...                                Unit(id="丙镇党委", parent="县委", level="乡镇")])
>>> s = summarize(m)
>>> s.roots, s.units, [(lv.depth, lv.names, lv.units) for lv in s.levels]
(('县委',), 3, [(1, ('县',), 1), (2, ('乡镇',), 2)])
>>> sorted(s.to_dict())
['assignments', 'duties', 'levels', 'persons', 'posts', 'roots', 'rows', 'units']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zeren_graph.model import ResponsibilityModel

__all__ = ["LevelSummary", "ModelSummary", "summarize", "unit_depths"]


@dataclass(frozen=True, slots=True)
class LevelSummary:
    """Units at one depth of the hierarchy (1 = the roots) and the level names they carry."""

    depth: int
    names: tuple[str, ...]
    units: int

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"depth": self.depth, "names": list(self.names), "units": self.units}


@dataclass(frozen=True, slots=True)
class ModelSummary:
    """Counts of every entity, the rows read, the roots and the levels of a model."""

    units: int
    posts: int
    persons: int
    duties: int
    assignments: int
    rows: int
    roots: tuple[str, ...]
    levels: tuple[LevelSummary, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (the ``summary`` object of ``zeren info --format json``)."""
        return {
            "units": self.units,
            "posts": self.posts,
            "persons": self.persons,
            "duties": self.duties,
            "assignments": self.assignments,
            "rows": self.rows,
            "roots": list(self.roots),
            "levels": [lv.to_dict() for lv in self.levels],
        }


def unit_depths(model: ResponsibilityModel) -> dict[str, int]:
    """Return the depth of every unit: 1 for a root, 2 for its children, ...

    Linear in the number of units (breadth first from the roots).

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> unit_depths(ResponsibilityModel(units=[Unit(id="a"), Unit(id="b", parent="a")]))
    {'a': 1, 'b': 2}
    """
    ix = model.index
    depth: dict[str, int] = {}
    frontier = list(ix.roots)
    d = 1
    while frontier:
        nxt: list[str] = []
        for u in frontier:
            depth[u] = d
            nxt.extend(ix.children.get(u, ()))
        frontier = nxt
        d += 1
    return depth


def summarize(model: ResponsibilityModel, *, rows: int | None = None) -> ModelSummary:
    """Summarise ``model``; ``rows`` is the number of list rows read (default: assignments).

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel
    >>> summarize(ResponsibilityModel(), rows=0).to_dict()["levels"]
    []
    """
    depths = unit_depths(model)
    names: dict[int, dict[str, None]] = {}
    counts: dict[int, int] = {}
    for u in model.units:
        d = depths[u.id]
        counts[d] = counts.get(d, 0) + 1
        bucket = names.setdefault(d, {})
        if u.level is not None:
            bucket.setdefault(u.level, None)
    levels = tuple(
        LevelSummary(depth=d, names=tuple(names[d]), units=counts[d]) for d in sorted(counts)
    )
    return ModelSummary(
        units=len(model.units),
        posts=len(model.posts),
        persons=len(model.persons),
        duties=len(model.duties),
        assignments=len(model.assignments),
        rows=len(model.assignments) if rows is None else rows,
        roots=model.index.roots,
        levels=levels,
    )

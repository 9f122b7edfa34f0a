"""The tables of one pass over the duties, for :class:`~zeren_graph.checks.context.Context`.

Examples
--------
>>> from zeren_graph.checks.context import Context
>>> from zeren_graph.model import Duty, ResponsibilityModel, Unit
>>> m = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="甲镇", parent="县委")],
...     duties=[Duty(id="县委/党建", name="党建", scope="县委"),
...             Duty(id="甲镇/党建", name="党建", scope="甲镇", indicator="每年1次")])
>>> t = scan_duties(Context(m))
>>> t.of_scope["甲镇"], t.indicated, t.derived_at
(['甲镇/党建'], ['甲镇/党建'], {'县委/党建': {'甲镇'}})
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zeren_graph.checks.context import Context

__all__ = ["DutyTables", "scan_duties"]


@dataclass(slots=True)
class DutyTables:
    """What one pass over the duties finds (see :class:`Context`).

    Attributes
    ----------
    of_scope : dict
        Unit id → the ids of the duties covering it.
    indicated : list
        Duties with an indicator of their own.
    derived_at : dict
        Duty id → the child units of its scope that have a duty derived from
        it (by ``derived_from``, or by name when that is not given; ZG402).
    """

    of_scope: dict[str, list[str]] = field(default_factory=dict)
    indicated: list[str] = field(default_factory=list)
    derived_at: dict[str, set[str]] = field(default_factory=dict)


def scan_duties(ctx: Context) -> DutyTables:
    """Return the tables of one pass over the duties of ``ctx``'s model."""
    t = DutyTables()
    of_scope, parent_of = t.of_scope, ctx.parent_of
    by_name: dict[tuple[str, str], list[str]] = {}  # (scope, name) → duty ids
    explicit: list[tuple[str, str, str]] = []  # (derived_from, scope, parent)
    implicit: list[tuple[tuple[str, str], str]] = []  # ((parent, name), scope)
    for d in ctx.model.duties:
        scope, duty, name = d.scope, d.id, d.name
        ids = of_scope.get(scope)
        if ids is None:
            of_scope[scope] = [duty]
        else:
            ids.append(duty)
        if d.indicator:
            t.indicated.append(duty)
        _append(by_name, (scope, name), duty)
        parent = parent_of[scope]
        if parent is None:
            continue
        if d.derived_from is not None:
            explicit.append((d.derived_from, scope, parent))
        else:
            implicit.append(((parent, name), scope))
    duties = ctx.index.duties
    for origin, scope, parent in explicit:
        if duties[origin].scope == parent:
            _reach(t.derived_at, origin, scope)
    for key, scope in implicit:
        for origin in by_name.get(key, ()):
            _reach(t.derived_at, origin, scope)
    return t


def _append(table: dict[tuple[str, str], list[str]], key: tuple[str, str], value: str) -> None:
    found = table.get(key)
    if found is None:
        table[key] = [value]
    else:
        found.append(value)


def _reach(table: dict[str, set[str]], origin: str, scope: str) -> None:
    found = table.get(origin)
    if found is None:
        table[origin] = {scope}
    else:
        found.add(scope)

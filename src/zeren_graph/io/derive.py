"""Resolving ``derived_from`` (上级职责) names of a flat list to duty ids.

A row's ``derived_from`` names the duty of the scope's parent unit — or of the
nearest ancestor that has a duty of that name — which this duty decomposes
(层层分解). Without a hierarchy, the name must be a duty of exactly one other
unit.

Examples
--------
>>> duties = {("县委", "组织生活"): DutyRecord("县委/组织生活", "组织生活", "县委", 2),
...           ("乙镇党委", "组织生活"): DutyRecord("乙镇党委/组织生活", "组织生活", "乙镇党委", 3,
...                                         derived="组织生活", derived_row=3)}
>>> resolve_derived(duties, {"县委": None, "乙镇党委": "县委"}, None, None)
>>> duties["乙镇党委", "组织生活"].derived_id
'县委/组织生活'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from zeren_graph.errors import Problem
from zeren_graph.io.report import ProblemLog, shown
from zeren_graph.model import Source
from zeren_graph.vocab import Category

if TYPE_CHECKING:
    from zeren_graph.io.tabular import Table

__all__ = ["DutyRecord", "resolve_derived"]


@dataclass(slots=True)
class DutyRecord:
    """A duty seen in the list: its id, first row, category and derived_from name."""

    id: str
    name: str
    scope: str
    row: int
    source: Source | None = None
    category: Category | None = None
    category_text: str = ""
    category_row: int = 0
    derived: str | None = None
    derived_row: int = 0
    derived_id: str | None = None


def resolve_derived(
    duties: dict[tuple[str, str], DutyRecord],
    parents: dict[str, str | None] | None,
    table: Table | None,
    log: ProblemLog | None,
) -> None:
    """Set ``derived_id`` of every record naming a ``derived_from``; log what cannot be resolved.

    Parameters
    ----------
    duties : dict
        ``(scope, name)`` → the duty's record.
    parents : dict or None
        Unit → parent unit; ``None`` when there is no hierarchy.
    table, log : optional
        Where to report unresolved names (``None``: raise nothing, skip them).

    Examples
    --------
    >>> duties = {("县委", "发展党员"): DutyRecord("县委/发展党员", "发展党员", "县委", 2),
    ...           ("村", "发展党员"): DutyRecord("村/发展党员", "发展党员", "村", 3,
    ...                                        derived="发展党员")}
    >>> resolve_derived(duties, None, None, None)  # no hierarchy: the only other unit's duty
    >>> duties["村", "发展党员"].derived_id
    '县委/发展党员'
    """
    by_name: dict[str, list[str]] | None = None
    for record in duties.values():
        name = record.derived
        if name is None:
            continue
        if parents is not None:
            parent = parents.get(record.scope)
            target = duties.get((parent, name)) if parent is not None else None  # the usual case
            if target is not None:
                record.derived_id = target.id
                continue
            found, tried = _in_ancestors(duties, parents, record.scope, name)
        else:
            if by_name is None:
                by_name = {}
                for scope, n in duties:
                    by_name.setdefault(n, []).append(scope)
            tried = [s for s in by_name.get(name, []) if s != record.scope]
            found = tried[0] if len(tried) == 1 else None
        if found is not None:
            record.derived_id = duties[found, name].id
        elif table is not None and log is not None:
            log.add(
                _unresolved(
                    record,
                    name=name,
                    tried=tried,
                    hierarchy=parents is not None,
                    duties=duties,
                    table=table,
                    log=log,
                )
            )


def _in_ancestors(
    duties: dict[tuple[str, str], DutyRecord],
    parents: dict[str, str | None],
    scope: str,
    name: str,
) -> tuple[str | None, list[str]]:
    ancestors: list[str] = []
    unit = parents.get(scope)
    while unit is not None and len(ancestors) <= len(parents):
        ancestors.append(unit)
        if (unit, name) in duties:
            return unit, ancestors
        unit = parents.get(unit)
    return None, ancestors


def _unresolved(
    record: DutyRecord,
    *,
    name: str,
    tried: list[str],
    hierarchy: bool,
    duties: dict[tuple[str, str], DutyRecord],
    table: Table,
    log: ProblemLog,
) -> Problem:
    if hierarchy:
        where = ", ".join(tried) if tried else "none: it is a root"
        message = (
            f"no ancestor of {shown(record.scope)} has a duty {shown(name)} (ancestors: {where})"
        )
        pool = {n for s, n in duties if s in set(tried)}
        hint = log.suggest(name, pool) or "name a duty of the parent unit, or clear the cell"
    elif tried:
        message = f"duty {shown(name)} exists in several units ({', '.join(tried)}): ambiguous"
        hint = "give a units table (--units) so the nearest ancestor can be found"
    else:
        message = f"no other unit has a duty {shown(name)}"
        hint = log.suggest(name, {n for _, n in duties}) or "check the duty's name"
    return Problem(
        "unknown-reference",
        message,
        file=table.label,
        row=record.derived_row,
        column=table.header("derived_from"),
        value=name,
        hint=hint,
    )

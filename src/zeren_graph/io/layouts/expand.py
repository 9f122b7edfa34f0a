"""Placeholder holders expanded with a units table (各乡镇党委 → every township committee).

A task table or grouped list names holders such as 各乡镇党委, 区直各部门 or
各村（社区）党组织 (:func:`~zeren_graph.holders.parse_placeholder`). With a units
table, :func:`expand_placeholders` replaces each such holder by the units it
names **under the scope** (the issuing body, a unit of the table): its level
words (乡镇, 镇, 街道, 村, 社区 …) are matched against the units' ``level`` (and
村/社区 against the kinds village/community), its noun's kinds (党委 →
committee, 部门 → department) against their ``kind``; X直 (区直各部门) takes
only the units directly under the scope. Every row of the placeholder becomes
one row per unit, with the same role and source row, and the reading says
"各乡镇党委 → 4 units (…)".

It is conservative: a placeholder is kept as a holder unit (and ZG107 reports
the duties it alone owns), with the reason in the reading, when it names only
the relevant units (有关部门) or the members of a body (成员单位), names no level
or kind the table can match, matches nothing under the scope, or matches
ambiguously (a unit and its own sub-unit, or units of several kinds when it
names no kind).

Examples
--------
>>> from zeren_graph.model import Unit
>>> town = {"parent": "县委", "level": "乡镇", "kind": "committee"}
>>> units = [Unit(id="县委"), Unit(id="甲镇党委", **town), Unit(id="乙镇党委", **town),
...          Unit(id="县财政局", parent="县委", kind="department")]
>>> [u.id for u in resolve("各乡镇党委", units, "县委")[0]]
['甲镇党委', '乙镇党委']
>>> resolve("各有关部门", units, "县委")[1]
'相关/有关 names only the relevant units, not which ones'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from zeren_graph.holders import parse_placeholder
from zeren_graph.io.layouts.task_table import PLACEHOLDER_WARNING, TaskRows
from zeren_graph.io.text import clean
from zeren_graph.io.units import UnitsTable
from zeren_graph.model import Unit
from zeren_graph.vocab import UnitKind

__all__ = ["expand_placeholders", "resolve"]

# The unit levels each level word of a placeholder matches (a unit's ``level`` as written).
_LEVELS: dict[str, frozenset[str]] = {
    "乡镇": frozenset({"乡镇", "乡", "镇"}),
    "乡": frozenset({"乡", "乡镇"}),
    "镇": frozenset({"镇", "乡镇"}),
    "街道": frozenset({"街道"}),
    "村": frozenset({"村"}),
    "社区": frozenset({"社区"}),
    "居": frozenset({"社区", "居"}),
    "村居": frozenset({"村", "社区", "村居"}),
}
# The unit kinds that stand for a level word when the unit's level is not written.
_LEVEL_KINDS: dict[str, frozenset[UnitKind]] = {
    "村": frozenset({UnitKind.village}),
    "社区": frozenset({UnitKind.community}),
    "居": frozenset({UnitKind.community}),
    "村居": frozenset({UnitKind.village, UnitKind.community}),
}
# The level written for a unit kind (a units table may give 部门 as the level).
_KIND_LEVELS: dict[UnitKind, str] = {UnitKind.department: "部门"}
# 党组织: any party organisation, or the village/community that stands for its own.
_PARTY = frozenset({UnitKind.committee, UnitKind.working_committee, UnitKind.party_group,
                    UnitKind.general_branch, UnitKind.branch, UnitKind.village,
                    UnitKind.community})  # fmt: skip
# Kinds counted as one when a placeholder names no kind (各村（社区）: villages and communities).
_SAME = {UnitKind.community: UnitKind.village}
_SHOWN = 6
_WHICH = {"related": "相关/有关 names only the relevant units, not which ones",
          "members": "成员单位: the units table does not say who the members are"}  # fmt: skip


def _level_matches(unit: Unit, words: Sequence[str]) -> bool:
    level = clean(unit.level or "")
    for word in words:
        if level in _LEVELS.get(word, frozenset({word})):
            return True
        if not level and unit.kind in _LEVEL_KINDS.get(word, frozenset()):
            return True
    return False


def _kind_matches(unit: Unit, kinds: frozenset[UnitKind]) -> bool:
    level = clean(unit.level or "")
    return unit.kind in kinds or any(_KIND_LEVELS.get(k) == level for k in kinds)


def _under(units: Sequence[Unit], scope: str, direct: bool) -> list[Unit]:
    """Return the units under ``scope``: its children when ``direct``, else every descendant."""
    children: dict[str, list[Unit]] = {}
    for u in units:
        if u.parent is not None:
            children.setdefault(u.parent, []).append(u)
    out: list[Unit] = []
    todo = list(children.get(scope, ()))
    while todo:
        u = todo.pop(0)
        out.append(u)
        if not direct:
            todo += children.get(u.id, ())
    return out


def _ambiguous(found: list[Unit], named_kind: bool) -> str | None:
    """Return why the units found are not clearly the set named, else ``None``."""
    ids = {u.id for u in found}
    for u in found:
        if u.parent in ids:
            return f"ambiguous: both '{u.parent}' and its sub-unit '{u.id}' match"
    kinds = sorted({_SAME.get(u.kind, u.kind).value for u in found})
    if not named_kind and len(kinds) > 1:
        return f"ambiguous: it names no kind and matches units of several ({', '.join(kinds)})"
    return None


def resolve(name: str, units: Sequence[Unit], scope: str) -> tuple[list[Unit], str]:
    """Return the units the placeholder ``name`` names under ``scope``, or none and why not.

    Parameters
    ----------
    name : str
        A placeholder holder (各乡镇党委).
    units : sequence of Unit
        The units of the units table.
    scope : str
        The issuing body: the units named are under it.
    """
    p = parse_placeholder(name)
    if p is None:
        return [], "not a placeholder"
    why = _WHICH.get(p.which) or (
        f"the scope '{scope}' is not a unit of the units table"
        if scope not in {u.id for u in units} else None
    )  # fmt: skip
    if why:
        return [], why
    direct = any(lv.endswith("直") for lv in p.levels)
    levels = [lv for lv in p.levels if not lv.endswith("直")]
    kinds = frozenset(p.kinds) or (_PARTY if p.noun in ("党组织", "基层党组织") else frozenset())
    if "各级" in levels:
        return [], "各级 names every level"
    if not kinds and (direct or not levels):
        return [], "it names no level and no kind the units table can match"
    found = [
        u
        for u in _under(units, scope, direct)
        if (not levels or _level_matches(u, levels)) and (not kinds or _kind_matches(u, kinds))
    ]
    if not found:
        what = " and ".join(
            ([f"level {'/'.join(levels)}"] if levels else [])
            + ([f"kind {'/'.join(sorted(k.value for k in kinds))}"] if kinds else [])
        )
        where = "directly under" if direct else "under"
        return [], f"no unit {where} the scope '{scope}' has {what}"
    why = _ambiguous(found, bool(kinds))
    return ([], why) if why else (found, "")


def _shown(found: list[Unit]) -> str:
    names = [u.id for u in found[:_SHOWN]]
    return ", ".join(names) + (", …" if len(found) > _SHOWN else "")


def expand_placeholders(
    tasks: TaskRows, table: UnitsTable | None
) -> tuple[TaskRows, UnitsTable | None]:
    """Expand the placeholder holders of ``tasks`` with the units table ``table``.

    Without a units table (``None``) nothing changes: the placeholders stay holder
    units of the implied hierarchy, and ZG107 reports the duties they alone own.

    Returns the rows with each resolved placeholder replaced by one row per unit
    it names (same role, same source row; a row the list already has is not
    repeated), and the units table with each placeholder kept as a holder unit
    added under the scope (so that ZG107 can report it). The reading says what
    was expanded and why a placeholder was kept.
    """
    scope = clean(tasks.reading.scope or "")
    names = list(dict.fromkeys(r[1] for r in tasks.rows if parse_placeholder(r[1])))
    if table is None or not names:
        return tasks, table
    expanded: dict[str, list[str]] = {}
    notes: list[str] = []
    warnings = [w for w in tasks.reading.warnings if not w.startswith(PLACEHOLDER_WARNING)]
    kept: list[Unit] = []
    known = {u.id for u in table.units}
    for name in names:
        found, why = resolve(name, table.units, scope)
        if found:
            expanded[name] = [u.id for u in found]
            notes.append(f"{name} → {len(found)} units ({_shown(found)}), from the units table")
        else:
            warnings.append(f"placeholder '{name}' kept as a holder: {why}")
            if name not in known:
                parent = scope if scope in known else None
                kept.append(Unit(id=name, parent=parent, kind=UnitKind.other))
    rows, numbers = _expanded_rows(tasks, expanded)
    counts = {**tasks.reading.counts, "holders": len(rows)}
    reading = dataclasses.replace(
        tasks.reading, notes=(*tasks.reading.notes, *notes), warnings=tuple(warnings),
        counts=counts,
    )  # fmt: skip
    out = dataclasses.replace(tasks, rows=rows, numbers=numbers, reading=reading)
    return out, (dataclasses.replace(table, units=[*table.units, *kept]) if kept else table)


def _expanded_rows(
    tasks: TaskRows, expanded: dict[str, list[str]]
) -> tuple[list[list[str]], list[int]]:
    """Return the rows with each expanded placeholder's row repeated for each of its units."""
    seen = {(r[0], r[1], r[2], r[4], r[5]) for r in tasks.rows if r[1] not in expanded}
    rows: list[list[str]] = []
    numbers: list[int] = []
    for row, number in zip(tasks.rows, tasks.numbers, strict=True):
        for unit in expanded.get(row[1], (row[1],)):
            key = (row[0], unit, row[2], row[4], row[5])
            if unit != row[1] and key in seen:
                continue
            seen.add(key)
            rows.append([row[0], unit, *row[2:]])
            numbers.append(number)
    return rows, numbers

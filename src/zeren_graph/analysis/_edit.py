"""Pure edits of a responsibility model: vacate posts, merge units, remove units.

Each edit takes a model and returns a new, valid model; the input is never
changed. These are the building blocks of :func:`zeren_graph.analysis.what_if`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TypeVar

from pydantic import BaseModel

from zeren_graph.errors import Problem, did_you_mean
from zeren_graph.model import (
    Assignment,
    Duty,
    Post,
    ResponsibilityModel,
    Unit,
    duty_id,
    post_id,
)
from zeren_graph.vocab import normalize_text

__all__ = [
    "merge_units",
    "remove_units",
    "resolve_merges",
    "unit_problems",
    "vacate",
    "vacate_problems",
]

K = TypeVar("K")
T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
N = TypeVar("N", int, float)


def _unknown(kind: str, value: str, pool: Collection[str], where: str) -> Problem:
    hint = did_you_mean(value, pool) if len(pool) < 5000 else None
    return Problem(
        "unknown-reference",
        f"{kind} {value!r} is not in the model",
        value=value,
        column=where,
        hint=hint,
    )


def _rebuild(model: ResponsibilityModel, **parts: object) -> ResponsibilityModel:
    fields: dict[str, object] = {
        "name": model.name,
        "units": model.units,
        "posts": model.posts,
        "persons": model.persons,
        "duties": model.duties,
        "assignments": model.assignments,
        "supervisions": model.supervisions,
        "has_hierarchy": model.has_hierarchy,
        "row_fields": model.row_fields,
        "document_supervisors": model.document_supervisors,
    }
    fields.update(parts)
    return ResponsibilityModel.model_validate(fields)


def _update(entity: M, **changes: object) -> M:
    """Return ``entity`` with ``changes``; the same object when nothing differs."""
    diff = {k: v for k, v in changes.items() if getattr(entity, k) != v}
    return entity.model_copy(update=diff) if diff else entity


def _unique_by(items: Iterable[T], key: Callable[[T], K]) -> tuple[T, ...]:
    seen: dict[K, T] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return tuple(seen.values())


# --- vacate ---------------------------------------------------------------------------------


def vacate_problems(model: ResponsibilityModel, names: Iterable[str]) -> list[Problem]:
    """Return a problem for every name that is neither a post nor a person."""
    ix = model.index
    return [
        _unknown("post or person", n, [*ix.posts, *ix.persons], "vacate")
        for n in map(normalize_text, names)
        if n not in ix.posts and n not in ix.persons
    ]


def vacate(model: ResponsibilityModel, names: Iterable[str]) -> ResponsibilityModel:
    """Empty the named posts; a person's name vacates every post that person holds."""
    wanted = {normalize_text(n) for n in names}
    if not wanted:
        return model
    posts = []
    for p in model.posts:
        keep = () if p.id in wanted else tuple(h for h in p.holders if h not in wanted)
        posts.append(p if keep == p.holders else p.model_copy(update={"holders": keep}))
    return _rebuild(model, posts=tuple(posts))


# --- merge ----------------------------------------------------------------------------------


def resolve_merges(
    model: ResponsibilityModel, pairs: Iterable[tuple[str, str]]
) -> tuple[dict[str, str], list[Problem]]:
    """Map every absorbed unit to its final target, following chains (a→b, b→c).

    Returns the mapping and the problems: unknown units, a unit absorbed twice
    or into itself, a cycle, or a unit merged into one of its own descendants.
    """
    ix = model.index
    step: dict[str, str] = {}
    problems: list[Problem] = []
    for raw_a, raw_b in pairs:
        a, b = normalize_text(raw_a), normalize_text(raw_b)
        bad = [_unknown("unit", x, ix.units, "merge") for x in (a, b) if x not in ix.units]
        if a == b:
            bad.append(
                Problem(
                    "invalid-merge",
                    f"unit {a!r} cannot be merged into itself",
                    value=a,
                    column="merge",
                )
            )
        elif a in step and step[a] != b:
            bad.append(
                Problem(
                    "invalid-merge",
                    f"unit {a!r} is merged into both {step[a]!r} and {b!r}",
                    value=a,
                    column="merge",
                )
            )
        problems.extend(bad)
        if not bad:
            step[a] = b
    final: dict[str, str] = {}
    for a, first in step.items():
        seen, node = {a}, first
        while node in step and node not in seen:
            seen.add(node)
            node = step[node]
        if node in seen:
            problems.append(
                Problem(
                    "invalid-merge", f"the merges of {a!r} form a cycle", value=a, column="merge"
                )
            )
        elif node in ix.units and a in ix.ancestors(node):
            problems.append(
                Problem(
                    "invalid-merge",
                    f"unit {a!r} cannot be merged into its descendant {node!r}",
                    value=a,
                    column="merge",
                    hint=f"merge {node!r} into {a!r} instead",
                )
            )
        else:
            final[a] = node
    return final, problems


def _moved_id(old_id: str, expected: str, new_id: str) -> str:
    """Rewrite an id that follows the flat-list convention; keep a custom one."""
    return new_id if old_id == expected else old_id


def _combine(first: M, second: M, fields: Iterable[str]) -> M:
    """Fill ``first``'s empty fields from ``second``."""
    update = {
        f: getattr(second, f)
        for f in fields
        if getattr(first, f) is None and getattr(second, f) is not None
    }
    return first.model_copy(update=update) if update else first


def _merge_posts(
    model: ResponsibilityModel, into: Mapping[str, str]
) -> tuple[tuple[Post, ...], dict[str, str]]:
    out: dict[str, Post] = {}
    moved: dict[str, bool] = {}
    ids: dict[str, str] = {}
    for p in model.posts:
        target = into.get(p.unit)
        new = p
        if target is not None:
            pid = _moved_id(p.id, post_id(p.unit, p.title), post_id(target, p.title))
            new = _update(p, id=pid, unit=target)
        ids[p.id] = new.id
        old = out.get(new.id)
        if old is None:
            out[new.id], moved[new.id] = new, target is not None
            continue
        first, second = (new, old) if moved[new.id] and target is None else (old, new)
        holders = tuple(dict.fromkeys((*first.holders, *second.holders)))
        out[new.id] = _combine(first, second, ("kind", "full_time", "source")).model_copy(
            update={"holders": holders}
        )
        moved[new.id] = moved[new.id] and target is not None
    return tuple(out.values()), ids


def _merge_duties(
    model: ResponsibilityModel, into: Mapping[str, str]
) -> tuple[tuple[Duty, ...], dict[str, str]]:
    out: dict[str, Duty] = {}
    ids: dict[str, str] = {}
    for d in model.duties:
        target = into.get(d.scope)
        new = d
        if target is not None:
            did = _moved_id(d.id, duty_id(d.name, d.scope), duty_id(d.name, target))
            new = _update(d, id=did, scope=target)
        ids[d.id] = new.id
        old = out.get(new.id)
        out[new.id] = (
            new
            if old is None
            else _combine(
                *((new, old) if target is None else (old, new)),
                ("category", "indicator", "frequency", "derived_from", "source"),
            )
        )
    duties = []
    for d in out.values():
        parent = ids.get(d.derived_from, d.derived_from) if d.derived_from else None
        parent = None if parent == d.id else parent
        duties.append(
            d if parent == d.derived_from else d.model_copy(update={"derived_from": parent})
        )
    return tuple(duties), ids


def _add(x: N | None, y: N | None) -> N | None:
    return y if x is None else x if y is None else x + y


def _absorb(unit: Unit, others: Iterable[Unit]) -> dict[str, object]:
    """Sum the party figures of ``unit`` and the units it absorbs; join their sectors."""
    members, staff, org = unit.party_members, unit.party_staff, unit.has_party_org
    sectors = list(unit.sectors)
    for o in others:
        members = _add(members, o.party_members)
        staff = _add(staff, o.party_staff)
        org = o.has_party_org if org is None else org
        sectors.extend(o.sectors)
    return {
        "party_members": members,
        "party_staff": staff,
        "has_party_org": org,
        "sectors": tuple(dict.fromkeys(sectors)),
    }


def _merge_unit_rows(model: ResponsibilityModel, into: Mapping[str, str]) -> tuple[Unit, ...]:
    ix = model.index
    absorbed: dict[str, list[Unit]] = {}
    for a, t in into.items():
        absorbed.setdefault(t, []).append(ix.units[a])
    units = []
    for u in model.units:
        if u.id in into:
            continue
        parent = into.get(u.parent, u.parent) if u.parent is not None else None
        guided = tuple(dict.fromkeys(g2 for g in u.guided_by if (g2 := into.get(g, g)) != u.id))
        update: dict[str, object] = {"parent": parent, "guided_by": guided}
        if u.id in absorbed:
            update.update(_absorb(u, absorbed[u.id]))
        units.append(_update(u, **update))
    return tuple(units)


def merge_units(model: ResponsibilityModel, into: Mapping[str, str]) -> ResponsibilityModel:
    """Merge each unit of ``into`` (absorbed → final target, from :func:`resolve_merges`).

    Posts and duties move to the target; ids that follow the flat-list
    convention (``unit/title``, ``scope/name``) are rewritten, and entities
    that then share an id become one (a post keeps the union of holders; a
    duty fills its empty fields from the absorbed one). Assignments,
    supervision records and ``derived_from`` follow; duplicates and
    self-supervision are dropped.
    """
    if not into:
        return model
    posts, post_ids = _merge_posts(model, into)
    duties, duty_ids = _merge_duties(model, into)

    def moved(a: Assignment) -> Assignment:
        holder = into.get(a.holder, a.holder) if a.collective else post_ids[a.holder]
        return _update(a, duty=duty_ids[a.duty], holder=holder)

    assignments = _unique_by(
        map(moved, model.assignments), lambda a: (a.duty, a.holder, a.collective, a.role)
    )
    sups = []
    for s in model.supervisions:
        new = _update(
            s,
            supervisor=into.get(s.supervisor, s.supervisor),
            supervised=into.get(s.supervised, s.supervised),
            duty=duty_ids.get(s.duty, s.duty) if s.duty is not None else None,
        )
        if new.supervisor != new.supervised:
            sups.append(new)
    return _rebuild(
        model,
        units=_merge_unit_rows(model, into),
        posts=posts,
        duties=duties,
        assignments=assignments,
        supervisions=_unique_by(sups, lambda s: s),
    )


# --- remove ---------------------------------------------------------------------------------


def _descendants(model: ResponsibilityModel, roots: Iterable[str]) -> set[str]:
    children = model.index.children
    out: set[str] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node not in out:
            out.add(node)
            stack.extend(children.get(node, ()))
    return out


def remove_units(
    model: ResponsibilityModel, names: Iterable[str], *, subtree: bool = False
) -> ResponsibilityModel:
    """Remove units with their posts, the duties scoped on them and every row on those.

    Children of a removed unit move up to its nearest remaining ancestor (or
    become roots); with ``subtree=True`` the whole subtree goes instead.
    """
    gone = {normalize_text(n) for n in names}
    if not gone:
        return model
    if subtree:
        gone = _descendants(model, gone)
    ix = model.index

    def surviving(unit: str | None) -> str | None:
        while unit is not None and unit in gone:
            unit = ix.units[unit].parent
        return unit

    units = tuple(
        _update(
            u,
            parent=surviving(u.parent),
            guided_by=tuple(g for g in u.guided_by if g not in gone),
        )
        for u in model.units
        if u.id not in gone
    )
    posts = tuple(p for p in model.posts if p.unit not in gone)
    dropped_posts = {p.id for p in model.posts if p.unit in gone}
    dropped_duties = {d.id for d in model.duties if d.scope in gone}
    duties = tuple(
        d if d.derived_from not in dropped_duties else d.model_copy(update={"derived_from": None})
        for d in model.duties
        if d.id not in dropped_duties
    )
    assignments = tuple(
        a
        for a in model.assignments
        if a.duty not in dropped_duties
        and a.holder not in (gone if a.collective else dropped_posts)
    )
    sups = tuple(
        s
        for s in model.supervisions
        if s.supervisor not in gone and s.supervised not in gone and s.duty not in dropped_duties
    )
    return _rebuild(
        model, units=units, posts=posts, duties=duties, assignments=assignments, supervisions=sups
    )


def unit_problems(model: ResponsibilityModel, names: Iterable[str]) -> list[Problem]:
    """Return a problem for every name that is not a unit of ``model``."""
    units = model.index.units
    return [
        _unknown("unit", n, units, "remove") for n in map(normalize_text, names) if n not in units
    ]

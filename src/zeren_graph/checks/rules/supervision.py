"""ZG3xx: supervision that cannot work (监督上级怕穿小鞋、监督同级怕得罪人).

Examples
--------
>>> [r.code for r in RULES]
['ZG301', 'ZG302']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from zeren_graph.checks.context import Context
from zeren_graph.checks.finding import Severity
from zeren_graph.checks.rule import Draft, Rule, Thresholds, quoted, sorted_sources, subjects
from zeren_graph.model import Assignment
from zeren_graph.vocab import UnitKind

__all__ = ["RULES"]


def _persons(ctx: Context, rows: Sequence[Assignment]) -> dict[str, set[str]]:
    """Person id → the posts through which they hold ``rows``."""
    posts = ctx.index.posts
    out: dict[str, set[str]] = {}
    for a in rows:
        if not a.collective:
            for person in posts[a.holder].holders:
                out.setdefault(person, set()).add(a.holder)
    return out


def _suspects(ctx: Context) -> set[str]:
    """Return every supervisory holder and every post of a person holding a supervising post.

    A duty can be self-supervised only if one of its owners is among them.
    """
    holders_of, posts_of_person = ctx.holders_of_post, ctx.index.posts_of_person
    found: set[str] = set()
    people: set[str] = set()
    found.update(ctx.rows.supervising_units)
    for holder in ctx.rows.supervising_posts:
        found.add(holder)
        people.update(holders_of.get(holder, ()))
    for person in people:
        found.update(posts_of_person.get(person, ()))
    return found


def _candidates(ctx: Context) -> set[str]:
    """Return the supervised duties of which an owner is among :func:`_suspects`."""
    by_post, by_unit = ctx.owner_rows_of_post, ctx.rows.collective_owner_rows
    supervised = ctx.supervisors
    found: set[str] = set()
    for holder in _suspects(ctx):
        for rows in (by_post.get(holder, ()), by_unit.get(holder, ())):
            found.update(a.duty for a in rows if a.duty in supervised)
    return found


def _self_supervision(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG301: the same post, unit or person owns a duty and supervises it."""
    owners, supervisors = ctx.owners, ctx.supervisors
    for duty in _candidates(ctx):
        own_rows, sup_rows = owners[duty], supervisors[duty]
        same = {a.holder for a in own_rows} & {a.holder for a in sup_rows}
        own_p, sup_p = _persons(ctx, own_rows), _persons(ctx, sup_rows)
        people = own_p.keys() & sup_p.keys()
        if not same and not people:
            continue
        posts = same | {x for p in people for x in own_p[p] | sup_p[p]}
        rows = [a for a in (*own_rows, *sup_rows) if a.holder in posts]
        who = quoted(same | people)
        yield Draft(
            subjects(duty, posts | people),
            f"duty '{duty}' is owned and supervised by the same holder or person: {who}",
            f"职责'{duty}'的负责者与监督者是同一岗位或同一人:{who}(自我监督)",
            sorted_sources(rows),
        )


def _own_level(ctx: Context, sup_unit: str, owner_unit: str) -> bool:
    """Whether a discipline commission ``sup_unit`` supervises its own level."""
    units = ctx.index.units
    sup = units[sup_unit]
    if sup.kind is not UnitKind.discipline_commission:
        return False
    owner = units[owner_unit]
    if sup.level is not None and owner.level is not None:
        return sup.level == owner.level
    return sup.parent == owner_unit


def _subordinate_supervisor(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG302: a supervisor sits below an owner of the duty it supervises."""
    owners_of, supervisors = ctx.owners, ctx.supervisors
    # an owner's unit can be a strict ancestor of a supervisor's only if it is shallower
    for duty in ctx.rows.below:
        sup_rows = supervisors[duty]
        owner_units: dict[str, list[Assignment]] = {}
        for a in owners_of[duty]:
            owner_units.setdefault(ctx.holder_unit(a), []).append(a)
        if not owner_units:
            continue
        by_holder: dict[str, list[Assignment]] = {}
        for s in sup_rows:
            by_holder.setdefault(s.holder, []).append(s)
        for holder, rows in by_holder.items():
            unit = ctx.holder_unit(rows[0])
            above = [
                u
                for u in ctx.index.ancestors(unit)
                if u in owner_units and not _own_level(ctx, unit, u)
            ]
            if not above:
                continue
            owners = [a for u in above for a in owner_units[u]]
            owner_holders = {a.holder for a in owners}
            yield Draft(
                subjects((duty, holder), owner_holders),
                f"duty '{duty}' is supervised by '{holder}', which sits below its owner(s) "
                f"{quoted(owner_holders)} in the hierarchy",
                f"职责'{duty}'的监督者'{holder}'是负责者{quoted(owner_holders)}的下级"
                "(监督上级怕穿小鞋)",
                sorted_sources([*rows, *owners]),
            )


RULES = (
    Rule(
        "ZG301",
        "self-supervision",
        "自我监督",
        Severity.error,
        "on one duty, the same post — or the same person through any post — holds an owner "
        "role and the supervisory role",
        _self_supervision,
    ),
    Rule(
        "ZG302",
        "subordinate-supervisor",
        "监督上级怕穿小鞋",
        Severity.warning,
        "a supervisory holder's unit is a strict descendant of an owner's unit; a discipline "
        "commission supervising its own level is exempt",
        _subordinate_supervisor,
        needs_hierarchy=True,
    ),
)

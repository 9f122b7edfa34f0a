"""ZG5xx: people and staff (身兼数职, party-affairs staff below the 1–2 % guideline).

ZG502's staff count is the unit's ``party_staff`` (full-time equivalents)
when given; otherwise, when the unit has posts of kind ``party_affairs``
whose ``full_time`` is stated, the number of people holding such posts full
time (part-time holders count zero: a part-time 组织委员 is exactly the thin
staffing the sources describe). A unit with neither, or without
``party_members``, is not evaluated.

Examples
--------
>>> [r.code for r in RULES]
['ZG501', 'ZG502']
"""

from __future__ import annotations

from collections.abc import Iterator

from zeren_graph.checks.context import Context
from zeren_graph.checks.finding import Severity
from zeren_graph.checks.rule import Draft, Rule, Thresholds, sorted_sources, subjects
from zeren_graph.model import Post, Unit
from zeren_graph.vocab import PostKind

__all__ = ["RULES", "party_staff"]


def _overloaded_holder(ctx: Context, t: Thresholds) -> Iterator[Draft]:
    """ZG501: a person holds too many posts or owns too many duties."""
    owned = ctx.owned_by_post
    posts = ctx.index.posts
    for person, held in ctx.index.posts_of_person.items():
        duties: set[str] = set()
        for p in held:
            duties.update(owned.get(p, ()))
        n_posts = len(set(held))
        if n_posts <= t["max_posts"] and len(duties) <= t["max_duties"]:
            continue
        rows = [a for p in set(held) for a in ctx.owner_rows_of_post.get(p, ())]
        yield Draft(
            subjects(person, held),
            f"person '{person}' holds {n_posts} posts and owns {len(duties)} duties "
            f"(limits: {t['max_posts']:g} posts, {t['max_duties']:g} duties)",
            f"'{person}'身兼{n_posts}个岗位、负责{len(duties)}项职责"
            f"(上限:{t['max_posts']:g}个岗位、{t['max_duties']:g}项职责)",
            sorted_sources([*(posts[p] for p in held), *rows]),
        )


def party_staff(unit: Unit, posts: list[Post]) -> float | None:
    """Return the party-affairs staff of ``unit`` (see the module text), ``None`` if unknown.

    Examples
    --------
    >>> u = Unit(id="乙镇党委", party_members=300)
    >>> p = Post(id="乙镇党委/组织委员", unit="乙镇党委", title="组织委员",
    ...          kind="party_affairs", holders=["王五"], full_time=False)
    >>> party_staff(u, [p]), party_staff(u, [])
    (0, None)
    >>> party_staff(u.model_copy(update={"party_staff": 2}), [])
    2
    """
    if unit.party_staff is not None:
        return unit.party_staff
    stated = [p for p in posts if p.kind is PostKind.party_affairs and p.full_time is not None]
    if not stated:
        return None
    return len({h for p in stated if p.full_time for h in p.holders})


def _staff(ctx: Context) -> Iterator[tuple[Unit, float, list[Post]]]:
    posts = ctx.index.posts
    stated = {p.unit for p in ctx.model.posts if p.full_time is not None}  # may have staff
    for u in ctx.model.units:
        if not u.party_members or (u.party_staff is None and u.id not in stated):
            continue
        own = [posts[p] for p in ctx.index.posts_of_unit.get(u.id, ())]
        staff = party_staff(u, own)
        if staff is not None:
            yield u, staff, own


def _no_staff_data(ctx: Context) -> tuple[str, str] | None:
    if next(_staff(ctx), None) is not None:
        return None
    return (
        "no unit gives party_members together with party_staff or full-time party-affairs posts",
        "没有单位同时给出党员数和党务工作者(或专职党务岗位)",
    )


def _understaffed_unit(ctx: Context, t: Thresholds) -> Iterator[Draft]:
    """ZG502: party-affairs staff below ``min_ratio`` of party members."""
    ratio = t["min_ratio"]
    for u, staff, own in _staff(ctx):
        members = u.party_members or 0
        if staff < ratio * members:
            kind = [p for p in own if p.kind is PostKind.party_affairs]
            yield Draft(
                (u.id,),
                f"unit '{u.id}' has {staff:g} party-affairs staff for {members} party members "
                f"({staff / members:.1%}, below {ratio:.1%})",
                f"单位'{u.id}'有党员{members}名,党务工作者{staff:g}名"
                f"({staff / members:.1%}),低于{ratio:.1%}",
                sorted_sources([u, *kind]),
            )


RULES = (
    Rule(
        "ZG501",
        "overloaded-holder",
        "身兼数职",
        Severity.warning,
        "a person holds more than max_posts posts or owns more than max_duties duties",
        _overloaded_holder,
        thresholds={"max_posts": 3, "max_duties": 20},
    ),
    Rule(
        "ZG502",
        "understaffed-unit",
        "党务力量不足",
        Severity.warning,
        "party-affairs staff below min_ratio of party members (only where the data exists)",
        _understaffed_unit,
        thresholds={"min_ratio": 0.01},
        skip_reason=_no_staff_data,
    ),
)

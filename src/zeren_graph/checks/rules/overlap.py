"""ZG2xx: overlapping responsibility (职责交叉、工作交叉).

ZG203 never compares all pairs of posts: it counts shared duties per pair of
posts of one unit only through the duties that at least two posts of that
unit own (an inverted index from duty to owner posts).

Examples
--------
>>> [r.code for r in RULES]
['ZG201', 'ZG202', 'ZG203', 'ZG204']
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from zeren_graph.checks.context import Context
from zeren_graph.checks.finding import Severity
from zeren_graph.checks.rule import Draft, Rule, Thresholds, quoted, sorted_sources, subjects
from zeren_graph.model import Assignment
from zeren_graph.vocab import Role

__all__ = ["RULES"]


def _several(ctx: Context, role: Role) -> Iterator[tuple[str, set[str], list[object]]]:
    """Yield the duties with several distinct holders in ``role`` and no reason given."""
    rows_of, owners = ctx.index.assignments_of_duty, ctx.owners
    candidates = ctx.rows.several_primary if role is Role.primary else ctx.rows.several_leads
    for duty in candidates:  # duties with two rows or more in ``role``
        rows = [a for a in owners[duty] if a.role is role]
        holders = {a.holder for a in rows}
        if len(holders) > 1 and not any(a.reason for a in rows_of[duty]):
            yield duty, holders, list(rows)


def _multiple_primary(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG201: more than one distinct primary holder and no row gives a reason."""
    for duty, holders, rows in _several(ctx, Role.primary):
        yield Draft(
            subjects(duty, holders),
            f"duty '{duty}' has {len(holders)} primary holders ({quoted(holders)}) "
            "and no row explains why",
            f"职责'{duty}'有{len(holders)}个主体责任承担者({quoted(holders)}),"
            "且未说明原因(职责交叉)",
            sorted_sources(rows),
        )


def _multiple_leads(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG202: more than one distinct lead holder and no row gives a reason."""
    for duty, holders, rows in _several(ctx, Role.lead):
        yield Draft(
            subjects(duty, holders),
            f"duty '{duty}' has {len(holders)} lead holders ({quoted(holders)}) "
            "and no row explains why",
            f"职责'{duty}'有{len(holders)}个牵头单位或岗位({quoted(holders)}),且未说明原因",
            sorted_sources(rows),
        )


def _shared_duties(ctx: Context) -> dict[tuple[str, str], int]:
    """(post, post) of one unit, sorted → the number of duties both own."""
    unit_of = ctx.unit_of_post
    shared: dict[tuple[str, str], int] = {}
    for owner_posts in ctx.rows.co_owners:  # the duties with two owner rows or more on posts
        holders = set(owner_posts)
        if len(holders) < 2:
            continue
        if len(holders) == 2:  # the usual case: no grouping needed
            p, q = sorted(holders)
            if unit_of[p] == unit_of[q]:
                shared[p, q] = shared.get((p, q), 0) + 1
            continue
        by_unit: dict[str, list[str]] = {}
        for h in sorted(holders):
            by_unit.setdefault(unit_of[h], []).append(h)
        for group in by_unit.values():
            for pair in combinations(group, 2):
                shared[pair] = shared.get(pair, 0) + 1
    return shared


def _sibling_overlap(ctx: Context, t: Thresholds) -> Iterator[Draft]:
    """ZG203: two posts of one unit own many of the same duties."""
    posts = ctx.index.posts
    owned = ctx.owned_by_post
    min_shared, min_jaccard = t["min_shared"], t["min_jaccard"]
    for (p, q), n in _shared_duties(ctx).items():
        if n < min_shared:
            continue
        jaccard = n / (len(owned[p]) + len(owned[q]) - n)
        if jaccard >= min_jaccard:
            both = owned[p] & owned[q]
            pair_rows = [
                a for d in both for a in ctx.owners[d] if not a.collective and a.holder in (p, q)
            ]
            yield Draft(
                (p, q),
                f"posts '{p}' and '{q}' of unit '{posts[p].unit}' own {n} of the same duties "
                f"(Jaccard similarity {jaccard:.2f})",
                f"同一单位'{posts[p].unit}'的岗位'{p}'与'{q}'有{n}项相同职责"
                f"(相似度{jaccard:.2f}),职责交叉",
                sorted_sources(pair_rows),
            )


def _multiple_first_responsible(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG204: several posts are first responsible for the duties of one scope unit."""
    owners, first_responsible = ctx.owners, Role.first_responsible
    for scope in ctx.rows.several_first_responsible:
        rows: list[Assignment] = [
            a
            for duty in ctx.duties_of_scope[scope]
            for a in owners.get(duty, ())
            if a.role is first_responsible and not a.collective
        ]
        holders = {a.holder for a in rows}
        yield Draft(
            subjects(scope, holders),
            f"{len(holders)} posts are first responsible for duties of unit '{scope}': "
            f"{quoted(holders)}",
            f"单位'{scope}'的职责有{len(holders)}个第一责任人岗位:{quoted(holders)}",
            sorted_sources(rows),
        )


RULES = (
    Rule(
        "ZG201",
        "multiple-primary",
        "职责交叉",
        Severity.error,
        "a duty has more than one distinct holder in role primary and none of its rows "
        "gives a reason",
        _multiple_primary,
    ),
    Rule(
        "ZG202",
        "multiple-leads",
        "多头牵头",
        Severity.warning,
        "a duty has more than one distinct holder in role lead and none of its rows gives a reason",
        _multiple_leads,
    ),
    Rule(
        "ZG203",
        "sibling-overlap",
        "岗位职责重叠",
        Severity.warning,
        "two posts of one unit own at least min_shared of the same duties and the Jaccard "
        "similarity of their owned duties is >= min_jaccard",
        _sibling_overlap,
        thresholds={"min_shared": 3, "min_jaccard": 0.5},
    ),
    Rule(
        "ZG204",
        "multiple-first-responsible",
        "多个第一责任人",
        Severity.warning,
        "more than one distinct post holds first_responsible on duties of the same scope unit",
        _multiple_first_responsible,
    ),
)

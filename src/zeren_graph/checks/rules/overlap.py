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

from collections import Counter
from collections.abc import Iterator
from itertools import combinations

from zeren_graph.checks.context import Context
from zeren_graph.checks.finding import Severity
from zeren_graph.checks.rule import Draft, Rule, Thresholds, quoted, sorted_sources, subjects
from zeren_graph.vocab import Role

__all__ = ["RULES"]


def _several(ctx: Context, role: Role) -> Iterator[tuple[str, set[str], list[object]]]:
    rows_of = ctx.index.assignments_of_duty
    for duty, owners in ctx.owners.items():
        if len(owners) < 2:
            continue
        rows = [a for a in owners if a.role is role]
        if len(rows) < 2:
            continue
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


def _sibling_overlap(ctx: Context, t: Thresholds) -> Iterator[Draft]:
    """ZG203: two posts of one unit own many of the same duties."""
    posts = ctx.index.posts
    owned = ctx.owned_by_post
    shared: Counter[tuple[str, str]] = Counter()
    for rows in ctx.owners.values():
        holders = {a.holder for a in rows if not a.collective}
        if len(holders) < 2:
            continue
        by_unit: dict[str, set[str]] = {}
        for h in holders:
            by_unit.setdefault(posts[h].unit, set()).add(h)
        for group in by_unit.values():
            if len(group) > 1:
                shared.update(combinations(sorted(group), 2))
    for (p, q), n in shared.items():
        jaccard = n / (len(owned[p]) + len(owned[q]) - n)
        if n >= t["min_shared"] and jaccard >= t["min_jaccard"]:
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
    duties = ctx.index.duties
    by_scope: dict[str, set[str]] = {}
    rows_of: dict[str, list[object]] = {}
    for duty, rows in ctx.owners.items():
        scope = duties[duty].scope
        for a in rows:
            if a.role is Role.first_responsible and not a.collective:
                by_scope.setdefault(scope, set()).add(a.holder)
                rows_of.setdefault(scope, []).append(a)
    for scope, holders in by_scope.items():
        if len(holders) > 1:
            yield Draft(
                subjects(scope, holders),
                f"{len(holders)} posts are first responsible for duties of unit '{scope}': "
                f"{quoted(holders)}",
                f"单位'{scope}'的职责有{len(holders)}个第一责任人岗位:{quoted(holders)}",
                sorted_sources(rows_of[scope]),
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

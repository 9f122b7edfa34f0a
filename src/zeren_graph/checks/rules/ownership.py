"""ZG1xx: who owns each duty, and whether every unit is reached (横向到边、纵向到底).

Examples
--------
>>> [r.code for r in RULES]
['ZG101', 'ZG102', 'ZG103', 'ZG104', 'ZG105', 'ZG106', 'ZG107', 'ZG108']
"""

from __future__ import annotations

from collections.abc import Iterator

from zeren_graph.checks.context import Context
from zeren_graph.checks.finding import Severity
from zeren_graph.checks.rule import Draft, Rule, Thresholds, quoted, sorted_sources, subjects
from zeren_graph.holders import is_collective_body, is_placeholder

__all__ = ["RULES"]


def _unowned_duty(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG101: a duty has no assignment in an owner role."""
    duties, rows_of = ctx.index.duties, ctx.index.assignments_of_duty
    for duty in duties.keys() - ctx.owners.keys():
        d = duties[duty]
        yield Draft(
            (d.id,),
            f"duty '{d.id}' has no owner: no row gives it a primary, first-responsible, "
            "direct or lead holder",
            f"职责'{d.id}'无人负责(责任盲区):没有主体、第一责任、直接或牵头责任的承担者",
            sorted_sources([d, *rows_of.get(d.id, ())]),
        )


def _nobody_answers(ctx: Context, unit: str, bodies: dict[str, bool]) -> bool:
    """Whether ``unit`` is a collective body of which no individual answers for anything.

    A collective body (党委, 党组, 领导小组 ... by kind, else by name) answers
    through its secretary: a post of kind secretary, or a first-responsible row
    of one of its posts, anywhere in the list. A placeholder (各乡镇党委) is
    ZG107's, not a body.
    """
    found = bodies.get(unit)
    if found is None:
        u = ctx.index.units[unit]
        found = bodies[unit] = (
            is_collective_body(u.name, u.kind)
            and unit not in ctx.secretary_units
            and unit not in ctx.rows.first_responsible_units
            and not is_placeholder(u.name)
        )
    return found


def _collective_only(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG102: a duty's owners are all collective bodies, none with an individual answering."""
    owners = ctx.owners
    bodies: dict[str, bool] = {}
    for duty in ctx.rows.collective_only:
        units = {a.holder for a in owners[duty]}
        if not all(_nobody_answers(ctx, u, bodies) for u in units):
            continue
        who = quoted(units)
        yield Draft(
            subjects(duty, units),
            f"duty '{duty}' is owned only collectively by {who}, and no post of it answers for "
            "anything in the list (no secretary, no first-responsible row): no one is accountable",
            f"职责'{duty}'仅由{who}集体负责,清单中也没有其书记或第一责任人(集体负责=无人负责)",
            ctx.owner_sources(duty),
        )


def _vacant_owner(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG103: a duty has owner posts but none of its owners is an occupied post."""
    owners = ctx.owners
    for duty in ctx.rows.vacant:
        owner_posts = [a.holder for a in owners[duty] if not a.collective]
        who = quoted(set(owner_posts))
        yield Draft(
            subjects(duty, owner_posts),
            f"duty '{duty}' is owned only by vacant posts: {who}",
            f"职责'{duty}'的负责岗位均空缺:{who}",
            ctx.owner_sources(duty),
        )


def _unsupervised_duty(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG104: a duty with owners has no supervisory row, no supervision record naming it.

    Nothing is reported when the document or the configuration states a
    supervision of the whole document (the model's ``document_supervisors``,
    the configuration's ``supervision:``).
    """
    if ctx.document_supervisors:
        return
    named = {s.duty for s in ctx.model.supervisions if s.duty is not None}
    for duty in ctx.owners.keys() - ctx.supervisors.keys() - named:
        yield Draft(
            (duty,),
            f"duty '{duty}' has owners but no supervisor (no supervisory row)",
            f"职责'{duty}'有负责者但无人监督(监督缺位)",
            ctx.owner_sources(duty),
        )


def _uncovered_unit(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG105: a unit of the units table is named by no row."""
    named = ctx.named_units
    for u in ctx.model.units:
        if u.id not in named:
            yield Draft(
                (u.id,),
                f"unit '{u.id}' is named by no row of the list, neither as a holder nor as a scope",
                f"单位'{u.id}'未出现在责任清单中(未做到横向到边、纵向到底)",
                sorted_sources([u]),
            )


def _subtree_sizes(ctx: Context) -> dict[str, int]:
    children = ctx.index.children
    sizes: dict[str, int] = {}
    for root in ctx.index.roots:
        order: list[str] = []
        stack = [root]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(children.get(node, ()))
        for node in reversed(order):
            sizes[node] = 1 + sum(sizes[c] for c in children.get(node, ()))
    return sizes


def _orphan_unit(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG106: every root but the one with the largest subtree (ties: the first id)."""
    roots = ctx.index.roots
    if len(roots) < 2:
        return
    sizes = _subtree_sizes(ctx)
    main = min(roots, key=lambda r: (-sizes[r], r))
    for r in roots:
        if r != main:
            yield Draft(
                (r,),
                f"unit '{r}' has no parent: it is a second root beside '{main}' "
                f"({sizes[r]} unit(s) hang outside the main hierarchy)",
                f"单位'{r}'没有上级,游离于以'{main}'为根的主体层级之外(涉及{sizes[r]}个单位)",
                sorted_sources([ctx.index.units[r]]),
            )


def _placeholder_units(ctx: Context) -> set[str]:
    return {u.id for u in ctx.model.units if is_placeholder(u.name)}


def _vague_holder(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG107: a duty's owners are all placeholders (各乡镇党委, 各有关部门), no unit."""
    places = _placeholder_units(ctx)
    if not places:
        return
    owners, unit_of = ctx.owners, ctx.holder_unit
    candidates = {a.duty for p in sorted(places) for a in ctx.owner_rows_of_unit(p)}
    for duty in candidates:
        rows = owners[duty]
        if not all(unit_of(a) in places for a in rows):
            continue
        holders = {a.holder for a in rows}
        who = quoted(holders)
        yield Draft(
            subjects(duty, holders),
            f"duty '{duty}' is owned only by placeholder holders {who}: they name a set of "
            "units, not one that can answer; name the units, or give a units table to expand them",
            f"职责'{duty}'的负责者{who}是泛指(如“各有关部门”),不是具体单位:请写明单位,"
            "或提供单位表以展开",
            ctx.owner_sources(duty),
        )


def _no_leader(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG108: the list has a leader column, and no row of a duty names a leader.

    A leader (责任领导) is read as a post in the direct role; a list without a
    leader column (``leader`` not in the model's ``row_fields``) promises none.
    """
    if "leader" not in ctx.model.row_fields:
        return
    rows_of, led = ctx.index.assignments_of_duty, ctx.led_duties
    for duty, rows in rows_of.items():
        if duty in led:
            continue
        yield Draft(
            (duty,),
            f"duty '{duty}' names no responsible leader: the list has a leader column "
            "(责任领导) but its cell is empty for this duty",
            f"职责'{duty}'未明确责任领导:清单设有责任领导列,但该职责未填写",
            sorted_sources(rows),
        )


RULES = (
    Rule(
        "ZG101",
        "unowned-duty",
        "责任盲区",
        Severity.error,
        "a duty has no assignment in an owner role",
        _unowned_duty,
    ),
    Rule(
        "ZG102",
        "collective-only",
        "集体负责=无人负责",
        Severity.error,
        "a duty's owners are all collective bodies (党委, 党组, 领导小组 ... as a whole) and no "
        "individual answers: no owner post, no secretary or first-responsible post of the body",
        _collective_only,
    ),
    Rule(
        "ZG103",
        "vacant-owner",
        "负责岗位空缺",
        Severity.error,
        "a duty has owner posts but none of its owners is an occupied post",
        _vacant_owner,
    ),
    Rule(
        "ZG104",
        "unsupervised-duty",
        "监督缺位",
        Severity.warning,
        "a duty with owners has no supervisory row and no supervision record naming it, and "
        "neither the document nor the configuration states a supervision of the whole document",
        _unsupervised_duty,
    ),
    Rule(
        "ZG105",
        "uncovered-unit",
        "横向到边、纵向到底",
        Severity.warning,
        "a unit of the units table is named by no row, neither as holder unit nor as scope",
        _uncovered_unit,
        needs_hierarchy=True,
    ),
    Rule(
        "ZG106",
        "orphan-unit",
        "游离单位",
        Severity.warning,
        "the hierarchy has several roots: every root but the one with the largest subtree",
        _orphan_unit,
        needs_hierarchy=True,
    ),
    Rule(
        "ZG107",
        "vague-holder",
        "责任主体泛指",
        Severity.warning,
        "a duty's owners are all placeholder holders (各乡镇党委, 各有关部门, 区直各部门 ...), "
        "which name a set of units rather than one",
        _vague_holder,
    ),
    Rule(
        "ZG108",
        "no-leader",
        "责任领导缺位",
        Severity.warning,
        "the list has a leader column (责任领导) and none of a duty's rows names a leader "
        "(no post in the direct role)",
        _no_leader,
    ),
)

"""ZG4xx: how duties are written and passed down (依葫芦画瓢、层层分解、软任务、一岗双责).

ZG401 compares a unit only with its parent; ZG402 groups the children of a
unit by level (or kind) — no rule compares all pairs of units or duties.

A duty counts as *derived* from a duty of the parent unit when its
``derived_from`` names that duty, or — when ``derived_from`` is not given, as
in flat lists — when it has the same name and its scope is a child of the
parent duty's scope (see :attr:`Context.duties
<zeren_graph.checks.context.Context.duties>`).

Examples
--------
>>> [r.code for r in RULES]
['ZG401', 'ZG402', 'ZG403', 'ZG404', 'ZG405']
"""

from __future__ import annotations

from collections.abc import Iterator

from zeren_graph.checks.context import Context
from zeren_graph.checks.finding import Severity
from zeren_graph.checks.rule import Draft, Rule, Thresholds, quoted, sorted_sources
from zeren_graph.model import Assignment, Unit
from zeren_graph.targets import has_target
from zeren_graph.vocab import Category

__all__ = ["RULES"]

_NONE: frozenset[str] = frozenset()


def _copied_list(ctx: Context, t: Thresholds) -> Iterator[Draft]:
    """ZG401: a unit's owned duty names are (nearly) its parent's."""
    names, parent_of = ctx.owned_names_of_unit, ctx.parent_of
    min_names = t["min_names"]
    for unit, own in names.items():
        parent = parent_of[unit]
        if parent is None or len(own) < min_names:
            continue
        theirs = names.get(parent, _NONE)
        common = len(own & theirs)
        jaccard = common / (len(own) + len(theirs) - common)
        if jaccard >= t["min_jaccard"]:
            rows = [
                a for a in ctx.owner_rows_of_unit(unit) if ctx.index.duties[a.duty].name in theirs
            ]
            yield Draft(
                (unit, parent),
                f"unit '{unit}' owns {len(own)} duty names, {common} of them also its parent "
                f"'{parent}''s (Jaccard similarity {jaccard:.2f}): a copied list?",
                f"单位'{unit}'的{len(own)}项职责中有{common}项与上级'{parent}'相同"
                f"(相似度{jaccard:.2f}),照搬上级清单(依葫芦画瓢)",
                sorted_sources(rows),
            )


def _key(u: Unit) -> tuple[str, str]:
    return ("level", u.level) if u.level is not None else ("kind", u.kind.value)


def _some(ids: set[str], shown: int = 3) -> tuple[str, str]:
    """Return ``'a', 'b', 'c' and 4 more`` in English and Chinese."""
    first = sorted(ids)[:shown]
    more = len(ids) - len(first)
    text = quoted(first)
    return (f"{text} and {more} more", f"{text}等{len(ids)}个单位") if more else (text, text)


def _undecomposed_duty(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG402: a duty reached some children of its unit but not their like siblings."""
    units, duties, children = ctx.index.units, ctx.index.duties, ctx.index.children
    key_of: dict[str, tuple[str, str]] = {}  # child unit → its level (or kind) key
    groups: dict[str, dict[tuple[str, str], list[str]]] = {}  # unit → its children by key
    for duty, reached in ctx.duties.derived_at.items():
        d = duties[duty]
        if len(reached) == len(children[d.scope]):
            continue  # reached every child
        grouped = groups.get(d.scope)
        if grouped is None:
            grouped = groups[d.scope] = {}
            for c in children[d.scope]:
                key_of[c] = k = _key(units[c])
                grouped.setdefault(k, []).append(c)
        for key in {key_of[c] for c in reached}:
            peers = grouped[key]
            missing = [c for c in peers if c not in reached]
            if not missing:
                continue
            sources = sorted_sources([d, *ctx.index.assignments_of_duty.get(duty, ())])
            done = _some(reached.intersection(peers))
            for child in missing:
                yield Draft(
                    (duty, child),
                    f"duty '{duty}' is decomposed to {done[0]} but not to their "
                    f"sibling '{child}' ({key[0]} {key[1]})",
                    f"职责'{duty}'已分解到{done[1]},但未分解到同级单位'{child}'(层层分解断档)",
                    sources,
                )


def _states_target(ctx: Context, duty: str) -> bool:
    """Whether the duty or one of its rows states a quantified target or a deadline.

    The duty's name and frequency count, and each row's frequency, measures (具体措施)
    and deadline (完成时限): a deadline with a date or a period in it ("2024年10月",
    "每季度") makes the duty measurable.
    """
    d = ctx.index.duties[duty]
    if has_target(d.name) or has_target(d.frequency):
        return True
    return any(
        has_target(a.frequency) or has_target(a.measures) or _dated(a.deadline)
        for a in ctx.index.assignments_of_duty.get(duty, ())
    )


def _dated(deadline: str | None) -> bool:
    """Whether a deadline names a date or a period (a digit or a quantified target)."""
    return bool(deadline) and (any(c.isdigit() for c in deadline or "") or has_target(deadline))


def _unmeasurable_duty(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG403: a duty with owners has no indicator and states no quantified target."""
    for duty in ctx.owners.keys() - ctx.measured:
        if _states_target(ctx, duty):
            continue
        yield Draft(
            (duty,),
            f"duty '{duty}' has no indicator and states no quantified target: how will it be "
            "assessed?",
            f"职责'{duty}'没有考核指标,也未写明量化目标(软任务,应变为硬指标)",
            ctx.owner_sources(duty),
        )


def _no_categories(ctx: Context) -> tuple[str, str] | None:
    if any(d.category is not None for d in ctx.model.duties):
        return None
    return ("no duty has a category (党建/业务)", "没有职责标明类别(党建/业务)")


def _missing_dual_duty(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG404: a post owns a business duty and no party-building duty."""
    duties = ctx.index.duties
    owned_by_post = ctx.owned_by_post
    for post, kinds in ctx.rows.categories.items():
        if kinds == 1:  # a business duty and no party-building one
            owned = owned_by_post[post]
            business = {d for d in owned if duties[d].category is Category.business}
            rows: list[Assignment] = [a for a in ctx.owner_rows_of_post[post] if a.duty in business]
            yield Draft(
                (post,),
                f"post '{post}' owns {len(business)} business duties and no party-building "
                "duty (one post, dual responsibilities)",
                f"岗位'{post}'负责{len(business)}项业务职责,但没有党建职责(未落实一岗双责)",
                sorted_sources(rows),
            )


def _no_deadline(ctx: Context, _: Thresholds) -> Iterator[Draft]:
    """ZG405: the list has a deadline column, and no row of a duty gives a deadline.

    A list without a deadline column (``deadline`` not in the model's
    ``row_fields``) promises none.
    """
    if "deadline" not in ctx.model.row_fields:
        return
    dated = ctx.dated_duties
    for duty, rows in ctx.index.assignments_of_duty.items():
        if duty in dated:
            continue
        yield Draft(
            (duty,),
            f"duty '{duty}' has no deadline: the list has a deadline column (完成时限) but its "
            "cell is empty for this duty",
            f"职责'{duty}'未明确完成时限:清单设有完成时限列,但该职责未填写",
            sorted_sources(rows),
        )


RULES = (
    Rule(
        "ZG401",
        "copied-list",
        "依葫芦画瓢",
        Severity.warning,
        "a unit owns at least min_names duty names and the Jaccard similarity of its owned "
        "duty names with its parent's is >= min_jaccard",
        _copied_list,
        thresholds={"min_names": 3, "min_jaccard": 0.9},
        needs_hierarchy=True,
    ),
    Rule(
        "ZG402",
        "undecomposed-duty",
        "层层分解断档",
        Severity.warning,
        "a duty of unit U has derived duties at some children of U; every other child of U "
        "with the same level (or kind) as one of those children is missing it",
        _undecomposed_duty,
        needs_hierarchy=True,
    ),
    Rule(
        "ZG403",
        "unmeasurable-duty",
        "软任务",
        Severity.info,
        "a duty with owners has no indicator, and neither its name nor a frequency states a "
        "quantified target (a figure, a period, a bound or a deadline)",
        _unmeasurable_duty,
    ),
    Rule(
        "ZG404",
        "missing-dual-duty",
        "一岗双责",
        Severity.warning,
        "a post owns a business duty and no party_building duty (only where categories are given)",
        _missing_dual_duty,
        skip_reason=_no_categories,
    ),
    Rule(
        "ZG405",
        "no-deadline",
        "完成时限缺失",
        Severity.info,
        "the list has a deadline column (完成时限) and none of a duty's rows gives a deadline",
        _no_deadline,
    ),
)

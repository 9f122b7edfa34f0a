"""What-if: the findings a vacancy, a removed unit or a merger would bring or clear.

:func:`what_if` applies the changes to a copy of the model — the input is
never changed — checks both versions and returns the findings the changes
would introduce and resolve (compared by ``(code, subjects)``, as in
:func:`~zeren_graph.analysis.diff.diff`), with the changed model.

The changes are applied in a fixed order — vacate, then merge, then
remove — and every name refers to the *original* model:

* ``vacate``: post ids (the post is emptied) or person ids (every post the
  person holds loses that person; the person stays in the model).
* ``merge``: pairs ``(absorbed, into)``. The absorbed unit's posts, duties,
  assignments and supervision records move to ``into``; ids that follow the
  flat-list convention are rewritten (``甲镇党委/书记`` → ``乙镇党委/书记``),
  and two posts or duties that then share an id become one (a post keeps the
  holders of both). Its children move under ``into``; party members and staff
  are added up. Chains (a→b, b→c) are followed. Merging a unit into one of
  its own descendants is refused.
* ``remove``: units. A removed unit takes its posts, the duties scoped on it
  and every assignment and supervision record on those with it. Its children
  are **re-parented** to its nearest remaining ancestor (or become roots), so
  the rest of the model is untouched and stays valid; pass
  ``remove_subtree=True`` to remove the whole subtree instead.

Examples
--------
>>> from zeren_graph.model import (Assignment, Duty, Person, Post, ResponsibilityModel,
...                                Unit)
>>> m = ResponsibilityModel(
...     units=[Unit(id="乙镇党委")],
...     posts=[Post(id="乙镇党委/书记", unit="乙镇党委", title="书记", holders=["张三"])],
...     persons=[Person(id="张三")],
...     duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")],
...     assignments=[Assignment(duty="乙镇党委/组织生活", holder="乙镇党委/书记",
...                             role="第一责任人")])
>>> r = what_if(m, vacate=["张三"])
>>> [(f.code, f.subjects) for f in r.introduced]
[('ZG103', ('乙镇党委/组织生活', '乙镇党委/书记'))]
>>> r.model.index.posts["乙镇党委/书记"].is_vacant, m.index.posts["乙镇党委/书记"].is_vacant
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ConfigDict

from zeren_graph.analysis._edit import (
    merge_units,
    remove_units,
    resolve_merges,
    unit_problems,
    vacate_problems,
)
from zeren_graph.analysis._edit import vacate as vacate_posts
from zeren_graph.analysis.diff import Checker, FindingDelta, compare_findings, make_checker
from zeren_graph.errors import Problem, raise_problems
from zeren_graph.model import ResponsibilityModel
from zeren_graph.vocab import normalize_text

if TYPE_CHECKING:
    from zeren_graph.checks import CheckConfig

__all__ = ["WhatIfResult", "apply_what_if", "what_if"]


class WhatIfResult(FindingDelta):
    """The changed model and the findings the changes introduce and resolve."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: ResponsibilityModel


def _pairs(merge: Iterable[tuple[str, str]] | Mapping[str, str]) -> list[tuple[str, str]]:
    if isinstance(merge, Mapping):
        return list(merge.items())
    return [(a, b) for a, b in merge]


def apply_what_if(
    model: ResponsibilityModel,
    *,
    vacate: Iterable[str] = (),
    remove: Iterable[str] = (),
    merge: Iterable[tuple[str, str]] | Mapping[str, str] = (),
    remove_subtree: bool = False,
) -> ResponsibilityModel:
    """Return a copy of ``model`` with the changes applied (no checks run).

    Every unknown name, impossible merge or conflicting request is reported in
    one :class:`~zeren_graph.errors.InputError`.

    Examples
    --------
    >>> from zeren_graph.model import Person, Post, ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(
    ...     units=[Unit(id="县委"), Unit(id="甲镇党委", parent="县委"),
    ...            Unit(id="乙镇党委", parent="县委")],
    ...     posts=[Post(id="甲镇党委/书记", unit="甲镇党委", title="书记", holders=["张三"]),
    ...            Post(id="乙镇党委/书记", unit="乙镇党委", title="书记", holders=["李四"])],
    ...     persons=[Person(id="张三"), Person(id="李四")])
    >>> merged = apply_what_if(m, merge=[("甲镇党委", "乙镇党委")])
    >>> [(p.id, p.holders) for p in merged.posts]
    [('乙镇党委/书记', ('李四', '张三'))]
    >>> apply_what_if(m, remove=["丙镇党委"])
    Traceback (most recent call last):
    ...
    zeren_graph.errors.UnknownReferenceError: column 'remove': unit '丙镇党委' is not ...
    """
    vacate, remove, pairs = list(vacate), list(remove), _pairs(merge)
    problems = vacate_problems(model, vacate) + unit_problems(model, remove)
    into, merge_problems = resolve_merges(model, pairs)
    problems += merge_problems
    problems += [
        Problem(
            "invalid-merge",
            f"unit {unit!r} is both merged and removed",
            value=unit,
            column="remove",
            hint="remove the unit it is merged into, or drop one of the two requests",
        )
        for unit in sorted(set(into) & {normalize_text(u) for u in remove})
    ]
    raise_problems(problems)
    changed = vacate_posts(model, vacate)
    changed = merge_units(changed, into)
    return remove_units(changed, remove, subtree=remove_subtree)


def what_if(
    model: ResponsibilityModel,
    *,
    vacate: Iterable[str] = (),
    remove: Iterable[str] = (),
    merge: Iterable[tuple[str, str]] | Mapping[str, str] = (),
    remove_subtree: bool = False,
    config: CheckConfig | Mapping[str, Any] | str | Path | None = None,
    checker: Checker | None = None,
) -> WhatIfResult:
    """Return the findings that vacancies, removals and mergers would introduce or resolve.

    Parameters
    ----------
    model : ResponsibilityModel
        The model as it is; never changed.
    vacate : iterable of str
        Post ids to empty, or person ids whose posts lose them.
    remove : iterable of str
        Unit ids to remove (children re-parented; see the module docstring).
    merge : iterable of (absorbed, into) pairs, or a mapping absorbed → into
        Units to merge.
    remove_subtree : bool, default False
        Remove the subtree of each removed unit instead of re-parenting.
    config : CheckConfig, mapping, path or None
        The checks configuration used on both versions (as for
        :func:`zeren_graph.checks.check`).
    checker : callable, optional
        ``checker(model) -> findings``; default :func:`zeren_graph.checks.check`.

    Returns
    -------
    WhatIfResult
        ``model`` (the changed copy), ``introduced`` and ``resolved`` findings.

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="乙镇党委", parent="县委")])
    >>> r = what_if(m, remove=["乙镇党委"], checker=lambda m: ())
    >>> [u.id for u in r.model.units], r.introduced, r.resolved
    (['县委'], (), ())
    """
    changed = apply_what_if(
        model, vacate=vacate, remove=remove, merge=merge, remove_subtree=remove_subtree
    )
    run = checker if checker is not None else make_checker(config)
    before = tuple(run(model))
    after = before if changed is model else tuple(run(changed))
    delta = compare_findings(before, after)
    return WhatIfResult(model=changed, introduced=delta.introduced, resolved=delta.resolved)

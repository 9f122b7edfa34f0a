"""Compare two versions of a responsibility list: findings, assignments and posts changed.

Findings are compared by ``(code, subjects)``: a finding is *introduced* when
the new model has it and the old one does not, *resolved* in the reverse
case. A finding whose message or sources changed but whose code and subjects
did not is the same finding.

Assignments are matched on ``(duty, holder)``: a row only in the new model is
*added*, only in the old one *removed*; a row whose role, reason, indicator,
frequency or collective flag changed on the same duty and holder is
*changed* (a role change shows as one change, not a removal and an addition).
Indicator and frequency are compared as they apply to the row: the row's own,
else its duty's — so a list that states them per row and a model that states
them per duty compare equal. Row numbers (``id``) and sources are ignored.

Posts are listed when added, removed or re-staffed (their set of holders
changed): a vacancy changes no row but may introduce a finding.

Examples
--------
>>> from zeren_graph.model import (Assignment, Duty, Person, Post, ResponsibilityModel,
...                                Unit)
>>> def model(role):
...     return ResponsibilityModel(
...         units=[Unit(id="乙镇党委")],
...         posts=[Post(id="乙镇党委/书记", unit="乙镇党委", title="书记", holders=["张三"])],
...         persons=[Person(id="张三")],
...         duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")],
...         assignments=[Assignment(duty="乙镇党委/组织生活", holder="乙镇党委/书记",
...                                 role=role)])
>>> d = diff(model("牵头"), model("配合"), checker=lambda m: ())
>>> [(c.old.role.value, c.new.role.value, c.fields) for c in d.assignments_changed]
[('lead', 'support', ('role',))]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from itertools import zip_longest
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from zeren_graph.checks.finding import Finding, Severity
from zeren_graph.model import Assignment, Duty, ResponsibilityModel
from zeren_graph.vocab import Role

if TYPE_CHECKING:
    from zeren_graph.checks import CheckConfig

__all__ = [
    "AssignmentChange",
    "Checker",
    "FieldChange",
    "FindingDelta",
    "ModelDiff",
    "PostChange",
    "compare_assignments",
    "compare_findings",
    "compare_posts",
    "diff",
    "make_checker",
]

Checker = Callable[[ResponsibilityModel], Iterable[Finding]]
"""A function returning the findings of a model (default: :func:`zeren_graph.checks.check`)."""

_COMPARED = ("role", "collective", "reason", "indicator", "frequency")
_ROLE_ORDER = {role: i for i, role in enumerate(Role)}


class FindingDelta(BaseModel):
    """Findings introduced and resolved between two models, each sorted."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    introduced: tuple[Finding, ...] = ()
    resolved: tuple[Finding, ...] = ()

    def worst(self) -> Severity | None:
        """Return the highest severity among the introduced findings, or ``None``."""
        return max((f.severity for f in self.introduced), default=None, key=lambda s: s.rank)


class FieldChange(BaseModel):
    """One field of an assignment that changed, with its effective old and new values."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    field: str
    old: str | bool | None
    new: str | bool | None


class AssignmentChange(BaseModel):
    """One assignment whose role or details changed on the same duty and holder."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    old: Assignment
    new: Assignment
    changes: tuple[FieldChange, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """Return the names of the changed fields."""
        return tuple(c.field for c in self.changes)


class PostChange(BaseModel):
    """A post added, removed, or whose holders changed (``None``: no such post on that side)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    post: str
    old: tuple[str, ...] | None
    new: tuple[str, ...] | None


class ModelDiff(FindingDelta):
    """Findings introduced and resolved, assignments and posts added, removed and changed."""

    assignments_added: tuple[Assignment, ...] = ()
    assignments_removed: tuple[Assignment, ...] = ()
    assignments_changed: tuple[AssignmentChange, ...] = ()
    posts_changed: tuple[PostChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Whether nothing differs."""
        return not (
            self.introduced
            or self.resolved
            or self.assignments_added
            or self.assignments_removed
            or self.assignments_changed
            or self.posts_changed
        )


def make_checker(config: CheckConfig | Mapping[str, Any] | str | Path | None = None) -> Checker:
    """Return a checker running :func:`zeren_graph.checks.check` with ``config``.

    A configuration file is read once, not once per model.

    Examples
    --------
    >>> from zeren_graph.model import Duty, ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="乙镇党委")],
    ...     duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")])
    >>> [f.code for f in make_checker()(m)]
    ['ZG101', 'ZG105']
    >>> [f.code for f in make_checker({"rules": {"ZG101": False}})(m)]
    ['ZG105']
    """
    from zeren_graph.checks import check, load_config  # noqa: PLC0415  (rules load lazily)

    cfg = load_config(config) if isinstance(config, str | Path) else config

    def run(model: ResponsibilityModel) -> tuple[Finding, ...]:
        return check(model, config=cfg).findings

    return run


def _key(f: Finding) -> tuple[str, tuple[str, ...]]:
    return (f.code, f.subjects)


def compare_findings(before: Iterable[Finding], after: Iterable[Finding]) -> FindingDelta:
    """Return the findings of ``after`` not in ``before`` and those of ``before`` gone.

    Examples
    --------
    >>> def f(code, subject):
    ...     return Finding(code=code, rule="r", severity="error", subjects=(subject,),
    ...                    message="m", message_zh="m")
    >>> delta = compare_findings([f("ZG101", "甲"), f("ZG103", "乙")], [f("ZG103", "乙")])
    >>> [x.code for x in delta.introduced], [x.code for x in delta.resolved]
    ([], ['ZG101'])
    """
    old, new = list(before), list(after)
    old_keys, new_keys = {_key(f) for f in old}, {_key(f) for f in new}
    introduced = sorted((f for f in new if _key(f) not in old_keys), key=Finding.sort_key)
    resolved = sorted((f for f in old if _key(f) not in new_keys), key=Finding.sort_key)
    return FindingDelta(introduced=tuple(introduced), resolved=tuple(resolved))


def _by_pair(model: ResponsibilityModel) -> dict[tuple[str, str], list[Assignment]]:
    out: dict[tuple[str, str], list[Assignment]] = {}
    for a in model.assignments:
        out.setdefault((a.duty, a.holder), []).append(a)
    for rows in out.values():
        if len(rows) > 1:
            rows.sort(key=lambda a: (_ROLE_ORDER[a.role], a.collective))
    return out


Compare = Callable[[Assignment, Assignment], tuple[FieldChange, ...]]


def _comparer(old: ResponsibilityModel, new: ResponsibilityModel) -> Compare:
    """Compare rows on their effective values: a row's indicator or frequency, else its duty's."""
    old_duties, new_duties = old.index.duties, new.index.duties

    def effective(a: Assignment, duties: dict[str, Duty]) -> tuple[object, ...]:
        indicator, frequency = a.indicator, a.frequency
        if indicator is None or frequency is None:
            duty = duties.get(a.duty)
            if duty is not None:
                indicator = duty.indicator if indicator is None else indicator
                frequency = duty.frequency if frequency is None else frequency
        return (a.role, a.collective, a.reason, indicator, frequency)

    def compare(a: Assignment, b: Assignment) -> tuple[FieldChange, ...]:
        x, y = effective(a, old_duties), effective(b, new_duties)
        if x == y:
            return ()
        return tuple(
            FieldChange(field=f, old=_plain(u), new=_plain(v))
            for f, u, v in zip(_COMPARED, x, y, strict=True)
            if u != v
        )

    return compare


def _plain(v: object) -> str | bool | None:
    if isinstance(v, Role):
        return v.value
    return v if v is None or isinstance(v, str | bool) else str(v)


def _pair_rows(
    old: list[Assignment], new: list[Assignment], compare: Compare
) -> tuple[list[Assignment], list[Assignment], list[AssignmentChange]]:
    """Match the rows of one (duty, holder): same role first, then in role order."""
    if len(old) == 1 and len(new) == 1:
        changes = compare(old[0], new[0])
        if not changes:
            return [], [], []
        return [], [], [AssignmentChange(old=old[0], new=new[0], changes=changes)]
    new_by_role: dict[tuple[Role, bool], Assignment] = {}
    for a in new:
        new_by_role.setdefault((a.role, a.collective), a)
    old_by_role: dict[tuple[Role, bool], Assignment] = {}
    for a in old:
        old_by_role.setdefault((a.role, a.collective), a)
    changed: list[AssignmentChange] = []
    left_old: list[Assignment] = []
    for a in old_by_role.values():
        b = new_by_role.pop((a.role, a.collective), None)
        if b is None:
            left_old.append(a)
        elif changes := compare(a, b):
            changed.append(AssignmentChange(old=a, new=b, changes=changes))
    removed: list[Assignment] = []
    added: list[Assignment] = []
    for a, b in zip_longest(left_old, list(new_by_role.values())):
        if a is None:
            added.append(b)
        elif b is None:
            removed.append(a)
        else:
            changed.append(AssignmentChange(old=a, new=b, changes=compare(a, b)))
    return added, removed, changed


def compare_assignments(
    old: ResponsibilityModel, new: ResponsibilityModel
) -> tuple[tuple[Assignment, ...], tuple[Assignment, ...], tuple[AssignmentChange, ...]]:
    """Return the assignments added, removed and changed, sorted by (duty, holder, role).

    Examples
    --------
    >>> from zeren_graph.model import Assignment, Duty, ResponsibilityModel, Unit
    >>> def model(role):
    ...     return ResponsibilityModel(units=[Unit(id="乙镇党委")],
    ...         duties=[Duty(id="乙镇党委/宣传", name="宣传", scope="乙镇党委")],
    ...         assignments=[Assignment(duty="乙镇党委/宣传", holder="乙镇党委",
    ...                                 collective=True, role=role)])
    >>> added, removed, changed = compare_assignments(model("主体责任"), model("牵头"))
    >>> [(c.field, c.old, c.new) for c in changed[0].changes]
    [('role', 'primary', 'lead')]
    """
    before, after = _by_pair(old), _by_pair(new)
    compare = _comparer(old, new)
    added: list[Assignment] = []
    removed: list[Assignment] = []
    changed: list[AssignmentChange] = []
    for key in sorted(before.keys() | after.keys()):
        a, r, c = _pair_rows(before.get(key, []), after.get(key, []), compare)
        added += a
        removed += r
        changed += c
    return tuple(added), tuple(removed), tuple(changed)


def compare_posts(old: ResponsibilityModel, new: ResponsibilityModel) -> tuple[PostChange, ...]:
    """Return the posts added, removed or re-staffed, sorted by post id.

    Examples
    --------
    >>> from zeren_graph.model import Person, Post, ResponsibilityModel, Unit
    >>> def model(*holders):
    ...     return ResponsibilityModel(units=[Unit(id="乙镇党委")],
    ...         posts=[Post(id="乙镇党委/书记", unit="乙镇党委", title="书记", holders=holders)],
    ...         persons=[Person(id="张三"), Person(id="李四")])
    >>> [(c.post, c.old, c.new) for c in compare_posts(model("张三"), model())]
    [('乙镇党委/书记', ('张三',), ())]
    """
    before, after = old.index.posts, new.index.posts
    changes = []
    for pid in sorted(before.keys() | after.keys()):
        a, b = before.get(pid), after.get(pid)
        was = a.holders if a is not None else None
        now = b.holders if b is not None else None
        if was is None or now is None or set(was) != set(now):
            changes.append(PostChange(post=pid, old=was, new=now))
    return tuple(changes)


def diff(
    old: ResponsibilityModel,
    new: ResponsibilityModel,
    *,
    config: CheckConfig | Mapping[str, Any] | str | Path | None = None,
    checker: Checker | None = None,
) -> ModelDiff:
    """Compare two models: findings introduced and resolved, assignments changed.

    Parameters
    ----------
    old, new : ResponsibilityModel
        The two versions of the list.
    config : CheckConfig, mapping, path or None
        The checks configuration used on both models (as for
        :func:`zeren_graph.checks.check`).
    checker : callable, optional
        ``checker(model) -> findings``; default :func:`make_checker` of ``config``.

    Returns
    -------
    ModelDiff
        Frozen; every tuple sorted deterministically.

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="县委")])
    >>> diff(m, m, checker=lambda m: ()).is_empty
    True
    """
    run = checker if checker is not None else make_checker(config)
    delta = compare_findings(run(old), run(new))
    added, removed, changed = compare_assignments(old, new)
    return ModelDiff(
        introduced=delta.introduced,
        resolved=delta.resolved,
        assignments_added=added,
        assignments_removed=removed,
        assignments_changed=changed,
        posts_changed=compare_posts(old, new),
    )

"""The accountability chain of a duty (一案双查, 倒查): who answers for it, in order.

"一案双查" means that a violation triggers an investigation of the offender
*and* of the responsible leader; "倒查" is the backward check of the
committee's primary responsibility (主体责任) and the discipline commission's
supervisory responsibility (监督责任). :func:`accountability_chain` lists,
for one duty, everyone such an investigation would reach:

1. ``owner`` — the holders in an owner role (primary, first_responsible,
   direct, lead), posts with their persons or units as a whole;
2. ``first_responsible`` — the first-responsible post (第一责任人) of the
   duty's scope unit;
3. ``supervisor`` — supervisory assignments of the duty, then the
   supervision records (:class:`~zeren_graph.model.Supervision`) over the
   scope unit;
4. ``superior`` — the first-responsible post of every unit up the chain of
   command (隶属), ending at the root.

Examples
--------
>>> from zeren_graph.model import (Assignment, Duty, Person, Post, ResponsibilityModel,
...                                Supervision, Unit)
>>> m = ResponsibilityModel(
...     units=[Unit(id="县委"), Unit(id="县纪委", parent="县委"),
...            Unit(id="乙镇党委", parent="县委")],
...     posts=[Post(id="县委/书记", unit="县委", title="书记", kind="书记", holders=["王五"]),
...            Post(id="乙镇党委/书记", unit="乙镇党委", title="书记", holders=["张三"])],
...     persons=[Person(id="王五"), Person(id="张三")],
...     duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")],
...     assignments=[Assignment(duty="乙镇党委/组织生活", holder="乙镇党委/书记",
...                             role="第一责任人")],
...     supervisions=[Supervision(supervisor="县纪委", supervised="乙镇党委", period=6)])
>>> chain = accountability_chain(m, "组织生活")
>>> for step in chain.steps:
...     print(step.text())
owner: 乙镇党委/书记 [first_responsible] — 张三
first responsible of 乙镇党委: 乙镇党委/书记 [first_responsible] — 张三
supervisor: 县纪委 — supervision record (inspection), every 6 months
first responsible of 县委 (superior): 县委/书记 — 王五
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from zeren_graph.analysis._words import KIND_WORDS, ROLE_WORDS, WORDS
from zeren_graph.analysis.lookup import resolve_duty
from zeren_graph.checks.finding import Lang
from zeren_graph.model import Assignment, Duty, Post, ResponsibilityModel, Source, Supervision
from zeren_graph.vocab import OWNER_ROLES, PostKind, Role, infer_post_kind

__all__ = [
    "AccountabilityChain",
    "ChainStep",
    "StepKind",
    "Via",
    "accountability_chain",
]

_ROLE_ORDER = {role: i for i, role in enumerate(Role)}


class StepKind(StrEnum):
    """Where a step stands in the chain."""

    owner = "owner"  # 责任人 (owner roles)
    first_responsible = "first_responsible"  # 第一责任人 of the scope unit
    supervisor = "supervisor"  # 监督责任
    superior = "superior"  # 上级第一责任人, up the chain of command


class Via(StrEnum):
    """How a step was found."""

    assignment = "assignment"  # a row of the list
    secretary = "secretary"  # the unit's post of kind secretary (书记)
    supervision = "supervision"  # a supervision record
    missing = "missing"  # nothing found: a gap in the chain


class ChainStep(BaseModel):
    """One link of an accountability chain.

    ``id`` is a post id, or a unit id when ``collective`` (a unit as a whole,
    or a supervising unit of a supervision record); it is ``None`` when no
    post was found (``via`` is ``missing``). ``unit`` is the unit the step
    answers for: the holder's unit for owners and supervisors, the scope unit
    or the ancestor for first-responsible and superior steps. ``persons``
    is empty for a vacant post and for a unit as a whole.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: StepKind
    id: str | None
    role: Role | None
    persons: tuple[str, ...]
    unit: str
    collective: bool = False
    via: Via
    source: Source | None = None
    supervision: Supervision | None = None

    @property
    def is_vacant(self) -> bool:
        """Whether the step is a post nobody holds."""
        return self.id is not None and not self.collective and not self.persons

    def text(self, lang: Lang = "en") -> str:
        """Render the step on one line, in English or Chinese."""
        w = WORDS[lang]
        label = w[self.kind.value].format(unit=self.unit)
        if self.id is None:
            return f"{label}: {w['missing']}"
        role = f" [{ROLE_WORDS[lang][self.role]}]" if self.role is not None else ""
        if self.supervision is not None:
            sup = self.supervision
            period = w["period"].format(n=f"{sup.period:g}") if sup.period is not None else ""
            who = w["record"].format(kind=KIND_WORDS[lang].get(sup.kind, sup.kind.value)) + period
        elif self.collective:
            who = w["collective"]
        elif self.persons:
            who = w["sep"].join(self.persons)
        else:
            who = w["vacant"]
        src = f" ({self.source})" if self.source is not None else ""
        return f"{label}: {self.id}{role} — {who}{src}"


class AccountabilityChain(BaseModel):
    """The ordered accountability chain of one duty (see the module docstring)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    duty: str
    name: str
    scope: str
    steps: tuple[ChainStep, ...]
    root: str

    def of_kind(self, kind: StepKind | str) -> tuple[ChainStep, ...]:
        """Return the steps of one kind, in chain order."""
        return tuple(s for s in self.steps if s.kind == kind)

    def text(self, lang: Lang = "en") -> str:
        """Render the chain as numbered lines, in English or Chinese."""
        w = WORDS[lang]
        head = w["title"].format(name=self.name, scope=self.scope, duty=self.duty)
        lines = [head]
        lines += [f"{i}. {s.text(lang)}" for i, s in enumerate(self.steps, 1)]
        lines.append(w["root"].format(root=self.root))
        return "\n".join(lines)


def _post_step(
    post: Post,
    kind: StepKind,
    unit: str,
    *,
    role: Role | None,
    via: Via,
    source: Source | None,
) -> ChainStep:
    return ChainStep(
        kind=kind,
        id=post.id,
        role=role,
        persons=post.holders,
        unit=unit,
        via=via,
        source=source if source is not None else post.source,
    )


def _holder_step(model: ResponsibilityModel, a: Assignment, kind: StepKind) -> ChainStep:
    if a.collective:
        return ChainStep(
            kind=kind,
            id=a.holder,
            role=a.role,
            persons=(),
            unit=a.holder,
            collective=True,
            via=Via.assignment,
            source=a.source,
        )
    post = model.index.posts[a.holder]
    return _post_step(post, kind, post.unit, role=a.role, via=Via.assignment, source=a.source)


def _first_responsible_rows(model: ResponsibilityModel) -> dict[str, list[Assignment]]:
    """Map each scope unit to the rows giving a post first_responsible on its duties."""
    duties = model.index.duties
    out: dict[str, list[Assignment]] = {}
    for a in model.assignments:
        if a.role is Role.first_responsible and not a.collective:
            out.setdefault(duties[a.duty].scope, []).append(a)
    return out


def _is_secretary(post: Post) -> bool:
    kind = post.kind if post.kind is not None else infer_post_kind(post.title)
    return kind is PostKind.secretary


def _first_responsible(
    model: ResponsibilityModel, unit: str, kind: StepKind, rows: dict[str, list[Assignment]]
) -> Iterator[ChainStep]:
    """Yield the first-responsible post(s) of ``unit``, or one ``missing`` step."""
    ix = model.index
    seen: set[str] = set()
    for a in rows.get(unit, ()):
        if a.holder not in seen:
            seen.add(a.holder)
            yield _post_step(
                ix.posts[a.holder],
                kind,
                unit,
                role=Role.first_responsible,
                via=Via.assignment,
                source=a.source,
            )
    if seen:
        return
    secretaries = [
        ix.posts[p] for p in ix.posts_of_unit.get(unit, ()) if _is_secretary(ix.posts[p])
    ]
    for post in secretaries:
        yield _post_step(post, kind, unit, role=None, via=Via.secretary, source=None)
    if not secretaries:
        yield _gap(kind, unit)


def _gap(kind: StepKind, unit: str) -> ChainStep:
    """Return the step that marks a gap: nobody found for ``kind`` at ``unit``."""
    return ChainStep(kind=kind, id=None, role=None, persons=(), unit=unit, via=Via.missing)


def _supervisors(model: ResponsibilityModel, duty: Duty) -> Iterator[ChainStep]:
    rows = [
        a for a in model.index.assignments_of_duty.get(duty.id, ()) if a.role is Role.supervisory
    ]
    listed = {a.holder for a in rows if a.collective}
    for a in _unique(rows):
        yield _holder_step(model, a, StepKind.supervisor)
    for s in model.supervisions:
        if s.supervised == duty.scope and s.duty in (None, duty.id) and s.supervisor not in listed:
            listed.add(s.supervisor)
            yield ChainStep(
                kind=StepKind.supervisor,
                id=s.supervisor,
                role=None,
                persons=(),
                unit=s.supervisor,
                collective=True,
                via=Via.supervision,
                supervision=s,
            )


def _unique(rows: list[Assignment]) -> list[Assignment]:
    seen: dict[tuple[str, bool, Role], Assignment] = {}
    for a in rows:
        seen.setdefault((a.holder, a.collective, a.role), a)
    return list(seen.values())


def accountability_chain(
    model: ResponsibilityModel, duty: str, scope: str | None = None
) -> AccountabilityChain:
    """Return who answers for ``duty``, in order: owners, first responsible, supervisors, superiors.

    Parameters
    ----------
    model : ResponsibilityModel
        The responsibility model.
    duty : str
        A duty id, or a duty name; a name found in several scopes needs ``scope``.
    scope : str, optional
        The unit the duty covers, to choose among duties of one name.

    Returns
    -------
    AccountabilityChain
        Frozen; ``steps`` in chain order, ``root`` the top of the chain of command.
        Owners come in role order (primary, first_responsible, direct, lead).
        A unit with no first-responsible post shows as a step with ``id=None``.

    Raises
    ------
    UnknownReferenceError
        Unknown duty or scope (with a "did you mean").
    InputError
        A duty name found in several scopes and no ``scope`` given.

    Examples
    --------
    >>> from zeren_graph.model import Assignment, Duty, Post, ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(
    ...     units=[Unit(id="县委"), Unit(id="乙镇党委", parent="县委")],
    ...     posts=[Post(id="乙镇党委/书记", unit="乙镇党委", title="书记")],
    ...     duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")],
    ...     assignments=[Assignment(duty="乙镇党委/组织生活", holder="乙镇党委",
    ...                             collective=True, role="主体责任")])
    >>> print(accountability_chain(m, "组织生活", scope="乙镇党委").text("zh"))
    职责「组织生活」(范围:乙镇党委,编号:乙镇党委/组织生活)的责任链(一案双查、倒查)
    1. 责任人: 乙镇党委 [主体责任] — 单位集体,无具体责任人
    2. 乙镇党委第一责任人: 乙镇党委/书记 — (空缺)
    3. 监督责任: 未找到
    4. 上级县委第一责任人: 未找到
    追溯至最高层级:县委
    """
    d = resolve_duty(model, duty, scope)
    ix = model.index
    owners = _unique([a for a in ix.assignments_of_duty.get(d.id, ()) if a.role in OWNER_ROLES])
    owners.sort(key=lambda a: _ROLE_ORDER[a.role])
    rows = _first_responsible_rows(model)
    steps = [_holder_step(model, a, StepKind.owner) for a in owners] or [
        _gap(StepKind.owner, d.scope)
    ]
    steps += _first_responsible(model, d.scope, StepKind.first_responsible, rows)
    steps += list(_supervisors(model, d)) or [_gap(StepKind.supervisor, d.scope)]
    root = d.scope
    for unit in ix.ancestors(d.scope):
        root = unit
        steps += _first_responsible(model, unit, StepKind.superior, rows)
    return AccountabilityChain(duty=d.id, name=d.name, scope=d.scope, steps=tuple(steps), root=root)

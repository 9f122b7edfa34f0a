"""The responsibility structure of a list as per-unit task classes for the simulation.

When a scenario's hierarchy is a responsibility list (``hierarchy.model``), its
duties and their holders enter the simulation (issue 8, mechanism 8).
:func:`duty_classes` sorts every (duty, unit) pair into one of four classes of
accountability, times measured / unmeasured, and returns per-unit arrays: how
much of a unit's portfolio falls in each class (``weight``), the share of a
duty's expected sanction the unit bears in it (``share``), whether an
assessment can see it (``measured``) and whether anyone works on it at all
(``intrinsic``).

Rules, with their grounding
---------------------------
**Holders resolve to units.** A row held by a unit as a whole (``collective``)
is that unit's; a row held by a post is its unit's. A person answers only
through the posts they hold (the model admits no person as a holder), so a
person with posts in two units (身兼数职) ties each of those posts to its own
unit. Supervisory rows (监督责任) do not hold the duty: the supervisor watches
the work, it does not do it (``vocab.OWNER_ROLES``, as ZG101).

**Owners and supporters.** A unit *owns* a duty when it holds a row in an owner
role — primary 主体责任, first_responsible 第一责任人, direct 直接责任 or lead
牵头 (``vocab.OWNER_ROLES``); it *supports* it with only 配合 rows.

**Each owned duty carries one unit of expected sanction**, split among its
*principal* units so that the shares of a duty add up to 1 (or to 0 where no
individual can be reached). The principal units are, among the owners that
answer (not collective-only, below): those with a lead row (牵头 — the division
of work names who answers for it, source 000 "组织部门牵头协调"); if none, those
with a primary row (主体责任); if none, all of them.

- ``named`` — one principal unit: it bears the whole sanction (share 1).
- ``shared`` — several principal units with no lead or primary among them to
  tell them apart (职责交叉、工作交叉, 责任重复, source 000; ZG201, ZG202): each bears
  1/n, the diffusion of responsibility. Also ``shared``, with share 0: the
  supporting units (配合) and the owners that are not principal (a 直接责任 or
  第一责任人 beside another unit's 牵头) — they work on the duty beside the lead
  but the division of work does not hold them to account for it. *Decided
  here*: rather than dropping them, they stay in the portfolio, because their
  effort is real (source 001 "各方配合、共同参与") and dropping them would make a
  supporting unit look idle.
- ``collective`` — an owner that is a collective body held only as a whole, of
  which no individual is reachable anywhere in the list: ZG102's notion
  (集体负责=无人负责, source 003 "集体领导责任变成谁也没有责任"). The body is
  collective by its kind (``holders.COLLECTIVE_KINDS``) or, for kind ``other``,
  its name (:func:`~zeren_graph.holders.is_collective_body`); it is reachable
  when it has a secretary post (书记) or one of its posts holds a 第一责任人 row;
  a placeholder (各乡镇党委) is not a body. Share 0. *Decided here*: the test is
  per owner unit, so a duty owned by such a body beside an answering unit is
  ``collective`` for the body and ``named``/``shared`` for the other (ZG102
  fires only when every owner is such a body); a unit that holds any owner row
  of the duty through one of its posts is never ``collective`` for it.
- ``none`` — a blind spot (责任盲区, ZG101, source 000 "责任重复和责任盲区并存"):
  no unit owns the duty. It is attributed to the duty's scope unit and to its
  supporting units, if any, with share 0 and intrinsic motivation 0: nobody
  leads, so the supporters have nobody to support and nobody works on it.
  (*Decided here*: the brief's "no holder at all" is read as ZG101's "no
  owner", so a duty with only supporting rows is a blind spot, as the county
  list's 流动党员教育管理 is meant to be.)

**Measured** (考核指标): the duty states an indicator, or one of its rows does
(lists that give the indicator per row). The frequency does not count here —
unlike ZG403's notion of a measure — because what the simulation needs is
whether an assessment scores the duty. When no duty and no row of the whole
list states an indicator, the list omits the column, and every duty is treated
as measured (as in a scenario without duties).

**Units with no duty** get weight 1 on ``named/measured`` and share 1 there,
so they behave as in a scenario without duties; their counts stay 0.

Examples
--------
>>> import numpy as np
>>> from zeren_graph.model import Assignment, Duty, Post, ResponsibilityModel, Unit
>>> m = ResponsibilityModel(
...     units=[Unit(id="县委"), Unit(id="组织部", parent="县委", kind="部门"),
...            Unit(id="宣传部", parent="县委", kind="部门")],
...     posts=[Post(id="组织部/部长", unit="组织部", title="部长"),
...            Post(id="宣传部/部长", unit="宣传部", title="部长")],
...     duties=[Duty(id="县委/培训", name="培训", scope="县委", indicator="每年1次"),
...             Duty(id="县委/宣传", name="宣传", scope="县委")],
...     assignments=[Assignment(duty="县委/培训", holder="组织部/部长", role="牵头"),
...                  Assignment(duty="县委/培训", holder="宣传部/部长", role="配合")],
... )
>>> s = Structure(("县", "部门"), np.array([0, 1, 3]), np.array([-1, 0, 0]),
...               np.zeros(3), names=("县委", "组织部", "宣传部"))
>>> dc = duty_classes(m, s)
>>> dc.names[:3]
('named/measured', 'named/unmeasured', 'shared/measured')
>>> dc.counts.tolist()
[[0, 0, 0, 0, 0, 0, 0, 1], [1, 0, 0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 0]]
>>> float(dc.share[1, 0]), float(dc.share[2, 2]), dc.intrinsic.tolist()
(1.0, 0.0, [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zeren_graph.errors import Problem, ScenarioError
from zeren_graph.holders import is_collective_body, is_placeholder
from zeren_graph.model import ResponsibilityModel
from zeren_graph.sim.structure import Structure
from zeren_graph.vocab import PostKind, Role, infer_post_kind

__all__ = ["CLASSES", "DutyClasses", "duty_classes"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: The classes of accountability, in the order of the arrays (each × measured/unmeasured).
CLASSES: tuple[str, ...] = ("named", "shared", "collective", "none")
NAMED, SHARED, COLLECTIVE, NONE = range(len(CLASSES))
_K = 2 * len(CLASSES)

# flags of a unit's rows on one duty
_OWNER, _LEAD, _PRIMARY, _POST, _SUPPORT = 1, 2, 4, 8, 16


@dataclass(frozen=True, eq=False)
class DutyClasses:
    """Per-unit task classes of a responsibility list (see the module docstring).

    Attributes
    ----------
    names : tuple of str
        The 8 class names, ``"<class>/measured"`` then ``"<class>/unmeasured"``
        for each of :data:`CLASSES`.
    weight : ndarray of float, shape (n_units, 8)
        The share of the unit's duties in each class; rows sum to 1.
    share : ndarray of float, shape (n_units, 8)
        The mean share of a duty's expected sanction the unit bears, over its
        duties of the class; 0 where the class is empty.
    measured : ndarray of bool, shape (8,)
        Whether the class is measured (has a 考核指标).
    intrinsic : ndarray of float, shape (8,)
        0 for the ``none`` classes (nobody works on a blind spot), else 1.
    counts : ndarray of int, shape (n_units, 8)
        The number of duties of the unit in each class.
    """

    names: tuple[str, ...]
    weight: FloatArray
    share: FloatArray
    measured: BoolArray
    intrinsic: FloatArray
    counts: IntArray

    def index(self, cls: str, *, measured: bool = True) -> int:
        """Return the column of class ``cls`` (one of :data:`CLASSES`).

        Examples
        --------
        >>> import numpy as np
        >>> z = np.zeros((0, 8))
        >>> dc = DutyClasses(class_names(), z, z, np.zeros(8, bool), np.ones(8), z.astype(int))
        >>> dc.index("shared", measured=False)
        3
        """
        return 2 * CLASSES.index(cls) + (0 if measured else 1)


def class_names() -> tuple[str, ...]:
    """Return the 8 task-class names in column order.

    Examples
    --------
    >>> class_names()[-2:]
    ('none/measured', 'none/unmeasured')
    """
    return tuple(f"{c}/{m}" for c in CLASSES for m in ("measured", "unmeasured"))


def _unit_flags(
    model: ResponsibilityModel,
) -> tuple[dict[str, dict[str, int]], set[str], set[str]]:
    """Duty → unit → flags of its rows; the units with a 第一责任人 post row; indicated duties."""
    unit_of_post = {p.id: p.unit for p in model.posts}
    flags: dict[str, dict[str, int]] = {}
    first_units: set[str] = set()
    indicated: set[str] = set()
    support, supervisory = Role.support, Role.supervisory
    lead, primary, first = Role.lead, Role.primary, Role.first_responsible
    for a in model.assignments:
        role = a.role
        if a.indicator is not None:
            indicated.add(a.duty)
        if role is supervisory:
            continue
        unit = a.holder if a.collective else unit_of_post[a.holder]
        if role is support:
            f = _SUPPORT
        else:
            f = _OWNER | (0 if a.collective else _POST)
            if role is lead:
                f |= _LEAD
            elif role is primary:
                f |= _PRIMARY
            elif role is first and not a.collective:
                first_units.add(unit)
        per = flags.get(a.duty)
        if per is None:
            flags[a.duty] = {unit: f}
        else:
            per[unit] = per.get(unit, 0) | f
    return flags, first_units, indicated


class _Bodies:
    """Whether a unit is a collective body of which nobody is reachable (ZG102), cached."""

    def __init__(self, model: ResponsibilityModel, first_units: set[str]) -> None:
        self._model = model
        self._first_units = first_units
        self._secretary_units: frozenset[str] | None = None
        self._cache: dict[str, bool] = {}

    def _secretaries(self) -> frozenset[str]:
        if self._secretary_units is None:
            secretary = PostKind.secretary
            self._secretary_units = frozenset(
                p.unit
                for p in self._model.posts
                if p.kind is secretary or (p.kind is None and infer_post_kind(p.title) is secretary)
            )
        return self._secretary_units

    def nobody_answers(self, unit: str) -> bool:
        found = self._cache.get(unit)
        if found is None:
            u = self._model.index.units[unit]
            found = self._cache[unit] = (
                is_collective_body(u.name, u.kind)
                and not is_placeholder(u.name)
                and unit not in self._first_units
                and unit not in self._secretaries()
            )
        return found


def _classify(per: dict[str, int], scope: str, bodies: _Bodies) -> Iterable[tuple[str, int, float]]:
    """Yield (unit, class, share) for every unit of one duty."""
    owners = [u for u, f in per.items() if f & _OWNER]
    if not owners:
        yield scope, NONE, 0.0
        for u in per:
            if u != scope:
                yield u, NONE, 0.0
        return
    answering = [u for u in owners if per[u] & _POST or not bodies.nobody_answers(u)]
    principal = (
        [u for u in answering if per[u] & _LEAD]
        or [u for u in answering if per[u] & _PRIMARY]
        or answering
    )
    n = len(principal)
    chosen = set(principal)
    reached = set(answering)
    for u, f in per.items():
        if u in chosen:
            yield (u, NAMED, 1.0) if n == 1 else (u, SHARED, 1.0 / n)
        elif f & _OWNER and u not in reached:
            yield u, COLLECTIVE, 0.0
        else:
            yield u, SHARED, 0.0


def _unit_index(model: ResponsibilityModel, structure: Structure) -> dict[str, int]:
    if structure.names is None:
        msg = (
            "The 'structure' parameter of duty_classes must be built from a responsibility "
            "list (hierarchy.model), with unit names. Got a generated hierarchy instead."
        )
        raise ScenarioError(Problem("invalid-scenario", msg, path="hierarchy"))
    index = {name: i for i, name in enumerate(structure.names)}
    missing = sorted({u.id for u in model.units} - index.keys())
    if missing:
        shown = ", ".join(repr(u) for u in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        msg = f"{len(missing)} units of the list are not in the structure: {shown}{more}"
        hint = "build the structure from the same list (hierarchy.model)"
        raise ScenarioError(Problem("invalid-scenario", msg, path="hierarchy.model", hint=hint))
    return index


def duty_classes(model: ResponsibilityModel, structure: Structure) -> DutyClasses:
    """Sort every (duty, unit) pair of ``model`` into task classes, per unit of ``structure``.

    Parameters
    ----------
    model : ResponsibilityModel
        The responsibility list.
    structure : Structure
        Its hierarchy as arrays, built from the same list (``structure.names``
        are its unit ids).

    Returns
    -------
    DutyClasses
        Per-unit weights, sanction shares and counts over the 8 classes; the
        rules are in the module docstring.

    Raises
    ------
    ScenarioError
        When the structure has no unit names (a generated hierarchy) or lacks
        a unit of the list.

    Examples
    --------
    >>> import numpy as np
    >>> from zeren_graph.model import Assignment, Duty, Post, ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(
    ...     units=[Unit(id="甲局", kind="部门"), Unit(id="乙局", kind="部门")],
    ...     duties=[Duty(id="甲局/整改", name="整改", scope="甲局")],
    ...     assignments=[Assignment(duty="甲局/整改", holder=u, collective=True, role="直接责任")
    ...                  for u in ("甲局", "乙局")])
    >>> s = Structure(("局",), np.array([0, 2]), np.array([-1, -1]), np.zeros(2),
    ...               names=("甲局", "乙局"))
    >>> dc = duty_classes(m, s)
    >>> dc.weight[:, dc.index("shared")].tolist(), dc.share[:, dc.index("shared")].tolist()
    ([1.0, 1.0], [0.5, 0.5])
    """
    index = _unit_index(model, structure)
    n = structure.n_units
    flags, first_units, indicated = _unit_flags(model)
    indicated.update(d.id for d in model.duties if d.indicator is not None)
    everything_measured = not indicated
    bodies = _Bodies(model, first_units)
    cells: list[int] = []
    shares: list[float] = []
    empty: dict[str, int] = {}
    for d in model.duties:
        offset = 0 if everything_measured or d.id in indicated else 1
        for unit, cls, part in _classify(flags.get(d.id, empty), d.scope, bodies):
            cells.append(index[unit] * _K + 2 * cls + offset)
            shares.append(part)
    flat = np.asarray(cells, dtype=np.int64)
    counts = np.bincount(flat, minlength=n * _K).reshape(n, _K).astype(np.int64)
    total = np.bincount(flat, weights=np.asarray(shares, dtype=np.float64), minlength=n * _K)
    total = total.reshape(n, _K)
    share = np.divide(total, counts, out=np.zeros((n, _K)), where=counts > 0)
    per_unit = counts.sum(axis=1)
    weight = np.divide(
        counts, per_unit[:, None], out=np.zeros((n, _K)), where=per_unit[:, None] > 0
    )
    idle = per_unit == 0
    weight[idle, 0] = 1.0
    share[idle, 0] = 1.0
    measured = np.tile(np.array([True, False]), len(CLASSES))
    intrinsic = np.ones(_K)
    intrinsic[2 * NONE : 2 * NONE + 2] = 0.0
    return DutyClasses(class_names(), weight, share, measured, intrinsic, counts)

"""Coverage metrics (有形覆盖 / 有效覆盖), overall and per level, for every report.

Definitions (per unit):

* **named** — some row names the unit, as a holder's unit or as a duty's scope;
* **party organisation** (有形覆盖) — ``has_party_org`` when given; otherwise a
  unit of a party kind (committee, party group, working committee, branch,
  general branch, discipline commission) has one, and for other kinds it is
  unknown: the share is over the units where it is known;
* **effective** (有效覆盖) — the unit is not known to lack a party
  organisation, a duty covering it has an owner that is an occupied post,
  and a duty covering it has a supervisory row (or a supervision record
  names the unit as supervised).

Per duty: **one accountable** — exactly one person holds its occupied owner
posts (collective owners are nobody in particular); **indicator** — the duty or
one of its rows has an indicator; **supervised** — it has a supervisory row.

The level of a unit is its ``level`` as written, or ``depth N`` (1 = a root)
when not given; a duty's level is its scope's.

Examples
--------
>>> from zeren_graph.model import Duty, ResponsibilityModel, Unit
>>> m = ResponsibilityModel(units=[Unit(id="县委", kind="党委", level="县"),
...                               Unit(id="乙镇党委", parent="县委", level="乡镇")],
...     duties=[Duty(id="县委/党建", name="党建", scope="县委")])
>>> c = coverage(m)
>>> c.overall.units, c.overall.share("party_org"), [lv for lv, _ in c.by_level]
(2, 1.0, ['县', '乡镇'])
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from zeren_graph.checks.context import Context
from zeren_graph.model import ResponsibilityModel, Unit
from zeren_graph.vocab import UnitKind

__all__ = ["Coverage", "CoverageFigures", "coverage"]

_PARTY_KINDS = frozenset(
    {
        UnitKind.committee,
        UnitKind.party_group,
        UnitKind.working_committee,
        UnitKind.branch,
        UnitKind.general_branch,
        UnitKind.discipline_commission,
    }
)

# share name → (numerator field, denominator field)
_SHARES = {
    "named": ("units_named", "units"),
    "party_org": ("units_party_org", "units_party_org_known"),
    "effective": ("units_effective", "units"),
    "one_accountable": ("duties_one_accountable", "duties"),
    "indicator": ("duties_with_indicator", "duties"),
    "supervised": ("duties_supervised", "duties"),
}


@dataclass(frozen=True, slots=True)
class CoverageFigures:
    """Counts behind the coverage shares of one level (or of the whole model)."""

    units: int = 0
    units_named: int = 0
    units_party_org_known: int = 0
    units_party_org: int = 0
    units_effective: int = 0
    duties: int = 0
    duties_one_accountable: int = 0
    duties_with_indicator: int = 0
    duties_supervised: int = 0

    def share(self, name: str) -> float | None:
        """Return a share in [0, 1] (``None`` when nothing is counted).

        ``name`` is one of named, party_org, effective, one_accountable,
        indicator, supervised.

        Examples
        --------
        >>> CoverageFigures(units=4, units_named=3).share("named")
        0.75
        >>> CoverageFigures().share("indicator") is None
        True
        """
        num, den = _SHARES[name]
        total = getattr(self, den)
        return None if total == 0 else getattr(self, num) / total

    def plus(self, other: CoverageFigures) -> CoverageFigures:
        """Return the field-wise sum of two sets of figures.

        Examples
        --------
        >>> CoverageFigures(units=2, units_named=1).plus(CoverageFigures(units=1)).units
        3
        """
        return CoverageFigures(
            *(getattr(self, f.name) + getattr(other, f.name) for f in fields(self))
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the counts and the shares (rounded to 4 places) as plain data.

        Examples
        --------
        >>> CoverageFigures(units=4, units_named=3).to_dict()["named"]
        0.75
        """
        out: dict[str, Any] = {"units": self.units, "duties": self.duties}
        for name in _SHARES:
            value = self.share(name)
            out[name] = None if value is None else round(value, 4)
        return out


@dataclass(frozen=True, slots=True)
class Coverage:
    """Coverage overall and per level (levels top-down)."""

    overall: CoverageFigures
    by_level: tuple[tuple[str, CoverageFigures], ...]

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"overall": {...}, "by_level": {level: {...}}}``.

        Examples
        --------
        >>> from zeren_graph.model import ResponsibilityModel
        >>> coverage(ResponsibilityModel()).to_dict()["overall"]["units"]
        0
        """
        return {
            "overall": self.overall.to_dict(),
            "by_level": {level: f.to_dict() for level, f in self.by_level},
        }


def _party_org(u: Unit) -> bool | None:
    if u.has_party_org is not None:
        return u.has_party_org
    return True if u.kind in _PARTY_KINDS else None


def _count_duties(
    ctx: Context, level: dict[str, str], per: dict[str, list[int]]
) -> tuple[set[str], set[str]]:
    """Count the duties per level; return the units with an occupied owner, with a supervisor."""
    staffed, supervised = ctx.rows.staffed, ctx.supervisors.keys()
    measured, one = ctx.measured, ctx.rows.accountable
    occupied: set[str] = set()
    watched = {s.supervised for s in ctx.model.supervisions}
    for scope, ids in ctx.duties_of_scope.items():
        key = level[scope]
        counts = per.get(key)
        if counts is None:
            counts = per[key] = [0] * 9
        counts[5] += len(ids)
        n_supervised = 0
        for duty in ids:
            counts[6] += duty in one
            counts[7] += duty in measured
            n_supervised += duty in supervised
        counts[8] += n_supervised
        if n_supervised:
            watched.add(scope)
        if not staffed.isdisjoint(ids):
            occupied.add(scope)
    return occupied, watched


def _count_units(
    ctx: Context, level: dict[str, str], per: dict[str, list[int]], sets: tuple[set[str], set[str]]
) -> None:
    occupied, watched = sets
    named = ctx.named_units
    for u in ctx.model.units:
        counts = per.get(level[u.id])
        if counts is None:
            counts = per[level[u.id]] = [0] * 9
        org = _party_org(u)
        counts[0] += 1
        counts[1] += u.id in named
        counts[2] += org is not None
        counts[3] += org is True
        counts[4] += org is not False and u.id in occupied and u.id in watched


def coverage(model: ResponsibilityModel, *, context: Context | None = None) -> Coverage:
    """Compute the coverage metrics of ``model`` overall and per level.

    Parameters
    ----------
    model : ResponsibilityModel
        The model.
    context : Context, optional
        Shared lookup tables, when the caller has built them already.

    Returns
    -------
    Coverage
        Frozen; ``to_dict()`` gives plain data.

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> coverage(ResponsibilityModel(units=[Unit(id="村", has_party_org="否")])
    ...          ).overall.share("party_org")
    0.0
    """
    ctx = context if context is not None else Context(model)
    depth = ctx.depth
    level = {u.id: u.level if u.level is not None else f"depth {depth[u.id]}" for u in model.units}
    # per level: units, named, org known, org, effective, duties, one, indicator, supervised
    per: dict[str, list[int]] = {}
    _count_units(ctx, level, per, _count_duties(ctx, level, per))
    order: dict[str, int] = {}
    for u in model.units:
        key = level[u.id]
        order[key] = min(order.get(key, depth[u.id]), depth[u.id])
    figures = {key: CoverageFigures(*counts) for key, counts in per.items()}
    overall = CoverageFigures()
    for f in figures.values():
        overall = overall.plus(f)
    by_level = tuple(sorted(figures.items(), key=lambda kv: (order[kv[0]], kv[0])))
    return Coverage(overall=overall, by_level=by_level)

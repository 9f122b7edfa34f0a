"""Build small responsibility models for the checks tests, in Chinese."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from zeren_graph.checks import CheckReport, Finding, check
from zeren_graph.model import (
    Assignment,
    Duty,
    Person,
    Post,
    ResponsibilityModel,
    Source,
    Supervision,
    Unit,
)

Row = tuple[Any, ...]  # (duty id, holder, role) or (duty id, holder, role, fields)
UnitSpec = Unit | str | tuple[str, str | None]

LIST_FILE = "清单.csv"


def _unit(spec: UnitSpec) -> Unit:
    if isinstance(spec, Unit):
        return spec
    if isinstance(spec, str):
        return Unit(id=spec)
    return Unit(id=spec[0], parent=spec[1])


def build(
    rows: Iterable[Row] = (),
    *,
    units: Iterable[UnitSpec] = (),
    posts: Mapping[str, str | Sequence[str]] | None = None,
    duties: Iterable[Duty] = (),
    extra_posts: Iterable[Post] = (),
    supervisions: Iterable[Supervision] = (),
    hierarchy: bool = True,
) -> ResponsibilityModel:
    """Build a model from list rows ``(duty id, holder, role[, fields])``.

    A holder without "/" is a unit as a whole (collective). Posts default to
    one holder named ``<post>的人``; ``posts`` overrides (``""`` = vacant).
    Units, duties, posts and persons are created as the rows need them; rows
    get sources ``清单.csv:2``, ``清单.csv:3``...
    """
    unit_list = {u.id: u for u in map(_unit, units)}
    duty_list = {d.id: d for d in duties}
    post_holders = dict(posts or {})
    post_list = {p.id: p for p in extra_posts}
    assignments = []
    for i, row in enumerate(rows):
        duty, holder, role = row[0], row[1], row[2]
        fields: Mapping[str, Any] = row[3] if len(row) == 4 else {}
        collective = "/" not in holder
        assignments.append(
            Assignment(
                duty=duty,
                holder=holder,
                role=role,
                collective=collective,
                source=Source(file=LIST_FILE, row=i + 2),
                **fields,
            )
        )
        if duty not in duty_list:
            scope, name = duty.split("/", 1)
            duty_list[duty] = Duty(id=duty, name=name, scope=scope)
        if not collective and holder not in post_list:
            post_holders.setdefault(holder, f"{holder}的人")
    for pid, who in post_holders.items():
        if pid in post_list:
            continue
        unit, title = pid.split("/", 1)
        names = [who] if isinstance(who, str) else list(who)
        post_list[pid] = Post(id=pid, unit=unit, title=title, holders=[n for n in names if n])
    needed = {p.unit for p in post_list.values()} | {d.scope for d in duty_list.values()}
    needed |= {a.holder for a in assignments if a.collective}
    for u in sorted(needed - unit_list.keys()):
        unit_list[u] = Unit(id=u)
    persons = sorted({h for p in post_list.values() for h in p.holders})
    return ResponsibilityModel(
        units=list(unit_list.values()),
        posts=list(post_list.values()),
        persons=[Person(id=p) for p in persons],
        duties=list(duty_list.values()),
        assignments=assignments,
        supervisions=list(supervisions),
        has_hierarchy=hierarchy,
    )


def run(model: ResponsibilityModel, code: str, **config: Any) -> list[Finding]:
    """Return the findings of rule ``code`` only (the other rules still run)."""
    report = check(model, config=config or None)
    return [f for f in report.findings if f.code == code]


def subjects_of(model: ResponsibilityModel, code: str, **config: Any) -> list[tuple[str, ...]]:
    """Return the subjects of every finding of ``code``."""
    return [f.subjects for f in run(model, code, **config)]


def codes(report: CheckReport) -> list[str]:
    """Return the codes of the report's findings, in order."""
    return [f.code for f in report.findings]

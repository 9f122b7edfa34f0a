"""The responsibility model: every entity of one organisation, checked for integrity.

A :class:`ResponsibilityModel` is what every loader returns and every analysis
takes. Building one checks, all at once, that ids are unique, that every
reference names an existing unit, post, person or duty, and that the unit
hierarchy has no cycle; the resulting :class:`~zeren_graph.errors.InputError`
lists every problem with its key path and a "did you mean".

Examples
--------
>>> m = ResponsibilityModel(
...     units=[Unit(id="县委"), Unit(id="乙镇党委", parent="县委")],
...     posts=[Post(id="乙镇党委/书记", unit="乙镇党委", title="书记", holders=["张三"])],
...     persons=[Person(id="张三")],
...     duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")],
...     assignments=[Assignment(duty="乙镇党委/组织生活", holder="乙镇党委/书记",
...                             role="第一责任人")],
... )
>>> m.index.children["县委"], m.index.roots
(('乙镇党委',), ('县委',))
>>> ResponsibilityModel(units=[Unit(id="a", parent="b")])
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for ResponsibilityModel
  Value error, units[0].parent: unit 'b' is not defined ...
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Self, TypeVar

from pydantic import BaseModel, ConfigDict, model_validator

from zeren_graph.errors import InputError, Problem, did_you_mean
from zeren_graph.model.entities import Assignment, Duty, Person, Post, Supervision, Unit

T = TypeVar("T")

__all__ = ["ModelIndex", "ModelIntegrityError", "ResponsibilityModel", "integrity_problems"]


class ModelIntegrityError(InputError):
    """Ids are duplicated, references dangle or the hierarchy has a cycle."""

    default_code = "model-integrity"


class ResponsibilityModel(BaseModel):
    """Units, posts, people, duties, assignments and supervision of one organisation.

    ``has_hierarchy`` is false when the units were created from a flat list
    without a units table: then the hierarchy rules cannot run.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str | None = None
    units: tuple[Unit, ...] = ()
    posts: tuple[Post, ...] = ()
    persons: tuple[Person, ...] = ()
    duties: tuple[Duty, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    supervisions: tuple[Supervision, ...] = ()
    has_hierarchy: bool = True

    @model_validator(mode="after")
    def _integrity(self) -> Self:
        problems = integrity_problems(self)
        if problems:
            raise ModelIntegrityError(problems)
        return self

    @cached_property
    def index(self) -> ModelIndex:
        """Lookup tables built once per model (ids → entities, children, roots)."""
        return ModelIndex.build(self)


@dataclass(frozen=True, slots=True)
class ModelIndex:
    """Dictionaries for constant-time lookups in a model.

    All tuples are in the model's order, so results are deterministic.
    """

    units: dict[str, Unit]
    posts: dict[str, Post]
    persons: dict[str, Person]
    duties: dict[str, Duty]
    children: dict[str, tuple[str, ...]]
    roots: tuple[str, ...]
    assignments_of_duty: dict[str, tuple[Assignment, ...]]
    assignments_of_holder: dict[str, tuple[Assignment, ...]]
    posts_of_unit: dict[str, tuple[str, ...]]
    posts_of_person: dict[str, tuple[str, ...]]
    supervisions_of_unit: dict[str, tuple[Supervision, ...]]

    @classmethod
    def build(cls, model: ResponsibilityModel) -> ModelIndex:
        """Index ``model``."""
        children: dict[str, list[str]] = {u.id: [] for u in model.units}
        for u in model.units:
            if u.parent is not None:
                children[u.parent].append(u.id)
        by_duty: dict[str, list[Assignment]] = {}
        by_holder: dict[str, list[Assignment]] = {}
        for a in model.assignments:
            by_duty.setdefault(a.duty, []).append(a)
            by_holder.setdefault(a.holder, []).append(a)
        posts_of_unit: dict[str, list[str]] = {}
        posts_of_person: dict[str, list[str]] = {}
        for p in model.posts:
            posts_of_unit.setdefault(p.unit, []).append(p.id)
            for person in p.holders:
                posts_of_person.setdefault(person, []).append(p.id)
        sups: dict[str, list[Supervision]] = {}
        for s in model.supervisions:
            sups.setdefault(s.supervised, []).append(s)
        return cls(
            units={u.id: u for u in model.units},
            posts={p.id: p for p in model.posts},
            persons={p.id: p for p in model.persons},
            duties={d.id: d for d in model.duties},
            children={k: tuple(v) for k, v in children.items()},
            roots=tuple(u.id for u in model.units if u.parent is None),
            assignments_of_duty=_freeze(by_duty),
            assignments_of_holder=_freeze(by_holder),
            posts_of_unit=_freeze(posts_of_unit),
            posts_of_person=_freeze(posts_of_person),
            supervisions_of_unit=_freeze(sups),
        )

    def ancestors(self, unit: str) -> Iterator[str]:
        """Yield the ancestors of ``unit`` from its parent up to its root."""
        parent = self.units[unit].parent
        while parent is not None:
            yield parent
            parent = self.units[parent].parent

    def depth(self, unit: str) -> int:
        """Return 1 for a root, 2 for its children, and so on."""
        return 1 + sum(1 for _ in self.ancestors(unit))


def _freeze(d: dict[str, list[T]]) -> dict[str, tuple[T, ...]]:
    return {k: tuple(v) for k, v in d.items()}


def _duplicates(kind: str, field: str, ids: Sequence[str]) -> Iterator[Problem]:
    counts = Counter(ids)
    seen: set[str] = set()
    for i, x in enumerate(ids):
        if counts[x] > 1 and x not in seen:
            seen.add(x)
            yield Problem(
                "duplicate-id",
                f"{kind} id {x!r} is defined {counts[x]} times",
                path=f"{field}[{i}].id",
                value=x,
                hint="give each one a distinct id, or merge them",
            )


def _check_refs(
    kind: str,
    pool: dict[str, object] | set[str],
    refs: Iterable[tuple[str, int, str, str]],
) -> Iterator[Problem]:
    names = list(pool)
    for field, i, attr, ref in refs:
        if ref not in pool:
            yield Problem(
                "unknown-reference",
                f"{kind} {ref!r} is not defined",
                path=f"{field}[{i}].{attr}",
                value=ref,
                hint=did_you_mean(ref, names) if len(names) < 5000 else None,
            )


def _cycles(units: Sequence[Unit]) -> Iterator[Problem]:
    parent = {u.id: u.parent for u in units}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in parent:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in parent and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = parent[node]
        if node is not None and state.get(node) == 1:
            cycle = path[path.index(node) :]
            yield Problem(
                "hierarchy-cycle",
                "the unit hierarchy has a cycle: " + " → ".join([*cycle, node]),
                path="units.parent",
                value=node,
                hint="give one unit of the cycle another parent (or none, for a root)",
            )
        for n in path:
            state[n] = 2


def integrity_problems(model: ResponsibilityModel) -> list[Problem]:
    """Return every integrity problem of ``model`` (empty when it is sound)."""
    problems: list[Problem] = []
    groups: list[tuple[str, str, Sequence[str]]] = [
        ("unit", "units", [u.id for u in model.units]),
        ("post", "posts", [p.id for p in model.posts]),
        ("person", "persons", [p.id for p in model.persons]),
        ("duty", "duties", [d.id for d in model.duties]),
    ]
    for kind, field, ids in groups:
        problems.extend(_duplicates(kind, field, ids))
    units = {u.id for u in model.units}
    posts = {p.id for p in model.posts}
    persons = {p.id for p in model.persons}
    duties = {d.id for d in model.duties}
    refs: list[tuple[str, set[str], Callable[[], Iterable[tuple[str, int, str, str]]]]] = [
        ("unit", units, lambda: _unit_refs(model)),
        ("person", persons, lambda: _person_refs(model)),
        ("duty", duties, lambda: _duty_refs(model)),
    ]
    for kind, pool, make in refs:
        problems.extend(_check_refs(kind, pool, make()))
    for i, a in enumerate(model.assignments):
        pool, kind = (units, "unit") if a.collective else (posts, "post")
        if a.holder not in pool:
            hint = did_you_mean(a.holder, pool) if len(pool) < 5000 else None
            if not a.collective and a.holder in units:
                hint = "it is a unit: set collective: true for a unit as a whole"
            problems.append(
                Problem(
                    "unknown-reference",
                    f"{kind} {a.holder!r} is not defined",
                    path=f"assignments[{i}].holder",
                    value=a.holder,
                    hint=hint,
                )
            )
    problems.extend(_cycles(model.units))
    return problems


# Each reference is (field, index, attribute, value); the key path is only
# formatted for the references that fail, which keeps a 1M-row check fast.
Ref = tuple[str, int, str, str]


def _unit_refs(model: ResponsibilityModel) -> Iterator[Ref]:
    for i, u in enumerate(model.units):
        if u.parent is not None:
            yield "units", i, "parent", u.parent
        for g in u.guided_by:
            yield "units", i, "guided_by", g
    for i, p in enumerate(model.posts):
        yield "posts", i, "unit", p.unit
    for i, d in enumerate(model.duties):
        yield "duties", i, "scope", d.scope
    for i, s in enumerate(model.supervisions):
        yield "supervisions", i, "supervisor", s.supervisor
        yield "supervisions", i, "supervised", s.supervised


def _person_refs(model: ResponsibilityModel) -> Iterator[Ref]:
    for i, p in enumerate(model.posts):
        for h in p.holders:
            yield "posts", i, "holders", h


def _duty_refs(model: ResponsibilityModel) -> Iterator[Ref]:
    for i, d in enumerate(model.duties):
        if d.derived_from is not None:
            yield "duties", i, "derived_from", d.derived_from
    for i, a in enumerate(model.assignments):
        yield "assignments", i, "duty", a.duty
    for i, s in enumerate(model.supervisions):
        if s.duty is not None:
            yield "supervisions", i, "duty", s.duty

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

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import FrozenInstanceError, replace
from functools import cached_property
from itertools import chain, groupby
from operator import attrgetter
from typing import Any, NamedTuple, Self, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from zeren_graph._gc import paused_gc
from zeren_graph.errors import InputError, Problem, did_you_mean
from zeren_graph.model.entities import Assignment, Duty, Person, Post, Supervision, Unit
from zeren_graph.vocab import normalize_text

T = TypeVar("T")

__all__ = [
    "ModelIndex",
    "ModelIntegrityError",
    "ResponsibilityModel",
    "integrity_problems",
    "salvage_problems",
]


class ModelIntegrityError(InputError):
    """Ids are duplicated, references dangle or the hierarchy has a cycle."""

    default_code = "model-integrity"


class ResponsibilityModel(BaseModel):
    """Units, posts, people, duties, assignments and supervision of one organisation.

    ``has_hierarchy`` is false when the units were created from a flat list
    without a units table: then the hierarchy rules cannot run.

    ``row_fields`` are the row fields the source had a column for, by their
    canonical names (``duty``, ``unit``, ``post``, ``deadline`` ..., and
    ``leader`` for a task table's leader column 责任领导), sorted; empty when
    unknown (a model built in code, a document that does not state them). The
    rules about empty cells (ZG108 no-leader, ZG405 no-deadline) run only when
    the source had the column.

    >>> ResponsibilityModel(row_fields=["leader", "deadline", "leader"]).row_fields
    ('deadline', 'leader')

    ``document_supervisors`` are the units or posts (``unit/post``) the source
    states as supervising every duty of the document — a task table's 督办单位
    column, the supervising section of a grouped list (纪委：监督责任), a Word
    document's closing paragraph ("区委督查室…对本方案落实情况进行跟踪督办") —
    sorted; empty when the source states none. ZG104 (unsupervised-duty) takes
    them as the configuration's ``supervision:``. They are names as the
    document writes them, not references: a supervisor may hold no row of the
    list (区委督查室), and the model creates no unit for it.

    >>> m = ResponsibilityModel(document_supervisors=[" 县纪委 ", "县委督查室", "县纪委"])
    >>> m.document_supervisors
    ('县委督查室', '县纪委')
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    name: str | None = None
    units: tuple[Unit, ...] = ()
    posts: tuple[Post, ...] = ()
    persons: tuple[Person, ...] = ()
    duties: tuple[Duty, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    supervisions: tuple[Supervision, ...] = ()
    has_hierarchy: bool = True
    row_fields: tuple[str, ...] = ()
    document_supervisors: tuple[str, ...] = ()

    @field_validator("row_fields", mode="after")
    @classmethod
    def _sorted_fields(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(set(value)))

    @field_validator("document_supervisors", mode="after")
    @classmethod
    def _sorted_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        names = {v.strip() for v in value}
        if "" in names:
            msg = "a supervisor's name is empty"
            raise ValueError(msg)
        return tuple(sorted(names))

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


class _Parts(NamedTuple):
    units: tuple[Unit, ...]
    posts: tuple[Post, ...]
    persons: tuple[Person, ...]
    duties: tuple[Duty, ...]
    assignments: tuple[Assignment, ...]
    supervisions: tuple[Supervision, ...]


class ModelIndex:
    """Dictionaries for constant-time lookups in a model.

    All tuples are in the model's order, so results are deterministic. Each
    table is built on first use: checking a list of a million rows needs only
    some of them, and each costs a pass over the rows. The index is read-only.

    Examples
    --------
    >>> m = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="乙镇党委", parent="县委")])
    >>> ix = ModelIndex.build(m)
    >>> ix.roots, ix.children["县委"], list(ix.ancestors("乙镇党委")), ix.depth("乙镇党委")
    (('县委',), ('乙镇党委',), ['县委'], 2)
    """

    __slots__ = ("__dict__", "_model")
    _model: _Parts

    def __init__(self, model: ResponsibilityModel) -> None:
        # the parts, not the model: the model caches its index (no reference cycle)
        object.__setattr__(self, "_model", _Parts(*(getattr(model, f) for f in _Parts._fields)))

    @classmethod
    def build(cls, model: ResponsibilityModel) -> ModelIndex:
        """Index ``model`` (the tables are built when first used)."""
        return cls(model)

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"cannot assign to field {name!r}"
        raise FrozenInstanceError(msg)

    def __delattr__(self, name: str) -> None:
        msg = f"cannot delete field {name!r}"
        raise FrozenInstanceError(msg)

    @cached_property
    def units(self) -> dict[str, Unit]:
        """Unit id → unit."""
        return {u.id: u for u in self._model.units}

    @cached_property
    def posts(self) -> dict[str, Post]:
        """Post id → post."""
        return {p.id: p for p in self._model.posts}

    @cached_property
    def persons(self) -> dict[str, Person]:
        """Person id → person."""
        return {p.id: p for p in self._model.persons}

    @cached_property
    def duties(self) -> dict[str, Duty]:
        """Duty id → duty."""
        return {d.id: d for d in self._model.duties}

    @cached_property
    def children(self) -> dict[str, tuple[str, ...]]:
        """Unit id → the ids of its children (every unit is a key)."""
        with paused_gc():
            children: dict[str, list[str]] = {u.id: [] for u in self._model.units}
            for u in self._model.units:
                if u.parent is not None:
                    children[u.parent].append(u.id)
            return _freeze(children)

    @cached_property
    def roots(self) -> tuple[str, ...]:
        """The ids of the units without a parent."""
        return tuple(u.id for u in self._model.units if u.parent is None)

    @cached_property
    def assignments_of_duty(self) -> dict[str, tuple[Assignment, ...]]:
        """Duty id → its assignments (duties without one are absent)."""
        return _group(self._model.assignments, attrgetter("duty"))

    @cached_property
    def assignments_of_holder(self) -> dict[str, tuple[Assignment, ...]]:
        """Holder id (post, or unit as a whole) → its assignments."""
        return _group(self._model.assignments, attrgetter("holder"))

    @cached_property
    def posts_of_unit(self) -> dict[str, tuple[str, ...]]:
        """Unit id → the ids of its posts (units without one are absent)."""
        out: dict[str, list[str]] = {}
        with paused_gc():
            for p in self._model.posts:
                _append(out, p.unit, p.id)
            return _freeze(out)

    @cached_property
    def posts_of_person(self) -> dict[str, tuple[str, ...]]:
        """Person id → the ids of the posts they hold."""
        out: dict[str, list[str]] = {}
        with paused_gc():
            for p in self._model.posts:
                for person in p.holders:
                    _append(out, person, p.id)
            return _freeze(out)

    @cached_property
    def supervisions_of_unit(self) -> dict[str, tuple[Supervision, ...]]:
        """Unit id → the supervision records of which it is the supervised unit."""
        return _group(self._model.supervisions, attrgetter("supervised"))

    def ancestors(self, unit: str) -> Iterator[str]:
        """Yield the ancestors of ``unit`` from its parent up to its root."""
        units = self.units
        parent = units[unit].parent
        while parent is not None:
            yield parent
            parent = units[parent].parent

    def depth(self, unit: str) -> int:
        """Return 1 for a root, 2 for its children, and so on."""
        return 1 + sum(1 for _ in self.ancestors(unit))


def _append(table: dict[str, list[T]], key: str, value: T) -> None:
    found = table.get(key)
    if found is None:
        table[key] = [value]
    else:
        found.append(value)


def _group(items: Iterable[T], key: Callable[[T], str]) -> dict[str, tuple[T, ...]]:
    """Group ``items`` by ``key``, keeping their order (keys in order of first sight).

    Rows come in runs (the rows of one duty are usually adjacent): each run
    becomes a tuple at once, and the rare key seen in several runs is joined.
    """
    out: dict[str, tuple[T, ...]] = {}
    split: dict[str, list[tuple[T, ...]]] = {}  # keys seen in several runs
    with paused_gc():  # many new containers next to a large model
        for k, run in groupby(items, key):
            found = out.get(k)
            if found is None:
                out[k] = tuple(run)
            else:
                split.setdefault(k, [found]).append(tuple(run))
        for k, runs in split.items():
            out[k] = tuple(chain.from_iterable(runs))
    return out


def _freeze(d: dict[str, list[T]]) -> dict[str, tuple[T, ...]]:
    return {k: tuple(v) for k, v in d.items()}


def _duplicates(kind: str, field: str, ids: Sequence[str | None]) -> Iterator[Problem]:
    counts = Counter(ids)
    seen: set[str] = set()
    for i, x in enumerate(ids):
        if x is not None and counts[x] > 1 and x not in seen:
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
    groups: list[tuple[str, str, Sequence[str]]] = [
        ("unit", "units", [u.id for u in model.units]),
        ("post", "posts", [p.id for p in model.posts]),
        ("person", "persons", [p.id for p in model.persons]),
        ("duty", "duties", [d.id for d in model.duties]),
    ]
    problems: list[Problem] = []
    for kind, field, ids in groups:
        problems.extend(_duplicates(kind, field, ids))
    problems.extend(_reference_problems(model))
    problems.extend(_cycles(model.units))
    return problems


def _reference_problems(
    model: ResponsibilityModel, extra: Mapping[str, set[str]] | None = None
) -> list[Problem]:
    """Dangling references; ``extra`` adds defined ids (of entities that failed validation)."""
    more = extra or {}
    problems: list[Problem] = []
    units = {u.id for u in model.units} | more.get("units", set())
    posts = {p.id for p in model.posts} | more.get("posts", set())
    persons = {p.id for p in model.persons} | more.get("persons", set())
    duties = {d.id for d in model.duties} | more.get("duties", set())
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
    return problems


_LISTS: dict[str, tuple[str, type[BaseModel]]] = {
    "units": ("unit", Unit),
    "posts": ("post", Post),
    "persons": ("person", Person),
    "duties": ("duty", Duty),
    "assignments": ("assignment", Assignment),
    "supervisions": ("supervision", Supervision),
}
_INDEXED = re.compile(r"^(\w+)\[(\d+)\]")


def salvage_problems(data: Mapping[str, Any]) -> list[Problem]:
    """Return the integrity problems of raw model data whose fields did not all validate.

    When one entity has a bad value, pydantic never runs the model's integrity
    check, so the dangling references and duplicate ids elsewhere would stay
    hidden until the value is fixed. This checks them over the entities that
    validate on their own; the ids of those that do not still count as
    defined, so they cause no false "not defined". Key paths keep the
    positions of ``data``.

    Examples
    --------
    >>> data = {"units": [{"id": "县委"}, {"id": "乙镇", "parent": "县季", "kind": "党校"},
    ...                   {"id": "甲镇", "parent": "县季"}]}
    >>> [(p.code, p.path) for p in salvage_problems(data)]
    [('unknown-reference', 'units[2].parent')]
    """
    kept: dict[str, list[Any]] = {}
    positions: dict[str, list[int]] = {}
    failed: dict[str, set[str]] = {}
    problems: list[Problem] = []
    for field, (kind, cls) in _LISTS.items():
        items = data.get(field)
        kept[field], positions[field], failed[field] = [], [], set()
        if not isinstance(items, (list, tuple)):
            continue
        ids: list[str | None] = []
        for i, raw in enumerate(items):
            raw_id = raw.get("id") if isinstance(raw, Mapping) else None
            try:
                entity = cls.model_validate(raw)
            except ValidationError:
                raw_id = normalize_text(raw_id) if isinstance(raw_id, str) else None
                if raw_id:
                    failed[field].add(raw_id)
                ids.append(raw_id)
                continue
            kept[field].append(entity)
            positions[field].append(i)
            ids.append(getattr(entity, "id", None))
        if field not in ("assignments", "supervisions"):
            problems.extend(_duplicates(kind, field, ids))
    fields: dict[str, Any] = {f: tuple(v) for f, v in kept.items()}
    partial = ResponsibilityModel.model_construct(**fields)
    problems.extend(_moved(p, positions) for p in _reference_problems(partial, failed))
    problems.extend(_cycles(partial.units))
    return problems


def _moved(p: Problem, positions: Mapping[str, Sequence[int]]) -> Problem:
    """Map ``field[i]`` in a problem's path back to the position in the raw data."""
    m = _INDEXED.match(p.path or "")
    if m is None or m.group(1) not in positions:
        return p
    where = positions[m.group(1)][int(m.group(2))]
    return replace(p, path=f"{m.group(1)}[{where}]{(p.path or '')[m.end() :]}")


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

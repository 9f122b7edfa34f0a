"""The graph view of a responsibility model, and the queries checks and simulator need.

Queries work on the model's index (dictionary lookups, linear at worst), so
they scale to lists of a million rows; :func:`to_networkx` builds the typed
:class:`networkx.MultiDiGraph` for drawing and ad-hoc analysis.

Node and edge schema of :func:`to_networkx` (also in ``docs/graph.md``):

===========  ==================================  =====================================
node type    key                                 attributes
===========  ==================================  =====================================
unit         ``("unit", id)``                    ``type, id, label, kind, level``
post         ``("post", id)``                    ``type, id, label, unit, vacant``
person       ``("person", id)``                  ``type, id, label``
duty         ``("duty", id)``                    ``type, id, label, scope, category``
===========  ==================================  =====================================

===========  ======================  ====================================================
edge type    direction               attributes
===========  ======================  ====================================================
parent       parent unit → unit      leadership line (隶属)
guided_by    committee → unit        business guidance (业务指导)
holds        person → post
assigned     post or unit → duty     ``role`` (primary, lead, ...), ``source``
supervises   unit → unit             ``kind, period, announced``
===========  ======================  ====================================================

Examples
--------
>>> from zeren_graph.model import Assignment, Duty, Person, Post, ResponsibilityModel, Unit
>>> m = ResponsibilityModel(
...     units=[Unit(id="县委"), Unit(id="乙镇党委", parent="县委"),
...            Unit(id="丙村支部", parent="乙镇党委")],
...     posts=[Post(id="乙镇党委/书记", unit="乙镇党委", title="书记", holders=["张三"])],
...     persons=[Person(id="张三")],
...     duties=[Duty(id="乙镇党委/三会一课", name="三会一课", scope="乙镇党委")],
...     assignments=[
...         Assignment(duty="乙镇党委/三会一课", holder="乙镇党委/书记", role="第一责任人"),
...         Assignment(duty="乙镇党委/三会一课", holder="县委", collective=True,
...                    role="监督责任")],
... )
>>> chain_of_command(m, "丙村支部")
('丙村支部', '乙镇党委', '县委')
>>> [h.holder for h in holders_of(m, "乙镇党委/三会一课", roles=OWNER_ROLES)]
['乙镇党委/书记']
>>> duties_of(m, "张三")
('乙镇党委/三会一课',)
>>> g = to_networkx(m)
>>> g.number_of_nodes(), sorted({d["type"] for _, _, d in g.edges(data=True)})
(6, ['assigned', 'holds', 'parent'])
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from zeren_graph._display import excerpt
from zeren_graph.errors import InputError, Problem, UnknownReferenceError, did_you_mean
from zeren_graph.model import Assignment, ResponsibilityModel, Supervision
from zeren_graph.vocab import OWNER_ROLES, Role

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "OWNER_ROLES",
    "chain_of_command",
    "duties_of",
    "holders_of",
    "subtree",
    "supervisors_of",
    "to_networkx",
]

NodeKey = tuple[str, str]


#: Longest key for which a close match is looked for (difflib is quadratic in its length).
_GUESS_CHARS = 200


def _require(model: ResponsibilityModel, kind: str, key: str, pool: Collection[str]) -> None:
    if key not in pool:
        guess = len(pool) < 5000 and len(key) <= _GUESS_CHARS
        raise UnknownReferenceError(
            [
                Problem(
                    "unknown-reference",
                    f"{kind} '{excerpt(key)}' is not in the model",
                    value=excerpt(key),
                    hint=did_you_mean(key, pool) if guess else None,
                )
            ]
        )


def to_networkx(model: ResponsibilityModel) -> nx.MultiDiGraph:
    """Build the typed multigraph of ``model`` (schema in the module docstring).

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> units = [Unit(id="县委"), Unit(id="乙镇", parent="县委")]
    >>> g = to_networkx(ResponsibilityModel(units=units))
    >>> list(g.edges(data="type"))
    [(('unit', '县委'), ('unit', '乙镇'), 'parent')]
    """
    import networkx as nx  # noqa: PLC0415  (keep `import zeren_graph` light)

    g = nx.MultiDiGraph(name=model.name or "")
    for u in model.units:
        g.add_node(
            ("unit", u.id), type="unit", id=u.id, label=u.name, kind=u.kind.value, level=u.level
        )
    for p in model.posts:
        g.add_node(
            ("post", p.id), type="post", id=p.id, label=p.title, unit=p.unit, vacant=p.is_vacant
        )
    for person in model.persons:
        g.add_node(("person", person.id), type="person", id=person.id, label=person.name)
    for d in model.duties:
        g.add_node(
            ("duty", d.id),
            type="duty",
            id=d.id,
            label=d.name,
            scope=d.scope,
            category=d.category.value if d.category else None,
        )
    for u in model.units:
        if u.parent is not None:
            g.add_edge(("unit", u.parent), ("unit", u.id), type="parent")
        for c in u.guided_by:
            g.add_edge(("unit", c), ("unit", u.id), type="guided_by")
    for p in model.posts:
        for h in p.holders:
            g.add_edge(("person", h), ("post", p.id), type="holds")
    for a in model.assignments:
        src = ("unit" if a.collective else "post", a.holder)
        g.add_edge(src, ("duty", a.duty), type="assigned", role=a.role.value, source=a.source)
    for s in model.supervisions:
        g.add_edge(
            ("unit", s.supervisor),
            ("unit", s.supervised),
            type="supervises",
            kind=s.kind.value,
            period=s.period,
            announced=s.announced,
        )
    return g


def holders_of(
    model: ResponsibilityModel, duty: str, *, roles: Iterable[Role] | None = None
) -> tuple[Assignment, ...]:
    """Return the assignments of ``duty``, optionally only those in ``roles``.

    Examples
    --------
    >>> from zeren_graph.model import Assignment, Duty, ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(
    ...     units=[Unit(id="乙镇")], duties=[Duty(id="d", name="d", scope="乙镇")],
    ...     assignments=[Assignment(duty="d", holder="乙镇", collective=True, role="配合")])
    >>> holders_of(m, "d", roles=OWNER_ROLES)
    ()
    """
    _require(model, "duty", duty, model.index.duties)
    rows = model.index.assignments_of_duty.get(duty, ())
    if roles is None:
        return rows
    wanted = frozenset(roles)
    return tuple(a for a in rows if a.role in wanted)


def duties_of(
    model: ResponsibilityModel, holder: str, *, roles: Iterable[Role] | None = None
) -> tuple[str, ...]:
    """Return the duty ids held by a post, a person (through any post) or a unit.

    A unit's duties are those it holds as a whole (collectively) and those of
    its posts. Ids are unique and in the model's order.

    Examples
    --------
    >>> from zeren_graph.model import Assignment, Duty, ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(
    ...     units=[Unit(id="乙镇")], duties=[Duty(id="d", name="d", scope="乙镇")],
    ...     assignments=[Assignment(duty="d", holder="乙镇", collective=True, role="lead")])
    >>> duties_of(m, "乙镇")
    ('d',)
    """
    ix = model.index
    if holder in ix.posts:
        holders: list[str] = [holder]
    elif holder in ix.persons:
        holders = list(ix.posts_of_person.get(holder, ()))
    elif holder in ix.units:
        holders = [holder, *ix.posts_of_unit.get(holder, ())]
    else:
        _require(model, "post, person or unit", holder, [*ix.posts, *ix.persons, *ix.units])
        holders = []
    wanted = frozenset(roles) if roles is not None else None
    seen: dict[str, None] = {}
    for h in holders:
        for a in ix.assignments_of_holder.get(h, ()):
            collective_ok = a.collective == (h in ix.units and h not in ix.posts)
            if collective_ok and (wanted is None or a.role in wanted):
                seen.setdefault(a.duty, None)
    return tuple(seen)


def chain_of_command(model: ResponsibilityModel, unit: str) -> tuple[str, ...]:
    """Return ``unit`` and its ancestors up to the root (the leadership line, 隶属).

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="乙镇", parent="县委")])
    >>> chain_of_command(m, "乙镇")
    ('乙镇', '县委')
    """
    _require(model, "unit", unit, model.index.units)
    return (unit, *model.index.ancestors(unit))


def subtree(model: ResponsibilityModel, unit: str, *, depth: int | None = None) -> tuple[str, ...]:
    """Return ``unit`` and its descendants, breadth first, ``depth`` levels deep.

    ``depth`` counts levels as :meth:`ModelIndex.depth` does: ``1`` is the
    unit alone, ``2`` the unit and its children; ``None`` the whole subtree.
    ``zeren draw --depth`` means the same.

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="乙镇", parent="县委"),
    ...                                Unit(id="丙村", parent="乙镇")])
    >>> subtree(m, "县委"), subtree(m, "县委", depth=2)
    (('县委', '乙镇', '丙村'), ('县委', '乙镇'))
    """
    _require(model, "unit", unit, model.index.units)
    if depth is not None and depth < 1:
        msg = (
            f"The 'depth' parameter of subtree must be an int >= 1 or None. Got {depth!r} instead."
        )
        raise InputError([Problem("invalid-parameter", msg, value=str(depth))])
    out: list[str] = []
    seen = {unit}
    queue: deque[tuple[str, int]] = deque([(unit, 1)])
    children = model.index.children
    while queue:  # iterative and linear: each unit once, however deep the hierarchy
        node, level = queue.popleft()
        out.append(node)
        if depth is None or level < depth:
            for c in children.get(node, ()):
                if c not in seen:  # a cycle (refused by the model) cannot loop here
                    seen.add(c)
                    queue.append((c, level + 1))
    return tuple(out)


def supervisors_of(
    model: ResponsibilityModel, duty: str
) -> tuple[tuple[Assignment, ...], tuple[Supervision, ...]]:
    """Return who supervises ``duty``: supervisory assignments, then supervision of its scope.

    Examples
    --------
    >>> from zeren_graph.model import (Assignment, Duty, ResponsibilityModel, Supervision,
    ...                                Unit)
    >>> m = ResponsibilityModel(units=[Unit(id="县纪委"), Unit(id="乙镇")],
    ...     duties=[Duty(id="d", name="d", scope="乙镇")],
    ...     assignments=[Assignment(duty="d", holder="县纪委", collective=True, role="监督责任")],
    ...     supervisions=[Supervision(supervisor="县纪委", supervised="乙镇", period=6)])
    >>> rows, sups = supervisors_of(m, "d")
    >>> [a.holder for a in rows], [s.period for s in sups]
    (['县纪委'], [6.0])
    """
    rows = holders_of(model, duty, roles=(Role.supervisory,))
    scope = model.index.duties[duty].scope
    sups = tuple(
        s
        for s in model.index.supervisions_of_unit.get(scope, ())
        if (s.duty is None or s.duty == duty)
    )
    return rows, sups

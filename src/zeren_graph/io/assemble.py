"""Assembling the model from what the rows of a flat list named.

Posts get the kind their title suggests (:func:`~zeren_graph.vocab.infer_post_kind`);
units created without a units table get the kind their name's ending suggests.
References were checked row by row as the list was read, so the model is built
without re-running the integrity validator (see :func:`_collisions`).
"""

from __future__ import annotations

from zeren_graph.errors import Problem, raise_problems
from zeren_graph.io._build import construct, constructor
from zeren_graph.io.derive import DutyRecord, resolve_derived
from zeren_graph.io.report import ProblemLog, shown
from zeren_graph.io.tabular import Table
from zeren_graph.io.units import UnitsTable, infer_unit_kind
from zeren_graph.model import (
    Assignment,
    Duty,
    Person,
    Post,
    ResponsibilityModel,
    Source,
    Unit,
)
from zeren_graph.vocab import PostKind, infer_post_kind

__all__ = ["build_model"]

PostRecord = tuple[str, list[str], Source]


def build_model(
    *,
    table: Table,
    log: ProblemLog,
    units: UnitsTable | None,
    unit_order: dict[str, None],
    duties: dict[tuple[str, str], DutyRecord],
    posts: dict[tuple[str, str], PostRecord],
    assignments: list[Assignment],
) -> ResponsibilityModel:
    """Create the entities the rows named and the model, after every row was read.

    Called by :func:`~zeren_graph.io.flat.read_list`, which shows it at work.

    Examples
    --------
    >>> from zeren_graph.io.tabular import make_table
    >>> from zeren_graph.io.columns import LIST_COLUMNS
    >>> table = make_table("清单.csv", None, [["职责", "单位", "责任类型"]], LIST_COLUMNS)
    >>> build_model(table=table, log=ProblemLog(), units=None, unit_order={"县委": None},
    ...             duties={}, posts={}, assignments=[]).units[0].kind
    <UnitKind.committee: 'committee'>
    """
    if units is not None:
        unit_objs = units.units
        parents = {u.id: u.parent for u in unit_objs}
    else:
        unit_objs = [_plain_unit(name) for name in unit_order]
        parents = None
    resolve_derived(duties, parents, table, log)
    raise_problems(log.problems)
    post_objs, persons = _posts(posts, table)
    model = ResponsibilityModel.model_construct(
        name=None,
        units=tuple(unit_objs),
        posts=tuple(post_objs),
        persons=tuple(map(constructor(Person), ({"id": p, "name": p} for p in persons))),
        duties=tuple(_duties(duties, table)),
        assignments=tuple(assignments),
        supervisions=(),
        has_hierarchy=units is not None,
    )
    raise_problems(_collisions(model, table))
    return model


def _collisions(model: ResponsibilityModel, table: Table) -> list[Problem]:
    """Find ids made twice from different names, e.g. ``a/b`` + ``c`` and ``a`` + ``b/c``.

    Every other integrity rule of :func:`~zeren_graph.model.integrity_problems`
    holds by construction: each reference was checked when its row was read.
    """
    problems: list[Problem] = []
    names = {u.id for u in model.units} | {p.title for p in model.posts}
    names |= {d.name for d in model.duties}
    if not any("/" in name for name in names):
        return problems  # ids "a/b" are then unique as their (a, b) pairs are
    for kind, items in (("post", model.posts), ("duty", model.duties)):
        ids = [x.id for x in items]
        if len(set(ids)) == len(ids):
            continue
        seen: set[str] = set()
        for x in items:
            if x.id in seen:
                problems.append(
                    Problem(
                        "duplicate-id",
                        f"two different {kind}s get the id {shown(x.id)}: a name contains '/'",
                        file=table.label,
                        row=x.source.row if x.source else None,
                        value=x.id,
                        hint="remove the '/' from the unit, post or duty name",
                    )
                )
            seen.add(x.id)
    return problems


def _posts(
    posts: dict[tuple[str, str], PostRecord], table: Table
) -> tuple[list[Post], dict[str, None]]:
    kinds: dict[str, PostKind | None] = {}
    make = constructor(Post)
    post_objs: list[Post] = []
    persons: dict[str, None] = {}
    for (unit, title), (pid, holders, source) in posts.items():
        kind = kinds.get(title, False)
        if kind is False:
            kind = kinds[title] = infer_post_kind(title)
        post_objs.append(make({
            "id": pid, "unit": unit, "title": title, "kind": kind, "holders": tuple(holders),
            "full_time": None, "source": source,
        }))  # fmt: skip
        for h in holders:
            persons[h] = None
    return post_objs, persons


def _duties(duties: dict[tuple[str, str], DutyRecord], table: Table) -> list[Duty]:
    file, sheet, make = table.file, table.sheet, constructor(Duty)
    return [
        make(
            {
                "id": d.id,
                "name": d.name,
                "scope": d.scope,
                "category": d.category,
                "indicator": None,
                "frequency": None,
                "derived_from": d.derived_id,
                "source": d.source or _source(file, d.row, sheet),
            }
        )
        for d in duties.values()
    ]


def _source(file: str, row: int, sheet: str | None) -> Source:
    return construct(Source, {"file": file, "row": row, "sheet": sheet})


def _plain_unit(name: str) -> Unit:
    return construct(
        Unit,
        {
            "id": name,
            "name": name,
            "parent": None,
            "kind": infer_unit_kind(name),
            "level": None,
            "sectors": (),
            "party_members": None,
            "party_staff": None,
            "has_party_org": None,
            "remote": None,
            "guided_by": (),
            "source": None,
        },
    )

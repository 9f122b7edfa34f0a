"""Hypothesis strategies for responsibility models with Chinese names.

:func:`models` draws any valid :class:`~zeren_graph.model.ResponsibilityModel`;
:func:`flat_models` only those a flat list (plus a units table) can express, so
that list → model → list round trips are exact. :func:`canonical` puts a model
in a comparable form (sources dropped, entities sorted by id).

Examples
--------
>>> from hypothesis import given, settings
>>> @settings(max_examples=10, database=None)
... @given(models())
... def test_every_duty_has_a_scope(model):
...     assert all(d.scope in model.index.units for d in model.duties)
>>> test_every_duty_has_a_scope()
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from zeren_graph.io.units import infer_unit_kind
from zeren_graph.model import ResponsibilityModel, duty_id, post_id
from zeren_graph.vocab import Category, PostKind, Role, SupervisionKind, UnitKind, infer_post_kind

__all__ = ["canonical", "flat_models", "models", "names"]

_CJK = "甲乙丙丁戊己庚辛壬癸东南西北中山水河湖林桥口头坝岭坪园新安和平兴旺富民"
_UNIT_ENDINGS = ("党委", "党支部", "党总支", "党组", "局", "村", "社区", "纪委", "政府", "")
_TITLES = ("书记", "副书记", "组织委员", "纪检委员", "宣传委员", "主任", "镇长", "委员")
_DUTIES = (
    "组织生活会",
    "三会一课",
    "发展党员",
    "党风廉政建设",
    "意识形态工作",
    "安全生产",
    "信访维稳",
    "乡村振兴",
    "党费收缴",
    "主题党日",
)
_SURNAMES = "王李张刘陈杨黄赵吴周"
_TEXT = "每月季年度至少次完成率问题整改销号全覆盖开展一二三四"


def names(*, min_size: int = 1, max_size: int = 4) -> st.SearchStrategy[str]:
    """Chinese names (NFKC-stable, no spaces or separators).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(names())
    ... def test_name(name):
    ...     assert name and name == name.strip()
    >>> test_name()
    """
    return st.text(alphabet=_CJK, min_size=min_size, max_size=max_size)


def _opt(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


_TEXTS = st.text(alphabet=_TEXT, min_size=1, max_size=6)


@st.composite
def _units(draw: st.DrawFn, *, hierarchy: bool, rich: bool) -> list[dict[str, Any]]:
    stems = draw(st.lists(names(max_size=3), min_size=1, max_size=7, unique=True))
    units: list[dict[str, Any]] = []
    for i, stem in enumerate(stems):
        uid = stem + draw(st.sampled_from(_UNIT_ENDINGS))
        if any(u["id"] == uid for u in units):
            continue
        unit: dict[str, Any] = {"id": uid, "kind": infer_unit_kind(uid)}
        if hierarchy and i and draw(st.booleans()):
            unit["parent"] = draw(st.sampled_from([u["id"] for u in units]))
        if hierarchy:
            unit["kind"] = draw(st.sampled_from(list(UnitKind)))
            unit["level"] = draw(_opt(st.sampled_from(["市", "县", "乡镇", "村", "3"])))
            unit["sectors"] = draw(
                st.lists(st.sampled_from(["教育", "国资", "非公"]), unique=True, max_size=2)
            )
            unit["party_members"] = draw(_opt(st.integers(0, 5000)))
            unit["party_staff"] = draw(_opt(st.sampled_from([0.0, 0.5, 1.0, 2.5, 3.0])))
            unit["has_party_org"] = draw(_opt(st.booleans()))
            unit["remote"] = draw(_opt(st.booleans()))
        if rich and draw(st.booleans()):
            unit["name"] = draw(names()) + "单位"
        units.append(unit)
    if hierarchy:
        for unit in units:
            others = [u["id"] for u in units if u["id"] != unit["id"]]
            if others and draw(st.integers(0, 3)) == 0:
                unit["guided_by"] = draw(st.lists(st.sampled_from(others), unique=True, max_size=2))
    return units


def _ancestors(units: list[dict[str, Any]], uid: str) -> list[str]:
    parent = {u["id"]: u.get("parent") for u in units}
    out, node = [], parent[uid]
    while node is not None:
        out.append(node)
        node = parent[node]
    return out


@st.composite
def _pools(
    draw: st.DrawFn, units: list[dict[str, Any]], *, rich: bool
) -> tuple[list[dict[str, Any]], list[str], list[dict[str, Any]]]:
    unit_ids = [u["id"] for u in units]
    persons = draw(
        st.lists(
            st.builds(lambda s, n: s + n, st.sampled_from(_SURNAMES), names(max_size=2)),
            unique=True,
            max_size=6,
        )
    )
    posts: list[dict[str, Any]] = []
    for uid in unit_ids:
        for title in draw(st.lists(st.sampled_from(_TITLES), unique=True, max_size=3)):
            post: dict[str, Any] = {
                "id": post_id(uid, title),
                "unit": uid,
                "title": title,
                "kind": infer_post_kind(title),
            }
            if persons:
                post["holders"] = draw(st.lists(st.sampled_from(persons), unique=True, max_size=2))
            if rich:
                post["kind"] = draw(_opt(st.sampled_from(list(PostKind))))
                post["full_time"] = draw(_opt(st.booleans()))
            posts.append(post)
    duties: list[dict[str, Any]] = []
    for uid in unit_ids:
        for name in draw(st.lists(st.sampled_from(_DUTIES), unique=True, max_size=3)):
            duty: dict[str, Any] = {
                "id": duty_id(name, uid),
                "name": name,
                "scope": uid,
                "category": draw(_opt(st.sampled_from(list(Category)))),
            }
            if rich:
                duty["indicator"] = draw(_opt(_TEXTS))
                duty["frequency"] = draw(_opt(st.sampled_from(["每月", "每季", "每年"])))
            duties.append(duty)
    return posts, persons, duties


@st.composite
def _assignments(
    draw: st.DrawFn,
    units: list[dict[str, Any]],
    posts: list[dict[str, Any]],
    duties: list[dict[str, Any]],
    min_size: int = 0,
) -> list[dict[str, Any]]:
    if not duties:
        return []
    holders = [(p["id"], False) for p in posts] + [(u["id"], True) for u in units]
    out = []
    for i in range(draw(st.integers(min_size, 12))):
        holder, collective = draw(st.sampled_from(holders))
        item: dict[str, Any] = {
            "duty": draw(st.sampled_from(duties))["id"],
            "holder": holder,
            "role": draw(st.sampled_from(list(Role))),
        }
        if collective:
            item["collective"] = True
        if draw(st.booleans()):
            item["id"] = str(i + 1)
        item["reason"] = draw(_opt(_TEXTS))
        item["indicator"] = draw(_opt(_TEXTS))
        item["frequency"] = draw(_opt(st.sampled_from(["每月", "每季度", "每年"])))
        item["measures"] = draw(_opt(_TEXTS))
        item["deadline"] = draw(_opt(st.sampled_from(["2024年6月底前", "全年", "每季度末"])))
        out.append(item)
    return out


@st.composite
def models(draw: st.DrawFn) -> ResponsibilityModel:
    """Draw valid models: a unit forest, posts, persons, duties, assignments, supervisions.

    Names are Chinese; ``derived_from`` points at a duty of an ancestor unit.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None)
    ... @given(models())
    ... def test_roots_exist(model):
    ...     assert len(model.index.roots) >= 1
    >>> test_roots_exist()
    """
    units = draw(_units(hierarchy=True, rich=True))
    posts, persons, duties = draw(_pools(units, rich=True))
    for duty in duties:
        above = [d["id"] for d in duties if d["scope"] in _ancestors(units, duty["scope"])]
        take = draw(st.booleans())
        if above and take:
            duty["derived_from"] = draw(st.sampled_from(above))
    supervisions = []
    if len(units) > 1:
        for _ in range(draw(st.integers(0, 3))):
            a, b = draw(
                st.lists(
                    st.sampled_from([u["id"] for u in units]), min_size=2, max_size=2, unique=True
                )
            )
            supervisions.append(
                {
                    "supervisor": a,
                    "supervised": b,
                    "kind": draw(st.sampled_from(list(SupervisionKind))),
                    "period": draw(_opt(st.sampled_from([1.0, 3.0, 6.0, 12.0]))),
                    "announced": draw(st.booleans()),
                    "duty": draw(_opt(st.sampled_from([d["id"] for d in duties])))
                    if duties
                    else None,
                }
            )
    return ResponsibilityModel.model_validate(
        {
            "name": draw(_opt(names())),
            "units": units,
            "posts": posts,
            "persons": [{"id": p} for p in persons],
            "duties": duties,
            "assignments": draw(_assignments(units, posts, duties)),
            "supervisions": supervisions,
        }
    )


def _derive_flat(
    draw: st.DrawFn, units: list[dict[str, Any]], duties: list[dict[str, Any]], *, hierarchy: bool
) -> None:
    scopes_of: dict[str, list[str]] = {}
    for d in duties:
        scopes_of.setdefault(d["name"], []).append(d["scope"])
    for duty in duties:
        if hierarchy:
            nearest: dict[str, str] = {}
            for unit in _ancestors(units, duty["scope"]):
                for name, scopes in scopes_of.items():
                    if unit in scopes:
                        nearest.setdefault(name, unit)
            options = [duty_id(n, u) for n, u in nearest.items()]
        else:  # without hierarchy: the only other unit with a duty of that name
            others = {n: [x for x in s if x != duty["scope"]] for n, s in scopes_of.items()}
            options = [duty_id(n, o[0]) for n, o in others.items() if len(o) == 1]
        take = draw(st.booleans())
        if options and take:
            duty["derived_from"] = draw(st.sampled_from(options))


@st.composite
def flat_models(draw: st.DrawFn, *, hierarchy: bool | None = None) -> ResponsibilityModel:
    """Models that a flat list (with a units table when ``has_hierarchy``) expresses exactly.

    Every post and duty has an assignment, every person holds a post, post
    kinds are those their titles suggest, duties carry no indicator or
    frequency of their own (rows do), and there are no supervisions.

    Parameters
    ----------
    hierarchy : bool, optional
        Whether the model has a units table; drawn when ``None``.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from zeren_graph.io import list_rows
    >>> @settings(max_examples=10, database=None)
    ... @given(flat_models(hierarchy=False))
    ... def test_one_row_per_assignment(model):
    ...     assert len(list_rows(model)) == len(model.assignments) + 1
    ...     assert not model.has_hierarchy and not model.supervisions
    >>> test_one_row_per_assignment()
    """
    has_hierarchy = draw(st.booleans()) if hierarchy is None else hierarchy
    units = draw(_units(hierarchy=has_hierarchy, rich=False))
    posts, _, duties = draw(_pools(units, rich=False))
    if not duties:  # a list has at least one row
        duties = [
            {"id": duty_id(_DUTIES[0], units[0]["id"]), "name": _DUTIES[0], "scope": units[0]["id"]}
        ]
    assignments = draw(_assignments(units, posts, duties, min_size=1))
    used_duties = {a["duty"] for a in assignments}
    used_posts = {a["holder"] for a in assignments if not a.get("collective")}
    duties = [d for d in duties if d["id"] in used_duties]
    posts = [p for p in posts if p["id"] in used_posts]
    if not has_hierarchy:
        named = {d["scope"] for d in duties} | {
            a["holder"] for a in assignments if a.get("collective")
        }
        named |= {p["unit"] for p in posts}
        units = [u for u in units if u["id"] in named]
    _derive_flat(draw, units, duties, hierarchy=has_hierarchy)
    persons = list(dict.fromkeys(h for p in posts for h in p.get("holders", ())))
    return ResponsibilityModel.model_validate(
        {
            "units": units,
            "posts": posts,
            "persons": [{"id": p} for p in persons],
            "duties": duties,
            "assignments": assignments,
            "has_hierarchy": has_hierarchy,
        }
    )


def canonical(model: ResponsibilityModel) -> dict[str, Any]:
    """Return the model as plain data without sources or row fields, entities sorted by id.

    Two models that differ only in where they were read from (sources, the
    columns the list had), or in the order
    of their units, posts, persons and duties, have equal canonical forms.

    Examples
    --------
    >>> from zeren_graph.model import Unit, Source
    >>> a = ResponsibilityModel(units=[Unit(id="县委"),
    ...                                Unit(id="乙镇", source=Source(file="a", row=2))])
    >>> b = ResponsibilityModel(units=[Unit(id="乙镇"), Unit(id="县委")])
    >>> canonical(a) == canonical(b)
    True
    """
    data = model.model_dump(mode="json")
    data.pop("row_fields", None)  # which columns the source had: where it was read from too
    for key in ("units", "posts", "persons", "duties"):
        data[key] = sorted(data[key], key=lambda item: str(item["id"]))
    for key in ("units", "posts", "duties", "assignments"):
        for item in data[key]:
            item.pop("source", None)
    return data

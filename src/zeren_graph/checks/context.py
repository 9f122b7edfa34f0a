"""The lookup tables the rules share, built lazily once per check.

Every table is a dictionary keyed by id, so no rule needs to compare all pairs
of units, posts or duties. The tables about rows (owners, supervisors, owned
duties, ...) come from a single pass over the rows of every duty: on a list of
a million rows, each further pass over the rows would cost about a second.

Examples
--------
>>> from zeren_graph.model import Assignment, Duty, Post, ResponsibilityModel, Unit
>>> m = ResponsibilityModel(
...     units=[Unit(id="乙镇党委")],
...     posts=[Post(id="乙镇党委/书记", unit="乙镇党委", title="书记")],
...     duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")],
...     assignments=[Assignment(duty="乙镇党委/组织生活", holder="乙镇党委/书记", role="牵头")])
>>> ctx = Context(m)
>>> ctx.owned_by_post
{'乙镇党委/书记': {'乙镇党委/组织生活'}}
>>> ctx.holder_unit(m.assignments[0]), ctx.is_occupied(m.assignments[0])
('乙镇党委', False)
>>> ctx.owner_rows_of_unit("乙镇党委") == [m.assignments[0]], ctx.owner_sources("乙镇党委/组织生活")
(True, ())
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from zeren_graph.checks._duties import DutyTables, scan_duties
from zeren_graph.checks.rule import sorted_sources
from zeren_graph.model import Assignment, ModelIndex, ResponsibilityModel, Source
from zeren_graph.vocab import Category, PostKind, Role, infer_post_kind

__all__ = ["Context", "DutyTables", "RowTables"]

Rows = dict[str, list[Assignment]]


@dataclass(slots=True)
class RowTables:
    """What one pass over the rows of every duty finds (see :class:`Context`).

    Attributes
    ----------
    owners, supervisors : dict
        Duty id → its rows in an owner role, in the supervisory role.
    owner_rows_of_post, owned_by_post : dict
        Post id → its owner rows, the duties it owns.
    collective_owner_rows : dict
        Unit id → its owner rows as a unit as a whole.
    owned_names_of_unit : dict
        Unit id → the names of the duties it or one of its posts owns.
    categories : dict
        Post id → 1 if it owns a business duty, | 2 if a party-building one.
    scopes, holder_units : set
        The scopes of the duties with rows; the units of the rows' holders.
    staffed, accountable, measured : set
        Duties with an occupied owner post; whose occupied owner posts are
        held by exactly one person; with an indicator on a row or their own.
    collective_only, vacant : list
        Duties whose owners are all collective; with owner posts, none
        occupied (ZG102's and ZG103's findings).
    several_primary, several_leads : list
        Duties with two owner rows or more in role primary, lead.
    several_first_responsible : set
        Scopes whose duties have two distinct first-responsible posts or more.
    first_responsible_units : set
        The units of the posts with a first-responsible row (ZG102).
    co_owners : list
        The owner posts of each duty with two owner rows on posts or more.
    supervising_posts, supervising_units : set
        The holders of supervisory rows.
    below : list
        Duties with a supervisor in a unit deeper than an owner's unit.
    """

    owners: Rows = field(default_factory=dict)
    supervisors: Rows = field(default_factory=dict)
    owner_rows_of_post: Rows = field(default_factory=dict)
    owned_by_post: dict[str, set[str]] = field(default_factory=dict)
    collective_owner_rows: Rows = field(default_factory=dict)
    owned_names_of_unit: dict[str, set[str]] = field(default_factory=dict)
    categories: dict[str, int] = field(default_factory=dict)
    scopes: set[str] = field(default_factory=set)
    holder_units: set[str] = field(default_factory=set)
    staffed: set[str] = field(default_factory=set)
    accountable: set[str] = field(default_factory=set)
    measured: set[str] = field(default_factory=set)
    collective_only: list[str] = field(default_factory=list)
    vacant: list[str] = field(default_factory=list)
    several_primary: list[str] = field(default_factory=list)
    several_leads: list[str] = field(default_factory=list)
    several_first_responsible: set[str] = field(default_factory=set)
    first_responsible_units: set[str] = field(default_factory=set)
    co_owners: list[list[str]] = field(default_factory=list)
    supervising_posts: set[str] = field(default_factory=set)
    supervising_units: set[str] = field(default_factory=set)
    below: list[str] = field(default_factory=list)


def _add(table: Rows, key: str, a: Assignment) -> None:
    rows = table.get(key)
    if rows is None:
        table[key] = [a]
    else:
        rows.append(a)


def _one_person(ctx: Context, rows: list[Assignment]) -> bool:
    """Whether exactly one person holds the occupied posts among ``rows``."""
    posts = ctx.index.posts
    if len(rows) == 1:  # as coverage has always counted it: the holders as listed
        return not rows[0].collective and len(posts[rows[0].holder].holders) == 1
    return len({h for a in rows if not a.collective for h in posts[a.holder].holders}) == 1


def _scan(ctx: Context) -> RowTables:  # noqa: PLR0912, PLR0915  (one pass, on purpose)
    t = RowTables()
    unit_of_post, depth, holders_of = ctx.unit_of_post, ctx.depth, ctx.holders_of_post
    duties, named, scopes = ctx.index.duties, t.holder_units, t.scopes
    rows_of_post, owned_by_post = t.owner_rows_of_post, t.owned_by_post
    first_of_scope: dict[str, str] = {}  # the first first-responsible post of each scope
    several_first, first_units = t.several_first_responsible, t.first_responsible_units
    sup_posts, sup_units = t.supervising_posts, t.supervising_units
    support, supervisory, primary, lead = Role.support, Role.supervisory, Role.primary, Role.lead
    first_responsible = Role.first_responsible
    business, party_building, kinds = Category.business, Category.party_building, t.categories
    for duty, rows in ctx.index.assignments_of_duty.items():
        d = duties[duty]
        scopes.add(d.scope)
        kind = 1 if d.category is business else 2 if d.category is party_building else 0
        own: list[Assignment] = []
        sup: list[Assignment] = []
        units: list[str] = []  # the owners' units, in order, without repeats
        people: tuple[str, ...] | None = None  # the holders of the first occupied owner post
        same_people, many, measured, last = True, False, False, ""
        top = deepest = n_primary = n_lead = n_posts = 0
        for a in rows:
            h = a.holder
            collective = a.collective
            unit = h if collective else unit_of_post[h]
            if unit != last:
                named.add(unit)
                last = unit
            if not measured and a.indicator:
                measured = True
            role = a.role
            if role is support:
                continue
            if role is supervisory:
                sup.append(a)
                (sup_units if collective else sup_posts).add(h)
                deepest = max(deepest, depth[unit])
                continue
            own.append(a)
            if role is primary:
                n_primary += 1
            elif role is lead:
                n_lead += 1
            if not units or units[-1] != unit:
                units.append(unit)
                if top == 0 or depth[unit] < top:
                    top = depth[unit]
            if collective:
                _add(t.collective_owner_rows, unit, a)
                continue
            n_posts += 1
            if kind:
                kinds[h] = kinds.get(h, 0) | kind
            post_rows = rows_of_post.get(h)
            if post_rows is None:
                rows_of_post[h] = [a]
                owned_by_post[h] = {duty}
            else:
                post_rows.append(a)
                owned_by_post[h].add(duty)
            if role is first_responsible:
                first_units.add(unit)
                seen = first_of_scope.get(d.scope)
                if seen is None:
                    first_of_scope[d.scope] = h
                elif seen != h:
                    several_first.add(d.scope)
            found = holders_of.get(h)
            if found is None or found == people:
                continue
            if people is None:
                people = found
            elif len(found) == 1 == len(people):
                many = True  # two people for certain
            else:
                same_people = False
        if measured:
            t.measured.add(duty)
        if sup:
            t.supervisors[duty] = sup
        if not own:
            continue
        t.owners[duty] = own
        if people is not None:
            t.staffed.add(duty)
            if not many and ((same_people and len(people) == 1) or _one_person(ctx, own)):
                t.accountable.add(duty)
        elif n_posts:
            t.vacant.append(duty)
        else:
            t.collective_only.append(duty)
        if top < deepest:
            t.below.append(duty)
        if n_primary > 1:
            t.several_primary.append(duty)
        if n_lead > 1:
            t.several_leads.append(duty)
        if n_posts > 1:
            t.co_owners.append([a.holder for a in own if not a.collective])
        for unit in units:
            names = t.owned_names_of_unit.get(unit)
            if names is None:
                t.owned_names_of_unit[unit] = {d.name}
            else:
                names.add(d.name)
    return t


class Context:
    """A model and the tables derived from it for the rules.

    Parameters
    ----------
    model : ResponsibilityModel
        The model to check.
    document_supervisors : tuple of str
        The units that supervise every duty of the document, as the
        configuration's ``supervision:`` states them (ZG104); the model's own
        :attr:`~zeren_graph.model.ResponsibilityModel.document_supervisors`
        (what the document states) are added to them.
    """

    def __init__(
        self, model: ResponsibilityModel, *, document_supervisors: tuple[str, ...] = ()
    ) -> None:
        self.model = model
        self.document_supervisors = tuple(
            dict.fromkeys((*document_supervisors, *model.document_supervisors))
        )
        self.index: ModelIndex = model.index
        self._owner_sources: dict[str, tuple[Source, ...]] = {}

    def owner_sources(self, duty: str) -> tuple[Source, ...]:
        """Return the sorted sources of a duty's owner rows (cached: several rules share it)."""
        found = self._owner_sources.get(duty)
        if found is None:
            rows = self.owners.get(duty, ())
            if len(rows) == 1:  # the common case
                src = rows[0].source
                found = () if src is None else (src,)
            else:
                found = sorted_sources(rows)
            self._owner_sources[duty] = found
        return found

    def holder_unit(self, a: Assignment) -> str:
        """Return the unit of an assignment's holder (the unit itself when collective)."""
        return a.holder if a.collective else self.unit_of_post[a.holder]

    @cached_property
    def unit_of_post(self) -> dict[str, str]:
        """Post id → its unit."""
        return {p.id: p.unit for p in self.model.posts}

    @cached_property
    def parent_of(self) -> dict[str, str | None]:
        """Unit id → its parent's id (``None`` for a root)."""
        return {u.id: u.parent for u in self.model.units}

    @cached_property
    def holders_of_post(self) -> dict[str, tuple[str, ...]]:
        """Occupied post id → its holder persons."""
        return {p.id: p.holders for p in self.model.posts if p.holders}

    @cached_property
    def occupied_posts(self) -> frozenset[str]:
        """The ids of the posts with a holder person."""
        return frozenset(self.holders_of_post)

    @cached_property
    def secretary_units(self) -> frozenset[str]:
        """The units with a post of kind secretary (书记, by its title when no kind is given)."""
        secretary = PostKind.secretary
        return frozenset(
            p.unit
            for p in self.model.posts
            if p.kind is secretary or (p.kind is None and infer_post_kind(p.title) is secretary)
        )

    @cached_property
    def depth(self) -> dict[str, int]:
        """Unit id → its depth in the hierarchy (1 = a root)."""
        children = self.index.children
        depth: dict[str, int] = {}
        level = list(self.index.roots)
        d = 1
        while level:
            following: list[str] = []
            for node in level:
                depth[node] = d
                following.extend(children.get(node, ()))
            level = following
            d += 1
        return depth

    @cached_property
    def rows(self) -> RowTables:
        """The tables of one pass over the rows of every duty."""
        return _scan(self)

    @property
    def owners(self) -> dict[str, list[Assignment]]:
        """Duty id → its assignments in an owner role (duties without one are absent)."""
        return self.rows.owners

    @property
    def supervisors(self) -> dict[str, list[Assignment]]:
        """Duty id → its assignments in the supervisory role."""
        return self.rows.supervisors

    @property
    def owner_rows_of_post(self) -> dict[str, list[Assignment]]:
        """Post id → its rows in an owner role."""
        return self.rows.owner_rows_of_post

    @property
    def owned_by_post(self) -> dict[str, set[str]]:
        """Post id → the duties it holds in an owner role."""
        return self.rows.owned_by_post

    @property
    def owned_names_of_unit(self) -> dict[str, set[str]]:
        """Unit id → names of the duties owned by the unit or one of its posts."""
        return self.rows.owned_names_of_unit

    @property
    def staffed(self) -> set[str]:
        """Duties with an owner that is an occupied post."""
        return self.rows.staffed

    @cached_property
    def duties(self) -> DutyTables:
        """The tables of one pass over the duties."""
        return scan_duties(self)

    @cached_property
    def measured(self) -> set[str]:
        """Duties with an indicator, their own or on one of their rows."""
        found = set(self.rows.measured)
        found.update(self.duties.indicated)
        return found

    @cached_property
    def led_duties(self) -> frozenset[str]:
        """Duties with a row in the direct role (a leader, 责任领导, answering for them).

        Built on first use only (ZG108 runs when the source had a leader column).
        """
        direct = Role.direct
        return frozenset(a.duty for a in self.model.assignments if a.role is direct)

    @cached_property
    def dated_duties(self) -> frozenset[str]:
        """Duties with a row that gives a deadline (完成时限, any text).

        Built on first use only (ZG405 runs when the source had a deadline column).
        """
        return frozenset(a.duty for a in self.model.assignments if a.deadline)

    def owner_rows_of_unit(self, unit: str) -> list[Assignment]:
        """Return the owner rows of ``unit`` as a whole or of one of its posts."""
        rows = [
            a
            for p in self.index.posts_of_unit.get(unit, ())
            for a in self.owner_rows_of_post.get(p, ())
        ]
        rows.extend(self.rows.collective_owner_rows.get(unit, ()))
        return rows

    @property
    def duties_of_scope(self) -> dict[str, list[str]]:
        """Unit id → the ids of the duties covering it."""
        return self.duties.of_scope

    @cached_property
    def named_units(self) -> set[str]:
        """Units named by some row, as a holder's unit or as the scope of its duty."""
        return self.rows.scopes | self.rows.holder_units

    def is_occupied(self, a: Assignment) -> bool:
        """Whether an assignment's holder is a post with a holder person."""
        return not a.collective and a.holder in self.occupied_posts

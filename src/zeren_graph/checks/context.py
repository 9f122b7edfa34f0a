"""The lookup tables the rules share, built lazily once per check.

Every table is a dictionary keyed by id, built in one pass over the model, so
no rule needs to compare all pairs of units, posts or duties.

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

from functools import cached_property

from zeren_graph.checks.rule import sorted_sources
from zeren_graph.model import Assignment, ModelIndex, ResponsibilityModel, Source
from zeren_graph.vocab import Role

__all__ = ["Context"]


class Context:
    """A model and the tables derived from it for the rules.

    Parameters
    ----------
    model : ResponsibilityModel
        The model to check.
    """

    def __init__(self, model: ResponsibilityModel) -> None:
        self.model = model
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
        return a.holder if a.collective else self.index.posts[a.holder].unit

    @cached_property
    def _by_role(self) -> tuple[dict[str, list[Assignment]], dict[str, list[Assignment]]]:
        owners: dict[str, list[Assignment]] = {}
        supervisors: dict[str, list[Assignment]] = {}
        support, supervisory = Role.support, Role.supervisory
        for duty, rows in self.index.assignments_of_duty.items():
            for a in rows:
                role = a.role
                if role is supervisory:
                    supervisors.setdefault(duty, []).append(a)
                elif role is not support:
                    owners.setdefault(duty, []).append(a)
        return owners, supervisors

    @property
    def owners(self) -> dict[str, list[Assignment]]:
        """Duty id → its assignments in an owner role (duties without one are absent)."""
        return self._by_role[0]

    @property
    def supervisors(self) -> dict[str, list[Assignment]]:
        """Duty id → its assignments in the supervisory role."""
        return self._by_role[1]

    @cached_property
    def owner_rows_of_post(self) -> dict[str, list[Assignment]]:
        """Post id → its rows in an owner role."""
        out: dict[str, list[Assignment]] = {}
        for rows in self.owners.values():
            for a in rows:
                if not a.collective:
                    out.setdefault(a.holder, []).append(a)
        return out

    @cached_property
    def owned_by_post(self) -> dict[str, set[str]]:
        """Post id → the duties it holds in an owner role."""
        return {p: {a.duty for a in rows} for p, rows in self.owner_rows_of_post.items()}

    def owner_rows_of_unit(self, unit: str) -> list[Assignment]:
        """Return the owner rows of ``unit`` as a whole or of one of its posts."""
        rows = [
            a
            for p in self.index.posts_of_unit.get(unit, ())
            for a in self.owner_rows_of_post.get(p, ())
        ]
        support, supervisory = Role.support, Role.supervisory
        rows.extend(
            a
            for a in self.index.assignments_of_holder.get(unit, ())
            if a.collective and a.role is not support and a.role is not supervisory
        )
        return rows

    @cached_property
    def owned_names_of_unit(self) -> dict[str, set[str]]:
        """Unit id → names of the duties owned by the unit or one of its posts."""
        duties, posts = self.index.duties, self.index.posts
        out: dict[str, set[str]] = {}
        for duty, rows in self.owners.items():
            name = duties[duty].name
            for a in rows:
                unit = a.holder if a.collective else posts[a.holder].unit
                names = out.get(unit)
                if names is None:
                    out[unit] = {name}
                else:
                    names.add(name)
        return out

    @cached_property
    def duties_of_scope(self) -> dict[str, list[str]]:
        """Unit id → the ids of the duties covering it."""
        out: dict[str, list[str]] = {}
        for d in self.model.duties:
            out.setdefault(d.scope, []).append(d.id)
        return out

    @cached_property
    def named_units(self) -> set[str]:
        """Units named by some row, as a holder's unit or as the scope of its duty."""
        duties, posts, units = self.index.duties, self.index.posts, self.index.units
        named = {duties[d].scope for d in self.index.assignments_of_duty}
        for holder, rows in self.index.assignments_of_holder.items():
            if holder not in posts:
                named.add(holder)  # a unit as a whole
            elif holder not in units:
                named.add(posts[holder].unit)
            else:  # an id that names both a post and a unit
                named.update(self.holder_unit(a) for a in rows)
        return named

    def is_occupied(self, a: Assignment) -> bool:
        """Whether an assignment's holder is a post with a holder person."""
        return not a.collective and bool(self.index.posts[a.holder].holders)

"""The holders a task table's cells name, parsed once per distinct cell (tables repeat cells).

A task table names the same units, leaders and owners on many rows, so each
distinct cell is parsed once and what it reads as — the canonical holder
``(unit, post, person, role)``, every name normalised and interned — is kept by
:class:`HolderCache`; the row loop of :func:`.task_table.interpret_tasks` then
only looks cells up.

Examples
--------
>>> from zeren_graph.io.text import Normalizer
>>> cache = HolderCache(Normalizer())
>>> cache.units("县委办、县政府办", "lead")
(('县委办', '', '', 'lead'), ('县政府办', '', '', 'lead'))
>>> cache.leaders("县委常委、组织部长陈红梅", "江州县委")
((('江州县委', '县委常委、组织部长', '陈红梅', 'direct'),), ())
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import partial
from itertools import repeat
from operator import itemgetter
from typing import TypeVar

from zeren_graph.holders import is_placeholder
from zeren_graph.io.layouts.cells import parse_holders, split_plain
from zeren_graph.io.layouts.leaders import parse_leader, parse_leaders
from zeren_graph.io.tabular import Table
from zeren_graph.io.text import Normalizer
from zeren_graph.io.units import infer_unit_kind
from zeren_graph.vocab import UnitKind

__all__ = ["Holder", "HolderCache", "Leaders", "owners", "read_holder_columns"]

#: A canonical holder of a task: unit, post, person, role (post and person ``""`` for a unit).
Holder = tuple[str, str, str, str]
#: The posts a leader cell names, and why any was kept whole.
Leaders = tuple[tuple[Holder, ...], tuple[str, ...]]
_T = TypeVar("_T")
_UNIT_ENDS = ("中心", "办公室", "处", "科", "室", "部", "委", "局", "组", "所", "站", "院", "支部")


class HolderCache:
    """What the holder, leader and owner cells of one table read as, by the cell as written."""

    def __init__(self, norm: Normalizer) -> None:
        self.norm = norm
        self._parts: dict[str, tuple[str, ...]] = {}
        self._leaders: dict[tuple[str, str], tuple[tuple[Holder, ...], tuple[str, ...]]] = {}
        self._owners: dict[tuple[str, str], tuple[Holder, ...]] = {}

    def parts(self, written: str) -> tuple[str, ...]:
        """Return the holders of a cell (:func:`parse_holders`), parsed once per text."""
        found = self._parts.get(written)
        if found is None:
            found = split_plain(written, self.norm)  # most cells: no bracket, no 等
            if found is None:
                found = tuple(map(sys.intern, parse_holders(written).parts))
            self._parts[written] = found
        return found

    def units(self, written: str, role: str) -> tuple[Holder, ...]:
        """Return the units a holder cell names, each in ``role``."""
        return tuple((part, "", "", role) for part in self.parts(written))

    def leaders(self, written: str, scope: str) -> tuple[tuple[Holder, ...], tuple[str, ...]]:
        """Return the posts of a leader cell (role ``direct``), and why any was kept whole.

        A post is one of ``scope``, the unit the leaders answer for; when the split
        of post and name is unsure, the whole entry is the post.
        """
        key = (written, scope)
        found = self._leaders.get(key)
        if found is None:
            norm, posts, unsure = self.norm, [], []
            for entry in parse_leaders(written):
                if not entry.certain:
                    unsure.append(
                        f"leader '{entry.text}' kept whole as the post "
                        f"({entry.reason or 'the split of post and name is unsure'})"
                    )
                post, person = (entry.post, entry.person) if entry.certain else (entry.text, "")
                posts.append((norm(scope), norm(post), norm(person), "direct"))
            found = self._leaders[key] = (tuple(posts), tuple(unsure))
        return found

    def owners(self, written: str, unit: str) -> tuple[Holder, ...]:
        """Return the holders of a 责任人 cell (see :func:`owners`), normalised."""
        key = (written, unit)
        found = self._owners.get(key)
        if found is None:
            norm = self.norm
            found = self._owners[key] = tuple(
                (norm(u), norm(post), norm(person), role)
                for u, post, person, role in owners(self.parts(written), unit)
            )
        return found


def owners(parts: tuple[str, ...], unit: str) -> list[Holder]:
    """Return the holders of a 责任人 cell's parts: posts of ``unit`` ("部长王凯"), or units named.

    Examples
    --------
    >>> owners(("部长王凯", "心理健康教育中心"), "学生工作部")
    [('学生工作部', '部长', '王凯', 'lead'), ('心理健康教育中心', '', '', 'lead')]
    """
    out = []
    for part in parts:
        entry = parse_leader(part)
        if entry is not None and entry.certain:
            out.append((unit, entry.post, entry.person, "lead"))
        elif (
            is_placeholder(part)
            or infer_unit_kind(part) is not UnitKind.other
            or (part.endswith(_UNIT_ENDS) and not part.endswith(("部长", "主任")))
        ):
            out.append((part, "", "", "lead"))
        else:
            out.append((unit, part, "", "lead"))
    return out


class _Memo(dict[str, _T]):
    """A cell as written → what it reads as; a cell not seen yet is read by ``parse``.

    A column is read by ``list(map(memo.__getitem__, cells))``: in C but for the
    first sighting of each distinct cell (tables repeat their holder cells).
    """

    def __init__(self, parse: Callable[[str], _T]) -> None:
        super().__init__()
        self.parse = parse

    def __missing__(self, written: str) -> _T:
        found = self[written] = self.parse(written)
        return found


def read_holder_columns(
    table: Table,
    roles: dict[str, str],
    cells: list[list[str]],
    *,
    scope_unit: str,
    owner: str,
    norm: Normalizer,
) -> tuple[list[tuple[tuple[Holder, ...], ...]], Iterable[Leaders], Iterable[tuple[Holder, ...]]]:
    """Read the holder columns of ``cells``: per row, each unit column's units; leaders; owners.

    ``roles`` maps each unit column to its role; a leader cell names posts of
    ``scope_unit``, an owner cell posts of ``owner``. A column the table lacks
    reads as a blank cell on every row.
    """
    cols, cache = table.columns, HolderCache(norm)  # each distinct cell parsed once
    units = [
        list(
            map(_Memo(partial(cache.units, role=role)).__getitem__, map(itemgetter(cols[c]), cells))
        )
        for c, role in roles.items()
    ]
    leaders: Iterable[Leaders] = repeat(((), ()))
    if "leaders" in cols:
        read_leaders = partial(_leaders_of, cache=cache, scope=scope_unit)
        leaders = list(
            map(_Memo(read_leaders).__getitem__, map(itemgetter(cols["leaders"]), cells))
        )
    owners: Iterable[tuple[Holder, ...]] = repeat(())
    if "owner" in cols:
        read_owners = partial(cache.owners, unit=owner)
        owners = list(map(_Memo(read_owners).__getitem__, map(itemgetter(cols["owner"]), cells)))
    return list(zip(*units, strict=True)) if units else [()] * len(cells), leaders, owners


def _leaders_of(written: str, *, cache: HolderCache, scope: str) -> Leaders:
    return cache.leaders(written, scope) if written.strip() else ((), ())

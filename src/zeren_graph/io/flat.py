"""Flat responsibility lists (责任清单): one row per duty × holder × role → a model.

Each row names a duty, the holder's unit and, optionally, post and person; the
loader creates the units, posts, persons and duties the rows name (post id
``unit/title``, duty id ``scope/name``, unit and person ids as written) and one
:class:`~zeren_graph.model.Assignment` per row. Every problem of every row is
collected before one error is raised.

Examples
--------
>>> from zeren_graph.io.tabular import make_table
>>> from zeren_graph.io.columns import LIST_COLUMNS
>>> rows = [["职责", "责任单位", "岗位", "责任人", "责任类型"],
...         ["组织生活", "乙镇党委", "书记", "张三", "第一责任人"],
...         ["组织生活", "乙镇党委", "", "", "主体责任"]]
>>> model, built = read_list(make_table("清单.csv", None, rows, LIST_COLUMNS))
>>> [(a.holder, a.role.value, a.collective) for a in model.assignments]
[('乙镇党委/书记', 'first_responsible', False), ('乙镇党委', 'primary', True)]
>>> model.has_hierarchy, built.rows
(False, 2)
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable
from operator import itemgetter

from zeren_graph._gc import paused_gc
from zeren_graph.errors import HierarchyWarning
from zeren_graph.io._build import fields_of
from zeren_graph.io.assemble import build_model
from zeren_graph.io.columns import LIST_COLUMNS
from zeren_graph.io.derive import DutyRecord
from zeren_graph.io.flat_checks import FlatStats, RowChecks
from zeren_graph.io.report import ProblemLog, SkippedRow
from zeren_graph.io.tabular import Table, ignored_columns
from zeren_graph.io.text import clean
from zeren_graph.io.units import UnitsTable
from zeren_graph.model import Assignment, ResponsibilityModel, Source
from zeren_graph.vocab import Category, Role

__all__ = ["NO_HIERARCHY", "FlatStats", "read_list"]

#: The warning given when a list is loaded without a units table.
NO_HIERARCHY = (
    "no units table was given: the units were created from the list without a hierarchy, "
    "so the hierarchy rules cannot run (give one with --units, or a 'units' sheet)"
)
_SEPARATORS = ("、", "，", ",", ";", "；")
#: The cells normalised through the cache, in the order the hot loop unpacks them.
_CELLS: tuple[str, ...] = (
    "duty",
    "unit",
    "role",
    "post",
    "person",
    "scope",
    "category",
    "indicator",
)
_CELLS += ("frequency", "derived_from", "measures", "deadline")
_new = object.__new__
_set = object.__setattr__


class _Builder(RowChecks):
    """Turns rows into entities; the per-row path is kept lean for million-row lists."""

    def __init__(self, table: Table, units: UnitsTable | None) -> None:
        self.table, self.label, self.log = table, table.label, ProblemLog()
        self.stats = FlatStats()
        self.known = {u.id for u in units.units} if units is not None else None
        self.unit_order: dict[str, None] = {}
        self.duties: dict[tuple[str, str], DutyRecord] = {}
        self.posts: dict[tuple[str, str], list[str]] = {}  # [id, last person cell]
        self.holders: dict[tuple[str, str], list[str]] = {}
        self.post_sources: dict[tuple[str, str], Source] = {}
        self.assignments: list[Assignment] = []
        self.row_ids: dict[str, int] = {}
        self.roles: dict[str, Role] = {}
        self.categories: dict[str, Category | None] = {}
        self.cache: dict[str, str] = {"": ""}
        cols = table.columns
        self.width = max(cols.values()) + 1
        self.pick = itemgetter(*(cols.get(c, -1) for c in _CELLS))
        self.i_id, self.i_reason = cols.get("id", -1), cols.get("reason", -1)

    def normalize(self, cells: tuple[str, ...]) -> tuple[str, ...]:
        """Normalise cells not yet in the cache (the slow path of the first sighting)."""
        cache = self.cache
        for cell in cells:
            if cell not in cache:
                cache[cell] = sys.intern(clean(cell))
        return tuple(map(cache.__getitem__, cells))

    def consume(  # noqa: PLR0912, PLR0915
        self,
        rows: Iterable[list[str]],
        numbers: Iterable[int] | None = None,
        sheets: Iterable[str | None] | None = None,
    ) -> None:
        """Read every data row. One long loop on purpose: a million rows, locals only.

        ``numbers`` are the rows' numbers as the source shows them (several canonical
        rows of a task table share one); by default they count on from the header row.
        """
        cache_get, pick, width, known = self.cache.get, self.pick, self.width, self.known
        roles, posts, duties, row_ids = self.roles, self.posts, self.duties, self.row_ids
        unit_order, append, i_id, i_reason = (
            self.unit_order,
            self.assignments.append,
            self.i_id,
            self.i_reason,
        )
        file, sheet, filled = self.table.file, self.table.sheet, self.table.filled
        is_clean = self.table.clean
        a_fields, s_fields = fields_of(Assignment), fields_of(Source)
        count, empty = 0, self.table.empty_rows
        if numbers is None:
            numbers = itertools.count(self.table.first_row)
        # a row wider than the header has cells outside it (every row, when it is unheaded)
        nhead = -1 if self.table.unheaded else len(self.table.headers)
        stray = self.table.stray
        pending: list[int] = []
        sheet_of = iter(sheets) if sheets is not None else None
        # the rows of one source row (a task's holders) share its frozen Source
        source, source_row, source_sheet = _new(Source), 0, sheet
        for number, raw in zip(numbers, rows, strict=False):
            if sheet_of is not None:
                sheet = next(sheet_of)  # rows of several sheets in one table
            if not any(raw):
                pending.append(number)  # empty rows at the end are not data rows
                continue
            if pending:
                empty.extend(pending)
                pending = []
            count += 1
            if len(raw) > nhead:
                stray(number, raw)  # cells outside the header's columns: named in a warning
            if len(raw) < width:
                raw.extend([""] * (width - len(raw)))
            raw.append("")  # index -1: the cell of every absent optional column
            cells = pick(raw)
            if is_clean:
                values = cells
            else:
                values = tuple(map(cache_get, cells))
                if None in values:
                    values = self.normalize(cells)
            (duty, unit, role_text, title, person, scope, category, indicator, frequency,
             derived, measures, deadline) = values  # fmt: skip
            scope = scope or unit
            role = roles.get(role_text)
            if (
                role is None
                or not (duty and unit)
                or (known is not None and (unit not in known or scope not in known))
                or (person and not title)
            ):
                role = self.diagnose(number, raw, values)
                if role is None:
                    continue
            if known is None:
                unit_order[unit] = unit_order[scope] = None
            if number != source_row or sheet != source_sheet:  # else: the holders of one task
                source, source_row, source_sheet = _new(Source), number, sheet
                _set(source, "__dict__", {"file": file, "row": number, "sheet": sheet})
                _set(source, "__pydantic_fields_set__", s_fields)
                _set(source, "__pydantic_extra__", None)
                _set(source, "__pydantic_private__", None)
            if title:
                post = posts.get((unit, title))
                if post is None:
                    post = self.new_post(unit, title, source)
                if person and person != post[1]:
                    self.add_person(unit, title, person, post)
                holder = post[0]
            else:
                holder = unit
            record = duties.get((scope, duty))
            if record is None:
                record = duties[scope, duty] = DutyRecord(
                    f"{scope}/{duty}", duty, scope, number, source
                )
            if category and category != record.category_text:
                self.category(number, record, category)
            if derived and derived != record.derived:
                self.derived(number, record, derived)
            row_id: str | None = raw[i_id]
            if row_id:
                if not is_clean:
                    row_id = row_id.strip() if row_id.isascii() else clean(row_id)
                if filled and i_id in filled.get(number, ()):
                    row_id = self.merged_id(number, row_id)
                if row_ids.setdefault(row_id, number) != number:
                    self.duplicate_id(number, row_id)
            reason = raw[i_reason]
            if reason:
                reason = reason if is_clean else clean(reason)
            assignment = _new(Assignment)
            _set(assignment, "__dict__", {
                "duty": record.id, "holder": holder, "collective": not title, "role": role,
                "id": row_id or None, "reason": reason or None,
                "indicator": indicator or None, "frequency": frequency or None,
                "measures": measures or None, "deadline": deadline or None, "source": source,
            })  # fmt: skip
            _set(assignment, "__pydantic_fields_set__", a_fields)
            _set(assignment, "__pydantic_extra__", None)
            _set(assignment, "__pydantic_private__", None)
            append(assignment)
        self.stats.rows += count
        if not count:
            raise self.table.no_data()

    def new_post(self, unit: str, title: str, source: Source) -> list[str]:
        key = (unit, title)
        self.holders[key] = []
        self.post_sources[key] = source
        post = self.posts[key] = [f"{unit}/{title}", ""]
        return post

    def add_person(self, unit: str, title: str, person: str, post: list[str]) -> None:
        post[1] = person
        holders = self.holders[unit, title]
        for sep in _SEPARATORS[1:]:
            person = person.replace(sep, _SEPARATORS[0])
        for name in person.split(_SEPARATORS[0]):
            cleaned = clean(name)
            if cleaned and cleaned not in holders:
                holders.append(sys.intern(cleaned))


def read_list(
    table: Table,
    units: UnitsTable | None = None,
    *,
    numbers: Iterable[int] | None = None,
    sheets: Iterable[str | None] | None = None,
) -> tuple[ResponsibilityModel, FlatStats]:
    """Build a model from the rows of a flat list (and the units of a units table).

    Parameters
    ----------
    table : Table
        The list, as opened by :func:`~zeren_graph.io.formats.delimited.open_csv` or a workbook.
    units : UnitsTable, optional
        The units table; without one the units are created from the list,
        ``has_hierarchy`` is false and a :class:`~zeren_graph.errors.HierarchyWarning`
        is added to the returned warnings.
    numbers : iterable of int, optional
        The source row number of each row of ``table`` (a task table gives several rows
        one number); by default they count on from the header row.
    sheets : iterable of str, optional
        The sheet of each row, when the rows of several sheets are read as one table.

    Raises
    ------
    InputError
        (or a specific child) naming every bad row at once.

    Examples
    --------
    >>> from zeren_graph.io.tabular import make_table
    >>> from zeren_graph.io.columns import LIST_COLUMNS
    >>> rows = [["职责", "单位", "岗位", "责任人", "责任类型"],
    ...         ["发展党员", "甲村党支部", "书记", "王伟", "牵头"]]
    >>> model, stats = read_list(make_table("清单.csv", None, rows, LIST_COLUMNS))
    >>> model.posts[0].id, model.posts[0].kind, model.persons[0].id
    ('甲村党支部/书记', <PostKind.secretary: 'secretary'>, '王伟')
    """
    builder = _Builder(table, units)
    with paused_gc():  # millions of new objects and no cycles: the collector only costs time
        builder.consume(table.rows, numbers, sheets)
        posts = {
            k: (v[0], builder.holders[k], builder.post_sources[k]) for k, v in builder.posts.items()
        }
        model = build_model(
            table=table,
            log=builder.log,
            units=units,
            unit_order=builder.unit_order,
            duties=builder.duties,
            posts=posts,
            assignments=builder.assignments,
        )
    return model, _finish_stats(builder.stats, table, units)


def _finish_stats(stats: FlatStats, table: Table, units: UnitsTable | None) -> FlatStats:
    stats.skipped[:0] = [SkippedRow(table.label, r, "empty row") for r in table.empty_rows]
    stats.skipped.sort(key=lambda s: s.row)
    stats.warnings += table.warnings
    stats.warnings += table.stray_warnings()
    ignored = ignored_columns(table, table.column_set or LIST_COLUMNS, "the list format")
    if ignored is not None:
        stats.warnings.append(ignored)
    if units is None:
        stats.warnings.append(HierarchyWarning(f"{table.label}: {NO_HIERARCHY}"))
    return stats

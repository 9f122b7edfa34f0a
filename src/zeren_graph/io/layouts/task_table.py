"""Task tables (任务分工表): one row per task, holders several per cell in role-bearing columns.

The interpret step of a task table: :data:`TASK_COLUMNS` is its column vocabulary
(a header row with a task column, at least one holder column and no 责任类型 is
a task table), and :func:`interpret_tasks` turns the located table into the
canonical rows of the long list (duty, unit, post, person, role, scope ...), one
per holder, each with the number of the row it came from.

- A task is **one duty**, whatever its holders; its scope is the issuing body.
- 牵头单位 → ``lead``; 配合单位 → ``support``; 督办单位 → ``supervisory``;
  责任单位 → ``lead`` alone, ``support`` beside a lead column.
- 责任领导 → a post of the scope unit, role ``direct``; its person where the
  split of post and name is certain, else the whole cell is the post.
- A numbered sub-row under a merged task ("（2）实施…") is its own duty, named
  by its measure.

Examples
--------
>>> from zeren_graph.io.tabular import make_table
>>> from zeren_graph.io.columns import LIST_COLUMNS
>>> rows = [["乙镇2024年重点任务分工"], ["序号", "重点任务", "牵头单位", "配合单位", "责任领导"],
...         ["1", "发展党员", "镇党建办", "各村、镇团委", "镇党委委员、组织委员张敏"]]
>>> t = make_table("分工.csv", None, rows, TASK_LIST_COLUMNS)
>>> t.column_set is TASK_COLUMNS
True
>>> out = interpret_tasks(t, scope=None, context=())
>>> out.reading.scope, [r[1:5] for r in out.rows]
('乙镇', [['镇党建办', '', '', 'lead'], ['各村', '', '', 'support'], \
['镇团委', '', '', 'support'], ['乙镇', '镇党委委员、组织委员', '张敏', 'direct']])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import eq, itemgetter

from zeren_graph.errors import InputError, Problem
from zeren_graph.holders import is_placeholder
from zeren_graph.io.columns import LIST_COLUMNS
from zeren_graph.io.layouts.task_holders import Holder, read_holder_columns
from zeren_graph.io.layouts.titles import title_context
from zeren_graph.io.layouts.vocabulary import LAYOUT_COLUMNS, TASK_COLUMNS
from zeren_graph.io.reading import ColumnReading, Reading
from zeren_graph.io.report import SkippedRow
from zeren_graph.io.tabular import Table
from zeren_graph.io.text import Normalizer, clean, clean_column
from zeren_graph.io.units import UnitsTable, infer_unit_kind
from zeren_graph.model import Unit

__all__ = [
    "CANONICAL",
    "PLACEHOLDER_WARNING",
    "TASK_COLUMNS",
    "TASK_LIST_COLUMNS",
    "TaskRows",
    "find_scope",
    "implied_units",
    "interpret_tasks",
]

#: The long list's columns, with the other layouts as the alternatives tried after them.
TASK_LIST_COLUMNS = LAYOUT_COLUMNS
#: The canonical columns of the rows :func:`interpret_tasks` returns, in order.
CANONICAL = ("duty", "unit", "post", "person", "role", "scope", "category", "indicator",
             "measures", "deadline", "id")  # fmt: skip
_HOLDER_ROLES = {"lead": "lead", "support": "support", "supervision": "supervisory"}
#: The reading's warning on placeholders kept without a units table (replaced when expanded).
PLACEHOLDER_WARNING = "placeholder holders kept as units (no units table to expand them): "


@dataclass
class TaskRows:
    """The canonical rows of a task table, their source row numbers and what was decided."""

    table: Table
    rows: list[list[str]]
    numbers: list[int]
    units: UnitsTable | None
    reading: Reading
    skipped: list[SkippedRow]
    #: Whether every cell of ``rows`` is normalised already (the builder then skips it).
    clean: bool = False

    def canonical(self) -> Table:
        """Return the canonical rows as a :class:`Table` of the long list, for the builder.

        Its headers are those of the source columns (``重点任务`` for the duty), so the
        builder's messages name the headers as written; ``filled`` marks the rows whose
        id cell was merged (``3``, ``3-2`` ...). The source's warnings, empty rows and
        cells outside the header are carried over.
        """
        src = self.table
        named = {"duty": "task" if "task" in src.columns else "indicator", "unit": "lead",
                 "post": "leaders", "person": "leaders"}  # fmt: skip
        headers = []
        for column in CANONICAL:
            index = src.columns.get(named.get(column, column))
            headers.append(
                src.headers[index] if index is not None else LIST_COLUMNS.chinese(column)
            )
        i_id = src.columns.get("id")
        filled = {n: {len(CANONICAL) - 1} for n, cols in src.filled.items() if i_id in cols}
        table = Table(src.file, src.sheet, headers, {c: i for i, c in enumerate(CANONICAL)},
                      src.header_row, iter(self.rows), filled)  # fmt: skip
        table.empty_rows = list(src.empty_rows)
        table.warnings = [*src.warnings, *src.stray_warnings()]
        table.clean = self.clean
        return table


def _holder_columns(found: dict[str, int]) -> tuple[dict[str, str], str]:
    """Return canonical holder column → role, and what 责任单位 was read as."""
    roles = {c: r for c, r in _HOLDER_ROLES.items() if c in found}
    said = ""
    if "responsible" in found:
        role = "support" if "lead" in found else "lead"
        roles["responsible"] = role
        said = f"{role}: " + ("a lead column stands beside it" if "lead" in found else
                              "no lead column")  # fmt: skip
    return roles, said


def _columns(table: Table, roles: dict[str, str], said: str) -> tuple[ColumnReading, ...]:
    by_index = {i: c for c, i in table.columns.items()}
    task_field = "duty" if "task" in table.columns else None
    out = []
    for i, header in enumerate(table.headers):
        if not header:
            continue
        column = by_index.get(i)
        if column is None or column == "role":
            out.append(ColumnReading(header, table.sheet, "ignore", None,
                                     "not a column of task tables"))  # fmt: skip
        elif column in roles:
            why = said if column == "responsible" else ""
            out.append(ColumnReading(header, table.sheet, "unit", roles[column], why))
        elif column == "leaders":
            out.append(
                ColumnReading(
                    header,
                    table.sheet,
                    "post",
                    "direct",
                    "a post of the scope unit, answering for the task",
                )
            )
        elif column == "owner":
            why = "a post of the sheet's unit (部长王凯), or a unit named"
            out.append(ColumnReading(header, table.sheet, "post", "lead", why))
        elif column == "task" or (column == "indicator" and task_field is None):
            out.append(ColumnReading(header, table.sheet, "duty", None, "the task text"))
        else:
            out.append(ColumnReading(header, table.sheet, column, None))
    return tuple(out)


def find_scope(table: Table, scope: str | None, context: Sequence[str]) -> tuple[str, str]:
    """Return the issuing body and where it was found: given, title row, title, sheet name."""
    if scope:
        return clean(scope), "the scope given (--scope)"
    for row in table.above:
        text = "".join(dict.fromkeys(c.strip() for c in row if c.strip()))  # merged: once
        found = title_context(text) if text else None
        if found is not None and found.issuer:
            return clean(found.issuer), f"the title row '{text}'"
    for text in context:
        found = title_context(text.strip()) if text.strip() else None
        if found is not None and found.issuer and found.kind:
            return clean(found.issuer), f"the title '{text.strip()}'"
    if table.sheet:
        found = title_context(table.sheet)
        if found is not None and found.issuer:
            return clean(found.issuer), f"the sheet name '{table.sheet}'"
    raise InputError([Problem(
        "missing-scope",
        "a task table needs the issuing body (the scope of its tasks), but no title row, "
        "title or sheet name names one",
        file=table.label, hint="give the issuing body with --scope (read(..., scope=...))",
    )])  # fmt: skip


def _sub_duty(measure: str) -> str | None:
    """Return the duty name of a row's measure that is one numbered item, else ``None``."""
    if not measure:
        return None
    from zeren_graph.io.layouts.numbered import split_numbered  # noqa: PLC0415 - merged rows only

    items = split_numbered(measure)
    if len(items) != 1 or items[0].number is None:
        return None
    return items[0].text


def interpret_tasks(
    table: Table, *, scope: str | None, context: Sequence[str], unit: str | None = None
) -> TaskRows:
    """Turn a located task table into canonical rows (see the module's description).

    Parameters
    ----------
    table : Table
        A table whose ``column_set`` is :data:`TASK_COLUMNS`.
    scope : str or None
        The issuing body, when given; else it is read from the title rows above
        the header, then from ``context`` (a Word document's paragraphs before the
        table), then from the sheet name.
    context : sequence of str
        Text outside the table that may name the issuing body.
    unit : str, optional
        The unit the sheet belongs to (a workbook with a sheet per department): the
        holder of a 责任人 cell's posts, and the lead of a task whose row names none.

    Raises
    ------
    InputError
        When no scope is given or found.
    """
    cols = table.columns
    scope_unit, scope_from = find_scope(table, scope, context)
    norm = Normalizer()  # clean() memoised and interned: a table repeats its cells
    roles, said = _holder_columns(cols)
    got = _read_rows(table, roles, scope_unit, unit, norm)
    rows, warnings = got.rows, got.warnings
    placeholders = [h for h in got.holders if is_placeholder(h)]
    if placeholders:
        warnings.append(PLACEHOLDER_WARNING + ", ".join(placeholders))
    reading = Reading(
        "task_table", (table.label,), _columns(table, roles, said), scope_unit, scope_from,
        tuple(got.split), tuple(got.notes), tuple(warnings),
        {"rows": got.read, "tasks": got.tasks, "holders": len(rows), "skipped": len(got.skipped)},
        header_rows=((table.label, table.header_rows),),
        supervision=tuple(dict.fromkeys(r[1] for r in rows if r[4] == "supervisory")),
    )  # fmt: skip
    units = implied_units(scope_unit, got.holders)
    return TaskRows(table, rows, got.numbers, units, reading, got.skipped, clean=True)


@dataclass
class _Read:
    """What the rows of a task table read as: canonical rows, and what was decided."""

    rows: list[list[str]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    holders: dict[str, None] = field(default_factory=dict)  # the units named, in order
    read: int = 0
    tasks: int = 0


def _read_rows(
    table: Table, roles: dict[str, str], scope_unit: str, unit: str | None, norm: Normalizer
) -> _Read:
    """Read every row of a task table into canonical rows, one per holder of its task.

    The rows are read column by column where that can be done in C (the cells of
    each column normalised at once, each distinct holder cell parsed once), then
    row by row for what depends on the whole row.
    """
    cols, width, filled, label = table.columns, len(table.headers), table.filled, table.label
    text_col = cols.get("task", cols.get("indicator", -1))
    blanks = [""] * (width + 1)
    numbered = list(table.numbered())
    # each row padded to the header, and a blank cell at index -1 for absent columns
    cells = [raw + blanks[len(raw) :] if len(raw) <= width else [*raw, ""] for _, raw in numbered]
    i_indicator = cols.get("indicator", -1) if "task" in cols else -1
    own = [text_col, cols.get("measures", -1), cols.get("category", -1), i_indicator,
           cols.get("deadline", -1), cols.get("id", -1)]  # fmt: skip
    own_columns = [clean_column(list(map(itemgetter(i), cells))) for i in own]
    units, leaders, owners = read_holder_columns(
        table, roles, cells, scope_unit=scope_unit, owner=unit or scope_unit, norm=norm
    )
    unit_headers = [table.header(c) for c in roles]
    # each unit column as written, normalised (named in the reading when a cell is split)
    shown_columns = [clean_column(list(map(itemgetter(cols[c]), cells))) for c in roles]
    shown = list(zip(*shown_columns, strict=True))
    holder_at = [cols[c] for c in (*roles, "leaders", "owner") if c in cols]
    across = _merged_across(cells, own_columns[0], text_col, holder_at)
    out = _Read(read=len(numbered))
    rows, numbers, skipped, split = out.rows, out.numbers, out.skipped, out.split
    notes, warnings = out.notes, out.warnings
    tasks = 0
    rows_in = zip(numbered, zip(*own_columns, strict=True), units, shown or repeat(()), leaders,
                  owners, across, strict=False)  # fmt: skip
    # (the columns a table lacks repeat a blank reading)
    for (number, raw), own_row, unit_row, shown_row, leader_row, owned, skip in rows_in:
        posts, unsure = leader_row
        task, measure, category, indicator, deadline, row_id = own_row
        merged = filled and (
            text_col in filled.get(number, ()) or text_col in filled.get(number + 1, ())
        )  # a numbered sub-row under a merged task cell is its own duty
        sub = _sub_duty(measure) if merged else None
        duty = norm(sub) if sub else task
        if skip:
            skipped.append(SkippedRow(label, number, f"a row merged across the table "
                                      f"(a total, note or signature row): {task}"))  # fmt: skip
            continue
        if unit_row and max(map(len, unit_row)) > 1:  # a cell naming several holders
            for parts, written, header in zip(unit_row, shown_row, unit_headers, strict=True):
                if len(parts) > 1:
                    split.append(f"row {number}, {header}: '{written}' → {len(parts)} holders")
        found: list[Holder] = list(chain(*unit_row, posts, owned))
        if unsure:
            warnings += [f"row {number}: {why}" for why in unsure]
        if unit and duty and not any(f[3] == "lead" for f in found):
            notes.append(f"row {number}: no lead named: the sheet's unit '{unit}' leads the task")
            found.insert(0, (norm(unit), "", "", "lead"))
        if not duty or not found:
            content = " | ".join(c.strip() for c in raw if c.strip())
            why = "no task text" if not duty else "a task with no holder"
            skipped.append(SkippedRow(label, number, f"{why}: {content}"))
            continue
        tasks += 1
        if sub is not None:
            notes.append(f"row {number}: numbered sub-row of the merged task '{task}' read as its "
                         "own duty, named by its measure")  # fmt: skip
        # every cell normalised here, so the builder takes the rows as clean
        tail = (scope_unit, category, indicator, "" if sub else measure, deadline, row_id)
        rows += [[duty, *holder, *tail] for holder in found]
        numbers += [number] * len(found)
    out.tasks = tasks
    out.holders.update(dict.fromkeys(r[1] for r in rows if not r[2]))  # the units, in order
    return out


_TOTALS = frozenset({"合计", "总计", "小计", "总分"})


def _merged_across(
    cells: list[list[str]], tasks: list[str], text_col: int, holder_at: list[int]
) -> list[bool]:
    """Return whether each row is a total or one cell merged across the table (a note).

    A total names 合计 (总计, 小计, 总分) as its task or in its first cell; a row merged
    across the table repeats its task text in a holder cell. ``tasks`` are the rows'
    task cells normalised. Read column by column, in C.
    """
    firsts = clean_column(list(map(itemgetter(0), cells)))
    texts = list(map(str.strip, map(itemgetter(text_col), cells)))
    holders = (map(str.strip, map(itemgetter(i), cells)) for i in holder_at)
    repeated = map(any, zip(*(map(eq, h, texts) for h in holders), strict=True))
    return [
        task in _TOTALS or first in _TOTALS or (bool(task) and again)
        for task, first, again in zip(
            tasks, firsts, repeated if holder_at else repeat(False), strict=False
        )
    ]


def implied_units(scope: str, holders: dict[str, None]) -> UnitsTable:
    """Return the hierarchy the document implies: the scope unit, every holder unit under it."""
    names = [clean(scope), *(clean(h) for h in holders if clean(h) != clean(scope))]
    units = [Unit(id=names[0], kind=infer_unit_kind(names[0]))]
    units += [
        Unit(id=n, parent=names[0], kind=infer_unit_kind(n)) for n in dict.fromkeys(names[1:])
    ]
    return UnitsTable(units=units)

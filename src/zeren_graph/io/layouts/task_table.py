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

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from zeren_graph.errors import InputError, Problem
from zeren_graph.holders import is_placeholder
from zeren_graph.io.columns import LIST_COLUMNS, ColumnSet
from zeren_graph.io.layouts.cells import parse_holders
from zeren_graph.io.layouts.leaders import parse_leaders
from zeren_graph.io.layouts.numbered import split_numbered
from zeren_graph.io.layouts.titles import title_context
from zeren_graph.io.reading import ColumnReading, Reading
from zeren_graph.io.report import SkippedRow
from zeren_graph.io.tabular import Table
from zeren_graph.io.text import clean
from zeren_graph.io.units import UnitsTable, infer_unit_kind
from zeren_graph.model import Unit

__all__ = ["CANONICAL", "TASK_COLUMNS", "TASK_LIST_COLUMNS", "TaskRows", "interpret_tasks"]

#: The column vocabulary of task tables.
TASK_COLUMNS = ColumnSet(
    aliases={
        "id": ("序号", "编号"),
        "task": ("工作任务", "重点任务", "任务内容", "工作内容", "年度目标", "具体任务", "工作事项",
                 "任务", "目标任务", "重点工作"),
        "measures": ("具体措施", "工作措施", "任务分解", "具体举措", "主要措施"),
        "indicator": ("预期目标", "工作目标", "考核要点", "目标及质量要求", "考核指标"),
        "deadline": ("完成时限", "时间节点", "拟定时限", "时序进度", "完成时间"),
        "lead": ("牵头单位", "牵头部门", "牵头责任单位", "主要责任单位", "牵头委室"),
        "support": ("配合单位", "协同单位", "协同责任单位", "协作单位", "协作和配合单位",
                    "参与单位", "其他责任单位", "责任(配合)单位", "协同配合单位", "配合部门",
                    "协同部门"),
        "responsible": ("责任单位", "责任部门"),
        "leaders": ("责任领导", "牵头领导", "分管领导", "牵头县领导", "县政府分线领导", "联系领导"),
        "supervision": ("督办单位", "监督单位", "督查单位"),
        "category": ("类别",),
        "role": ("责任类型",),
    },
    required=(),
    any_of=(("task", "indicator"), ("lead", "support", "responsible", "leaders")),
    none_of=("role",),
)  # fmt: skip
#: The long list's columns, with task tables as the alternative tried after them.
TASK_LIST_COLUMNS = dataclasses.replace(LIST_COLUMNS, alternatives=(TASK_COLUMNS,))
#: The canonical columns of the rows :func:`interpret_tasks` returns, in order.
CANONICAL = ("duty", "unit", "post", "person", "role", "scope", "category", "indicator",
             "measures", "deadline", "id")  # fmt: skip
_HOLDER_ROLES = {"lead": "lead", "support": "support", "supervision": "supervisory"}


@dataclass
class TaskRows:
    """The canonical rows of a task table, their source row numbers and what was decided."""

    table: Table
    rows: list[list[str]]
    numbers: list[int]
    units: UnitsTable | None
    reading: Reading
    skipped: list[SkippedRow]

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
        elif column == "task" or (column == "indicator" and task_field is None):
            out.append(ColumnReading(header, table.sheet, "duty", None, "the task text"))
        else:
            out.append(ColumnReading(header, table.sheet, column, None))
    return tuple(out)


def _scope(table: Table, scope: str | None, context: Sequence[str]) -> tuple[str, str]:
    if scope:
        return clean(scope), "the scope given (--scope)"
    for row in table.above:
        text = "".join(c.strip() for c in row if c.strip())
        found = title_context(text) if text else None
        if found is not None and found.issuer:
            return found.issuer, f"the title row '{text}'"
    for text in context:
        found = title_context(text.strip()) if text.strip() else None
        if found is not None and found.issuer and found.kind:
            return found.issuer, f"the title '{text.strip()}'"
    if table.sheet:
        found = title_context(table.sheet)
        if found is not None and found.issuer:
            return found.issuer, f"the sheet name '{table.sheet}'"
    raise InputError([Problem(
        "missing-scope",
        "a task table needs the issuing body (the scope of its tasks), but no title row, "
        "title or sheet name names one",
        file=table.label, hint="give the issuing body with --scope (read(..., scope=...))",
    )])  # fmt: skip


def _sub_duty(measure: str, merged: bool) -> str | None:
    """Return the duty name of a numbered sub-row under a merged task, else ``None``."""
    if not merged or not measure:
        return None
    items = split_numbered(measure)
    if len(items) != 1 or items[0].number is None:
        return None
    return items[0].text


def interpret_tasks(table: Table, *, scope: str | None, context: Sequence[str]) -> TaskRows:
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

    Raises
    ------
    InputError
        When no scope is given or found.
    """
    cols = table.columns
    unit, scope_from = _scope(table, scope, context)
    roles, said = _holder_columns(cols)
    text_col = cols.get("task", cols.get("indicator", -1))
    indicator_col = cols.get("indicator", -1) if "task" in cols else -1
    get = {c: cols.get(c, -1) for c in ("measures", "deadline", "category", "id")}
    rows: list[list[str]] = []
    numbers: list[int] = []
    skipped: list[SkippedRow] = []
    split: list[str] = []
    notes: list[str] = []
    warnings: list[str] = []
    holders: dict[str, None] = {}
    read = tasks = 0
    for number, raw in table.numbered():
        read += 1
        cell = [*raw, *[""] * (len(table.headers) - len(raw)), ""]
        task = clean(cell[text_col])
        measure = clean(cell[get["measures"]])
        merged = text_col in table.filled.get(number, ()) or text_col in table.filled.get(
            number + 1, ()
        )
        sub = _sub_duty(measure, merged)
        duty = sub or task
        found: list[tuple[str, str, str, str]] = []  # unit, post, person, role
        for column, role in roles.items():
            written = cell[cols[column]]
            parts = parse_holders(written).parts if written.strip() else ()
            if len(parts) > 1:
                split.append(f"row {number}, {table.header(column)}: "
                             f"'{clean(written)}' → {len(parts)} holders")  # fmt: skip
            found += [(p, "", "", role) for p in parts]
        if "leaders" in cols and cell[cols["leaders"]].strip():
            for entry in parse_leaders(cell[cols["leaders"]]):
                if not entry.certain:
                    warnings.append(
                        f"row {number}: leader '{entry.text}' kept whole as the post "
                        f"({entry.reason or 'the split of post and name is unsure'})"
                    )
                post, person = (entry.post, entry.person) if entry.certain else (entry.text, "")
                found.append((unit, post, person, "direct"))
        if not duty or not found:
            content = " | ".join(c.strip() for c in raw if c.strip())
            why = "no task text" if not duty else "a task with no holder"
            skipped.append(SkippedRow(table.label, number, f"{why}: {content}"))
            continue
        tasks += 1
        if sub is not None:
            notes.append(f"row {number}: numbered sub-row of the merged task '{task}' read as its "
                         "own duty, named by its measure")  # fmt: skip
        for name, post, person, role in found:
            if not post:
                holders[name] = None
            rows.append([duty, name, post, person, role, unit, cell[get["category"]],
                         cell[indicator_col], "" if sub else measure, cell[get["deadline"]],
                         cell[get["id"]]])  # fmt: skip
            numbers.append(number)
    placeholders = [h for h in holders if is_placeholder(h)]
    if placeholders:
        warnings.append("placeholder holders kept as units (no units table to expand them): "
                        + ", ".join(placeholders))  # fmt: skip
    reading = Reading(
        "task_table", (table.label,), _columns(table, roles, said), unit, scope_from,
        tuple(split), tuple(notes), tuple(warnings),
        {"rows": read, "tasks": tasks, "holders": len(rows), "skipped": len(skipped)},
    )  # fmt: skip
    return TaskRows(table, rows, numbers, _implied_units(unit, holders), reading, skipped)


def _implied_units(scope: str, holders: dict[str, None]) -> UnitsTable:
    """Return the hierarchy the document implies: the scope unit, every holder unit under it."""
    names = [clean(scope), *(clean(h) for h in holders if clean(h) != clean(scope))]
    units = [Unit(id=names[0], kind=infer_unit_kind(names[0]))]
    units += [
        Unit(id=n, parent=names[0], kind=infer_unit_kind(n)) for n in dict.fromkeys(names[1:])
    ]
    return UnitsTable(units=units)

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

from zeren_graph.errors import InputError, Problem
from zeren_graph.holders import is_placeholder
from zeren_graph.io.columns import LIST_COLUMNS
from zeren_graph.io.layouts.cells import parse_holders
from zeren_graph.io.layouts.leaders import LeaderEntry, parse_leader, parse_leaders
from zeren_graph.io.layouts.numbered import split_numbered
from zeren_graph.io.layouts.titles import title_context
from zeren_graph.io.layouts.vocabulary import LAYOUT_COLUMNS, TASK_COLUMNS
from zeren_graph.io.reading import ColumnReading, Reading
from zeren_graph.io.report import SkippedRow
from zeren_graph.io.tabular import Table
from zeren_graph.io.text import Normalizer, clean
from zeren_graph.io.units import UnitsTable, infer_unit_kind
from zeren_graph.model import Unit
from zeren_graph.vocab import UnitKind

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


def _sub_duty(measure: str, merged: bool) -> str | None:
    """Return the duty name of a numbered sub-row under a merged task, else ``None``."""
    if not merged or not measure:
        return None
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
    text_col = cols.get("task", cols.get("indicator", -1))
    get = {c: cols.get(c, -1) for c in ("measures", "deadline", "category", "id")} | {
        "indicator": cols.get("indicator", -1) if "task" in cols else -1
    }
    rows: list[list[str]] = []
    numbers: list[int] = []
    skipped: list[SkippedRow] = []
    split: list[str] = []
    notes: list[str] = []
    warnings: list[str] = []
    holders: dict[str, None] = {}
    # tables repeat the same holder and leader cells: each is parsed once per table
    cache, holder_cols = _Cache(), [cols[c] for c in (*roles, "leaders", "owner") if c in cols]
    read = tasks = 0
    for number, raw in table.numbered():
        read += 1
        cell = [*raw, *[""] * (len(table.headers) - len(raw)), ""]
        task = norm(cell[text_col])
        measure = norm(cell[get["measures"]])
        merged = text_col in table.filled.get(number, ()) or text_col in table.filled.get(
            number + 1, ()
        )
        sub = _sub_duty(measure, merged)
        duty = norm(sub) if sub else task
        found: list[tuple[str, str, str, str]] = []  # unit, post, person, role
        if _merged_across(cell, text_col, holder_cols, norm):
            skipped.append(SkippedRow(table.label, number, f"a row merged across the table "
                                      f"(a total, note or signature row): {task}"))  # fmt: skip
            continue
        found += _units(table, roles, cell, number, split, cache=cache)
        if "leaders" in cols and cell[cols["leaders"]].strip():
            found += _leaders(cell[cols["leaders"]], scope_unit, number, warnings, cache)
        found += _owners(cell[cols["owner"]], unit or scope_unit, cache) if "owner" in cols else []
        if unit and duty and not any(f[3] == "lead" for f in found):
            notes.append(f"row {number}: no lead named: the sheet's unit '{unit}' leads the task")
            found.insert(0, (unit, "", "", "lead"))
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
            # every cell normalised here (memoised: tables repeat cells), so the builder
            # takes the rows as clean and does not normalise them a second time
            rows.append([duty, norm(name), norm(post), norm(person), role, scope_unit,
                         norm(cell[get["category"]]), norm(cell[get["indicator"]]),
                         "" if sub else measure, norm(cell[get["deadline"]]),
                         norm(cell[get["id"]])])  # fmt: skip
            numbers.append(number)
    placeholders = [h for h in holders if is_placeholder(h)]
    if placeholders:
        warnings.append(PLACEHOLDER_WARNING + ", ".join(placeholders))
    reading = Reading(
        "task_table", (table.label,), _columns(table, roles, said), scope_unit, scope_from,
        tuple(split), tuple(notes), tuple(warnings),
        {"rows": read, "tasks": tasks, "holders": len(rows), "skipped": len(skipped)},
        header_rows=((table.label, table.header_rows),),
        supervision=tuple(dict.fromkeys(r[1] for r in rows if r[4] == "supervisory")),
    )  # fmt: skip
    return TaskRows(
        table, rows, numbers, implied_units(scope_unit, holders), reading, skipped, clean=True
    )


_TOTALS = frozenset({"合计", "总计", "小计", "总分"})
_UNIT_ENDS = ("中心", "办公室", "处", "科", "室", "部", "委", "局", "组", "所", "站", "院", "支部")


def _merged_across(
    cell: list[str], text_col: int, holder_cols: list[int], norm: Normalizer
) -> bool:
    """Return whether the row is one cell merged across the table (a total or signature)."""
    text = cell[text_col].strip()
    if norm(text) in _TOTALS or norm(cell[0]) in _TOTALS:
        return True
    return bool(text) and any(cell[i].strip() == text for i in holder_cols)


@dataclass
class _Cache:
    """What the cells of one table parsed to, by the cell as written (tables repeat cells)."""

    holders: dict[str, tuple[str, ...]] = field(default_factory=dict)
    leaders: dict[str, tuple[LeaderEntry, ...]] = field(default_factory=dict)
    owners: dict[tuple[str, str], list[tuple[str, str, str, str]]] = field(default_factory=dict)

    def parts(self, written: str) -> tuple[str, ...]:
        """Return the holders of a cell (:func:`parse_holders`), parsed once per text."""
        found = self.holders.get(written)
        if found is None:
            found = self.holders[written] = parse_holders(written).parts if written.strip() else ()
        return found

    def entries(self, written: str) -> tuple[LeaderEntry, ...]:
        """Return the leaders of a cell (:func:`parse_leaders`), parsed once per text."""
        found = self.leaders.get(written)
        if found is None:
            found = self.leaders[written] = parse_leaders(written)
        return found


def _units(
    table: Table,
    roles: dict[str, str],
    cell: list[str],
    number: int,
    split: list[str],
    *,
    cache: _Cache,
) -> list[tuple[str, str, str, str]]:
    """Return the units of the row's holder columns, each with its column's role."""
    found = []
    for column, role in roles.items():
        written = cell[table.columns[column]]
        parts = cache.parts(written)
        if len(parts) > 1:
            split.append(f"row {number}, {table.header(column)}: "
                         f"'{clean(written)}' → {len(parts)} holders")  # fmt: skip
        found += [(p, "", "", role) for p in parts]
    return found


def _leaders(
    written: str, scope: str, number: int, warnings: list[str], cache: _Cache
) -> list[tuple[str, str, str, str]]:
    """Return the posts of a leader cell (role ``direct``); warn of a post kept whole."""
    out = []
    for entry in cache.entries(written):
        if not entry.certain:
            warnings.append(
                f"row {number}: leader '{entry.text}' kept whole as the post "
                f"({entry.reason or 'the split of post and name is unsure'})"
            )
        post, person = (entry.post, entry.person) if entry.certain else (entry.text, "")
        out.append((scope, post, person, "direct"))
    return out


def _owners(
    written: str, unit: str, cache: _Cache | None = None
) -> list[tuple[str, str, str, str]]:
    """Return the holders of a 责任人 cell: posts of ``unit`` ("部长王凯"), or units named.

    Examples
    --------
    >>> _owners("部长王凯、心理健康教育中心", "学生工作部")
    [('学生工作部', '部长', '王凯', 'lead'), ('心理健康教育中心', '', '', 'lead')]
    """
    if cache is None:
        cache = _Cache()
    key = (written, unit)
    known = cache.owners.get(key)
    if known is not None:
        return list(known)
    out = []
    for part in cache.parts(written):
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
    cache.owners[key] = out
    return list(out)


def implied_units(scope: str, holders: dict[str, None]) -> UnitsTable:
    """Return the hierarchy the document implies: the scope unit, every holder unit under it."""
    names = [clean(scope), *(clean(h) for h in holders if clean(h) != clean(scope))]
    units = [Unit(id=names[0], kind=infer_unit_kind(names[0]))]
    units += [
        Unit(id=n, parent=names[0], kind=infer_unit_kind(n)) for n in dict.fromkeys(names[1:])
    ]
    return UnitsTable(units=units)

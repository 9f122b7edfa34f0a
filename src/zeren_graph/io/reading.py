"""How a file was read: the :class:`Reading` a load records, for the user to see and correct.

Every decision of the locate and interpret steps lands here: the layout found
(``long`` or ``task_table``), the sheets used, each header's reading (field and
role, or ``ignore`` and why), the scope and where it came from, the cells split
into several holders, and the notes and warnings. :func:`zeren_graph.io.read`
puts it on :attr:`~zeren_graph.io.LoadReport.reading`; ``zeren info`` prints it.

Examples
--------
>>> r = Reading("task_table", ("清单.csv",), (ColumnReading("牵头单位", None, "holder", "lead"),),
...             scope="乙镇党委", scope_from="the title row")
>>> r.to_dict()["columns"]
[{'header': '牵头单位', 'sheet': None, 'field': 'holder', 'role': 'lead'}]
>>> print(r.describe().splitlines()[0])
layout: task_table (sheets: 清单.csv)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ColumnReading", "Reading", "long_reading"]


@dataclass(frozen=True, slots=True)
class ColumnReading:
    """How one header was read: the field it fills (``ignore`` if none) and the role it gives."""

    header: str
    sheet: str | None
    field: str
    role: str | None = None
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: ``header``, ``sheet``, ``field``, ``role`` (and ``why``)."""
        found: dict[str, Any] = {
            "header": self.header,
            "sheet": self.sheet,
            "field": self.field,
            "role": self.role,
        }
        if self.why:
            found["why"] = self.why
        return found


@dataclass(frozen=True)
class Reading:
    """How a file was read (see the module's description).

    Attributes
    ----------
    layout : str
        ``long`` (one row per duty × holder × role) or ``task_table`` (one row per task).
    sheets : tuple of str
        The sheets (or tables of a Word document, or the file itself) read.
    columns : tuple of ColumnReading
        Every header of the header row, as read.
    scope, scope_from : str or None, str
        The issuing body every duty covers (task tables) and where it was found.
    split : tuple of str
        The cells split into several holders (``row 4, 牵头单位: 'A、B' → 2 holders``).
    notes, warnings : tuple of str
        What the reading decided (hierarchy implied, sub-rows read as duties ...) and what
        the user should look at (a leader cell kept whole, placeholder holders ...).
    rows, tasks, holders, assignments, skipped : int
        Data rows read, tasks found, holders after splitting, assignments built, rows
        skipped; ``tasks + skipped == rows`` for a task table, ``assignments + skipped ==
        rows`` for a long list.
    header_rows : tuple of (str, tuple of int)
        Each sheet's header row(s): two for a group header over a second row (责任分工).
    per_sheet : tuple of (str, dict)
        The counts of each sheet, when several sheets were read into one model.
    not_read : tuple of (str, str)
        The sheets not read, each with why (a note sheet, a hidden sheet ...).
    supervision : tuple of str
        The holders the layout states as supervising the whole document (a 督办单位
        column's units, a grouped list's 纪委 section), for the checks (ZG104).
    """

    layout: str
    sheets: tuple[str, ...]
    columns: tuple[ColumnReading, ...]
    scope: str | None = None
    scope_from: str = ""
    split: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    header_rows: tuple[tuple[str, tuple[int, ...]], ...] = ()
    per_sheet: tuple[tuple[str, dict[str, int]], ...] = ()
    not_read: tuple[tuple[str, str], ...] = ()
    supervision: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (the ``reading`` key of ``zeren info --format json``)."""
        return {
            "layout": self.layout,
            "sheets": list(self.sheets),
            "columns": [c.to_dict() for c in self.columns],
            "scope": self.scope,
            "scope_from": self.scope_from,
            "split": list(self.split),
            "notes": list(self.notes),
            "warnings": list(self.warnings),
            "counts": dict(self.counts),
            "header_rows": [{"sheet": s, "rows": list(r)} for s, r in self.header_rows],
            "per_sheet": [{"sheet": s, **c} for s, c in self.per_sheet],
            "not_read": [{"sheet": s, "why": w} for s, w in self.not_read],
            "supervision": list(self.supervision),
        }

    def describe(self) -> str:
        """Return the reading as text lines ("how the file was read")."""
        lines = [f"layout: {self.layout} (sheets: {', '.join(self.sheets) or '-'})"]
        if self.scope is not None:
            lines.append(f"scope: {self.scope} (from {self.scope_from})")
        for sheet, rows in self.header_rows:
            if len(rows) > 1:
                lines.append(f"header rows {', '.join(map(str, rows))} of {sheet} (a group header)")
        lines.append("columns:")
        for c in self.columns:
            role = f", role {c.role}" if c.role else ""
            why = f" ({c.why})" if c.why else ""
            lines.append(f"  {c.header} → {c.field}{role}{why}")
        if self.counts:
            lines.append("counts: " + ", ".join(f"{k} {v}" for k, v in self.counts.items()))
        for sheet, counts in self.per_sheet:
            lines.append(f"  {sheet}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        lines += [f"not read: {sheet} ({why})" for sheet, why in self.not_read]
        if self.supervision:
            lines.append("supervises the whole document: " + ", ".join(self.supervision))
        lines += [f"split: {s}" for s in self.split]
        lines += [f"note: {n}" for n in self.notes]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def long_reading(
    sheet: str, headers: list[str], columns: dict[str, int], counts: dict[str, int]
) -> Reading:
    """Return the reading of a long list: each header's column, or ``ignore``.

    Examples
    --------
    >>> r = long_reading("清单.csv", ["职责", "备注"], {"duty": 0}, {"rows": 1})
    >>> [(c.header, c.field) for c in r.columns]
    [('职责', 'duty'), ('备注', 'ignore')]
    """
    by_index = {i: c for c, i in columns.items()}
    found = tuple(
        ColumnReading(h, sheet, by_index[i], None)
        if i in by_index
        else ColumnReading(h, sheet, "ignore", None, "not a column of the list format")
        for i, h in enumerate(headers)
        if h
    )
    return Reading("long", (sheet,), found, counts=counts)

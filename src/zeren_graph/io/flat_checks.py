"""The slow path of reading a flat list: checking a row the fast path could not take.

:class:`RowChecks` is the part of the list builder (:mod:`zeren_graph.io.flat`)
that logs each problem of a bad row (missing or unknown values, units not in the
units table, a person without a post, conflicting categories or parent duties,
duplicate row ids) — every problem of every row, before one error is raised. The
fast path of :mod:`~zeren_graph.io.flat` calls it only for rows it cannot take.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zeren_graph.errors import Problem
from zeren_graph.io.derive import DutyRecord
from zeren_graph.io.report import ProblemLog, SkippedRow, shown, vocabulary_hint
from zeren_graph.io.tabular import Table
from zeren_graph.io.text import clean
from zeren_graph.vocab import Category, Role, parse

__all__ = ["FlatStats", "RowChecks"]


@dataclass
class FlatStats:
    """What reading a list produced besides the model."""

    rows: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


class RowChecks:
    """Checks of a bad row, logging its problems (a base of the list builder)."""

    table: Table
    label: str
    log: ProblemLog
    stats: FlatStats
    known: set[str] | None
    roles: dict[str, Role]
    row_ids: dict[str, int]
    categories: dict[str, Category | None]
    i_id: int

    def problem(  # noqa: PLR0917 - private, called with the cells in row order
        self, code: str, row: int, column: str, value: str, msg: str, hint: str
    ) -> None:
        """Log a problem of ``row`` in ``column``."""
        header = self.table.header(column)
        self.log.add(Problem(code, msg, file=self.label, row=row, column=header, value=value,
                             hint=hint))  # fmt: skip

    def diagnose(self, number: int, raw: list[str], values: tuple[str, ...]) -> Role | None:
        """Check a row the fast path could not take; log its problems; its role if none."""
        duty, unit, role_text, title, person, scope = values[:6]
        scope = scope or unit
        if not (duty or unit or role_text):
            content = [c.strip() for c in raw if c.strip()]
            reason = "no duty, unit or role: " + " | ".join(content) if content else "empty row"
            self.stats.skipped.append(SkippedRow(self.label, number, reason))
            return None
        before = len(self.log.problems)
        for column, value in (("duty", duty), ("unit", unit), ("role", role_text)):
            if not value:
                self.problem("missing-value", number, column, "", f"the {column} is empty",
                             f"fill in the {column}, or delete the row")  # fmt: skip
        role = self.roles.get(role_text) or parse(Role, role_text) if role_text else None
        if role is not None:
            self.roles[role_text] = role
        elif role_text:
            hint = vocabulary_hint(Role, role_text)
            self.problem(
                "unknown-value", number, "role", role_text, f"unknown role {shown(role_text)}", hint
            )
        for column, name in (("unit", unit), ("scope", scope)):
            if self.known is not None and name and name not in self.known:
                self.problem("unknown-reference", number, column, name,
                             f"unit {shown(name)} is not in the units table",
                             self.log.suggest(name, self.known) or "add it to the units table",
                             )  # fmt: skip
            if scope == unit:
                break
        if person and not title:
            self.problem("invalid-value", number, "person", person,
                         "a person is named but no post (the row is for the unit as a whole)",
                         "fill in the post, or clear the person")  # fmt: skip
        if len(self.log.problems) == before:
            return role
        self.rest_of_bad_row(number, raw, values[6])
        return None

    def rest_of_bad_row(self, number: int, raw: list[str], category: str) -> None:
        """Check what a bad row's later cells hold, as it goes no further."""
        if category and parse(Category, category) is None:
            hint = vocabulary_hint(Category, category)
            self.problem("unknown-value", number, "category", category,
                         f"unknown category {shown(category)}", hint)  # fmt: skip
        row_id = clean(raw[self.i_id])
        if row_id:
            if self.i_id in self.table.filled.get(number, ()):
                row_id = self.merged_id(number, row_id)
            if self.row_ids.setdefault(row_id, number) != number:
                self.duplicate_id(number, row_id)

    def category(self, number: int, record: DutyRecord, text: str) -> None:
        """Record the duty's category; log an unknown one or a conflict."""
        if text not in self.categories:
            self.categories[text] = parse(Category, text)
        category = self.categories[text]
        if category is None:
            hint = vocabulary_hint(Category, text)
            self.problem(
                "unknown-value", number, "category", text, f"unknown category {shown(text)}", hint
            )
        elif record.category is None:
            record.category, record.category_text, record.category_row = category, text, number
        elif category is not record.category:
            self.conflict(
                number, "category", text, record.category_text, record.category_row, record.name
            )

    def derived(self, number: int, record: DutyRecord, name: str) -> None:
        """Record the duty's parent duty; log a conflict."""
        if record.derived is None:
            record.derived, record.derived_row = name, number
        else:
            self.conflict(
                number, "derived_from", name, record.derived, record.derived_row, record.name
            )

    def conflict(self, number: int, column: str, value: str, *first: str | int) -> None:
        """Log a duty given two values of ``column``."""
        before, row, duty = first
        self.problem("conflicting-value", number, column, value,
                     f"duty {shown(duty)} has {column} {shown(value)} here but {shown(before)} "
                     f"in row {row}",
                     f"use one {column} on every row of the duty")  # fmt: skip

    def merged_id(self, number: int, value: str) -> str:
        """Return the id of a row under a merged id cell: ``3``, ``3-2``, ``3-3``."""
        first = number
        while self.i_id in self.table.filled.get(first, ()):
            first -= 1
        return f"{value}-{number - first + 1}"

    def duplicate_id(self, number: int, value: str) -> None:
        """Log a row id used twice."""
        first = self.row_ids[value]
        self.problem("duplicate-id", number, "id", value,
                     f"row id {shown(value)} is used twice (rows {first} and {number})",
                     "give every row its own id, or leave the id empty")  # fmt: skip

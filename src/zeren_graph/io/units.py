"""Units tables (单位表): one row per unit, giving the hierarchy and the unit's facts.

Columns: ``unit`` 单位 (required), ``parent`` 上级单位 (empty = a root),
``kind`` 类型 (empty = guessed from the name's ending, e.g. 党委 → committee),
``level`` 层级, ``sectors`` 行业, ``party_members`` 党员数, ``party_staff``
党务人员, ``has_party_org`` 建立党组织, ``remote`` 偏远, ``guided_by`` 业务指导
(units separated by 、 or commas).

Examples
--------
>>> from zeren_graph.io.tabular import make_table
>>> t = make_table("单位表.csv", None, [["单位", "上级单位", "偏远"], ["县委", "", ""],
...                 ["乙镇党委", "县委", "是"]], UNIT_COLUMNS)
>>> [(u.id, u.parent, u.kind.value, u.remote) for u in read_units_table(t).units]
[('县委', None, 'committee', None), ('乙镇党委', '县委', 'committee', True)]
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from zeren_graph.errors import Problem, raise_problems
from zeren_graph.io._build import construct
from zeren_graph.io.columns import UNIT_COLUMNS
from zeren_graph.io.formats.book import BOOK_SUFFIXES, Book, open_book
from zeren_graph.io.formats.delimited import open_csv
from zeren_graph.io.report import ProblemLog, SkippedRow, shown, vocabulary_hint
from zeren_graph.io.tabular import UNIT_SHEETS, Table, ignored_columns
from zeren_graph.io.text import Normalizer
from zeren_graph.limits import current
from zeren_graph.model import Source, Unit
from zeren_graph.vocab import UnitKind, parse, parse_bool

__all__ = ["UnitsTable", "infer_unit_kind", "load_units", "open_units", "read_units_table"]

_NAME_KINDS: dict[str, UnitKind] = {
    "纪委": UnitKind.discipline_commission,
    "纪工委": UnitKind.discipline_commission,
    "纪检组": UnitKind.discipline_commission,
    "党工委": UnitKind.working_committee,
    "工委": UnitKind.working_committee,
    "党总支": UnitKind.general_branch,
    "总支": UnitKind.general_branch,
    "支部": UnitKind.branch,
    "党委": UnitKind.committee,
    "县委": UnitKind.committee,
    "市委": UnitKind.committee,
    "区委": UnitKind.committee,
    "省委": UnitKind.committee,
    "州委": UnitKind.committee,
    "旗委": UnitKind.committee,
    "党组": UnitKind.party_group,
    "领导小组": UnitKind.leading_group,
    "政府": UnitKind.government,
    "公司": UnitKind.enterprise,
    "社区": UnitKind.community,
    "村": UnitKind.village,
}


def infer_unit_kind(name: str) -> UnitKind:
    """Guess a unit's kind from the ending of its Chinese name (``other`` if unsure).

    Examples
    --------
    >>> infer_unit_kind("乙镇党委"), infer_unit_kind("甲村党支部"), infer_unit_kind("财政局")
    (<UnitKind.committee: 'committee'>, <UnitKind.branch: 'branch'>, <UnitKind.other: 'other'>)
    """
    for length in (4, 3, 2, 1):  # the longest ending wins: 纪工委 before 工委
        kind = _NAME_KINDS.get(name[-length:])
        if kind is not None:
            return kind
    return UnitKind.other


@dataclass
class UnitsTable:
    """The units read from a units table, and what was skipped."""

    units: list[Unit]
    rows: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    file: str = ""
    warnings: list[Warning] = field(default_factory=list)


def _split(value: str) -> tuple[str, ...]:
    for sep in ("，", "、", ";", "；"):
        value = value.replace(sep, ",")
    return tuple(v.strip() for v in value.split(",") if v.strip())


_CELLS: tuple[str, ...] = (
    "unit",
    "parent",
    "kind",
    "level",
    "sectors",
    "party_members",
    "party_staff",
)
_CELLS += ("has_party_org", "remote", "guided_by")


class _RowReader:
    """Parses the optional cells of units-table rows, logging problems.

    Parsed values are cached per column: a units table repeats the same
    kinds, levels, counts and yes/no answers on many rows.
    """

    def __init__(self, table: Table, log: ProblemLog) -> None:
        self.table, self.log = table, log
        self.cache: dict[str, dict[str, Any]] = {c: {"": None} for c in _CELLS}

    def bad(self, row: int, column: str, value: str, message: str, hint: str) -> None:
        code = "unknown-value" if column == "kind" else "invalid-value"
        header = self.table.header(column)
        self.log.add(
            Problem(code, message, file=self.table.label, row=row, column=header, value=value,
                    hint=hint)
        )  # fmt: skip

    def parse(self, row: int, column: str, value: str) -> Any:
        """Return the parsed cell (cached), or ``None`` after logging a problem."""
        cache = self.cache[column]
        try:
            return cache[value]
        except KeyError:
            pass
        if column == "kind":
            parsed: Any = parse(UnitKind, value)
            if parsed is None:
                self.bad(
                    row,
                    column,
                    value,
                    f"unknown unit kind {shown(value)}",
                    vocabulary_hint(UnitKind, value),
                )
                return UnitKind.other
        elif column in ("has_party_org", "remote"):
            parsed = parse_bool(value)
            if parsed is None:
                self.bad(
                    row, column, value, f"expected yes or no, got {shown(value)}", "write 是/否"
                )
                return None
        else:
            whole = column == "party_members"
            parsed = _number(value, whole=whole)
            if isinstance(parsed, str):
                self.bad(row, column, value, parsed, _number_hint(whole))
                return None
        cache[value] = parsed
        return parsed


_NUMBER = re.compile(r"\+?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?")


def _number(value: str, *, whole: bool) -> float | int | str:  # noqa: PLR0911
    """Return the number ``value`` holds, or the message saying why it is not one.

    Whole numbers are read from the text, never through a float, so no digit is
    rounded away; they may have at most ``int_digits`` digits. Other numbers
    must be finite: ``nan``, ``inf`` and ``1e400`` are refused.

    Examples
    --------
    >>> _number("52", whole=True), _number("52.0", whole=True), _number("0.5", whole=False)
    (52, 52, 0.5)
    >>> print(_number("nan", whole=False))
    expected a number ≥ 0, got 'nan'
    >>> print(_number("1e400", whole=False))
    expected a finite number ≥ 0, got '1e400'
    >>> print(_number("12345678901234567890", whole=True))
    expected a whole number ≥ 0 of at most 18 digits, got '12345678901234567890' (20 digits)
    """
    what = "a whole number ≥ 0" if whole else "a number ≥ 0"
    match = _NUMBER.fullmatch(value)
    if match is None:
        return f"expected {what}, got {shown(value)}"
    digits, fraction, _, exponent = match.groups()
    if whole:
        if digits is None or exponent is not None or (fraction and fraction.strip("0")):
            return f"expected {what}, got {shown(value)}"
        significant = digits.lstrip("0") or "0"
        limit = current().int_digits
        if len(significant) > limit:
            return (
                f"expected {what} of at most {limit} digits, got {shown(value)} "
                f"({len(significant)} digits)"
            )
        return int(significant)
    if len(value) > current().int_digits + 20:
        return f"expected {what}, got {shown(value)} ({len(value)} characters)"
    number = float(value)
    if not math.isfinite(number):
        return f"expected a finite number ≥ 0, got {shown(value)}"
    return number


def _number_hint(whole: bool) -> str:
    if whole:
        return f"write a whole number such as 52 (at most {current().describe('int_digits')})"
    return "write a number such as 0.5"


def read_units_table(table: Table) -> UnitsTable:
    """Build the units of a units table, reporting every problem at once.

    Raises
    ------
    InputError
        (or the specific child) with every bad cell, duplicate unit, unknown
        parent and hierarchy cycle.

    Examples
    --------
    >>> from zeren_graph.io.tabular import make_table
    >>> t = make_table("单位表.csv", None, [["单位", "党员数"], ["县委", "52"], [], ["县委", ""]],
    ...                UNIT_COLUMNS)
    >>> read_units_table(t)
    Traceback (most recent call last):
    ...
    zeren_graph.errors.DuplicateIdError: 单位表.csv, row 4, column '单位': unit '县委' ...
    """
    log, norm = ProblemLog(), Normalizer()
    reader = _RowReader(table, log)
    result = UnitsTable(units=[], file=table.label)
    first_row: dict[str, int] = {}
    pick = itemgetter(*(table.columns.get(c, -1) for c in _CELLS))
    width = max(table.columns.values()) + 1
    for number, raw in table.numbered():
        result.rows += 1
        if len(raw) < width:
            raw.extend([""] * (width - len(raw)))
        raw.append("")  # index -1: the cell of every absent column
        cells = pick(raw) if table.clean else tuple(map(norm, pick(raw)))
        name = cells[0]
        if not name:
            if any(cells):
                reader.bad(number, "unit", "", "the unit name is empty", "fill in the unit")
            else:
                result.skipped.append(SkippedRow(table.label, number, "empty row"))
        elif name in first_row:
            log.add(_duplicate(table, number, name, first_row[name]))
        else:
            first_row[name] = number
            result.units.append(_unit(reader, number, cells))
    if not result.rows:
        raise table.no_data()
    result.skipped[:0] = [SkippedRow(table.label, r, "empty row") for r in table.empty_rows]
    result.warnings += table.warnings
    result.warnings += table.stray_warnings()
    ignored = ignored_columns(table, UNIT_COLUMNS, "the units table format")
    if ignored is not None:
        result.warnings.append(ignored)
    _check_references(table, result.units, log)
    _check_cycles(table, result.units, first_row, log)
    raise_problems(log.problems)
    return result


def _unit(reader: _RowReader, number: int, cells: tuple[str, ...]) -> Unit:
    name, parent, kind, level, sectors, members, staff, org, remote, guided = cells
    p = reader.parse
    source = construct(
        Source, {"file": reader.table.file, "row": number, "sheet": reader.table.sheet}
    )
    values: dict[str, Any] = {
        "id": name,
        "name": name,
        "parent": parent or None,
        "kind": p(number, "kind", kind) if kind else infer_unit_kind(name),
        "level": level or None,
        "sectors": _split(sectors) if sectors else (),
        "party_members": p(number, "party_members", members) if members else None,
        "party_staff": p(number, "party_staff", staff) if staff else None,
        "has_party_org": p(number, "has_party_org", org) if org else None,
        "remote": p(number, "remote", remote) if remote else None,
        "guided_by": _split(guided) if guided else (),
        "source": source,
    }
    return construct(Unit, values)


def _duplicate(table: Table, row: int, name: str, first: int) -> Problem:
    return Problem(
        "duplicate-id",
        f"unit {shown(name)} is listed twice (rows {first} and {row})",
        file=table.label,
        row=row,
        column=table.header("unit"),
        value=name,
        hint="keep one row per unit",
    )


def _check_references(table: Table, units: list[Unit], log: ProblemLog) -> None:
    known = {u.id for u in units}
    for u in units:
        refs = [("parent", u.parent)] if u.parent else []
        refs += [("guided_by", g) for g in u.guided_by]
        for column, ref in refs:
            if ref in known:
                continue
            log.add(
                Problem(
                    "unknown-reference",
                    f"{column.replace('_', ' ')} {shown(ref)} of unit {shown(u.id)} is not in "
                    "the units table",
                    file=table.label,
                    row=u.source.row if u.source else None,
                    column=table.header(column),
                    value=ref,
                    hint=log.suggest(ref, known) or "add a row for it, or leave the cell empty",
                )
            )


def _check_cycles(table: Table, units: list[Unit], rows: dict[str, int], log: ProblemLog) -> None:
    parent = {u.id: u.parent for u in units}
    state: dict[str, int] = {}
    for start in parent:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in parent and node not in state:
            state[node] = 1
            path.append(node)
            node = parent[node]
        if node is not None and state.get(node) == 1:
            cycle = path[path.index(node) :]
            log.add(
                Problem(
                    "hierarchy-cycle",
                    "the unit hierarchy has a cycle: " + " → ".join([*cycle, node]),
                    file=table.label,
                    row=rows[node],
                    column=table.header("parent") if "parent" in table.columns else None,
                    value=node,
                    hint="units in the cycle: " + ", ".join(cycle) + "; give one of them another "
                    "parent (or none, for a root)",
                )
            )
        for n in path:
            state[n] = 2


def open_units(path: str | Path, workbook: Book | None = None) -> Table:
    r"""Open the units table in ``path``: a CSV file, a workbook's units sheet or a Word table.

    In a workbook (``.xlsx``, ``.xls``) the visible sheet named ``units``,
    ``单位`` or ``单位表`` is used, else the first visible sheet; hidden sheets
    are skipped and named in the table's warnings. In a Word document
    (``.docx``) the first table whose header holds the units columns is used.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "单位表.csv"
    >>> _ = f.write_text("说明：2024年\n单位,上级单位\n县委,\n", encoding="utf-8")
    >>> open_units(f).header_row
    2
    """
    if workbook is not None:
        return workbook.table(_units_sheet(workbook), UNIT_COLUMNS)
    if Path(path).suffix.lower() not in BOOK_SUFFIXES:
        return open_csv(path, UNIT_COLUMNS)
    with open_book(path) as book:
        table = book.table(_units_sheet(book), UNIT_COLUMNS)
        table.warnings += book.notes()
    return table


def _units_sheet(book: Book) -> str:
    """Return the visible sheet named as a units table, else the first visible sheet."""
    sheet = book.pick(UNIT_SHEETS, UNIT_COLUMNS) or (book.sheets[0] if book.sheets else None)
    if sheet is None:
        raise book.missing(f"the file has no visible {book.kind} for the units table")
    return sheet


def load_units(path: str | Path) -> tuple[Unit, ...]:
    r"""Load a units table (CSV, XLSX, XLS or DOCX) into units.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "单位表.csv"
    >>> _ = f.write_text("单位,上级单位\n县委,\n乙镇党委,县委\n", encoding="utf-8-sig")
    >>> [u.id for u in load_units(f)]
    ['县委', '乙镇党委']
    """
    return tuple(read_units_table(open_units(path)).units)

"""Exporters: a model as YAML or JSON, as a flat CSV/XLSX list, and its units table.

The YAML and JSON exporters keep the field order of the models and omit
default values (and a unit's or person's ``name`` when it equals its ``id``),
so files stay short and diffable. Reading what they write gives the same model.

Examples
--------
>>> from zeren_graph.model import Unit
>>> m = ResponsibilityModel(units=[Unit(id="县委", kind="党委"),
...                               Unit(id="乙镇党委", parent="县委")])
>>> print(dump_yaml(m), end="")
units:
- id: 县委
  kind: committee
- id: 乙镇党委
  parent: 县委
"""

from __future__ import annotations

import contextlib
import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import yaml

from zeren_graph._display import excerpt
from zeren_graph.errors import OutputError
from zeren_graph.io.columns import LIST_COLUMNS, UNIT_COLUMNS, ColumnSet
from zeren_graph.model import ResponsibilityModel, Unit
from zeren_graph.output.atomic import atomic_path, refuse_symlink
from zeren_graph.output.escape import CSV_TRIGGERS, csv_cell, json_text, nonfinite_paths
from zeren_graph.vocab import ALIASES, Category, Role

__all__ = [
    "dump_json",
    "dump_yaml",
    "json_schema",
    "list_rows",
    "schema_text",
    "to_document",
    "unit_rows",
    "write_list",
    "write_units",
    "write_workbook",
]

Headers = Literal["en", "zh"]


def to_document(model: ResponsibilityModel) -> dict[str, Any]:
    """Return the model as plain data: what :func:`dump_yaml` and :func:`dump_json` write.

    Examples
    --------
    >>> to_document(ResponsibilityModel(has_hierarchy=False))
    {'has_hierarchy': False}
    """
    data: dict[str, Any] = model.model_dump(mode="json", exclude_defaults=True)
    for key in ("units", "persons"):
        for item in data.get(key, ()):
            if item.get("name") == item["id"]:
                del item["name"]
    return data


def _check_finite(document: dict[str, Any]) -> None:
    paths = nonfinite_paths(document)
    if paths:
        shown = ", ".join(excerpt(p, 60) for p in paths[:5])
        raise OutputError(
            f"the model holds a number that cannot be written (NaN or infinity) at {shown}",
            hint="correct the value in the input; the loaders refuse such numbers",
        )


def dump_yaml(model: ResponsibilityModel) -> str:
    """Return the model as a YAML document (UTF-8 text, Chinese unescaped).

    Raises
    ------
    OutputError
        When the model holds NaN or infinity (no loader would read it back).

    Examples
    --------
    >>> print(dump_yaml(ResponsibilityModel(name="乙镇", has_hierarchy=False)), end="")
    name: 乙镇
    has_hierarchy: false
    """
    document = to_document(model)
    _check_finite(document)
    return yaml.safe_dump(
        document,
        allow_unicode=True,
        sort_keys=False,
        width=1000,
        default_flow_style=False,
    )


def dump_json(model: ResponsibilityModel) -> str:
    """Return the model as a JSON document, indented, Chinese unescaped.

    Raises
    ------
    OutputError
        When the model holds NaN or infinity, which JSON cannot represent.

    Examples
    --------
    >>> print(dump_json(ResponsibilityModel(name="乙镇")), end="")
    {
      "name": "乙镇"
    }
    """
    document = to_document(model)
    _check_finite(document)
    return json_text(document, what="the model") + "\n"


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of native documents (generated from the models).

    Examples
    --------
    >>> sorted(json_schema()["properties"])[:3]
    ['assignments', 'document_supervisors', 'duties']
    """
    return ResponsibilityModel.model_json_schema()


def schema_text() -> str:
    """Return the text of ``docs/schema.json``.

    Regenerate the file with
    ``python -c "from zeren_graph.io import schema_text; print(schema_text(), end='')" >
    docs/schema.json``.

    Examples
    --------
    >>> schema_text().startswith("{")
    True
    """
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


#: The Chinese word written for each role and category (the first alias otherwise).
_PREFERRED = {"first_responsible": "第一责任人", "primary": "主体责任", "direct": "直接责任"}


def _chinese(enum: type[Role] | type[Category], value: str) -> str:
    preferred = _PREFERRED.get(value)
    if preferred is not None:
        return preferred
    return next((k for k, v in ALIASES[enum].items() if v == value), value)


def _header_row(columns: ColumnSet, headers: Headers) -> list[str]:
    return [columns.chinese(c) if headers == "zh" else c for c in columns.aliases]


def _row_ids(model: ResponsibilityModel) -> list[str]:
    """Return each assignment's row id: its own, made unique where several share one.

    A task table gives every holder of a task the task's number; a long list
    needs one id per row, so the second holder of task ``4`` is written
    ``4.2``, the third ``4.3`` … (skipping ids already in use).

    Examples
    --------
    >>> from zeren_graph.model import Assignment
    >>> a = [Assignment(duty="d", holder=h, collective=True, role="lead", id=i)
    ...      for h, i in [("甲", "4"), ("乙", "4"), ("丙", "4.2"), ("丁", None)]]
    >>> _row_ids(ResponsibilityModel.model_construct(assignments=a))
    ['4', '4.3', '4.2', '']
    """
    taken = {a.id for a in model.assignments if a.id}
    seen: set[str] = set()
    counts: dict[str, int] = {}
    out = []
    for a in model.assignments:
        row_id = a.id or ""
        if row_id and row_id in seen:
            k = counts.get(row_id, 1)
            candidate = row_id
            while candidate in taken:
                k += 1
                candidate = f"{row_id}.{k}"
            counts[row_id] = k
            taken.add(candidate)
            row_id = candidate
        seen.add(row_id)
        out.append(row_id)
    return out


def list_rows(model: ResponsibilityModel, *, headers: Headers = "en") -> list[list[str]]:
    """Return the flat list of ``model``: a header row, then one row per assignment.

    Roles and categories are written in English, or in Chinese with ``headers="zh"``.
    Duty-level indicators and frequencies fill the row when the assignment has none.
    Row ids are unique: where several assignments share one (the holders of one
    task of a task table), the second is written ``4.2``, the third ``4.3`` ….

    Examples
    --------
    >>> from zeren_graph.model import Assignment, Duty, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="乙镇党委")],
    ...     duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")],
    ...     assignments=[Assignment(duty="乙镇党委/组织生活", holder="乙镇党委",
    ...                             collective=True, role="primary")])
    >>> list_rows(m, headers="zh")[1][:5]
    ['', '组织生活', '乙镇党委', '', '']
    """
    index = model.index
    rows = [_header_row(LIST_COLUMNS, headers)]
    zh = headers == "zh"
    row_ids = _row_ids(model)
    for a, row_id in zip(model.assignments, row_ids, strict=True):
        duty = index.duties[a.duty]
        if a.collective:
            unit, title, person = a.holder, "", ""
        else:
            post = index.posts[a.holder]
            unit, title, person = post.unit, post.title, "、".join(post.holders)
        derived = index.duties[duty.derived_from].name if duty.derived_from else ""
        category = duty.category.value if duty.category else ""
        values = {
            "id": row_id,
            "duty": duty.name,
            "unit": unit,
            "post": title,
            "person": person,
            "role": _chinese(Role, a.role.value) if zh else a.role.value,
            "scope": "" if duty.scope == unit else duty.scope,
            "category": _chinese(Category, category) if zh and category else category,
            "indicator": a.indicator or duty.indicator or "",
            "frequency": a.frequency or duty.frequency or "",
            "derived_from": derived,
            "reason": a.reason or "",
            "measures": a.measures or "",
            "deadline": a.deadline or "",
        }
        rows.append([values[c] for c in LIST_COLUMNS.aliases])
    return rows


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def _flag(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def unit_rows(units: Iterable[Unit], *, headers: Headers = "en") -> list[list[str]]:
    """Return a units table: a header row, then one row per unit.

    Examples
    --------
    >>> unit_rows([Unit(id="乙镇党委", parent="县委", remote=True)], headers="zh")[1]
    ['乙镇党委', '县委', 'other', '', '', '', '', '', '是', '']
    """
    rows = [_header_row(UNIT_COLUMNS, headers)]
    for u in units:
        values = {
            "unit": u.id,
            "parent": u.parent or "",
            "kind": u.kind.value,
            "level": u.level or "",
            "sectors": "、".join(u.sectors),
            "party_members": _number(u.party_members),
            "party_staff": _number(u.party_staff),
            "has_party_org": _flag(u.has_party_org),
            "remote": _flag(u.remote),
            "guided_by": "、".join(u.guided_by),
        }
        rows.append([values[c] for c in UNIT_COLUMNS.aliases])
    return rows


def _xlsx_cells(ws: Any, row: list[str]) -> list[Any]:
    """Return ``row`` for a write-only sheet: text that would be a formula as a text cell."""
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415

    out: list[Any] = []
    for value in row:
        if value[:1] in CSV_TRIGGERS:
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"  # never a formula: openpyxl makes "=..." one
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
            out.append(cell)
        else:
            out.append(value)
    return out


def _storable(row: list[str], number: int, target: Path) -> None:
    """Raise :class:`OutputError` when a cell holds a character no workbook can store."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415

    bad = next((v for v in row if ILLEGAL_CHARACTERS_RE.search(v)), None)
    if bad is not None:
        raise OutputError(
            f"row {number} holds a control character an .xlsx workbook cannot store: "
            f"{excerpt(bad)}",
            path=str(target),
            hint="remove the control character from the name, or write CSV instead",
        )


#: The date written into a workbook's properties and zip entries, so equal tables give
#: equal bytes (a workbook written twice is the same file).
_FIXED_DATE = (2000, 1, 1, 0, 0, 0)


def _write_xlsx(sheets: list[tuple[str, list[list[str]]]], target: Path) -> None:
    """Write ``(sheet name, rows)`` pairs as one workbook, atomically and byte-stable."""
    import datetime as dt  # noqa: PLC0415
    import io  # noqa: PLC0415

    import openpyxl  # noqa: PLC0415 - only needed for workbooks

    for _, rows in sheets:
        for number, row in enumerate(rows, start=1):
            _storable(row, number, target)
    book = openpyxl.Workbook(write_only=True)  # streams rows: a million rows fit in memory
    book.properties.created = book.properties.modified = dt.datetime(*_FIXED_DATE)
    book.properties.creator = "zeren_graph"
    for sheet, rows in sheets:
        ws = book.create_sheet(sheet)
        try:
            for row in rows:
                ws.append(_xlsx_cells(ws, row))
        except BaseException:
            with contextlib.suppress(Exception):
                ws.close()  # finish openpyxl's row stream so it is not left half open
            raise
    buffer = io.BytesIO()
    book.save(buffer)
    from zeren_graph.output.stable import stable_ooxml  # noqa: PLC0415

    with atomic_path(target) as tmp:
        tmp.write_bytes(stable_ooxml(buffer.getvalue(), when=_FIXED_DATE, mode=0o600))


def _write(rows: list[list[str]], path: str | Path, sheet: str) -> None:
    target = Path(path)
    refuse_symlink(target)  # before any work: a link is never written through
    if target.suffix.lower() == ".xlsx":
        _write_xlsx([(sheet, rows)], target)
        return
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([csv_cell(c) for c in row] for row in rows)


def write_list(model: ResponsibilityModel, path: str | Path, *, headers: Headers = "en") -> None:
    """Write the flat list of ``model`` as CSV (UTF-8 with BOM, which Excel opens) or XLSX.

    The file is written to a temporary file beside ``path`` and renamed into
    place; a symbolic link at ``path`` is refused. A CSV cell a spreadsheet
    would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or
    a carriage return) is written with a leading ``'``
    (:func:`~zeren_graph.output.csv_cell`; the loaders remove it again); an
    XLSX cell is always text, never a formula.

    A flat list carries assignments and what they name; it cannot carry
    supervisions, the supervisors of the whole document, persons holding no
    post, duties or posts without assignments, or a post's ``full_time``.
    Write the units with :func:`write_units`.

    Raises
    ------
    OutputError
        When ``path`` is a symbolic link, or (XLSX) a name holds a control
        character a workbook cannot store.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from zeren_graph.model import Assignment, Duty, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="乙镇党委")],
    ...     duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")],
    ...     assignments=[Assignment(duty="乙镇党委/组织生活", holder="乙镇党委",
    ...                             collective=True, role="primary")])
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.csv"
    >>> write_list(m, f, headers="zh")
    >>> f.read_text(encoding="utf-8-sig").splitlines()[1]
    ',组织生活,乙镇党委,,,主体责任,,,,,,,,'
    """
    _write(list_rows(model, headers=headers), path, "清单" if headers == "zh" else "list")


def write_units(model: ResponsibilityModel, path: str | Path, *, headers: Headers = "en") -> None:
    """Write the units table of ``model`` as CSV (UTF-8 with BOM) or XLSX.

    Written atomically and escaped as :func:`write_list` writes.

    Raises
    ------
    OutputError
        When ``path`` is a symbolic link, or (XLSX) a name holds a control
        character a workbook cannot store.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from zeren_graph.model import Unit
    >>> m = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="乙镇党委", parent="县委")])
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "单位表.xlsx"
    >>> write_units(m, f, headers="zh")
    >>> from zeren_graph.io import load_units
    >>> [(u.id, u.parent) for u in load_units(f)]
    [('县委', None), ('乙镇党委', '县委')]
    """
    _write(unit_rows(model.units, headers=headers), path, "单位" if headers == "zh" else "units")


def write_workbook(
    model: ResponsibilityModel, path: str | Path, *, headers: Headers = "zh", units: bool = True
) -> None:
    """Write the flat list and the units table of ``model`` as one ``.xlsx`` workbook.

    The sheets are ``清单`` and ``单位表`` (``list`` and ``units`` with
    ``headers="en"``), the names the loaders look for, so the workbook reads
    back alone. With ``units=False`` the units sheet is left out (a model
    without hierarchy: a units sheet would give it one). Cells are always
    text, the file is written atomically, and the same model gives the same
    bytes (the workbook's dates are fixed).

    Raises
    ------
    OutputError
        When ``path`` is a symbolic link, or a name holds a control character
        a workbook cannot store.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from zeren_graph.model import Assignment, Duty, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="乙镇党委", parent="县委")],
    ...     duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")],
    ...     assignments=[Assignment(duty="乙镇党委/组织生活", holder="乙镇党委",
    ...                             collective=True, role="primary")])
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.xlsx"
    >>> write_workbook(m, f)
    >>> from zeren_graph.io import load
    >>> from zeren_graph.testing import canonical
    >>> canonical(load(f)) == canonical(m)
    True
    >>> first = f.read_bytes(); write_workbook(m, f); f.read_bytes() == first
    True
    """
    target = Path(path)
    refuse_symlink(target)
    zh = headers == "zh"
    sheets = [("清单" if zh else "list", list_rows(model, headers=headers))]
    if units:
        sheets.append(("单位表" if zh else "units", unit_rows(model.units, headers=headers)))
    _write_xlsx(sheets, target)

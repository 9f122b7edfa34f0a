"""Build ``county.xlsx`` from ``county.yaml``: the county list as an office keeps it in Excel.

The workbook has the sheet ``责任清单`` (a title row, then the header, one row per
duty × holder × role, the 职责/类别/考核指标/频次/上级职责 cells of a duty merged
over the rows of its holders) and the sheet ``单位表`` (the units table). The
output is deterministic: the same YAML gives the same bytes (fixed timestamps in
the zip and in the document properties).

Rebuild after editing ``county.yaml``, from the repository root::

    .venv/bin/python scenarios/lists/build_county_xlsx.py

and commit both files; ``tests/test_examples.py`` fails when the committed
workbook and a fresh build differ.

Examples
--------
>>> doc = {
...     "units": [{"id": "县委"}, {"id": "乙镇党委", "parent": "县委", "kind": "党委"}],
...     "posts": [{"id": "乙镇党委/书记", "unit": "乙镇党委", "title": "书记",
...                "holders": ["张三"]}],
...     "duties": [{"id": "乙镇党委/组织生活", "name": "组织生活", "scope": "乙镇党委"}],
...     "assignments": [{"duty": "乙镇党委/组织生活", "holder": "乙镇党委/书记",
...                      "role": "first_responsible"}],
... }
>>> list_rows(doc)[1]
['', '组织生活', '乙镇党委', '书记', '张三', '第一责任人', '乙镇党委', '', '', '', '', '']
>>> unit_table(doc)[2][:3]
['乙镇党委', '县委', '党委']
>>> build_workbook(doc)[:2]
b'PK'
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from zeren_graph.output.stable import stable_ooxml

__all__ = ["LIST_HEADERS", "UNIT_HEADERS", "build_workbook", "list_rows", "main", "unit_table"]

HERE = Path(__file__).resolve().parent

#: Headers of the list sheet, in the order an office would lay them out.
LIST_HEADERS = (
    "编号",
    "职责",
    "责任单位",
    "岗位",
    "责任人",
    "责任类型",
    "范围",
    "考核指标",
    "类别",
    "上级职责",
    "说明",
    "频次",
)
#: Headers of the units sheet.
UNIT_HEADERS = (
    "单位",
    "上级单位",
    "类型",
    "层级",
    "党员数",
    "建立党组织",
    "偏远",
    "党务人员",
    "业务指导",
    "行业",
)
#: The duty-level columns, merged over the rows of one duty.
MERGED = ("职责", "考核指标", "类别", "上级职责", "频次")

_ROLE_ZH = {
    "primary": "主体责任",
    "first_responsible": "第一责任人",
    "direct": "直接责任",
    "lead": "牵头",
    "support": "配合",
    "supervisory": "监督责任",
}
_CATEGORY_ZH = {"party_building": "党建", "business": "业务"}
_FIXED_TIME = datetime(2024, 1, 2, 9, 0, 0)
_ZIP_TIME = (2024, 1, 2, 9, 0, 0)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _holder_cells(a: Mapping[str, Any], posts: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Return 责任单位, 岗位, 责任人 of an assignment."""
    if a.get("collective"):
        return [a["holder"], "", ""]
    post = posts[a["holder"]]
    return [post["unit"], post["title"], "、".join(post.get("holders") or ())]


def list_rows(doc: Mapping[str, Any]) -> list[list[str]]:
    """Return the header and one row per assignment of a native document.

    Parameters
    ----------
    doc : mapping
        A native document as parsed from YAML (keys ``posts``, ``duties``,
        ``assignments``).

    Returns
    -------
    list of list of str
        :data:`LIST_HEADERS`, then the rows in the document's order.

    Examples
    --------
    >>> list_rows({"assignments": []})[0][:6]
    ['编号', '职责', '责任单位', '岗位', '责任人', '责任类型']
    """
    posts = {p["id"]: p for p in doc.get("posts") or ()}
    duties = {d["id"]: d for d in doc.get("duties") or ()}
    rows = [list(LIST_HEADERS)]
    for a in doc.get("assignments") or ():
        duty = duties[a["duty"]]
        parent = duties[duty["derived_from"]]["name"] if duty.get("derived_from") else ""
        role = _text(a["role"])
        category = _text(duty.get("category"))
        rows.append(
            [
                _text(a.get("id")),
                duty["name"],
                *_holder_cells(a, posts),
                _ROLE_ZH.get(role, role),
                duty["scope"],
                _text(duty.get("indicator")),
                _CATEGORY_ZH.get(category, category),
                parent,
                _text(a.get("reason")),
                _text(duty.get("frequency")),
            ]
        )
    return rows


def unit_table(doc: Mapping[str, Any]) -> list[list[Any]]:
    """Return the header and one row per unit; counts stay numbers, as in Excel.

    Examples
    --------
    >>> unit_table({"units": [{"id": "县委", "party_members": 120, "remote": False}]})[1]
    ['县委', '', '', '', 120, '', '否', '', '', '']
    """
    return [list(UNIT_HEADERS)] + [
        [
            u["id"],
            _text(u.get("parent")),
            _text(u.get("kind")),
            _text(u.get("level")),
            u.get("party_members", ""),
            _text(u.get("has_party_org")),
            _text(u.get("remote")),
            u.get("party_staff", ""),
            "、".join(u.get("guided_by") or ()),
            "、".join(u.get("sectors") or ()),
        ]
        for u in doc.get("units") or ()
    ]


def _duty_runs(doc: Mapping[str, Any]) -> list[tuple[int, int]]:
    """Return (first, last) data-row indexes (0-based) of consecutive rows of one duty."""
    runs: list[tuple[int, int]] = []
    previous = None
    for i, a in enumerate(doc.get("assignments") or ()):
        if a["duty"] == previous:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
        previous = a["duty"]
    return runs


def _fill_list_sheet(ws: Any, doc: Mapping[str, Any], title: str) -> None:
    rows = list_rows(doc)
    width = len(LIST_HEADERS)
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    thin = Side(style="thin")
    for row in rows:
        ws.append(row)
    for column in range(1, width + 1):
        ws.cell(row=2, column=column).font = Font(bold=True)
    for line in ws.iter_rows(min_row=2, max_row=len(rows) + 1):
        for cell in line:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(vertical="center", wrap_text=True)
    first_data = 3
    for start, end in _duty_runs(doc):
        if end > start:
            for name in MERGED:
                column = LIST_HEADERS.index(name) + 1
                ws.merge_cells(
                    start_row=first_data + start,
                    start_column=column,
                    end_row=first_data + end,
                    end_column=column,
                )
    widths = {"职责": 26, "责任单位": 16, "岗位": 16, "考核指标": 40, "说明": 30, "范围": 16}
    for i, name in enumerate(LIST_HEADERS, 1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(name, 10)
    ws.freeze_panes = "A3"


def _fill_units_sheet(ws: Any, doc: Mapping[str, Any]) -> None:
    for row in unit_table(doc):
        ws.append(row)
    for column in range(1, len(UNIT_HEADERS) + 1):
        ws.cell(row=1, column=column).font = Font(bold=True)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["I"].width = 14


def _deterministic(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed timestamps and fixed core-property dates."""
    return stable_ooxml(data, when=_ZIP_TIME)


def build_workbook(doc: Mapping[str, Any], *, title: str | None = None) -> bytes:
    """Return the bytes of the workbook for a native document.

    Parameters
    ----------
    doc : mapping
        A native document as parsed from YAML.
    title : str, optional
        The title row above the header; default: the document's ``name``.

    Returns
    -------
    bytes
        An ``.xlsx`` file, identical for identical input.
    """
    wb = Workbook()
    wb.properties.creator = "zeren_graph scenarios/lists/build_county_xlsx.py"
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    ws = wb.active
    ws.title = "责任清单"
    _fill_list_sheet(ws, doc, title or _text(doc.get("name")) or "责任清单")
    _fill_units_sheet(wb.create_sheet("单位表"), doc)
    buffer = io.BytesIO()
    wb.save(buffer)
    return _deterministic(buffer.getvalue())


def main(argv: Sequence[str] | None = None) -> int:
    """Write the workbook; return the exit code.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "county.xlsx"
    >>> main(["-o", str(out)])
    0
    >>> out.read_bytes()[:2]
    b'PK'
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--yaml", type=Path, default=HERE / "county.yaml", help="source document")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "county.xlsx")
    args = parser.parse_args(argv)
    doc = yaml.safe_load(args.yaml.read_text(encoding="utf-8"))
    args.output.write_bytes(build_workbook(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())

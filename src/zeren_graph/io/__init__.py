r"""Loaders and exporters: YAML/JSON models, CSV/XLSX flat lists and units tables.

:func:`read` and :func:`load` pick the loader from the file's extension:
``.yaml``/``.yml``/``.json`` are native documents, ``.csv`` (also ``.tsv``,
``.txt``), ``.xlsx``, ``.xls`` and ``.docx`` (the tables of a Word document) flat
responsibility lists. Every loader returns the same
:class:`~zeren_graph.model.ResponsibilityModel`; ``docs/format.md`` describes the
formats and ``docs/errors.md`` the errors.

The names below are imported on first use (:mod:`.reader` reads, :mod:`.export`
writes, :mod:`.opening` opens files), so importing this package, or one of its
modules, loads no format, layout or YAML library it does not need.

Examples
--------
>>> import tempfile, pathlib
>>> from zeren_graph.io import dump_yaml, read
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "单位表.csv").write_text("单位,上级单位\n县委,\n乙镇党委,县委\n", encoding="gbk")
>>> _ = (d / "清单.csv").write_text(
...     "职责,责任单位,岗位,责任人,责任类型\n组织生活,乙镇党委,书记,张三,第一责任人\n",
...     encoding="utf-8-sig")
>>> result = read(d / "清单.csv", units=d / "单位表.csv")
>>> result.report.rows, result.report.assignments, result.model.posts[0].holders
(1, 1, ('张三',))
>>> print(dump_yaml(result.model).splitlines()[0])
units:
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zeren_graph._lazy import lazy_attributes

if TYPE_CHECKING:
    from zeren_graph.io.columns import LIST_COLUMNS, UNIT_COLUMNS
    from zeren_graph.io.export import (
        dump_json,
        dump_yaml,
        json_schema,
        list_rows,
        schema_text,
        to_document,
        unit_rows,
        write_list,
        write_units,
    )
    from zeren_graph.io.native import parse_document
    from zeren_graph.io.opening import NATIVE_SUFFIXES, TABLE_SUFFIXES
    from zeren_graph.io.options import ReadOptions
    from zeren_graph.io.reader import load, read
    from zeren_graph.io.reading import Reading
    from zeren_graph.io.report import LoadReport, LoadResult, SkippedRow
    from zeren_graph.io.units import load_units

__all__ = [
    "LIST_COLUMNS",
    "NATIVE_SUFFIXES",
    "TABLE_SUFFIXES",
    "UNIT_COLUMNS",
    "LoadReport",
    "LoadResult",
    "ReadOptions",
    "Reading",
    "SkippedRow",
    "dump_json",
    "dump_yaml",
    "json_schema",
    "list_rows",
    "load",
    "load_units",
    "parse_document",
    "read",
    "schema_text",
    "to_document",
    "unit_rows",
    "write_list",
    "write_units",
]

_EXPORT = ("dump_json", "dump_yaml", "json_schema", "list_rows", "schema_text", "to_document")
_LAZY = {
    **dict.fromkeys(_EXPORT, "export"),
    **dict.fromkeys(("unit_rows", "write_list", "write_units"), "export"),
    **dict.fromkeys(("LIST_COLUMNS", "UNIT_COLUMNS"), "columns"),
    **dict.fromkeys(("NATIVE_SUFFIXES", "TABLE_SUFFIXES"), "opening"),
    **dict.fromkeys(("LoadReport", "LoadResult", "SkippedRow"), "report"),
    **dict.fromkeys(("load", "read"), "reader"),
    "ReadOptions": "options",
    "Reading": "reading",
    "load_units": "units",
    "parse_document": "native",
}


__getattr__, __dir__ = lazy_attributes(
    globals(), {name: f".{module}" for name, module in _LAZY.items()}, __all__
)

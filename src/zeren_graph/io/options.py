r"""Reading options: the user's corrections of how a file is read (a column mapping).

A :class:`ReadOptions` overrides the decisions of the locate and interpret steps:

- ``columns`` — header as written → field (``lead``, ``support``, ``duty`` …) or
  ``ignore``: the header is read as that field whatever its text, and a header
  mapped to ``ignore`` is dropped even when it names a known column;
- ``layout`` — ``long``, ``task_table``, ``grouped`` or ``text_list``, instead of
  the layout detected from the headers;
- ``scope`` — the issuing body (as ``--scope``); ``unit`` — the unit a sheet
  belongs to (the holder of its 责任人 posts, the lead of a task that names none);
- ``sheets`` — the same per sheet of a workbook, over the file-level entries.

They come from the command line (``--column 主办处室=lead``, ``--layout``,
``--scope``) and the ``reading:`` section of the configuration; the command line
wins (:meth:`ReadOptions.over`). :func:`zeren_graph.io.read` applies them and the
reading marks each mapped header "mapped by you".

Examples
--------
>>> opts = ReadOptions(columns={"主办处室": "lead"}, sheets={"组织部": ReadOptions(unit="组织部")})
>>> opts.validate()
[]
>>> opts.for_sheet("组织部").unit, dict(opts.for_sheet("组织部").columns)
('组织部', {'主办处室': 'lead'})
>>> for p in ReadOptions(columns={"备注": "leed"}, layout="task").validate():
...     print(p)
columns.备注: unknown field 'leed'; did you mean 'lead'?
layout: unknown layout 'task'; did you mean 'task_table'?
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from zeren_graph.errors import InputError, Problem, did_you_mean
from zeren_graph.io.columns import IGNORE, LIST_COLUMNS, ColumnSet, header_key
from zeren_graph.io.layouts.vocabulary import GROUPED_COLUMNS, TASK_COLUMNS
from zeren_graph.io.reading import Reading

__all__ = [
    "FIELDS",
    "LAYOUTS",
    "TEXT_LIST_NEEDS",
    "Layout",
    "ReadOptions",
    "forced_error",
    "mark_reading",
    "parse_column",
]

#: A layout a file may be read as.
Layout = Literal["long", "task_table", "grouped", "text_list"]
#: The layouts, in the order they are named to the user.
LAYOUTS: tuple[str, ...] = ("long", "task_table", "grouped", "text_list")
#: The fields a header may be mapped to: the columns of every layout, and ``ignore``.
FIELDS: tuple[str, ...] = (
    *dict.fromkeys([*LIST_COLUMNS.aliases, *TASK_COLUMNS.aliases, *GROUPED_COLUMNS.aliases]),
    IGNORE,
)
#: The same field under another layout's name (a long list's duty is a task table's task).
_SAME: dict[str, tuple[str, ...]] = {
    "duty": ("task", "content"),
    "task": ("duty", "content"),
    "content": ("duty", "task"),
    "unit": ("responsible", "subject"),
    "responsible": ("unit",),
    "lead": ("unit",),
    "subject": ("unit",),
}
#: The column set a forced layout reads the header with (none of the others tried).
_FORCED: dict[str, ColumnSet] = {
    "long": dataclasses.replace(LIST_COLUMNS, alternatives=()),
    "task_table": dataclasses.replace(TASK_COLUMNS, none_of=(), alternatives=()),
    "grouped": dataclasses.replace(GROUPED_COLUMNS, none_of=(), alternatives=()),
}
_KEYS = ("columns", "layout", "scope", "unit", "sheets")
_CONFIG = "invalid-config"


def parse_column(text: str) -> tuple[str, str]:
    """Return ``(header, field)`` of a ``HEADER=FIELD`` argument; ``ValueError`` if malformed.

    Examples
    --------
    >>> parse_column("牵头部门 = lead")
    ('牵头部门', 'lead')
    """
    header, sep, name = text.rpartition("=")
    if not sep or not header.strip() or not name.strip():
        msg = f"expected HEADER=FIELD, got {text!r}"
        raise ValueError(msg)
    return header.strip(), name.strip()


def _column_in(columns: ColumnSet, name: str) -> str:
    """Return the column of ``columns`` a field mapped by the user is, else ``ignore``."""
    for column in (name, *_SAME.get(name, ())):
        if column in columns.aliases:
            return column
    return IGNORE  # a field this layout does not have: the header is nothing else either


def _mapped(columns: ColumnSet, mapping: Mapping[str, str]) -> ColumnSet:
    overrides = {header_key(h): _column_in(columns, f) for h, f in mapping.items()}
    alternatives = tuple(_mapped(a, mapping) for a in columns.alternatives)
    return dataclasses.replace(columns, overrides=overrides, alternatives=alternatives)


@dataclass(frozen=True)
class ReadOptions:
    """How to read a file, as the user corrects it (see the module's description)."""

    columns: Mapping[str, str] = field(default_factory=dict)
    layout: Layout | None = None
    scope: str | None = None
    unit: str | None = None
    sheets: Mapping[str, ReadOptions] = field(default_factory=dict)

    def validate(
        self, file: str | None = None, prefix: str = "", code: str = "invalid-input"
    ) -> list[Problem]:
        """Return the problems of unknown fields and layouts, each with its key path."""
        found: list[Problem] = []
        for header, name in self.columns.items():
            if name not in FIELDS:
                where = f"{prefix}columns.{header}"
                found.append(_problem(code, f"unknown field {name!r}", file, where, name, FIELDS))
        if self.layout is not None and self.layout not in LAYOUTS:
            message = f"unknown layout {self.layout!r}"
            found.append(_problem(code, message, file, f"{prefix}layout", self.layout, LAYOUTS))
        for name, sheet in self.sheets.items():
            found += sheet.validate(file, f"{prefix}sheets.{name}.", code)
        return found

    def for_sheet(self, name: str | None) -> ReadOptions:
        """Return the options of sheet ``name``: its own entries over the file-level ones."""
        own = self.sheets.get(name) if name is not None else None
        return self if own is None else dataclasses.replace(self.over(own), sheets={})

    def over(self, other: ReadOptions) -> ReadOptions:
        """Return these options with ``other``'s given entries winning (command line over file).

        Examples
        --------
        >>> a = ReadOptions(columns={"备注": "ignore"}, scope="区政府")
        >>> b = a.over(ReadOptions(columns={"主办": "lead"}, scope="区委"))
        >>> dict(b.columns), b.scope
        ({'备注': 'ignore', '主办': 'lead'}, '区委')
        """
        sheets = {**self.sheets}
        for name, entry in other.sheets.items():
            sheets[name] = sheets[name].over(entry) if name in sheets else entry
        return ReadOptions(
            columns={**self.columns, **other.columns},
            layout=other.layout or self.layout,
            scope=other.scope or self.scope,
            unit=other.unit or self.unit,
            sheets=sheets,
        )

    def column_set(self, base: ColumnSet) -> ColumnSet:
        """Return ``base`` (or the forced layout's columns) with the mapped headers.

        Examples
        --------
        >>> cols = ReadOptions(columns={"主办处室": "lead"}).column_set(TASK_COLUMNS)
        >>> cols.match(["工作任务", "主办处室"])
        {'task': 0, 'lead': 1}
        """
        columns = _FORCED.get(self.layout or "", base)
        return _mapped(columns, self.columns) if self.columns else columns

    def is_mapped(self, header: str) -> bool:
        """Whether ``header`` is one the user mapped (as written, or by its key)."""
        key = header_key(header)
        return any(header_key(h) == key for h in self.columns)

    @classmethod
    def from_mapping(
        cls, data: Any, file: str | None = None, prefix: str = ""
    ) -> tuple[ReadOptions, list[Problem]]:
        """Return the options a ``reading:`` section gives, and its problems (key paths).

        Examples
        --------
        >>> opts, problems = ReadOptions.from_mapping({"columns": {"主办处室": "lead"},
        ...                                           "sheets": {"表2": {"unit": "组织部"}}})
        >>> opts.sheets["表2"].unit, problems
        ('组织部', [])
        >>> [str(p) for p in ReadOptions.from_mapping({"layuot": "long"})[1]]
        ["layuot: unknown key 'layuot'; did you mean 'layout'?"]
        """
        if not isinstance(data, Mapping):
            return cls(), [Problem(_CONFIG, "must be a mapping", file,
                                   path=prefix.rstrip(".") or None)]  # fmt: skip
        found = [_problem(_CONFIG, f"unknown key {str(k)!r}", file, f"{prefix}{k}", str(k), _KEYS)
                 for k in data if k not in _KEYS]  # fmt: skip
        columns = data.get("columns") or {}
        texts = {k: v for k in ("layout", "scope", "unit") if isinstance(v := data.get(k), str)}
        found += [Problem(_CONFIG, "must be text", file, path=prefix + key)
                  for key in ("layout", "scope", "unit")
                  if data.get(key) is not None and key not in texts]  # fmt: skip
        if not (isinstance(columns, Mapping) and all(isinstance(v, str) for v in columns.values())):
            found.append(Problem(_CONFIG, "must map headers to field names", file,
                                 path=f"{prefix}columns"))  # fmt: skip
            columns = {}
        sheets: dict[str, ReadOptions] = {}
        given = data.get("sheets") or {}
        for name, entry in given.items() if isinstance(given, Mapping) else ():
            sheets[str(name)], more = cls.from_mapping(entry, file, f"{prefix}sheets.{name}.")
            found += more
        opts = cls(
            columns={str(k): v for k, v in columns.items()},
            layout=cast("Layout | None", texts.get("layout")),
            scope=texts.get("scope"),
            unit=texts.get("unit"),
            sheets=sheets,
        )
        own = dataclasses.replace(opts, sheets={}).validate(file, prefix, _CONFIG)
        return opts, found + own


def _problem(  # noqa: PLR0917  (one message's parts)
    code: str, message: str, file: str | None, path: str, value: str, pool: tuple[str, ...]
) -> Problem:
    hint = did_you_mean(value, pool) or f"use one of {', '.join(pool)}"
    return Problem(code, message, file, path=path, value=value, hint=hint)


def _sheet_of(label: str | None) -> str | None:
    """Return the sheet a reading's label names: ``表2`` of ``a.docx[表2]``, else the label."""
    if label and label.endswith("]") and "[" in label:
        return label[label.rindex("[") + 1 : -1]
    return label


def mark_reading(reading: Reading, options: ReadOptions) -> Reading:
    """Return ``reading`` with each header the user mapped marked "mapped by you".

    A forced layout is named in a note.

    Examples
    --------
    >>> from zeren_graph.io.reading import ColumnReading
    >>> r = Reading("task_table", ("a.csv",), (ColumnReading("主办处室", None, "unit", "lead"),))
    >>> r = mark_reading(r, ReadOptions(columns={"主办处室": "lead"}, layout="task_table"))
    >>> r.columns[0].why, r.notes
    ('mapped by you', ('read as a task_table as you asked (layout)',))
    """
    columns = []
    for c in reading.columns:
        if options.for_sheet(_sheet_of(c.sheet)).is_mapped(c.header):
            why = "mapped by you" + (f"; {c.why}" if c.why and c.field != IGNORE else "")
            c = dataclasses.replace(c, why=why)  # noqa: PLW2901
        columns.append(c)
    notes = reading.notes
    if options.layout is not None:
        notes = (f"read as a {options.layout} as you asked (layout)", *notes)
    return dataclasses.replace(reading, columns=tuple(columns), notes=notes)


#: Why a file cannot be read as a text list.
TEXT_LIST_NEEDS = (
    "a .txt file whose numbered tasks are followed by labelled lines (牵头单位：X, 责任单位：Y、Z)"
)


def forced_error(file: str, layout: str, why: InputError | str) -> InputError:
    """Return the error of a file that cannot be read as the ``layout`` the user forced.

    Examples
    --------
    >>> print(forced_error("a.csv", "text_list", TEXT_LIST_NEEDS).problems[0].message)
    cannot read it as a text_list (--layout): it needs a .txt file whose numbered tasks ...
    """
    said = f"cannot read it as a {layout} (--layout)"
    if isinstance(why, str):
        return InputError([Problem("invalid-input", f"{said}: it needs {why}", file)])
    return type(why)([dataclasses.replace(p, message=f"{said}: {p.message}") for p in why.problems])

r"""Plain-text task lists: numbered task lines, each followed by labelled lines.

A notice saved as text (记事本 "Unicode", UTF-8, GB18030 ...) often carries its
task list as lines, not as a table::

    中共随县厉山镇委员会
    关于印发《厉山镇2024年任务清单》的通知
    一、组织建设
    3.开展村（社区）党组织星级评定。
    牵头单位：镇党建办
    责任单位：各村（社区）党组织
    责任领导：镇党委委员、组织委员褚秀兰
    完成时限:2024年11月

:func:`read_text_list` reads it as the task table it is: a numbered line
(:func:`~zeren_graph.io.layouts.numbered.split_numbered`: ``1.`` ``一、``
``（1）``) followed by a labelled line is a task; a line ``LABEL：VALUE`` (or with
a half-width ``:``) whose label is a task-table header (牵头单位, 责任单位, 配合单位,
责任领导, 完成时限, 具体措施 …, read as :data:`TASK_COLUMNS` reads headers) is a cell
of that task; a line right below a task or labelled line continues it; a numbered
line of another style with no labels ("一、政治建设") is a section heading, named in
the reading's notes. The lines above the first task are the
notice header, read for the scope (:func:`title_context`). The tasks become a
located :class:`Table` (one row per task line, numbered by its line) handed to
:func:`interpret_tasks`, so the rows are those a task table gives.

Examples
--------
>>> lines = ["乙镇2024年重点任务清单", "1.发展党员", "牵头单位：镇党建办", "责任单位:镇团委、各村",
...          "完成时限：2024年", "12月", "", "2.平安建设", "牵头单位：镇综治中心"]
>>> out = read_text_list("清单.txt", lines, None)
>>> out.reading.layout, out.reading.scope, out.numbers
('text_list', '乙镇', [2, 2, 2, 8])
>>> [r[:2] + [r[4], r[9]] for r in out.rows][:2]
[['发展党员', '镇党建办', 'lead', '2024年12月'], ['发展党员', '镇团委', 'support', '2024年12月']]
>>> read_text_list("a.txt", ["职责,单位", "甲,乙"], None) is None
True
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from zeren_graph.io.layouts.numbered import split_numbered
from zeren_graph.io.layouts.task_table import TaskRows, find_scope, interpret_tasks
from zeren_graph.io.layouts.titles import title_context
from zeren_graph.io.layouts.vocabulary import TASK_COLUMNS
from zeren_graph.io.reading import ColumnReading
from zeren_graph.io.tabular import Table
from zeren_graph.io.text import clean

__all__ = ["TextList", "parse_text_list", "read_text_list"]

#: How many labelled lines with task-table labels make a text a task list.
MIN_LABELS = 2
_LABEL = re.compile(r"^(?P<label>[^：:，,。；;、\s]{2,10})\s*[：:]\s*(?P<value>.*)$")
#: The longest label not in the vocabulary still read as a column (ignored, and named).
_OTHER_LABEL = 6
#: Columns a label line does not fill: the task is the numbered line's text.
_NOT_LABELS = frozenset({"task", "id"})
_DIGITS = re.compile(r"[0-9０-９]+")
_ZH_DIGITS = re.compile("[一二三四五六七八九十]+")
_TASK, _ID = "任务", "序号"
_ROW = re.compile(r"^row (?=\d)")


@dataclass
class _Task:
    line: int
    number: str
    style: str
    text: str
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class TextList:
    """The lines of a text read as a task list: header lines, tasks, labels and notes."""

    header: list[str] = field(default_factory=list)
    tasks: list[_Task] = field(default_factory=list)
    labels: dict[str, str | None] = field(default_factory=dict)  # label → column (None: other)
    known: int = 0  # labelled lines with a task-table label, below a task line
    notes: list[str] = field(default_factory=list)


def _style(marker: str) -> str:
    """Return the style of a number marker: ``1.`` and ``12.`` alike, ``一、`` another."""
    return _ZH_DIGITS.sub("一", _DIGITS.sub("0", marker))


def _numbered(text: str) -> tuple[str, str, str] | None:
    """Return ``(marker, number, rest)`` of a line starting with a number marker."""
    items = split_numbered(text)
    if not items or items[0].number is None or not text.startswith(items[0].label):
        return None
    return items[0].label, str(items[0].number), text[len(items[0].label) :].strip()


def _label(text: str) -> tuple[str, str | None, str] | None:
    """Return ``(label, column, value)`` of a labelled line, column ``None`` if not known."""
    m = _LABEL.match(text)
    if m is None:
        return None
    column = TASK_COLUMNS.read(m["label"]).column
    if column is None or column in _NOT_LABELS:
        if len(m["label"]) > _OTHER_LABEL:
            return None
        column = None
    return m["label"], column, m["value"].strip()


def parse_text_list(lines: Sequence[str]) -> TextList:
    """Read ``lines`` into tasks, their labelled cells and the header (module description)."""
    out = TextList()
    task: _Task | None = None
    field_name: str | None = None  # the cell a continuation line goes to ("" the task text)
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text:
            field_name = None
            continue
        numbered = _numbered(text)
        labelled = _label(text) if numbered is None else None
        if numbered is not None:
            task = _Task(number, numbered[1], _style(numbered[0]), numbered[2])
            out.tasks.append(task)
            field_name = ""
        elif task is None:
            out.header.append(text)
        elif labelled is not None:
            label, column, value = labelled
            out.labels.setdefault(label, column)
            out.known += column is not None
            task.cells[label] = f"{task.cells[label]}、{value}" if task.cells.get(label) else value
            field_name = label
        elif field_name == "":
            task.text += text
        elif field_name is not None:
            task.cells[field_name] += text
        else:
            out.notes.append(f"line {number}: not a task, label or continuation, ignored: {text}")
    return out


def _headings(listed: TextList) -> tuple[list[_Task], list[str]]:
    """Split the numbered lines into tasks and section headings, named in the notes."""
    styles = Counter(t.style for t in listed.tasks if t.cells)
    main = styles.most_common(1)[0][0] if styles else ""
    tasks, notes = [], []
    for t in listed.tasks:
        if not t.cells and t.style != main:
            notes.append(f"line {t.line}: section heading '{clean(t.text)}' (not a task)")
            continue
        tasks.append(t)
    return tasks, notes


def _scope(listed: TextList, scope: str | None, file: str) -> tuple[str, str]:
    """Return the issuing body and where it was found: given, else the notice header."""
    header = listed.header
    context = list(header)
    if len(header) > 1 and header[1].startswith("关于"):
        context.insert(0, header[0] + header[1])  # the issuer's line above 关于印发…的通知
    blank = Table(file, None, [], {}, 0, iter(()))
    unit, found = find_scope(blank, scope, context)
    if scope:
        return unit, found
    unit = re.sub(r"^中共", "", unit)
    if unit.endswith("委员会"):
        body = unit[: -len("委员会")]
        titles = (title_context(c) for c in context)
        short = [t.issuer for t in titles if t and t.issuer and t.kind and body.endswith(t.issuer)]
        unit = min(short, key=len, default=body) + "党委"
    return unit, found


def _lines(said: Sequence[str]) -> tuple[str, ...]:
    """Return what the task-table reading said of rows, said of lines ("line 13: …")."""
    return tuple(_ROW.sub("line ", s) for s in said)


def read_text_list(file: str, lines: Sequence[str], scope: str | None) -> TaskRows | None:
    """Read a plain-text task list into the rows a task table gives, ``None`` if not one.

    Parameters
    ----------
    file : str
        The file's name, for messages.
    lines : sequence of str
        The text's lines, the first being line 1.
    scope : str or None
        The issuing body, when given; else read from the notice header.

    Returns
    -------
    TaskRows or None
        The rows, numbered by the line of their task; ``None`` when the text has
        fewer than :data:`MIN_LABELS` labelled lines with task-table labels.

    Raises
    ------
    InputError
        When no scope is given or found.
    """
    listed = parse_text_list(lines)
    if listed.known < MIN_LABELS:
        return None
    tasks, notes = _headings(listed)
    labels = list(listed.labels)
    headers = [_ID, _TASK, *labels]
    by_line = {t.line: t for t in tasks}
    rows = []
    for n in range(1, max(by_line) + 1):
        t = by_line.get(n)
        cells = {_ID: t.number, _TASK: t.text, **t.cells} if t else {}
        rows.append([cells.get(h, "") for h in headers] if t else [])
    unit, found = _scope(listed, scope, file)
    table = Table(file, None, headers, TASK_COLUMNS.match(headers), 0, iter(rows))
    table.column_set = TASK_COLUMNS
    out = interpret_tasks(table, scope=unit, context=())
    table.empty_rows = []  # the lines between tasks are not rows
    columns = [ColumnReading("(numbered line)", None, "duty", None, "the task line's text")]
    columns += [c for c in out.reading.columns if c.header in listed.labels]
    r = out.reading
    out.reading = dataclasses.replace(
        r,
        layout="text_list",
        columns=tuple(columns),
        scope_from=found,
        split=_lines(r.split),
        notes=(*notes, *listed.notes, *_lines(r.notes)),
        warnings=_lines(r.warnings),
        header_rows=(),
    )
    return out

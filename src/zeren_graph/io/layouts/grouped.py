r"""Grouped subject lists (主体责任清单): duties grouped under the subject that holds them.

Two forms, both read into the canonical rows a task table gives (one per duty ×
holder), so the build step is shared:

- **a table** 序号 | 责任主体 | 责任内容 | 具体措施, 责任主体 merged over its rows
  (:func:`interpret_grouped`): each 责任内容 is one duty (numbered items inside a
  cell are not split: the cell is the duty as written), 具体措施 its indicator;
- **paragraphs** of a Word document (:func:`read_sections`): a heading names a
  subject and its role ("一、党委（党组）主体责任", "（二）党委书记：第一责任人责任",
  "纪委：监督责任", "班子成员：一岗双责"), the numbered items below it are its
  duties. A heading naming no role ("五、责任追究") is not a subject: its items are
  ignored and named in the reading.

A subject becomes a holder of the scope unit (:func:`subject_holder`): the
committee as a whole (党委, 党组, 党委（党组）) is the scope unit, role ``primary``;
a secretary (党委书记) a post of it, ``first_responsible``; the discipline body
(纪委, 纪检组) the post of its secretary (纪委书记), ``supervisory``; other
members (班子其他成员, 副书记、镇长) a post, ``direct`` (一岗双责); a placeholder
(各村（社区）党组织) stays a holder unit, ``primary``. Without a role column the
role comes from the heading's words, else from the subject's, and the reading
says which.

Examples
--------
>>> subject_holder("镇党委书记", "高城镇党委")
('高城镇党委', '党委书记', 'first_responsible', "the subject's words (书记)")
>>> subject_holder("镇纪委", "高城镇党委")[1:3]
('纪委书记', 'supervisory')
>>> subject_holder("班子其他成员", "高城镇党委")[1:3]
('班子其他成员', 'direct')
>>> subject_holder("镇党委", "高城镇党委")[:3]
('高城镇党委', '', 'primary')
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from zeren_graph.holders import is_placeholder
from zeren_graph.io.layouts.numbered import split_numbered
from zeren_graph.io.layouts.task_table import TaskRows, find_scope, implied_units
from zeren_graph.io.layouts.titles import title_context
from zeren_graph.io.reading import ColumnReading, Reading
from zeren_graph.io.report import SkippedRow
from zeren_graph.io.tabular import Table
from zeren_graph.io.text import clean
from zeren_graph.vocab import Role, parse

__all__ = ["interpret_grouped", "read_sections", "subject_holder"]

_PREFIX = re.compile(r"^(?:[镇乡县区市]|街道)(?=党|纪)")
_COMMITTEES = frozenset({"党委", "党组", "党委(党组)", "党工委", "党总支", "党支部", "党组织",
                         "党委班子", "领导班子"})  # fmt: skip
#: The longest subject of an unnumbered heading ("班子成员：一岗双责").
_SHORT = 16
_DISCIPLINE = ("纪委", "纪检组", "纪工委", "纪检监察")
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])\s*(.+)$"
)
_ROLE_WORDS = ("第一责任人责任", "第一责任人", "主体责任", "监督责任", "一岗双责", "直接责任",
               "领导责任", "分管责任")  # fmt: skip


def subject_holder(subject: str, scope: str, role: str | None = None) -> tuple[str, str, str, str]:
    """Return ``(unit, post, role, why)`` for a subject of the list under ``scope``.

    ``role``, when given (from a heading), is kept; else the subject's words give it.
    """
    s = _PREFIX.sub("", clean(subject))
    if is_placeholder(s):
        return s, "", role or "primary", "a placeholder subject, each unit it names"
    if s in _COMMITTEES:
        return scope, "", role or "primary", "the committee as a whole"
    if any(w in s for w in _DISCIPLINE) and not s.endswith("书记"):
        post = s if s.endswith("书记") else f"{s}书记"
        return scope, post, role or "supervisory", "the discipline body, through its secretary"
    if s.endswith("书记") and not s.endswith("副书记") and "、" not in s:
        return scope, s, role or "first_responsible", "the subject's words (书记)"
    return scope, s, role or "direct", "the subject's words (a member: 一岗双责)"


def _scope(table: Table, scope: str | None, context: Sequence[str]) -> tuple[str, str]:
    unit, found = find_scope(table, scope, context)
    unit = re.sub(r"^中共", "", unit)
    return (unit[: -len("委员会")] + "党委" if unit.endswith("委员会") else unit), found


def _supervisors(rows: list[list[str]]) -> tuple[str, ...]:
    """Return the holders of the supervisory rows (a 纪委 section supervises the document)."""
    return tuple(dict.fromkeys(r[1] + ("/" + r[2] if r[2] else "") for r in rows
                               if r[4] == "supervisory"))  # fmt: skip


def _reading(
    table: Table, unit: str, scope_from: str, notes: list[str], counts: dict[str, int]
) -> Reading:
    columns = []
    fields = {"subject": ("holder", "the subject: unit or post, role from its words"),
              "content": ("duty", "one duty per cell"), "measures": ("indicator", ""),
              "id": ("ignore", "序号 restarts under each subject: not a row id"),
              "deadline": ("deadline", "")}  # fmt: skip
    by_index = {i: c for c, i in table.columns.items()}
    for i, header in enumerate(table.headers):
        if header:
            field, why = fields.get(by_index.get(i, ""), ("ignore", "not a column of the list"))
            columns.append(ColumnReading(header, table.sheet, field, None, why))
    return Reading("grouped", (table.label,), tuple(columns), unit, scope_from, (),
                   tuple(notes), (), counts,
                   ((table.label, table.header_rows),))  # fmt: skip


def interpret_grouped(table: Table, *, scope: str | None, context: Sequence[str]) -> TaskRows:
    """Turn a grouped list as a table (责任主体 | 责任内容 | 具体措施) into canonical rows."""
    unit, scope_from = _scope(table, scope, context)
    cols = table.columns
    get = {c: cols.get(c, -1) for c in ("measures", "deadline")}
    rows: list[list[str]] = []
    numbers: list[int] = []
    skipped: list[SkippedRow] = []
    notes: list[str] = []
    seen: dict[str, str] = {}
    holders: dict[str, None] = {}
    subject = ""
    read = 0
    for number, raw in table.numbered():
        read += 1
        cell = [*raw, *[""] * (len(table.headers) - len(raw)), ""]
        subject = clean(cell[cols["subject"]]) or subject
        duty = clean(cell[cols["content"]])
        if not duty or not subject:
            why = "no 责任内容" if not duty else "no 责任主体 above it"
            skipped.append(SkippedRow(table.label, number, f"{why}: {' | '.join(raw)}"))
            continue
        name, post, role, why = subject_holder(subject, unit)
        if subject not in seen:
            seen[subject] = (
                f"subject '{subject}' → {name}{'/' + post if post else ''}, {role} ({why})"
            )
        if not post:
            holders[name] = None
        rows.append([duty, name, post, "", role, unit, "", cell[get["measures"]], "",
                     cell[get["deadline"]], ""])  # fmt: skip
        numbers.append(number)
    notes += list(seen.values())
    counts = {"rows": read, "tasks": len(rows), "holders": len(rows), "skipped": len(skipped)}
    reading = dataclasses.replace(
        _reading(table, unit, scope_from, notes, counts), supervision=_supervisors(rows)
    )
    return TaskRows(table, rows, numbers, implied_units(unit, holders), reading, skipped)


def _heading(text: str) -> tuple[str, str | None] | None:
    """Return ``(subject, role)`` of a section heading, role ``None`` if it names none.

    A heading is numbered ("一、", "（二）") or, unnumbered, a short "subject：role"
    whose role is a role word ("纪委：监督责任").

    Examples
    --------
    >>> _heading("（二）党委书记：第一责任人责任"), _heading("纪委:监督责任")
    (('党委书记', 'first_responsible'), ('纪委', 'supervisory'))
    >>> _heading("五、责任追究"), _heading("本清单自印发之日起执行。")
    (('责任追究', None), None)
    """
    found = _HEADING.match(text)
    if found is None:
        subject, sep, said = text.replace("：", ":").partition(":")
        if sep and len(subject) <= _SHORT and _role(said) and not subject[:1].isdigit():
            return clean(subject), _role(said)
        return None
    body = found.group(1).replace("“", "").replace("”", "").replace('"', "")
    for colon in ("：", ":"):
        subject, sep, said = body.partition(colon)
        if sep:
            return clean(subject), _role(said)
    for word in _ROLE_WORDS:
        at = body.find(word)
        if at > 0:
            return clean(body[:at]), _role(word)
    return clean(body), None


def _role(text: str) -> str | None:
    """Return the role a heading's words name, else ``None``."""
    role = parse(Role, clean(text))
    if role is None:
        role = next((parse(Role, w) for w in _ROLE_WORDS if w in text), None)
    return role.value if role is not None else None


def read_sections(file: str, paragraphs: Sequence[str], scope: str | None) -> TaskRows | None:
    """Read a grouped list from a Word document's paragraphs; ``None`` if it has no section."""
    table = Table(file, None, [], {}, 0, iter([]))
    sections: list[tuple[str, str | None, list[tuple[int, str]]]] = []
    title: list[str] = []
    for index, written in enumerate(paragraphs, start=1):
        text = clean(written)
        head = _heading(text)
        if head is not None:
            sections.append((head[0], head[1], []))
        elif sections:
            numbered = split_numbered(text)
            if len(numbered) == 1 and numbered[0].number is not None:
                sections[-1][2].append((index, numbered[0].text))
        elif text:
            title.append(text)
    if not any(role for _s, role, _i in sections):
        return None
    table.above = [[t] for t in title[:1]]
    unit, scope_from = _scope_of_title(table, scope, title)
    rows: list[list[str]] = []
    numbers: list[int] = []
    skipped: list[SkippedRow] = []
    notes: list[str] = []
    holders: dict[str, None] = {}
    read = 0
    for subject, said, items in sections:
        read += len(items)
        if said is None:
            notes.append(f"section '{subject}' ignored: not a subject (no role in its heading)"
                         f", {len(items)} items")  # fmt: skip
            skipped += [SkippedRow(file, n, f"section '{subject}' is not a subject")
                        for n, _t in items]  # fmt: skip
            continue
        name, post, role, why = subject_holder(subject, unit, said)
        notes.append(f"section '{subject}' → {name}{'/' + post if post else ''}, {role} "
                     f"(role from the heading; {why})")  # fmt: skip
        if not post:
            holders[name] = None
        for number, text in items:
            rows.append([text, name, post, "", role, unit, "", "", "", "", ""])
            numbers.append(number)
    counts = {"rows": read, "tasks": len(rows), "holders": len(rows), "skipped": len(skipped)}
    reading = Reading("grouped", (file,), (), unit, scope_from, (), tuple(notes), (), counts,
                      supervision=_supervisors(rows))  # fmt: skip
    return TaskRows(table, rows, numbers, implied_units(unit, holders), reading, skipped)


def _scope_of_title(table: Table, scope: str | None, title: list[str]) -> tuple[str, str]:
    if scope or (table.above and _has_issuer(title[0])):
        return _scope(table, scope, title)
    if title:
        head = re.split(r"落实|全面从严治党|\d{4}年", title[0], maxsplit=1)[0]
        if head:
            return head, f"the title '{title[0]}' (the units it is written for)"
    return _scope(table, scope, title)


def _has_issuer(text: str) -> bool:
    found = title_context(text)
    return found is not None and bool(found.issuer)

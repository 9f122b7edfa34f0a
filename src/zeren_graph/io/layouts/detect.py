r"""Header detection: the header row (or two rows) among the first rows of a sheet.

The locate step asks :func:`find_header` for the header among the first rows of a
sheet. A header is the first row whose cells are a header of the column set (or
of one of its alternatives: long list, task table, grouped list). A **two-row
header** is read too: a merged group header (责任分工) over a second row
(责任领导 | 牵头单位 | 配合单位). Row *n* and row *n* + 1 are one header when

- row *n* alone is not a header, and the two together are (each column takes the
  lower row's header where it has one, else the upper's);
- the upper row gives at least one column the lower row leaves empty or repeats
  (序号 merged over both rows, filled into both or not), and the lower row names
  at least one column under a group cell of the upper row (a cell the upper row
  leaves empty or repeats from a neighbour, as a merge over several columns is filled).

A title row above a header contributes nothing (the header has every column), so
it is never read as the upper half of a header.

Examples
--------
>>> from zeren_graph.io.layouts.task_table import TASK_LIST_COLUMNS
>>> rows = [["目标责任书"], ["序号", "目标任务", "责任分工", "", "完成时限"],
...         ["", "", "责任领导", "牵头单位", ""], ["1", "换届", "副书记林芳", "组织科", "6月"]]
>>> found = find_header(rows, TASK_LIST_COLUMNS)
>>> found.number, found.rows, found.headers
(2, 2, ['序号', '目标任务', '责任领导', '牵头单位', '完成时限'])
>>> find_header([["职责", "单位", "责任类型"]], TASK_LIST_COLUMNS).rows
1
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zeren_graph.io.columns import ColumnSet
from zeren_graph.io.text import clean

__all__ = ["HeaderFound", "find_header", "join_rows"]


@dataclass(frozen=True)
class HeaderFound:
    """The header found: its first row (1-based), how many rows it spans, its cells."""

    number: int
    rows: int
    headers: list[str]


def join_rows(upper: Sequence[str], lower: Sequence[str]) -> list[str] | None:
    """Return the header two rows make together, or ``None`` if they are not one header.

    Examples
    --------
    >>> join_rows(["序号", "责任分工", "责任分工"], ["", "牵头单位", "配合单位"])
    ['序号', '牵头单位', '配合单位']
    >>> join_rows(["乙镇清单", "", ""], ["职责", "单位", "责任类型"]) is None
    True
    >>> join_rows(["序号", "分工", "分工"], ["序号", "牵头单位", "配合单位"])  # merges filled
    ['序号', '牵头单位', '配合单位']
    """
    width = max(len(upper), len(lower))
    up = [clean(c) for c in upper] + [""] * (width - len(upper))
    low = [clean(c) for c in lower] + [""] * (width - len(lower))
    from_upper = any(u and (not d or d == u) for u, d in zip(up, low, strict=True))
    grouped = any(
        d
        and d != up[i]
        and (not up[i] or (i and up[i] == up[i - 1]) or (i + 1 < width and up[i] == up[i + 1]))
        for i, d in enumerate(low)
    )
    if not (from_upper and grouped):
        return None
    return [d or u for u, d in zip(up, low, strict=True)]


def find_header(head: Sequence[Sequence[str]], columns: ColumnSet) -> HeaderFound | None:
    """Return the header among ``head`` (one row, or two as a two-row header), else ``None``."""
    for index, row in enumerate(head):
        headers = [clean(c) for c in row]
        if columns.detect(headers) is not None:
            return HeaderFound(index + 1, 1, headers)
        if index + 1 < len(head) and any(headers):
            joined = join_rows(row, head[index + 1])
            if joined is not None and columns.detect(joined) is not None:
                return HeaderFound(index + 1, 2, joined)
    return None

"""Layouts: turning a located table into canonical rows — the *interpret* step of reading.

Reading is a pipeline (``docs/`` and issue 7): **open** (a format gives raw
sheets of cells, merges resolved) → **locate** (title rows, header rows, the
context outside the table) → **interpret** (a layout turns the located table
into canonical rows, one per duty × holder × role, recording every decision in
the reading) → **build** (canonical rows → the model). This package is the
interpret step, one module per layout (their column vocabularies in
:mod:`.vocabulary`, header rows — one, or a group header over a second — found
by :mod:`.detect`):

- **long list** — today's format, one row per duty × holder × role
  (:mod:`zeren_graph.io.flat` builds it directly);
- **task table** (任务分工表, 重点任务分解表, 目标责任书) — one row per task, holders
  several per cell in role-bearing columns (牵头单位, 配合单位, 责任领导, 督办单位),
  numbered sub-rows under a merged task (:mod:`.task_table`);
- **grouped subject list** (主体责任清单) — headings naming a subject and its role
  (一、党委：主体责任) over numbered items, or a 责任主体 column merged over its rows
  (:mod:`.grouped`);
- **labelled text** — tasks followed by lines 牵头单位：X / 责任单位：Y、Z (to come).

A workbook with a sheet per department is read sheet by sheet into one model by
:mod:`zeren_graph.io.sheets`.

Their foundation is here: **pure functions over one cell or one title**, which
every layout shares. They never raise on odd text; when a reading is not sure
they keep the text whole and say why, so the reading can show it.

- :func:`split_holders` / :func:`parse_holders` — several holders in one cell,
  split on 、 ， , ； ; / and line breaks outside brackets (:mod:`.cells`);
- :func:`parse_leaders` / :func:`parse_leader` — a leader cell into post and
  person (区委常委、组织部长陈红梅), never cutting a word (:mod:`.leaders`);
- :func:`title_context` — the issuer, year and kind in a title row or sheet
  name (:mod:`.titles`);
- :func:`split_numbered` — numbered sub-items 1. (1) （一） ① 一是 (:mod:`.numbered`).

The exact rules of each are in its module's docstring; the word lists they rely
on (post-title endings, surnames, unit endings, document kinds) are in
:mod:`._words`.

The names are imported on first use, so that importing one layout module (or
:mod:`.detect`, which every table needs) loads no other.

Examples
--------
>>> from zeren_graph.io.layouts import parse_leader, split_holders, split_numbered, title_context
>>> split_holders("区委组织部、区委宣传部，各乡镇党委")
('区委组织部', '区委宣传部', '各乡镇党委')
>>> e = parse_leader("区委常委、组织部长陈红梅")
>>> e.post, e.person, e.certain
('区委常委、组织部长', '陈红梅', True)
>>> c = title_context("XX局2024年度党建工作责任清单")
>>> c.issuer, c.year, c.kind
('XX局', 2024, '责任清单')
>>> [(i.number, i.text) for i in split_numbered("（1）建立台账；（2）每季度联系1次。")]
[(1, '建立台账'), (2, '每季度联系1次。')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zeren_graph._lazy import lazy_attributes

if TYPE_CHECKING:
    from zeren_graph.io.layouts._words import (
        COMPOUND_SURNAMES,
        DOCUMENT_KINDS,
        SURNAMES,
        TITLE_ENDINGS,
    )
    from zeren_graph.io.layouts.cells import (
        HOLDER_SEPARATORS,
        HolderSplit,
        parse_holders,
        split_holders,
        split_outside_brackets,
    )
    from zeren_graph.io.layouts.leaders import (
        LEADER_SEPARATORS,
        LeaderEntry,
        is_person_name,
        parse_leader,
        parse_leaders,
    )
    from zeren_graph.io.layouts.numbered import NumberedItem, chinese_number, split_numbered
    from zeren_graph.io.layouts.titles import TitleContext, title_context

__all__ = [
    "COMPOUND_SURNAMES",
    "DOCUMENT_KINDS",
    "HOLDER_SEPARATORS",
    "LEADER_SEPARATORS",
    "SURNAMES",
    "TITLE_ENDINGS",
    "HolderSplit",
    "LeaderEntry",
    "NumberedItem",
    "TitleContext",
    "chinese_number",
    "is_person_name",
    "parse_holders",
    "parse_leader",
    "parse_leaders",
    "split_holders",
    "split_numbered",
    "split_outside_brackets",
    "title_context",
]

_LAZY = {
    **dict.fromkeys(("COMPOUND_SURNAMES", "DOCUMENT_KINDS", "SURNAMES", "TITLE_ENDINGS"), "_words"),
    **dict.fromkeys(("HOLDER_SEPARATORS", "HolderSplit", "parse_holders"), "cells"),
    **dict.fromkeys(("split_holders", "split_outside_brackets"), "cells"),
    **dict.fromkeys(("LEADER_SEPARATORS", "LeaderEntry", "is_person_name"), "leaders"),
    **dict.fromkeys(("parse_leader", "parse_leaders"), "leaders"),
    **dict.fromkeys(("NumberedItem", "chinese_number", "split_numbered"), "numbered"),
    **dict.fromkeys(("TitleContext", "title_context"), "titles"),
}


__getattr__, __dir__ = lazy_attributes(
    globals(), {name: f".{module}" for name, module in _LAZY.items()}, __all__
)

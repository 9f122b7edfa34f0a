"""Supervision stated once in a paragraph of the document, outside its table (ZG104).

A task-decomposition plan often closes with who follows up on every task:
"区委督查室、区委组织部对本方案落实情况进行跟踪督办" or "…由县委督查室负责督办". Two
patterns are read, and only these:

- ``<units> 对 本|上述|以上|各项|全部 … (落实|完成|推进|执行)情况 … 督办|督查|督导|监督``;
- ``由 <units> (负责)? … 督办|督查|督导|监督``, the verb ending the clause.

``<units>`` is a clause (after the start or a punctuation mark) of names separated by
、, 和, 及 or 与; every name must end as a unit does (室, 部, 委, 局 …) and none may be
a placeholder (各乡镇党委), or nothing is read: a sentence the patterns half match
supervises nothing.

Examples
--------
>>> stated_supervisors(["区委督查室、区委组织部对本方案落实情况进行跟踪督办，督办结果纳入考核。"])
('区委督查室', '区委组织部')
>>> stated_supervisors(["各项任务完成情况由县委督查室负责跟踪督办。"])
('县委督查室',)
>>> stated_supervisors(["各级纪委对本方案落实情况进行监督。", "请各单位认真抓好落实。"])
()
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from zeren_graph.holders import is_placeholder
from zeren_graph.io.reading import Reading
from zeren_graph.io.text import clean

__all__ = ["paragraph_supervision", "stated_supervisors"]

_VERB = r"(?:跟踪|全程|定期|统一|专项)?(?:督办|督查|督导|监督检查|监督)"
_NAMES = r"[^。；;，,：:！!？?（）()]{2,60}?"
_OVER = re.compile(
    rf"(?:^|[。；;，,：:])(?P<who>{_NAMES})(?:负责)?对(?:本|上述|以上|各项|全部)"
    rf"[^。；;]{{0,30}}?(?:落实|完成|推进|执行)情况[^。；;]{{0,10}}?{_VERB}"
)
_BY = re.compile(rf"由(?P<who>{_NAMES})(?:负责|牵头)?(?:进行|开展)?{_VERB}(?=[。；;，,]|工作|$)")
_SPLIT = re.compile(r"[、和及与]")
_UNIT_ENDS = ("室", "部", "委", "局", "办", "组", "处", "科", "中心", "办公室", "纪委监委")


def _names(who: str) -> tuple[str, ...] | None:
    """Return the units of a clause, ``None`` unless every one is a unit's name."""
    names = tuple(n for n in (clean(p) for p in _SPLIT.split(who)) if n)
    if not names:
        return None
    for name in names:
        if len(name) < 3 or not name.endswith(_UNIT_ENDS) or is_placeholder(name):
            return None
    return names


def stated_supervisors(paragraphs: Iterable[str]) -> tuple[str, ...]:
    """Return the units that paragraphs state as supervising the whole document, in order.

    Parameters
    ----------
    paragraphs : iterable of str
        The document's paragraphs outside its tables (title, preface, closing lines).

    Returns
    -------
    tuple of str
        The supervising units, each once; empty when no paragraph states one.
    """
    found: dict[str, None] = {}
    for paragraph in paragraphs:
        text = clean(paragraph)
        for pattern in (_OVER, _BY):
            for match in pattern.finditer(text):
                names = _names(match.group("who"))
                if names is not None:
                    found.update(dict.fromkeys(names))
    return tuple(found)


def paragraph_supervision(reading: Reading, paragraphs: Sequence[str]) -> Reading:
    """Add to ``reading`` the supervisors a Word document's paragraphs state (closing lines)."""
    stated = [s for s in stated_supervisors(paragraphs) if s not in reading.supervision]
    if not stated:
        return reading
    note = f"a paragraph states the supervision of every duty: {'、'.join(stated)}"
    return dataclasses.replace(
        reading, supervision=(*reading.supervision, *stated), notes=(*reading.notes, note)
    )

r"""Numbered sub-items in a cell or a row: 1.… 2.…, （1）…（2）…, ①②, 一是…二是….

Rules of :func:`split_numbered`:

1. **Markers** are recognised in eight styles, each with its full-width forms:
   ``1.`` ``1．`` ``1、`` (Arabic number and stop; not followed by a digit, so 5.5%
   is no marker), ``1)`` ``1）``, ``(1)`` ``（1）`` ``⑴``, ``(一)`` ``（一）`` ``㈠``,
   ``一、``, ``①``, ``一是``, ``第一，`` (also ``第一、`` ``第一：``); ``⒈`` counts as ``1.``.
   Numbers go up to 99 (Chinese numerals 一 … 九十九).
2. A marker counts only at the **start** of the text or after a delimiter:
   whitespace or line break, 。 ； ; ， , ： : ！ ? ？ 、 or a closing bracket or quote.
   So 第五、六轮 or 统一是 hold no marker. Markers in brackets — (1) （一） ⑴ ㈠ —
   and circled ① count anywhere: (1)建立台账(2)联系 is two items.
3. The markers of one style must **count up by one**. The first is either at the
   start of the text (any number: a sub-row "(2)…" alone is item 2) or numbered 1;
   a marker out of sequence is text. A style is used when it gives at least two
   items, or one at the start. When several styles qualify, the one whose first
   marker comes first is used (its items keep any inner numbering as text:
   1.…(1)…(2)… 2.… gives two items).
4. Text before the first marker is an item without number (``number`` ``None``).
   Each item's text is normalised (:func:`~zeren_graph.io.text.clean`) and loses
   trailing ； ; ， , 、 (kept: 。). A text with no numbering is one item without
   number; a blank text gives no items.

Examples
--------
>>> [(i.number, i.text) for i in split_numbered("1.召开会议；2.听取汇报。")]
[(1, '召开会议'), (2, '听取汇报。')]
>>> [(i.label, i.text) for i in split_numbered("一是加强学习，二是严格考核")]
[('一是', '加强学习'), ('二是', '严格考核')]
>>> [i.number for i in split_numbered("增长5.5%左右。")]
[None]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from zeren_graph.io.text import clean

__all__ = ["NumberedItem", "chinese_number", "split_numbered"]

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "[一二三四五六七八九十]{1,3}"
_AR = "[0-9０-９]{1,2}"
_DELIM = r"(?:^|(?<=[\s。；;，,：:！!？?、)）\]】〕》”’」』]))"
_TRIM = ";,、 \t\n"


def chinese_number(text: str) -> int | None:
    """Return the value of a Chinese numeral from 一 to 九十九, else ``None``.

    Examples
    --------
    >>> [chinese_number(t) for t in ("一", "十", "十二", "二十", "三十五", "十十", "零")]
    [1, 10, 12, 20, 35, None, None]
    """
    if text in _DIGITS:
        return _DIGITS[text]
    tens, sep, units = text.partition("十")
    if not sep or "十" in units or (tens and tens not in _DIGITS):
        return None
    if units and units not in _DIGITS:
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def _arabic(text: str) -> int | None:
    return int(text)


def _circled(base: int) -> Callable[[str], int | None]:
    return lambda ch: ord(ch) - base


#: (style, pattern with group "num", value of the number group).
_STYLES: tuple[tuple[str, re.Pattern[str], Callable[[str], int | None]], ...] = (
    ("1.", re.compile(rf"{_DELIM}(?P<num>{_AR})[.．、](?![0-9０-９])"), _arabic),
    ("1)", re.compile(rf"{_DELIM}(?P<num>{_AR})[)）]"), _arabic),
    ("(1)", re.compile(rf"[(（](?P<num>{_AR})[)）]"), _arabic),
    ("(一)", re.compile(rf"[(（](?P<num>{_CN})[)）]"), chinese_number),
    ("一、", re.compile(rf"{_DELIM}(?P<num>{_CN})、"), chinese_number),
    ("一是", re.compile(rf"{_DELIM}(?P<num>{_CN})是"), chinese_number),
    ("第一", re.compile(rf"{_DELIM}第(?P<num>{_CN})[，,、：:]"), chinese_number),
    ("①", re.compile("(?P<num>[\u2460-\u2473])"), _circled(0x245F)),
    ("⑴", re.compile("(?P<num>[\u2474-\u2487])"), _circled(0x2473)),
    ("⒈", re.compile("(?P<num>[\u2488-\u249b])"), _circled(0x2487)),
    ("㈠", re.compile("(?P<num>[\u3220-\u3229])"), _circled(0x321F)),
)
# Quick test: a text with none of these characters has no marker.
_MAYBE_MARKER = re.compile("[0-9０-９一二三四五六七八九十\u2460-\u249b\u3220-\u3229]")


@dataclass(frozen=True, slots=True)
class NumberedItem:
    """One numbered sub-item of a cell: （2）实施年轻干部“墩苗”计划….

    Attributes
    ----------
    number : int or None
        Its number (（二） → 2), ``None`` for text before the first marker or a
        text without numbering.
    label : str
        The marker as written (``"（2）"``, ``"1."``, ``"①"``, ``"二是"``), ``""`` if none.
    text : str
        The item's text, normalised, without the marker and trailing ； , 、.
    """

    number: int | None
    label: str
    text: str


def _sequence(
    text: str, pattern: re.Pattern[str], value: Callable[[str], int | None], start: int
) -> list[tuple[int, int, int]]:
    """Return (start, end, number) of the markers of one style that count up by one."""
    found: list[tuple[int, int, int]] = []
    for m in pattern.finditer(text):
        number = value(m["num"])
        if number is None:
            continue
        if found:
            if number == found[-1][2] + 1:
                found.append((m.start(), m.end(), number))
        elif m.start() == start or number == 1:
            found.append((m.start(), m.end(), number))
    if len(found) == 1 and found[0][0] != start:
        return []
    return found


def _markers(text: str) -> list[tuple[int, int, int]]:
    start = len(text) - len(text.lstrip())
    best: list[tuple[int, int, int]] = []
    for _style, pattern, value in _STYLES:
        found = _sequence(text, pattern, value, start)
        if found and (not best or (found[0][0], -len(found)) < (best[0][0], -len(best))):
            best = found
    return best


def split_numbered(cell: str) -> tuple[NumberedItem, ...]:
    """Split a cell into its numbered sub-items (rules in the module docstring).

    Parameters
    ----------
    cell : str
        The cell as read (not normalised: ① would become 1 under NFKC).

    Returns
    -------
    tuple of NumberedItem
        The items in order; one item without number for unnumbered text, none
        for a blank cell.

    Examples
    --------
    >>> [(i.number, i.label) for i in split_numbered("（1）建立台账；（2）每季度联系1次。")]
    [(1, '（1）'), (2, '（2）')]
    >>> [(i.number, i.text) for i in split_numbered("（2）实施年轻干部“墩苗”计划。")]
    [(2, '实施年轻干部“墩苗”计划。')]
    >>> [(i.number, i.text) for i in split_numbered("主要措施：①建台账②强督办")]
    [(None, '主要措施:'), (1, '建台账'), (2, '强督办')]
    >>> [i.number for i in split_numbered("开展区委第五、六轮巡察，2024年6月、12月各1次。")]
    [None]
    >>> split_numbered("")
    ()
    """
    if not cell or cell.isspace():
        return ()
    if _MAYBE_MARKER.search(cell) is None:
        return (NumberedItem(None, "", clean(cell).rstrip(_TRIM)),)
    markers = _markers(cell)
    if not markers:
        return (NumberedItem(None, "", clean(cell).rstrip(_TRIM)),)
    items: list[NumberedItem] = []
    before = clean(cell[: markers[0][0]]).rstrip(_TRIM)
    if before:
        items.append(NumberedItem(None, "", before))
    for k, (begin, end, number) in enumerate(markers):
        stop = markers[k + 1][0] if k + 1 < len(markers) else len(cell)
        items.append(NumberedItem(number, cell[begin:end], clean(cell[end:stop]).rstrip(_TRIM)))
    return tuple(items)

r"""Splitting a cell that names several holders: 区委组织部、区委宣传部，各乡镇党委.

Rules of :func:`parse_holders` (and :func:`split_holders`, its parts only):

1. The cell is split on the **holder separators** 、 ， , ； ; / ／ and line breaks
   (``\n``, ``\r``, U+2028, U+2029), and only **outside brackets**: ( ) （ ） [ ] 【 】
   〔 〕 《 》 “ ” ‘ ’ 「 」 『 』 〈 〉 { } and straight double quotes. So
   各镇（街道）党（工）委 and 各县直单位机关党委（总支、支部） each stay one holder.
   Brackets are counted, not matched by kind; a closing bracket without an
   opening one is ignored, and an opening bracket never closed keeps the rest
   of the cell whole — both are recorded as ``unbalanced``.
2. Each part is trimmed and NFKC-normalised like every loaded cell
   (:func:`zeren_graph.io.text.clean`: （牵头） becomes (牵头)); empty parts are
   dropped; a part written twice is kept once (first place), the repeat recorded.
3. A part ending in **等** ("and others": 市委组织部等, 区审计局等部门, 区财政局等3个单位)
   keeps the name without the 等-tail and is recorded in ``et_al``: the list is
   open-ended and the reading must say so. A part that is only 等部门 is dropped.
4. Nothing else is interpreted: 各相关单位 or 区直各部门 stay holders; they are
   placeholders, which :func:`zeren_graph.holders.parse_placeholder` recognises
   downstream (``HolderSplit.placeholders`` lists them). Spaces, 和, 及 are not
   separators (区委组织部及各乡镇党委 stays one part).

Examples
--------
>>> split_holders("区委组织部、区委宣传部，各乡镇党委")
('区委组织部', '区委宣传部', '各乡镇党委')
>>> split_holders("各镇（街道）党（工）委")
('各镇(街道)党(工)委',)
>>> s = parse_holders("区发改局（牵头）、区财政局\n市委组织部等")
>>> s.parts, s.separators, s.et_al
(('区发改局(牵头)', '区财政局', '市委组织部'), ('、', '\n'), ('市委组织部等',))
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from zeren_graph.holders import is_placeholder
from zeren_graph.io.text import clean

__all__ = [
    "BRACKETS",
    "HOLDER_SEPARATORS",
    "HolderSplit",
    "parse_holders",
    "split_holders",
    "split_outside_brackets",
    "split_plain",
]

#: Opening and closing brackets inside which a cell is never split.
BRACKETS: tuple[str, str] = ("(（[【〔《“‘「『〈{", ")）]】〕》”’」』〉}")
#: Characters a holder cell is split on (outside brackets).
HOLDER_SEPARATORS = "、，,；;/／\n\r\u2028\u2029"

_OPENING = frozenset(BRACKETS[0])
_CLOSING = frozenset(BRACKETS[1])
_ANY_BRACKET = re.compile("[" + re.escape(BRACKETS[0] + BRACKETS[1]) + '"]')
# "and others" at the end of a part: 等, 等部门, 等相关单位, 等3个单位, 等五个部门.
_ET_AL = re.compile(
    r"等(?:[0-9一二三四五六七八九十]+个)?(?:其他|其它)?(?:相关|有关)?"
    r"(?:成员单位|部门|单位|机构|科室|处室|乡镇|街道|方面)?$"
)


@lru_cache(maxsize=16)
def _separator_pattern(separators: str) -> re.Pattern[str]:
    return re.compile("([" + re.escape(separators) + "]+)")


def split_outside_brackets(text: str, separators: str) -> tuple[list[str], list[str], bool]:
    r"""Split ``text`` on any run of ``separators`` that stands outside brackets.

    Parameters
    ----------
    text : str
        The text as written (not normalised: full-width separators are kept).
    separators : str
        The separator characters; a run of them (、\n) is one cut.

    Returns
    -------
    parts : list of str
        The pieces between cuts, untrimmed; empty pieces included.
    cuts : list of str
        The separator runs cut on, in order.
    unbalanced : bool
        Whether the brackets do not pair up (a stray closing or unclosed opening).

    Examples
    --------
    >>> split_outside_brackets("甲（乙、丙）、丁", "、")
    (['甲（乙、丙）', '丁'], ['、'], False)
    >>> split_outside_brackets("甲（乙、丙", "、")
    (['甲（乙、丙'], [], True)
    """
    if _ANY_BRACKET.search(text) is None:
        pieces = _separator_pattern(separators).split(text)
        return pieces[0::2], pieces[1::2], False
    parts: list[str] = []
    cuts: list[str] = []
    depth, start, unbalanced, quoted = 0, 0, False, False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _OPENING:
            depth += 1
        elif ch in _CLOSING:
            if depth:
                depth -= 1
            else:
                unbalanced = True
        elif ch == '"':
            quoted = not quoted
        elif ch in separators and depth == 0 and not quoted:
            j = i
            while j < n and text[j] in separators:
                j += 1
            parts.append(text[start:i])
            cuts.append(text[i:j])
            start = i = j
            continue
        i += 1
    parts.append(text[start:])
    return parts, cuts, unbalanced or depth > 0 or quoted


@dataclass(frozen=True, slots=True)
class HolderSplit:
    r"""How one cell of holders was split: the parts and what the reading must say.

    Attributes
    ----------
    text : str
        The cell, normalised (:func:`~zeren_graph.io.text.clean`).
    parts : tuple of str
        The holders, normalised, in order, without repeats.
    separators : tuple of str
        The separators cut on, as written (、 ， ; ``\n`` ...), each once, in order.
    et_al : tuple of str
        The parts, as normalised, that ended in 等 (市委组织部等): the list is open.
    duplicates : tuple of str
        The holders written more than once (kept once in ``parts``).
    unbalanced : bool
        The brackets do not pair up; the text after an unclosed one was not split.
    """

    text: str
    parts: tuple[str, ...]
    separators: tuple[str, ...] = ()
    et_al: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()
    unbalanced: bool = False

    @property
    def was_split(self) -> bool:
        """Whether the cell named more than one holder.

        Examples
        --------
        >>> parse_holders("区委办、区政府办").was_split, parse_holders("区委办").was_split
        (True, False)
        """
        return len(self.parts) > 1

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The parts naming a set of units (各乡镇党委), as :mod:`zeren_graph.holders` says.

        Examples
        --------
        >>> parse_holders("区委组织部、区直各部门").placeholders
        ('区直各部门',)
        """
        return tuple(p for p in self.parts if is_placeholder(p))

    def describe(self) -> str:
        r"""Say what was done to the cell, in one line for the reading ("" if nothing).

        Examples
        --------
        >>> parse_holders("区委编办，区人社局、区人社局").describe()
        'split on "，" "、" into 2 holders; repeated: 区人社局'
        >>> parse_holders("市委组织部等").describe()
        'open list (等): 市委组织部等'
        >>> parse_holders("区委办").describe()
        ''
        """
        notes: list[str] = []
        if self.separators:
            shown = " ".join(f'"{s}"' for s in self.separators).replace("\n", "\\n")
            notes.append(f"split on {shown} into {len(self.parts)} holders")
        if self.duplicates:
            notes.append("repeated: " + "、".join(self.duplicates))
        if self.et_al:
            notes.append("open list (等): " + "、".join(self.et_al))
        if self.unbalanced:
            notes.append("brackets do not pair up")
        return "; ".join(notes)


def parse_holders(cell: str) -> HolderSplit:
    r"""Split a cell naming several holders, recording how (rules in the module docstring).

    Parameters
    ----------
    cell : str
        The cell as read (not normalised).

    Returns
    -------
    HolderSplit
        The holders and what was split; ``parts`` is empty for a blank cell.

    Examples
    --------
    >>> parse_holders("县委办、县政府办\n县纪委监委").parts
    ('县委办', '县政府办', '县纪委监委')
    >>> parse_holders("各县直单位机关党委（总支、支部）").parts
    ('各县直单位机关党委(总支、支部)',)
    >>> s = parse_holders("区财政局、区审计局等部门")
    >>> s.parts, s.et_al
    (('区财政局', '区审计局'), ('区审计局等部门',))
    >>> parse_holders("各相关单位").placeholders
    ('各相关单位',)
    """
    pieces, cuts, unbalanced = split_outside_brackets(cell, HOLDER_SEPARATORS)
    parts: list[str] = []
    seen: set[str] = set()
    et_al: list[str] = []
    duplicates: list[str] = []
    for piece in pieces:
        part = clean(piece)
        m = _ET_AL.search(part)
        if m is not None:
            et_al.append(part)
            part = part[: m.start()].rstrip()
        if not part:
            continue
        if part in seen:
            if part not in duplicates:
                duplicates.append(part)
            continue
        seen.add(part)
        parts.append(part)
    separators: list[str] = []
    for cut in cuts:
        for ch in cut.replace("\r\n", "\n"):
            sep = "\n" if ch in "\r\u2028\u2029" else ch
            if sep not in separators:
                separators.append(sep)
    return HolderSplit(
        clean(cell), tuple(parts), tuple(separators), tuple(et_al), tuple(duplicates), unbalanced
    )


def split_holders(cell: str) -> tuple[str, ...]:
    """Return the holders named in one cell, split, normalised, in order, without repeats.

    The rules are those of :func:`parse_holders`, which also says what was split.

    Examples
    --------
    >>> split_holders("区发改局（牵头）、区财政局")
    ('区发改局(牵头)', '区财政局')
    >>> split_holders("立山经济开发区,全区经济运行各专班；各相关单位")
    ('立山经济开发区', '全区经济运行各专班', '各相关单位')
    >>> split_holders("  ")
    ()
    """
    return parse_holders(cell).parts


def split_plain(cell: str, clean_part: Callable[[str], str] = clean) -> tuple[str, ...] | None:
    """Return :func:`split_holders` of a cell with no bracket, quote or 等; else ``None``.

    Such a cell (most are) needs none of the bookkeeping of :func:`parse_holders`:
    it is split on the separators in C and each piece cleaned by ``clean_part``
    (a memoising :class:`~zeren_graph.io.text.Normalizer`: pieces repeat across
    cells). No character but 等 itself normalises to one holding 等, so no part
    of such a cell is an open list.

    Examples
    --------
    >>> split_plain("区委办、区政府办，区委办"), split_plain("区财政局等"), split_plain("甲（乙）")
    (('区委办', '区政府办'), None, None)
    """
    if "等" in cell or _ANY_BRACKET.search(cell) is not None:
        return None
    pieces = _separator_pattern(HOLDER_SEPARATORS).split(cell)[0::2]
    return tuple(dict.fromkeys(filter(None, map(clean_part, pieces))))

r"""The column contract of flat lists and units tables: canonical names and header aliases.

Headers are matched as offices write them. :func:`header_key` NFKC-normalises
a header, case-folds it, drops the spaces and line breaks next to Chinese
characters (``职　　责``, ``责 任 单 位``, ``责任\n单位``; spaces between
English words read as ``_``, as ``-`` does), a trailing colon (``职责：``) and
trailing annotations in brackets — ``()`` ``（）`` ``[]`` ``［］`` ``【】``
``〔〕`` ``〖〗`` — which :func:`split_header` returns as the note
(``责任人（签字）`` → ``责任人``, note ``签字``). Only *trailing* brackets are
annotations: ``责任(配合)单位`` names the supporting units, not ``责任单位``.

:meth:`ColumnSet.read` then decides, header by header (a :class:`HeaderMatch`):

1. the key equals a column's English name or one of its aliases: the column;
2. the key is an alias followed by a name word (``名称``, ``姓名``, ``_name``:
   ``岗位名称``, ``责任人姓名``): the column too, and the loaders name the
   header in a warning, since it is not an accepted header as such;
3. otherwise, a header *close* to an alias or to a curated near word
   (:data:`NEAR_WORDS`: ``职位``, ``部门``, ``负责人`` ...) is not read but
   *resembles* that column: the missing-column error suggests it and the
   loaders warn that it was ignored. Close means one contains the other
   (``职责内容`` ⊃ ``职责``, ``牵头部门`` ⊃ ``部门``; both at least two characters)
   or a :class:`difflib.SequenceMatcher` ratio of at least 0.6 (``责任单元`` ~
   ``责任单位``, 0.75); English names compare as ``_``-separated words, or by a
   ratio of at least 0.8 (``units`` ~ ``unit``). The closest wins, but a word
   the header ends with comes first, as Chinese compounds are head-final
   (``单位类型`` resembles ``类型``, ``责任单位负责人`` ``负责人``). Keys longer than
   :data:`NEAR_MAX_CHARS` are text, not headers, and resemble nothing; so do
   the headers of a row beyond its first :data:`NEAR_MAX_HEADERS` (they are
   still named as ignored).

Examples
--------
>>> LIST_COLUMNS.match(["序号", " 职　责 ", "责任单位（牵头）", "ROLE", "岗位名称："])
{'id': 0, 'duty': 1, 'unit': 2, 'role': 3, 'post': 4}
>>> LIST_COLUMNS.missing({"duty": 1, "unit": 2})
('role',)
>>> LIST_COLUMNS.read("职位").resembles, LIST_COLUMNS.read("备注").resembles
('post', None)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from zeren_graph.io.header_text import HEADER_MAX_CHARS, header_key, split_header

__all__ = [
    "HEADER_MAX_CHARS",
    "IGNORE",
    "LIST_COLUMNS",
    "NAME_SUFFIXES",
    "NEAR_MAX_CHARS",
    "NEAR_MAX_HEADERS",
    "NEAR_WORDS",
    "UNIT_COLUMNS",
    "ColumnSet",
    "HeaderMatch",
    "header_key",
    "split_header",
]

#: Words that may follow an alias and still name its column (``岗位名称`` is ``岗位``).
NAME_SUFFIXES = ("名称", "姓名", "_name")
#: A normalised header longer than this is text, not a header: it resembles no column.
NEAR_MAX_CHARS = 24
#: Only the first this many headers of a row are compared for resemblance.
NEAR_MAX_HEADERS = 200
#: Least :class:`difflib.SequenceMatcher` ratio for a header to resemble an alias.
_NEAR_RATIO = 0.6
#: The same for English names, whose letters are cheaper to share.
_NEAR_RATIO_ASCII = 0.8
#: The field a column mapping gives a header that is not to be read.
IGNORE = "ignore"
#: A leading year, read as without it (``2022年预期目标`` is ``预期目标``).
_YEAR = re.compile(r"(?:19|20)\d\d年度?")


@dataclass(frozen=True)
class HeaderMatch:
    """How one header was read: the column it names, or the column it resembles.

    Attributes
    ----------
    header : str
        The header as written.
    key : str
        Its :func:`header_key`.
    note : str
        The trailing annotation in brackets (``签字`` of ``责任人（签字）``), or ``""``.
    column : str or None
        The canonical column read from it.
    alias : str or None
        The accepted header it equals (``column`` set), extends by a name word
        (``suffixed``), or resembles (``resembles`` set; for a near word such
        as ``职位``, the column's first alias, ``岗位``).
    suffixed : bool
        Read as ``column`` because it is ``alias`` followed by a word of
        :data:`NAME_SUFFIXES`; the loaders name such headers in a warning.
    resembles : str or None
        When ``column`` is ``None``: the column it looks like, if any.
    """

    header: str
    key: str
    note: str = ""
    column: str | None = None
    alias: str | None = None
    suffixed: bool = False
    resembles: str | None = None

    def looks_like(self) -> str:
        """Return ``'责任单元' looks like 'unit' (责任单位)`` for messages.

        Examples
        --------
        >>> print(LIST_COLUMNS.read("责任单元").looks_like())
        '责任单元' looks like 'unit' (责任单位)
        """
        return f"'{self.header}' looks like '{self.resembles or self.column}' ({self.alias})"


#: Words offices write for a column that are not aliases (reading them could be
#: wrong) but make a header resemble it: a warning, never a match.
NEAR_WORDS: dict[str, tuple[str, ...]] = {
    "unit": ("部门", "主体"),
    "post": ("职位", "领导"),
    "person": ("负责人", "联系人"),
    "indicator": ("考核",),
    "frequency": ("频率",),
}


def _resembles(key: str, word: str) -> float:
    """Return how close ``key`` is to ``word`` (0 when not close at all)."""
    if key.isascii() != word.isascii():
        return 0.0
    if key.isascii():
        words, inside = key.split("_"), word.split("_")
        contained = any(words[i : i + len(inside)] == inside for i in range(len(words)))
        least = _NEAR_RATIO_ASCII
    else:
        contained = min(len(key), len(word)) >= 2 and (word in key or key in word)
        least = _NEAR_RATIO
    matcher = difflib.SequenceMatcher(None, key, word)
    if not contained and matcher.quick_ratio() < least:  # an upper bound of ratio()
        return 0.0
    ratio = matcher.ratio()
    return ratio if contained or ratio >= least else 0.0


@dataclass(frozen=True)
class ColumnSet:
    """The columns of one kind of table.

    Parameters
    ----------
    aliases : dict of str to tuple of str
        Canonical column → accepted headers (the canonical name is accepted too),
        in the order the exporters write them.
    required : tuple of str
        Canonical columns that must be present.
    any_of : tuple of tuple of str, optional
        Groups of columns of which at least one each must be present (a task table
        needs a task column and a holder column).
    none_of : tuple of str, optional
        Columns whose presence means the row is not this kind of header.
    alternatives : tuple of ColumnSet, optional
        Other kinds of table tried, in order, when a row is not this one's header
        (the long list, then a task table); :func:`~zeren_graph.io.tabular.make_table`
        records on the table which one was found.
    layout : str, optional
        The layout a table headed by this set has (``long``, ``task_table``, ``grouped``).
    overrides : dict of str to str, optional
        Header key → column (or ``ignore``) the user mapped: read so whatever the
        aliases say (see :mod:`zeren_graph.io.options`).
    """

    aliases: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    any_of: tuple[tuple[str, ...], ...] = ()
    none_of: tuple[str, ...] = ()
    alternatives: tuple[ColumnSet, ...] = ()
    layout: str = ""
    overrides: dict[str, str] = field(default_factory=dict)
    _lookup: dict[str, tuple[str, str]] = field(init=False, repr=False, compare=False)
    _near: list[tuple[str, tuple[str, str]]] = field(init=False, repr=False, compare=False)
    _by_char: dict[str, list[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, tuple[str, str]] = {}
        near: dict[str, tuple[str, str]] = {}
        for column, words in self.aliases.items():
            for word in (column, *words):
                lookup[header_key(word)] = (column, word)
                near.setdefault(header_key(word), (column, word))
            for word in NEAR_WORDS.get(column, ()):  # shown as the header to write instead
                near.setdefault(header_key(word), (column, (*words, column)[0]))
        by_char: dict[str, list[int]] = {}
        for index, word in enumerate(near):
            for char in set(word):
                by_char.setdefault(char, []).append(index)
        object.__setattr__(self, "_lookup", lookup)
        object.__setattr__(self, "_near", list(near.items()))
        object.__setattr__(self, "_by_char", by_char)

    def _resolve(self, key: str) -> tuple[str, str, bool] | None:
        """Return ``(column, alias, suffixed)`` for a key read as a column, else ``None``."""
        if key in self.overrides:  # mapped by the user: wins over the aliases
            column = self.overrides[key]
            return None if column == IGNORE else (column, key, False)
        found = self._lookup.get(key)
        if found is not None:
            return (*found, False)
        year = _YEAR.match(key)
        if year is not None and (found := self._lookup.get(key[year.end() :])):
            return (*found, False)  # 2022年预期目标 is 预期目标
        for suffix in NAME_SUFFIXES:
            if key.endswith(suffix) and (found := self._lookup.get(key[: -len(suffix)])):
                return (*found, True)
        return None

    def canonical(self, header: str) -> str | None:
        """Return the canonical column ``header`` names, or ``None``.

        Examples
        --------
        >>> LIST_COLUMNS.canonical("责任类型"), LIST_COLUMNS.canonical("备注")
        ('role', None)
        >>> LIST_COLUMNS.canonical("岗 位 名 称"), LIST_COLUMNS.canonical("职位")
        ('post', None)
        """
        found = self._resolve(header_key(header))
        return None if found is None else found[0]

    def read(self, header: str) -> HeaderMatch:
        """Return how ``header`` is read: its column, or the column it resembles.

        Examples
        --------
        >>> LIST_COLUMNS.read("责任人（签字）")
        HeaderMatch(header='责任人（签字）', key='责任人', note='签字', column='person', \
alias='责任人', suffixed=False, resembles=None)
        >>> m = LIST_COLUMNS.read("责任单位名称")
        >>> m.column, m.alias, m.suffixed
        ('unit', '责任单位', True)
        >>> [LIST_COLUMNS.read(h).resembles for h in ("职责内容", "牵头部门", "完成情况")]
        ['duty', 'unit', None]
        """
        name, note = split_header(header)
        key = name.casefold().replace("-", "_").replace(" ", "_")
        found = self._resolve(key)
        if found is not None:
            column, alias, suffixed = found
            return HeaderMatch(header, key, note, column, alias, suffixed)
        near = None if key in self.overrides else self._nearest(key)
        if near is None:
            return HeaderMatch(header, key, note)
        return HeaderMatch(header, key, note, alias=near[1], resembles=near[0])

    def _nearest(self, key: str) -> tuple[str, str] | None:
        """Return ``(column, alias)`` of the alias or near word closest to ``key``, if any."""
        if not 2 <= len(key) <= NEAR_MAX_CHARS:
            return None
        best, score = None, (False, 0.0)
        by_char = self._by_char
        for index in sorted({i for c in set(key) for i in by_char.get(c, ())}):
            word, found = self._near[index]  # only words sharing a character can be close
            ratio = _resembles(key, word)
            # Chinese compounds are head-final: 单位类型 is a 类型, 责任单位负责人 a 负责人
            closeness = (ratio > 0 and key.endswith(word), ratio)
            if closeness > score:
                best, score = found, closeness
        return best

    def match(self, headers: Sequence[str]) -> dict[str, int]:
        """Map canonical columns to the index of the first header naming them."""
        found: dict[str, int] = {}
        for i, header in enumerate(headers):
            column = self.canonical(header)
            if column is not None and column not in found:
                found[column] = i
        return found

    def missing(self, found: dict[str, int]) -> tuple[str, ...]:
        """Return the required columns absent from ``found``."""
        return tuple(c for c in self.required if c not in found)

    def accepts(self, found: dict[str, int]) -> bool:
        """Whether the columns ``found`` in a row make it this kind of header.

        Examples
        --------
        >>> LIST_COLUMNS.accepts({"duty": 0, "unit": 1, "role": 2}), LIST_COLUMNS.accepts({})
        (True, False)
        """
        return (
            not self.missing(found)
            and all(any(c in found for c in group) for group in self.any_of)
            and not any(c in found for c in self.none_of)
        )

    def detect(self, headers: Sequence[str]) -> tuple[ColumnSet, dict[str, int]] | None:
        """Return the first of this set and its alternatives that ``headers`` are a header of.

        Examples
        --------
        >>> LIST_COLUMNS.detect(["职责", "单位", "责任类型"])[1]
        {'duty': 0, 'unit': 1, 'role': 2}
        >>> LIST_COLUMNS.detect(["备注"]) is None
        True
        """
        for columns in (self, *self.alternatives):
            found = columns.match(headers)
            if columns.accepts(found):
                return columns, found
        return None

    def describe(self, column: str) -> str:
        """Return ``"role (责任类型)"``: a column and its Chinese headers.

        Examples
        --------
        >>> LIST_COLUMNS.describe("duty")
        'duty (职责, 责任内容, 任务)'
        """
        return f"{column} ({', '.join(self.aliases[column])})"

    def chinese(self, column: str) -> str:
        """Return the first Chinese header of ``column``, as the exporters write it.

        Examples
        --------
        >>> UNIT_COLUMNS.chinese("parent")
        '上级单位'
        """
        return self.aliases[column][0]


#: Columns of a flat responsibility list (one row per duty × holder × role).
LIST_COLUMNS = ColumnSet(
    aliases={
        "id": ("编号", "序号"),
        "duty": ("职责", "责任内容", "任务"),
        "unit": ("责任单位", "单位"),
        "post": ("岗位", "职务"),
        "person": ("责任人", "姓名"),
        "role": ("责任类型",),
        "scope": ("责任范围", "范围"),
        "category": ("类别",),
        "indicator": ("考核指标", "指标"),
        "frequency": ("频次",),
        "derived_from": ("上级职责",),
        "reason": ("说明", "理由"),
        "measures": ("具体措施", "工作措施"),
        "deadline": ("完成时限", "时间节点"),
    },
    required=("duty", "unit", "role"),
    layout="long",
)

#: Columns of a units table (one row per unit).
UNIT_COLUMNS = ColumnSet(
    aliases={
        "unit": ("单位", "单位名称"),
        "parent": ("上级单位",),
        "kind": ("类型",),
        "level": ("层级",),
        "sectors": ("行业",),
        "party_members": ("党员数",),
        "party_staff": ("党务人员",),
        "has_party_org": ("建立党组织",),
        "remote": ("偏远",),
        "guided_by": ("业务指导",),
    },
    required=("unit",),
)

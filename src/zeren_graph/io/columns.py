"""The column contract of flat lists and units tables: canonical names and header aliases.

A header matches a column when, after NFKC normalisation, trimming and case
folding (and ``-``/space read as ``_``), it equals the column's English name or
one of its Chinese aliases.

Examples
--------
>>> LIST_COLUMNS.match(["序号", " 职责 ", "责任单位", "ROLE", "岗位"])
{'id': 0, 'duty': 1, 'unit': 2, 'role': 3, 'post': 4}
>>> LIST_COLUMNS.missing({"duty": 1, "unit": 2})
('role',)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from zeren_graph.io.text import clean

__all__ = ["LIST_COLUMNS", "UNIT_COLUMNS", "ColumnSet", "header_key"]


def header_key(header: str) -> str:
    """Return the key a header is matched by.

    Examples
    --------
    >>> header_key(" Derived-From ")
    'derived_from'
    """
    return clean(header).casefold().replace("-", "_").replace(" ", "_")


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
    """

    aliases: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    _lookup: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, str] = {}
        for column, words in self.aliases.items():
            for word in (column, *words):
                lookup[header_key(word)] = column
        object.__setattr__(self, "_lookup", lookup)

    def canonical(self, header: str) -> str | None:
        """Return the canonical column ``header`` names, or ``None``.

        Examples
        --------
        >>> LIST_COLUMNS.canonical("责任类型"), LIST_COLUMNS.canonical("备注")
        ('role', None)
        """
        return self._lookup.get(header_key(header))

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
    },
    required=("duty", "unit", "role"),
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

"""Shared data and types of the io tests (a module name no other test directory uses)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from zeren_graph.model import ResponsibilityModel

Rows = Sequence[Sequence[object]]
CsvWriter = Callable[..., Path]
XlsxWriter = Callable[..., Path]

UNITS = [
    ["单位", "上级单位", "类型", "层级", "党员数", "建立党组织", "偏远"],
    ["县委", "", "党委", "县", "5200", "是", "否"],
    ["甲镇党委", "县委", "党委", "乡镇", "320", "是", "否"],
    ["乙镇党委", "县委", "", "乡镇", "280", "yes", "1"],
    ["乙镇东村党支部", "乙镇党委", "支部", "村", "35", "1", "是"],
]


def holders_of(model: ResponsibilityModel, needle: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """Return (holder, role, persons) of the assignments of the duty whose name holds needle."""
    index = model.index
    (duty,) = [d for d in model.duties if needle in d.name]
    out = []
    for a in index.assignments_of_duty[duty.id]:
        persons = () if a.collective else index.posts[a.holder].holders
        out.append((a.holder, a.role.value, persons))
    return out

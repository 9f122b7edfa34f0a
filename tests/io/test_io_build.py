"""The fast construction the loaders use builds what pydantic validation builds."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from pydantic import BaseModel

from zeren_graph._gc import paused_gc
from zeren_graph.io._build import construct, constructor
from zeren_graph.model import Assignment, Duty, Person, Post, Source, Unit
from zeren_graph.vocab import Category, PostKind, Role, UnitKind

SOURCE = {"file": "清单.csv", "row": 3, "sheet": None}
CASES: list[tuple[type[BaseModel], dict[str, Any]]] = [
    (Source, SOURCE),
    (Person, {"id": "李娜", "name": "李娜"}),
    (Unit, {"id": "乙镇党委", "name": "乙镇党委", "parent": "县委", "kind": UnitKind.committee,
            "level": "乡镇", "sectors": (), "party_members": 12, "party_staff": 0.5,
            "has_party_org": True, "remote": None, "guided_by": ("教育工委",), "source": None}),
    (Post, {"id": "乙镇党委/书记", "unit": "乙镇党委", "title": "书记", "kind": PostKind.secretary,
            "holders": ("李娜",), "full_time": None, "source": None}),
    (Duty, {"id": "乙镇党委/组织生活会", "name": "组织生活会", "scope": "乙镇党委",
            "category": Category.party_building, "indicator": None, "frequency": None,
            "derived_from": None, "source": None}),
    (Assignment, {"duty": "乙镇党委/组织生活会", "holder": "乙镇党委/书记", "collective": False,
                  "role": Role.lead, "id": "1", "reason": None, "indicator": "全年4次",
                  "frequency": None, "measures": "建立台账", "deadline": None,
                  "source": Source(file="清单.csv", row=3)}),
]  # fmt: skip


@pytest.mark.parametrize(("cls", "values"), CASES, ids=[c.__name__ for c, _ in CASES])
def test_construct_equals_validation(cls: type[BaseModel], values: dict[str, Any]) -> None:
    assert set(values) == set(cls.model_fields)  # the loaders pass every field
    fast = construct(cls, dict(values))
    assert fast == cls.model_validate(values) == cls.model_construct(**values)
    assert constructor(cls)(dict(values)) == fast
    assert fast.model_dump() == cls.model_validate(values).model_dump()
    with pytest.raises(ValueError, match="frozen"):
        fast.id = "x"  # type: ignore[attr-defined]  # frozen like the validated one


def test_paused_gc_restores_the_collector_after_an_error() -> None:
    assert gc.isenabled()

    def fail() -> None:
        with paused_gc():
            assert not gc.isenabled()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail()
    assert gc.isenabled()

"""Fixtures for the analysis tests: a county → township → village model and a checker."""

from __future__ import annotations

import pytest

from zeren_graph.analysis import Checker, make_checker
from zeren_graph.model import (
    Assignment,
    Duty,
    Person,
    Post,
    ResponsibilityModel,
    Source,
    Supervision,
    Unit,
)

LIST = "清单.csv"


def _row(duty: str, holder: str, role: str, row: int, *, collective: bool = False) -> Assignment:
    return Assignment(
        duty=duty,
        holder=holder,
        role=role,
        collective=collective,
        source=Source(file=LIST, row=row),
    )


def county() -> ResponsibilityModel:
    """县委 → 甲镇党委/乙镇党委 → 丙村支部, with 县纪委 beside the townships."""
    units = [
        Unit(id="县委", kind="党委", level="县"),
        Unit(id="县纪委", kind="纪委", parent="县委", level="县"),
        Unit(id="甲镇党委", kind="党委", parent="县委", level="乡镇", party_members=120),
        Unit(id="乙镇党委", kind="党委", parent="县委", level="乡镇", party_members=80),
        Unit(id="丙村支部", kind="支部", parent="甲镇党委", level="村"),
    ]
    posts = [
        Post(id="县委/书记", unit="县委", title="书记", kind="书记", holders=["王县"]),
        Post(id="县纪委/书记", unit="县纪委", title="书记", kind="纪检", holders=["赵纪"]),
        Post(id="甲镇党委/书记", unit="甲镇党委", title="书记", holders=["张三"]),
        Post(id="甲镇党委/组织委员", unit="甲镇党委", title="组织委员", holders=["李四"]),
        Post(id="乙镇党委/书记", unit="乙镇党委", title="书记", holders=["钱五"]),
        Post(id="丙村支部/书记", unit="丙村支部", title="书记"),
    ]
    persons = [Person(id=p) for p in ("王县", "赵纪", "张三", "李四", "钱五")]
    duties = [
        Duty(id="丙村支部/三会一课", name="三会一课", scope="丙村支部"),
        Duty(id="甲镇党委/组织生活", name="组织生活", scope="甲镇党委"),
        Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委"),
        Duty(id="甲镇党委/党员发展", name="党员发展", scope="甲镇党委"),
        Duty(id="甲镇党委/宣传", name="宣传", scope="甲镇党委"),
    ]
    assignments = [
        _row("丙村支部/三会一课", "丙村支部/书记", "第一责任人", 2),
        _row("丙村支部/三会一课", "丙村支部", "主体责任", 3, collective=True),
        _row("丙村支部/三会一课", "甲镇党委/组织委员", "监督责任", 4),
        _row("甲镇党委/组织生活", "甲镇党委/书记", "第一责任人", 5),
        _row("甲镇党委/组织生活", "甲镇党委/组织委员", "直接责任", 6),
        _row("甲镇党委/组织生活", "县纪委", "监督责任", 7, collective=True),
        _row("乙镇党委/组织生活", "乙镇党委/书记", "第一责任人", 8),
        _row("甲镇党委/党员发展", "甲镇党委/组织委员", "牵头", 9),
        _row("甲镇党委/党员发展", "县纪委/书记", "监督责任", 10),
    ]
    supervisions = [Supervision(supervisor="县纪委", supervised="甲镇党委", period=6)]
    return ResponsibilityModel(
        name="某县",
        units=units,
        posts=posts,
        persons=persons,
        duties=duties,
        assignments=assignments,
        supervisions=supervisions,
    )


@pytest.fixture
def model() -> ResponsibilityModel:
    return county()


@pytest.fixture
def checker() -> Checker:
    """The real rule engine, with its defaults."""
    return make_checker()
